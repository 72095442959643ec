import { defineLoaders, groupBy } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { TrainingAttendance, TrainingEnrolment } from "../enrolment/enrolment.entity";
import { TrainingSession } from "./session.entity";

export interface AttendanceSummary {
  enrolled: number;
  attended: number;
  absent: number;
  excused: number;
  unmarked: number;
}

/** One statement per kind of look-up per request, whatever the page size (rule 3). */
export const sessionLoaders = defineLoaders((ctx) => ({
  /** By id, without a scope check: callers check with `canSeeSession`. */
  byId: new DataLoader<number, TrainingSession | null>(async (ids) => {
    const rows = await ctx.repo(TrainingSession).findBy({ id: In([...ids]) });
    const map = new Map(rows.map((s) => [s.id, s]));
    return ids.map((id) => map.get(id) ?? null);
  }),
  enrolments: new DataLoader<number, TrainingEnrolment[]>(async (sessionIds) => {
    const rows = await ctx.repo(TrainingEnrolment).find({
      where: { sessionId: In([...sessionIds]) },
      order: { memberId: "ASC" },
    });
    const bySession = groupBy(rows, (r) => r.sessionId);
    return sessionIds.map((id) => bySession.get(id) ?? []);
  }),
  summary: new DataLoader<number, AttendanceSummary>(async (sessionIds) => {
    const rows = await ctx
      .repo(TrainingEnrolment)
      .createQueryBuilder("e")
      .select("e.session_id", "sessionId")
      .addSelect("e.attendance", "attendance")
      .addSelect("COUNT(*)", "n")
      .where("e.session_id IN (:...ids)", { ids: [...sessionIds] })
      .groupBy("e.session_id")
      .addGroupBy("e.attendance")
      .getRawMany<{ sessionId: number; attendance: TrainingAttendance | null; n: number | string }>();
    const bySession = groupBy(rows, (r) => Number(r.sessionId));
    return sessionIds.map((id) => {
      const mine = bySession.get(id) ?? [];
      const of = (a: TrainingAttendance | null) => Number(mine.find((r) => r.attendance === a)?.n ?? 0);
      const attended = of(TrainingAttendance.ATTENDED);
      const absent = of(TrainingAttendance.ABSENT);
      const excused = of(TrainingAttendance.EXCUSED);
      const unmarked = of(null);
      return { enrolled: attended + absent + excused + unmarked, attended, absent, excused, unmarked };
    });
  }),
  /** Sessions a member is enrolled in (a member's own read scope). */
  sessionIdsOf: new DataLoader<number, Set<number>>(async (memberIds) => {
    const rows = await ctx.repo(TrainingEnrolment).find({
      select: { memberId: true, sessionId: true },
      where: { memberId: In([...memberIds]) },
    });
    const byMember = groupBy(rows, (r) => r.memberId);
    return memberIds.map((m) => new Set((byMember.get(m) ?? []).map((r) => r.sessionId)));
  }),
}));
