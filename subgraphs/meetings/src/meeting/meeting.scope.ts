import { defineScope } from "@tongxin/sdk";
import { MANAGE_MEETINGS, READ_MEETINGS } from "../permissions";
import { Meeting } from "./meeting.entity";

/**
 * Who may see which meetings (lists, look-ups and references alike), the rule of
 * training sessions:
 * - STAFF: meetings organised by their committee or one below it; the organiser's office changes them;
 * - MEMBER: meetings of a committee where they sit today, and any meeting whose roll names them;
 * - SYSTEM: all. UNIT: none.
 */
export const meetingScope = defineScope<Meeting>({
  entity: Meeting,
  name: "meeting",
  nameZh: "会议",
  committee: { column: "committee_code" },
  committeeOf: (m) => m.committeeCode,
  member: {
    seatCommittees: true,
    own: (a) =>
      `EXISTS (SELECT 1 FROM meetings_attendance vis WHERE vis.meeting_id = ${a}.id AND vis.member_id = :scopeMember)`,
  },
  readPermission: READ_MEETINGS,
  writePermission: MANAGE_MEETINGS,
});
