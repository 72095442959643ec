import {
  filterByCommittee,
  assertSeatedWithin,
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
  paginateById,
  parseDate,
  parseMemberIdList,
  requireDate,
  seatDay,
  text,
  today,
  updateWithVersion,
  yearRange,
  type Connection,
  type RequestContext,
} from "@tongxin/sdk";
import { In } from "typeorm";
import { ActivityKind, DutyActivity, DutyActivityParticipant, FIELD_TRIP_KINDS } from "./activity.entity";
import type {
  CreateDutyActivityInput,
  DutyActivitiesArgs,
  ParticipantInput,
  UpdateDutyActivityInput,
} from "./activity.inputs";
import { activityLoaders } from "./activity.loader";
import { activityScope } from "./activity.scope";
import { MANAGE_ACTIVITIES } from "../permissions";

export const ACTIVITY = { en: "duty activity", zh: "履职活动" };
const MAX_PARTICIPANTS = 500;
const MAX_DAYS = 366;
const MAX_COUNT = 10_000_000;
const COUNTS = ["expertsContacted", "visits", "peopleServed", "mattersDone"] as const;
const REPORTING_KINDS = [ActivityKind.TOPIC, ...FIELD_TRIP_KINDS];

/** An activity the caller may see; anything else is NOT_FOUND, so existence does not leak. */
export function getActivity(ctx: RequestContext, rawId: string | number, field = "id"): Promise<DutyActivity> {
  return activityScope.get(ctx, rawId, field);
}

/** An activity the caller may change: its organiser's office (FORBIDDEN above it, NOT_FOUND elsewhere). */
function getActivityToManage(ctx: RequestContext, rawId: string, field: string): Promise<DutyActivity> {
  return activityScope.getForWrite(ctx, rawId, field);
}

export async function listActivities(ctx: RequestContext, args: DutyActivitiesArgs): Promise<Connection<DutyActivity>> {
  const qb = await activityScope.restrict(ctx, ctx.repo(DutyActivity).createQueryBuilder("a"), "a");
  await filterByCommittee(ctx, qb, "a.committee_code", args);
  if (args.year !== undefined && args.year !== null) {
    const { from, to } = yearRange(args.year);
    qb.andWhere("a.starts_on >= :from AND a.starts_on <= :to", { from, to });
  }
  if (args.kind) qb.andWhere("a.kind = :kind", { kind: args.kind });
  return paginateById(qb, args);
}

type FieldsInput = { [K in keyof UpdateDutyActivityInput]?: UpdateDutyActivityInput[K] | null };

function activityFields(input: FieldsInput): Partial<DutyActivity> {
  const out: Partial<DutyActivity> = {};
  if (input.organiserBody !== undefined)
    out.organiserBody = text(input.organiserBody, "input.organiserBody", { max: 100 }) || null;
  if (input.title !== undefined && input.title !== null)
    out.title = text(input.title, "input.title", { max: 200, required: true });
  if (input.startsOn !== undefined && input.startsOn !== null)
    out.startsOn = requireDate(input.startsOn, "input.startsOn");
  if (input.endsOn !== undefined && input.endsOn !== null) out.endsOn = requireDate(input.endsOn, "input.endsOn");
  if (input.ledBy !== undefined) out.ledBy = text(input.ledBy, "input.ledBy", { max: 100 }) || null;
  if (input.reportTitle !== undefined)
    out.reportTitle = text(input.reportTitle, "input.reportTitle", { max: 200 }) || null;
  if (input.reportSubmittedOn !== undefined)
    out.reportSubmittedOn = parseDate(input.reportSubmittedOn, "input.reportSubmittedOn");
  for (const k of COUNTS) {
    const v = input[k];
    if (v === undefined || v === null) continue;
    if (!Number.isInteger(v) || v < 0 || v > MAX_COUNT) {
      throw badInput(`input.${k}`, `应为 0 到 ${MAX_COUNT} 的整数`, `must be a whole number from 0 to ${MAX_COUNT}`);
    }
    out[k] = v;
  }
  return out;
}

