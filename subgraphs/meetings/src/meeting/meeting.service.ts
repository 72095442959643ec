import {
  filterByCommittee,
  badInput,
  conflict,
  notFound,
  paginateById,
  requireDate,
  text,
  today,
  updateWithVersion,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import { MeetingAttendance } from "../attendance/attendance.entity";
import { Meeting, MeetingKind } from "./meeting.entity";
import type { CreateMeetingInput, MeetingsArgs, UpdateMeetingInput } from "./meeting.inputs";
import { meetingLoaders } from "./meeting.loader";
import { MANAGE_MEETINGS } from "../permissions";
import { meetingScope } from "./meeting.scope";

export const MEETING = { en: "meeting", zh: "会议" };
const MAX_DAYS = 31;
const MAX_HALF_DAYS = 2 * MAX_DAYS;

/** A meeting the caller may see; anything else is NOT_FOUND, so existence does not leak. */
export function getMeeting(ctx: RequestContext, rawId: string | number, field = "id"): Promise<Meeting> {
  return meetingScope.get(ctx, rawId, field);
}

/** A meeting the caller may write to: its organiser's office (FORBIDDEN above it, NOT_FOUND elsewhere). */
export function getMeetingToManage(ctx: RequestContext, rawId: string, field: string): Promise<Meeting> {
  return meetingScope.getForWrite(ctx, rawId, field);
}

export async function listMeetings(ctx: RequestContext, args: MeetingsArgs): Promise<Connection<Meeting>> {
  const qb = await meetingScope.restrict(ctx, ctx.repo(Meeting).createQueryBuilder("m"), "m");
  await filterByCommittee(ctx, qb, "m.committee_code", args);
  if (args.year !== undefined && args.year !== null) {
    const { from, to } = yearRange(args.year);
    qb.andWhere("m.starts_on >= :from AND m.starts_on <= :to", { from, to });
  }
  if (args.kind) qb.andWhere("m.kind = :kind", { kind: args.kind });
  return paginateById(qb, args);
}

type MeetingFieldsInput = { [K in keyof UpdateMeetingInput]?: UpdateMeetingInput[K] | null };

function meetingFields(input: MeetingFieldsInput): Partial<Meeting> {
  const out: Partial<Meeting> = {};
  if (input.kind) out.kind = input.kind;
  if (input.title !== undefined && input.title !== null) {
    out.title = text(input.title, "input.title", { max: 200, required: true });
  }
  if (input.startsOn !== undefined && input.startsOn !== null) {
    out.startsOn = requireDate(input.startsOn, "input.startsOn");
  }
  if (input.endsOn !== undefined && input.endsOn !== null) out.endsOn = requireDate(input.endsOn, "input.endsOn");
  if (input.halfDays !== undefined && input.halfDays !== null) {
    if (!Number.isInteger(input.halfDays) || input.halfDays < 1 || input.halfDays > MAX_HALF_DAYS) {
      throw badInput(
        "input.halfDays",
        `会期应为 1 到 ${MAX_HALF_DAYS} 个半天`,
        `must be 1 to ${MAX_HALF_DAYS} half days`,
      );
    }
    out.halfDays = input.halfDays;
  }
  if (input.place !== undefined) out.place = text(input.place, "input.place", { max: 200 });
  return out;
}

function assertConsistent(m: Pick<Meeting, "startsOn" | "endsOn" | "halfDays">): void {
  if (m.endsOn < m.startsOn) throw badInput("input.endsOn", "结束日期不能早于开始日期", "cannot be before startsOn");
  const days = (Date.parse(m.endsOn) - Date.parse(m.startsOn)) / 86_400_000 + 1;
  if (days > MAX_DAYS)
    throw badInput("input.endsOn", `一次会议不超过 ${MAX_DAYS} 天`, `a meeting lasts at most ${MAX_DAYS} days`);
  if (m.halfDays > 2 * days) {
    throw badInput(
      "input.halfDays",
      `${days} 天的会议至多 ${2 * days} 个半天`,
      `${days} days hold at most ${2 * days} half days`,
    );
  }
}

/**
 * Past meetings are entered the same way (补录): the dates say when it happened, the
 * record says who entered it. A committee holds one plenary session a year.
 */
export async function createMeeting(ctx: RequestContext, input: CreateMeetingInput): Promise<Meeting> {
  // The permission first: a member is told FORBIDDEN, not that a field is missing.
  ctx.require(MANAGE_MEETINGS);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定组织会议的政协", "committee is required");
  await meetingScope.assertCanCreate(ctx, code, "input.committee");
  const values = { place: "", halfDays: 1, ...meetingFields(input) } as Meeting;
  values.endsOn ??= values.startsOn;
  assertConsistent(values);
  return ctx.transaction(Meeting, async (tx) => {
    if (values.kind === MeetingKind.PLENARY) await assertOnePlenaryAYear(tx, code, values.startsOn, null);
    const saved = await tx
      .repo(Meeting)
      .save(
        tx
          .repo(Meeting)
          .create({ ...values, committeeCode: code, recordedBy: ctx.identity.subject.slice(0, 100), version: 1 }),
      );
    return (await tx.repo(Meeting).findOneBy({ id: saved.id }))!;
  });
}

async function assertOnePlenaryAYear(tx: RequestContext, code: string, startsOn: string, except: number | null) {
  const year = startsOn.slice(0, 4);
  const qb = tx
    .repo(Meeting)
    .createQueryBuilder("m")
    .where("m.committee_code = :code AND m.kind = :kind", { code, kind: MeetingKind.PLENARY })
    .andWhere("m.starts_on >= :from AND m.starts_on <= :to", { from: `${year}-01-01`, to: `${year}-12-31` });
  if (except !== null) qb.andWhere("m.id <> :except", { except });
  if (await qb.getExists()) {
    throw badInput(
      "input.kind",
      `${year} 年已有全体会议`,
      `committee ${code} already has a plenary session in ${year}`,
    );
  }
}

/** Conditional on `version`. A meeting whose roll is marked cannot move into the future. */
export async function updateMeeting(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateMeetingInput,
): Promise<Meeting> {
  const meeting = await getMeetingToManage(ctx, rawId, "id");
  const values = meetingFields(input);
  if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
  const next = { ...meeting, ...values };
  assertConsistent(next);
  return ctx.transaction(Meeting, async (tx) => {
    if (next.kind === MeetingKind.PLENARY)
      await assertOnePlenaryAYear(tx, meeting.committeeCode, next.startsOn, meeting.id);
    await updateWithVersion(tx, Meeting, meeting.id, version, values, MEETING);
    const marked = await tx
      .repo(MeetingAttendance)
      .createQueryBuilder("a")
      .where("a.meeting_id = :id AND a.presence IS NOT NULL", { id: meeting.id })
      .getExists();
    if (marked && values.startsOn && values.startsOn > today()) {
      throw badInput(
        "input.startsOn",
        "已登记出席的会议不能改到将来",
        "attendance is marked: the meeting cannot move into the future",
      );
    }
    meetingLoaders(ctx).byId.clear(meeting.id);
    meetingScope.clear(ctx, meeting.id);
    return (await tx.repo(Meeting).findOneBy({ id: meeting.id }))!;
  });
}

/** A meeting entered by mistake can go while its roll is empty; after that it is a record. */
export async function deleteMeeting(ctx: RequestContext, rawId: string, version: number): Promise<boolean> {
  const meeting = await getMeetingToManage(ctx, rawId, "id");
  return ctx.transaction(Meeting, async (tx) => {
    const done = await tx
      .manager(Meeting)
      .createQueryBuilder()
      .delete()
      .from(Meeting)
      .where("id = :id AND version = :version", { id: meeting.id, version })
      .andWhere("NOT EXISTS (SELECT 1 FROM meetings_attendance a WHERE a.meeting_id = :id)")
      .andWhere("NOT EXISTS (SELECT 1 FROM meetings_leave l WHERE l.meeting_id = :id)")
      .andWhere("NOT EXISTS (SELECT 1 FROM meetings_speech s WHERE s.meeting_id = :id)")
      .execute();
    if (done.affected === 1) return true;
    const now = await tx.repo(Meeting).findOneBy({ id: meeting.id });
    if (!now) throw notFound(MEETING.en, meeting.id, MEETING.zh);
    if (now.version !== version) throw conflict(MEETING.en);
    throw badInput(
      "id",
      "会议已有应到名单、请假或发言记录, 不能删除",
      "the meeting has a roll, leave or speeches: it is a record now",
    );
  });
}
