import { AnnualReportRef, CommitteeRef, defineModule, MemberRef, scopedRecord } from "@tongxin/sdk";
import { MeetingAttendance } from "./attendance/attendance.entity";
import { MeetingLeaveRequest } from "./leave/leave.entity";
import { Meeting } from "./meeting/meeting.entity";
import { meetingScope } from "./meeting/meeting.scope";
import {
  MeetingAttendanceResolver,
  MeetingLeaveResolver,
  MeetingResolver,
  MeetingSpeechResolver,
  meetingReference,
} from "./meeting/meeting.resolver";
import { MemberMeetingsResolver } from "./member/meeting-record";
import { MeetingsInitial1733100000000 } from "./migrations/1733100000000-meetings-initial";
import { MANAGE_MEETINGS, READ_MEETINGS, REQUEST_LEAVE } from "./permissions";
import { seedMeetings } from "./seed/meetings.seed";
import { MeetingSpeech } from "./speech/speech.entity";
import { MEETING_STATS } from "./stats/meeting-figures";
import { MeetingStats } from "./stats/meeting-stats";
import { CommitteeMeetingStatsResolver, MeetingReportResolver } from "./stats/meeting-stats.resolver";

/** 会议与出勤: plenary, standing-committee, chair and consultation meetings; roll, attendance, leave, speeches. */
export const meetingsModule = defineModule({
  name: "meetings",
  title: "会议与出勤",
  kind: "core",
  entities: [Meeting, MeetingAttendance, MeetingLeaveRequest, MeetingSpeech],
  migrations: [MeetingsInitial1733100000000],
  resolvers: [
    MeetingResolver,
    MeetingAttendanceResolver,
    MeetingLeaveResolver,
    MeetingSpeechResolver,
    CommitteeMeetingStatsResolver,
    MeetingReportResolver,
    MemberMeetingsResolver,
  ],
  types: [MeetingStats],
  stubs: [CommitteeRef, MemberRef, AnnualReportRef],
  references: { Meeting: meetingReference },
  permissions: [READ_MEETINGS, MANAGE_MEETINGS, REQUEST_LEAVE],
  scoped: [
    scopedRecord(meetingScope, {
      typename: "Meeting",
      list: { query: "{ meetings(first: 100) { edges { node { id } } } }", ids: "meetings.edges.node.id" },
      byId: { query: "query ($id: ID!) { meeting(id: $id) { id } }" },
      write: { query: 'mutation ($id: ID!) { updateMeeting(id: $id, version: 1, input: { place: "-" }) { id } }' },
    }),
  ],
  stats: [MEETING_STATS],
  seed: seedMeetings,
});

export default meetingsModule;
export { Meeting, MeetingKind } from "./meeting/meeting.entity";
export { MeetingAttendance, MeetingPresence } from "./attendance/attendance.entity";