/** Rules that hold for the activity as a whole, after a change as after a creation. */
function assertConsistent(a: DutyActivity): void {
  if (a.endsOn < a.startsOn) throw badInput("input.endsOn", "结束日期不能早于开始日期", "cannot be before startsOn");
  if ((Date.parse(a.endsOn) - Date.parse(a.startsOn)) / 86_400_000 > MAX_DAYS) {
    throw badInput("input.endsOn", "一项活动不超过一年", "an activity lasts at most a year");
  }
  // A topic is chosen for the year ahead; everything else is a record of what happened (补录 included).
  if (a.kind !== ActivityKind.TOPIC && a.startsOn > today()) {
    throw badInput("input.startsOn", "活动记录不能晚于今天", "an activity on record cannot be in the future");
  }
  if (a.kind !== ActivityKind.GRASSROOTS_VISIT) {
    const k = COUNTS.find((c) => a[c] > 0);
    if (k) throw badInput(`input.${k}`, "只有走基层活动登记这四项数字", "only grassroots visits carry these counts");
  }
  if ((a.reportTitle || a.reportSubmittedOn) && !REPORTING_KINDS.includes(a.kind)) {
    throw badInput("input.reportTitle", "只有课题和调研、视察、考察形成报告", "only topics and trips carry a report");
  }
  if (a.reportSubmittedOn) {
    if (!a.reportTitle)
      throw badInput("input.reportTitle", "报送日期须附报告题目", "a submitted report needs its title");
    if (a.reportSubmittedOn < a.startsOn) {
      throw badInput("input.reportSubmittedOn", "不能早于活动开始", "cannot be before the activity started");
    }
    if (a.reportSubmittedOn > today())
      throw badInput("input.reportSubmittedOn", "不能晚于今天", "cannot be in the future");
  }
}

function parseParticipants(list: readonly ParticipantInput[]): { memberId: number; leads: boolean }[] {
  const ids = parseMemberIdList(
    list.map((p) => p.memberId),
    (i) => `input.participants[${i}].memberId`,
    "input.participants",
    MAX_PARTICIPANTS,
  );
  return ids.map((memberId, i) => ({ memberId, leads: list[i].leads ?? false }));
}

/** 登记 (补录) an activity, with its participants, in one transaction. */
export async function createActivity(ctx: RequestContext, input: CreateDutyActivityInput): Promise<DutyActivity> {
  // The permission first: a member is told FORBIDDEN, not that a field is missing.
  ctx.require(MANAGE_ACTIVITIES);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定组织活动的政协", "committee is required");
  await activityScope.assertCanCreate(ctx, code, "input.committee");
  const values = {
    organiserBody: null,
    ledBy: null,
    reportTitle: null,
    reportSubmittedOn: null,
    expertsContacted: 0,
    visits: 0,
    peopleServed: 0,
    mattersDone: 0,
    ...activityFields(input),
    kind: input.kind,
    committeeCode: code,
  } as DutyActivity;
  if (!values.title) throw badInput("input.title", "不能为空", "must not be empty");
  if (!values.startsOn) throw badInput("input.startsOn", "必须填写日期", "a date is required");
  values.endsOn ??= values.startsOn;
  assertConsistent(values);
  values.topicId = null;
  if (input.topicId) {
    if (!FIELD_TRIP_KINDS.includes(input.kind)) {
      throw badInput("input.topicId", "只有调研、视察、考察可归属课题", "only trips belong to a topic");
    }
    const topic = await getActivity(ctx, input.topicId, "input.topicId");
    if (topic.kind !== ActivityKind.TOPIC || topic.committeeCode !== code) {
      throw badInput("input.topicId", "应为本级政协的调研视察课题", "must be a topic of the same committee");
    }
    values.topicId = topic.id;
  }
  const participants = input.participants?.length ? parseParticipants(input.participants) : [];
  if (participants.length) {
    await assertSeatedWithin(
      ctx,
      code,
      seatDay(values.startsOn),
      participants.map((p) => p.memberId),
      (i) => `input.participants[${i}].memberId`,
    );
  }
  return ctx.transaction(DutyActivity, async (tx) => {
    const saved = await tx
      .repo(DutyActivity)
      .save(tx.repo(DutyActivity).create({ ...values, recordedBy: ctx.identity.subject.slice(0, 100), version: 1 }));
    for (let i = 0; i < participants.length; i += 200) {
      await tx
        .repo(DutyActivityParticipant)
        .insert(participants.slice(i, i + 200).map((p) => ({ ...p, activityId: saved.id })));
    }
    return (await tx.repo(DutyActivity).findOneBy({ id: saved.id }))!;
  });
}

