import {
  badInput,
  conflict,
  isUniqueViolation,
  type MemberInfo,
  parseId,
  type RequestContext,
  today,
} from "@tongxin/sdk";
import { In } from "typeorm";
import type { TrainingSession } from "../session/session.entity";
import { sessionLoaders } from "../session/session.loader";
import { getSessionToManage } from "../session/session.service";
import { TrainingAttendance, TrainingEnrolment } from "./enrolment.entity";
import type { AttendanceMarking, AttendanceRecordInput } from "./enrolment.inputs";

/** A roster for one session: a county's whole register fits, with room to spare. */
export const MAX_ROSTER = 500;
const CHUNK = 200;

const chunks = <T>(list: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/**
 * Members of any committee may be trained (市县联动): each must have held a seat on some
 * committee on the day the session began. One look-up in the members subgraph for the
 * whole list; `fieldOf(i)` names the offending line.
 */
async function assertSeatedMembers(
  ctx: RequestContext,
  session: TrainingSession,
  ids: number[],
  fieldOf: (i: number) => string,
): Promise<void> {
  const day = session.startsOn < today() ? session.startsOn : today();
  const found = await ctx.runtime.members.lookup(ids.map(String), day);
  const byId = new Map<number, MemberInfo>(found.map((m) => [Number(m.id), m]));
  ids.forEach((id, i) => {
    if (!byId.get(id)?.committees.length) {
      throw badInput(fieldOf(i), `委员 ${id} 在 ${day} 不在任何政协任职`, `member ${id} held no seat on ${day}`);
    }
  });
}

function parseIds(raw: readonly string[], fieldOf: (i: number) => string, listField: string): number[] {
  if (raw.length === 0) throw badInput(listField, "名单为空", "the list is empty");
  if (raw.length > MAX_ROSTER) {
    throw badInput(listField, `一次最多 ${MAX_ROSTER} 人`, `at most ${MAX_ROSTER} members at once`);
  }
  const ids = raw.map((r, i) => parseId(r, fieldOf(i)));
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw badInput(fieldOf(i), "名单中重复出现", "listed twice");
    seen.add(id);
  });
  return ids;
}

async function enrolledAmong(tx: RequestContext, sessionId: number, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks(ids, MAX_ROSTER)) {
    const rows = await tx.repo(TrainingEnrolment).find({
      select: { memberId: true },
      where: { sessionId, memberId: In(part) },
    });
    rows.forEach((r) => found.add(r.memberId));
  }
  return found;
}

/** 报名: enrols members not yet enrolled; those already on the list are left as they are. */
export async function enrolTrainees(
  ctx: RequestContext,
  rawSessionId: string,
  rawIds: string[],
): Promise<TrainingSession> {
  const session = await getSessionToManage(ctx, rawSessionId, "sessionId");
  const ids = parseIds(rawIds, (i) => `memberIds[${i}]`, "memberIds");
  await assertSeatedMembers(ctx, session, ids, (i) => `memberIds[${i}]`);
  try {
    await ctx.transaction(TrainingEnrolment, async (tx) => {
      const already = await enrolledAmong(tx, session.id, ids);
      const rows = ids
        .filter((id) => !already.has(id))
        .map((memberId) => ({ sessionId: session.id, memberId, attendance: null, markedAt: null, markedBy: null }));
      for (const part of chunks(rows)) await tx.repo(TrainingEnrolment).insert(part);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("the session's enrolment list");
    throw e;
  }
  sessionLoaders(ctx).enrolments.clear(session.id);
  sessionLoaders(ctx).summary.clear(session.id);
  return session;
}

/**
 * 登记出勤 for a whole sheet in one transaction, all or nothing: every line is checked
 * (ids, duplicates, one batched look-up of the members) before anything is written; then
 * members not yet enrolled are inserted and the others updated, in chunks, grouped by
 * status. A sheet of 500 costs a handful of statements, not 500.
 */
export async function markAttendance(
  ctx: RequestContext,
  rawSessionId: string,
  records: AttendanceRecordInput[],
): Promise<AttendanceMarking> {
  const session = await getSessionToManage(ctx, rawSessionId, "sessionId");
  if (session.startsOn > today()) {
    throw badInput(
      "sessionId",
      "班次尚未开始, 不能登记出勤",
      "the session has not started: attendance cannot be marked yet",
    );
  }
  // A status outside TrainingAttendance never gets here: GraphQL refuses it, naming records[i].status.
  const fieldOf = (i: number) => `records[${i}].memberId`;
  const ids = parseIds(
    records.map((r) => r.memberId),
    fieldOf,
    "records",
  );
  await assertSeatedMembers(ctx, session, ids, fieldOf);
  const statusOf = new Map(ids.map((id, i) => [id, records[i].status]));
  const markedAt = new Date();
  const markedBy = ctx.identity.subject.slice(0, 100);

  let newlyEnrolled = 0;
  try {
    await ctx.transaction(TrainingEnrolment, async (tx) => {
      const already = await enrolledAmong(tx, session.id, ids);
      const fresh = ids.filter((id) => !already.has(id));
      newlyEnrolled = fresh.length;
      for (const part of chunks(fresh)) {
        await tx.repo(TrainingEnrolment).insert(
          part.map((memberId) => ({
            sessionId: session.id,
            memberId,
            attendance: statusOf.get(memberId)!,
            markedAt,
            markedBy,
          })),
        );
      }
      for (const status of Object.values(TrainingAttendance)) {
        const update = ids.filter((id) => already.has(id) && statusOf.get(id) === status);
        for (const part of chunks(update, MAX_ROSTER)) {
          await tx
            .manager(TrainingEnrolment)
            .createQueryBuilder()
            .update(TrainingEnrolment)
            .set({ attendance: status, markedAt, markedBy })
            .where("session_id = :sessionId AND member_id IN (:...part)", { sessionId: session.id, part })
            .execute();
        }
      }
    });
  } catch (e) {
    // Someone enrolled one of these members between our read and our insert.
    if (isUniqueViolation(e)) throw conflict("the session's attendance sheet");
    throw e;
  }
  sessionLoaders(ctx).enrolments.clear(session.id);
  sessionLoaders(ctx).summary.clear(session.id);
  const count = (s: TrainingAttendance) => ids.filter((id) => statusOf.get(id) === s).length;
  return {
    session,
    marked: ids.length,
    newlyEnrolled,
    attended: count(TrainingAttendance.ATTENDED),
    absent: count(TrainingAttendance.ABSENT),
    excused: count(TrainingAttendance.EXCUSED),
  };
}
