import { defineLoaders, groupBy } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { MeetingAttendance, MeetingPresence } from "../attendance/attendance.entity";
import { MeetingLeaveRequest } from "../leave/leave.entity";
import { MeetingSpeech } from "../speech/speech.entity";
import { Meeting } from "./meeting.entity";

export interface RollSummary {
  expected: number;
  present: number;
  late: number;
  absent: number;
  onLeave: number;
  unmarked: number;
}

const byMeeting = <T extends { meetingId: number }>(rows: T[], ids: readonly number[]): T[][] => {
  const grouped = groupBy(rows, (r) => r.meetingId);
  return ids.map((id) => grouped.get(id) ?? []);
};

/** One statement per kind of look-up per request, whatever the page size (rule 3). */
export const meetingLoaders = defineLoaders((ctx) => ({
  /** By id, without a scope check: callers check with `canSeeMeeting`. */
  byId: new DataLoader<number, Meeting | null>(async (ids) => {
    const rows = await ctx.repo(Meeting).findBy({ id: In([...ids]) });
    const map = new Map(rows.map((m) => [m.id, m]));
    return ids.map((id) => map.get(id) ?? null);
  }),
  roll: new DataLoader<number, MeetingAttendance[]>(async (ids) =>
    byMeeting(
      await ctx.repo(MeetingAttendance).find({ where: { meetingId: In([...ids]) }, order: { memberId: "ASC" } }),
      ids,
    ),
  ),
  leave: new DataLoader<number, MeetingLeaveRequest[]>(async (ids) =>
    byMeeting(
      await ctx.repo(MeetingLeaveRequest).find({ where: { meetingId: In([...ids]) }, order: { memberId: "ASC" } }),
      ids,
    ),
  ),
  speeches: new DataLoader<number, MeetingSpeech[]>(async (ids) =>
    byMeeting(await ctx.repo(MeetingSpeech).find({ where: { meetingId: In([...ids]) }, order: { id: "ASC" } }), ids),
  ),
  summary: new DataLoader<number, RollSummary>(async (ids) => {
    const rows = await ctx
      .repo(MeetingAttendance)
      .createQueryBuilder("a")
      .select("a.meeting_id", "meetingId")
      .addSelect("a.presence", "presence")
      .addSelect("COUNT(*)", "n")
      .where("a.meeting_id IN (:...ids)", { ids: [...ids] })
      .groupBy("a.meeting_id")
      .addGroupBy("a.presence")
      .getRawMany<{ meetingId: number; presence: MeetingPresence | null; n: number | string }>();
    const grouped = groupBy(rows, (r) => Number(r.meetingId));
    return ids.map((id) => {
      const mine = grouped.get(id) ?? [];
      const of = (p: MeetingPresence | null) => Number(mine.find((r) => r.presence === p)?.n ?? 0);
      const s = {
        present: of(MeetingPresence.PRESENT),
        late: of(MeetingPresence.LATE),
        absent: of(MeetingPresence.ABSENT),
        onLeave: of(MeetingPresence.ON_LEAVE),
        unmarked: of(null),
      };
      return { expected: s.present + s.late + s.absent + s.onLeave + s.unmarked, ...s };
    });
  }),
}));