export async function updateActivity(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateDutyActivityInput,
): Promise<DutyActivity> {
  const activity = await getActivityToManage(ctx, rawId, "id");
  const values = activityFields(input);
  if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
  assertConsistent({ ...activity, ...values });
  return ctx.transaction(DutyActivity, async (tx) => {
    await updateWithVersion(tx, DutyActivity, activity.id, version, values, ACTIVITY);
    activityLoaders(ctx).byId.clear(activity.id);
    activityScope.clear(ctx, activity.id);
    return (await tx.repo(DutyActivity).findOneBy({ id: activity.id }))!;
  });
}

/** Adds participants (those already listed stay as they are); all or nothing. */
export async function addParticipants(
  ctx: RequestContext,
  rawId: string,
  list: ParticipantInput[],
): Promise<DutyActivity> {
  const activity = await getActivityToManage(ctx, rawId, "activityId");
  const participants = parseParticipants(list).map((p) => ({ ...p, activityId: activity.id }));
  await assertSeatedWithin(
    ctx,
    activity.committeeCode,
    seatDay(activity.startsOn),
    participants.map((p) => p.memberId),
    (i) => `input.participants[${i}].memberId`,
  );
  try {
    await ctx.transaction(DutyActivityParticipant, async (tx) => {
      const ids = participants.map((p) => p.memberId);
      const known = new Set(
        (
          await tx
            .repo(DutyActivityParticipant)
            .find({ select: { memberId: true }, where: { activityId: activity.id, memberId: In(ids) } })
        ).map((r) => r.memberId),
      );
      const fresh = participants.filter((p) => !known.has(p.memberId));
      for (let i = 0; i < fresh.length; i += 200)
        await tx.repo(DutyActivityParticipant).insert(fresh.slice(i, i + 200));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("the activity's participants");
    throw e;
  }
  activityLoaders(ctx).participants.clear(activity.id);
  return activity;
}

/** An activity entered by mistake can go while nobody is listed and no trip refers to it. */
export async function deleteActivity(ctx: RequestContext, rawId: string, version: number): Promise<boolean> {
  const activity = await getActivityToManage(ctx, rawId, "id");
  return ctx.transaction(DutyActivity, async (tx) => {
    const done = await tx
      .manager(DutyActivity)
      .createQueryBuilder()
      .delete()
      .from(DutyActivity)
      .where("id = :id AND version = :version", { id: activity.id, version })
      .andWhere("NOT EXISTS (SELECT 1 FROM activities_participant p WHERE p.activity_id = :id)")
      .andWhere("NOT EXISTS (SELECT 1 FROM activities_activity t WHERE t.topic_id = :id)")
      .execute();
    if (done.affected === 1) return true;
    const now = await tx.repo(DutyActivity).findOneBy({ id: activity.id });
    if (!now) throw notFound(ACTIVITY.en, activity.id, ACTIVITY.zh);
    if (now.version !== version) throw conflict(ACTIVITY.en);
    throw badInput(
      "id",
      "活动已有参加委员或下属调研, 不能删除",
      "the activity has participants or trips: it is a record now",
    );
  });
}
