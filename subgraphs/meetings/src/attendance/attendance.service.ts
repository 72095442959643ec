import {
  assertSeatedWithin,
  badInput,
  conflict,
  isUniqueViolation,
  parseMemberIdList,
  type RequestContext,
  seatDay,
  today,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { LeaveStatus, MeetingLeaveRequest } from "../leave/leave.entity";
import type { Meeting } from "../meeting/meeting.entity";
import type { MeetingAttendanceMarking, MeetingAttendanceRecordInput } from "../meeting/meeting.inputs";
import { meetingLoaders } from "../meeting/meeting.loader";
import { getMeetingToManage } from "../meeting/meeting.service";
import { MeetingAttendance, MeetingPresence } from "./attendance.entity";

/** A roll for one meeting: a county's whole register fits, with room to spare. */
export const MAX_ROLL = 500;
const CHUNK = 200;

export const chunks = <T>(list: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Roll, attendance and speeches name members seated on the organiser or below on the meeting's first day. */
export function assertSeatedMembers(
  ctx: RequestContext,
  meeting: Meeting,
  ids: number[],
  fieldOf: (i: number) => string,
): Promise<void> {
  return assertSeatedWithin(ctx, meeting.committeeCode, seatDay(meeting.startsOn), ids, fieldOf);
}

export const parseMemberIds = (raw: readonly string[], fieldOf: (i: number) => string, listField: string) =>
  parseMemberIdList(raw, fieldOf, listField, MAX_ROLL);

async function onRollAmong(tx: RequestContext, meetingId: number, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks(ids, MAX_ROLL)) {
    const rows = await tx
      .repo(MeetingAttendance)
      .find({ select: { memberId: true }, where: { meetingId, memberId: In(part) } });
    rows.forEach((r) => found.add(r.memberId));
  }
  return found;
}

function forget(ctx: RequestContext, meetingId: number): void {
  const l = meetingLoaders(ctx);
  l.roll.clear(meetingId);
  l.summary.clear(meetingId);
}

/**
 * 应到名单: adds members to the roll (those already on it stay as they are). With
 * `wholeRegister`, every member seated on the organising committee on the meeting's
 * first day is expected (a plenary session's roll).
 */
export async function addToRoll(
  ctx: RequestContext,
  rawMeetingId: string,
  rawIds: readonly string[] | null | undefined,
  wholeRegister: boolean,
): Promise<Meeting> {
  const meeting = await getMeetingToManage(ctx, rawMeetingId, "meetingId");
  let ids: number[];
  if (wholeRegister) {
    if (rawIds?.length)
      throw badInput("memberIds", "整体列入本级委员时不再另列名单", "give memberIds or wholeRegister, not both");
    ids = (await ctx.runtime.members.activeIn([meeting.committeeCode], seatDay(meeting.startsOn))).map((m) =>
      Number(m.id),
    );
    if (ids.length === 0)
      throw badInput("wholeRegister", "该政协当日没有在任委员", "the committee had no seated members that day");
  } else {
    ids = parseMemberIds(rawIds ?? [], (i) => `memberIds[${i}]`, "memberIds");
    await assertSeatedMembers(ctx, meeting, ids, (i) => `memberIds[${i}]`);
  }
  try {
    await ctx.transaction(MeetingAttendance, async (tx) => {
      const already = await onRollAmong(tx, meeting.id, ids);
      const rows = ids
        .filter((id) => !already.has(id))
        .map((memberId) => ({ meetingId: meeting.id, memberId, presence: null, markedAt: null, markedBy: null }));
      for (const part of chunks(rows)) await tx.repo(MeetingAttendance).insert(part);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("the meeting's roll");
    throw e;
  }
  forget(ctx, meeting.id);
  return meeting;
}

/** Members with approved leave for a meeting, among `ids`. */
export async function approvedLeaveAmong(tx: RequestContext, meetingId: number, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks(ids, MAX_ROLL)) {
    const rows = await tx.repo(MeetingLeaveRequest).find({
      select: { memberId: true },
      where: { meetingId, memberId: In(part), status: LeaveStatus.APPROVED },
    });
    rows.forEach((r) => found.add(r.memberId));
  }
  return found;
}

/**
 * 登记出席 for a whole sheet in one transaction, all or nothing. Leave decides between
 * ABSENT and ON_LEAVE, not the sheet: ON_LEAVE needs an approved request (else the line
 * is refused), and ABSENT for a member whose leave was approved is recorded ON_LEAVE.
 * Members not yet on the roll are added to it.
 */
export async function markMeetingAttendance(
  ctx: RequestContext,
  rawMeetingId: string,
  records: MeetingAttendanceRecordInput[],
): Promise<MeetingAttendanceMarking> {
  const meeting = await getMeetingToManage(ctx, rawMeetingId, "meetingId");
  if (meeting.startsOn > today()) {
    throw badInput(
      "meetingId",
      "会议尚未开始, 不能登记出席",
      "the meeting has not started: attendance cannot be marked yet",
    );
  }
  const fieldOf = (i: number) => `records[${i}].memberId`;
  const ids = parseMemberIds(
    records.map((r) => r.memberId),
    fieldOf,
    "records",
  );
  await assertSeatedMembers(ctx, meeting, ids, fieldOf);
  const markedAt = new Date();
  const markedBy = ctx.identity.subject.slice(0, 100);

  let addedToRoll = 0;
  const presenceOf = new Map<number, MeetingPresence>();
  try {
    await ctx.transaction(MeetingAttendance, async (tx) => {
      const onLeave = await approvedLeaveAmong(tx, meeting.id, ids);
      ids.forEach((id, i) => {
        const p = records[i].presence;
        if (p === MeetingPresence.ON_LEAVE && !onLeave.has(id)) {
          throw badInput(
            `records[${i}].presence`,
            `委员 ${id} 没有获批的请假, 应登记为缺席`,
            `member ${id} has no approved leave: mark them ABSENT`,
          );
        }
        presenceOf.set(id, p === MeetingPresence.ABSENT && onLeave.has(id) ? MeetingPresence.ON_LEAVE : p);
      });
      const already = await onRollAmong(tx, meeting.id, ids);
      const fresh = ids.filter((id) => !already.has(id));
      addedToRoll = fresh.length;
      for (const part of chunks(fresh)) {
        await tx.repo(MeetingAttendance).insert(
          part.map((memberId) => ({
            meetingId: meeting.id,
            memberId,
            presence: presenceOf.get(memberId)!,
            markedAt,
            markedBy,
          })),
        );
      }
      for (const presence of Object.values(MeetingPresence)) {
        const update = ids.filter((id) => already.has(id) && presenceOf.get(id) === presence);
        for (const part of chunks(update, MAX_ROLL)) {
          await tx
            .manager(MeetingAttendance)
            .createQueryBuilder()
            .update(MeetingAttendance)
            .set({ presence, markedAt, markedBy })
            .where("meeting_id = :meetingId AND member_id IN (:...part)", { meetingId: meeting.id, part })
            .execute();
        }
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("the meeting's attendance sheet");
    throw e;
  }
  forget(ctx, meeting.id);
  const count = (p: MeetingPresence) => ids.filter((id) => presenceOf.get(id) === p).length;
  return {
    meeting,
    marked: ids.length,
    addedToRoll,
    present: count(MeetingPresence.PRESENT),
    late: count(MeetingPresence.LATE),
    absent: count(MeetingPresence.ABSENT),
    onLeave: count(MeetingPresence.ON_LEAVE),
  };
}
