import {
  filterByCommittee,
  badInput,
  conflict,
  forbidden,
  notFound,
  paginateById,
  parseId,
  requireDate,
  text,
  today,
  updateWithVersion,
  yearRange,
  type Connection,
  tokenMemberId,
  type RequestContext,
} from "@tongxin/sdk";
import type { EntityManager } from "typeorm";
import { MANAGE_STUDIOS, READ_STUDIOS, RECORD_STUDIO_ACTIVITY } from "../permissions";
import { entryCurrentAt } from "../roster/roster.sql";
import { Studio } from "../studio/studio.entity";
import { studioLoaders } from "../studio/studio.loader";
import { getStudio } from "../studio/studio.service";
import { activityScope, studioScope } from "../studio/studio.scope";
import { StudioActivity, StudioActivityParticipant } from "./activity.entity";
import type { RecordStudioActivityInput, StudioActivitiesArgs, UpdateStudioActivityInput } from "./activity.inputs";
import { activityLoaders } from "./activity.loader";

const ACTIVITY = { en: "studio activity", zh: "履职活动" };
const MAX_PARTICIPANTS = 500;

/** An activity is visible exactly when its studio is. */
export async function getActivity(ctx: RequestContext, rawId: string | number, field = "id"): Promise<StudioActivity> {
  return activityScope.get(ctx, rawId, field);
}

export async function listStudioActivities(
  ctx: RequestContext,
  args: StudioActivitiesArgs,
): Promise<Connection<StudioActivity>> {
  ctx.require(READ_STUDIOS);
  const qb = ctx.repo(StudioActivity).createQueryBuilder("a").innerJoin(Studio, "s", "s.id = a.studio_id");
  await studioScope.restrict(ctx, qb, "s");
  if (args.studio) qb.andWhere("a.studio_id = :studioId", { studioId: parseId(args.studio, "studio") });
  await filterByCommittee(ctx, qb, "s.committee_code", args);
  if (args.year !== undefined && args.year !== null) {
    qb.andWhere("a.held_on >= :from AND a.held_on <= :to", yearRange(args.year));
  }
  if (args.type) qb.andWhere("a.type = :type", { type: args.type });
  return paginateById(qb, args);
}

/** The office records any activity of its studios; a member, those of a studio they are on today. */
async function assertCanRecord(ctx: RequestContext, studio: Studio, field: string): Promise<void> {
  ctx.require(RECORD_STUDIO_ACTIVITY);
  const id = ctx.identity;
  if (id.role === "SYSTEM") return;
  if (id.role === "STAFF") return ctx.assertStaffOf(studio.committeeCode, field);
  const me = tokenMemberId(ctx);
  const roster = await studioLoaders(ctx).roster.load(studio.id);
  const onIt = me !== null && roster.some((e) => e.memberId === me && entryCurrentAt(e, today()));
  if (!onIt) throw forbidden(`recording activities of studio ${studio.id} (not on its roster)`);
}

/** Edits: the office, or the member who recorded the activity. */
async function assertCanEdit(ctx: RequestContext, studio: Studio, activity: StudioActivity): Promise<void> {
  ctx.require(RECORD_STUDIO_ACTIVITY);
  const id = ctx.identity;
  if (id.role === "SYSTEM") return;
  if (id.role === "STAFF") return ctx.assertStaffOf(studio.committeeCode, "id");
  if (tokenMemberId(ctx) === null || activity.recordedByMemberId !== tokenMemberId(ctx))
    throw forbidden(`editing activity ${activity.id}`);
}

function assertDayWithin(studio: Studio, heldOn: string, field: string): void {
  if (heldOn > today()) throw badInput(field, "活动日期不能晚于今天", "cannot be in the future");
  if (heldOn < studio.establishedOn) {
    throw badInput(field, "活动日期不能早于工作室成立日期", "cannot be before the studio was established");
  }
  if (studio.closedOn && heldOn >= studio.closedOn) {
    throw badInput(field, "工作室当天已撤销", "the studio was closed by then");
  }
}

function count(value: number | null | undefined, field: string, max: number): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw badInput(field, `应为 0 到 ${max} 之间的整数`, `must be an integer from 0 to ${max}`);
  }
  return n;
}

/**
 * Participants must hold a seat on the studio's committee on the day of the activity:
 * one batched look-up in the members subgraph for the whole list. `fieldOf(i)` names
 * the offending entry.
 */
async function validatedParticipants(
  ctx: RequestContext,
  raw: readonly string[],
  studio: Studio,
  heldOn: string,
  fieldOf: (i: number) => string,
  listField: string,
): Promise<number[]> {
  if (raw.length === 0) throw badInput(listField, "至少填写一名参加委员", "name at least one participating member");
  if (raw.length > MAX_PARTICIPANTS) {
    throw badInput(listField, `最多 ${MAX_PARTICIPANTS} 人`, `at most ${MAX_PARTICIPANTS} participants`);
  }
  const ids = raw.map((r, i) => parseId(r, fieldOf(i)));
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw badInput(fieldOf(i), "重复填写", "listed twice");
    seen.add(id);
  });
  const found = await ctx.runtime.members.lookup(ids.map(String), heldOn);
  const byId = new Map(found.map((m) => [Number(m.id), m]));
  ids.forEach((id, i) => {
    if (!byId.get(id)?.committees.includes(studio.committeeCode)) {
      throw badInput(
        fieldOf(i),
        `委员 ${id} 在 ${heldOn} 不是 ${studio.committeeCode} 的委员`,
        `member ${id} held no seat on committee ${studio.committeeCode} on ${heldOn}`,
      );
    }
  });
  return ids;
}

async function insertParticipants(em: EntityManager, activityId: number, memberIds: number[]): Promise<void> {
  const rows = memberIds.map((memberId) => ({ activityId, memberId }));
  for (let i = 0; i < rows.length; i += 200) await em.insert(StudioActivityParticipant, rows.slice(i, i + 200));
}

export async function recordStudioActivity(
  ctx: RequestContext,
  input: RecordStudioActivityInput,
): Promise<StudioActivity> {
  const studio = await getStudio(ctx, input.studioId, "input.studioId");
  await assertCanRecord(ctx, studio, "input.studioId");
  const heldOn = requireDate(input.heldOn, "input.heldOn");
  assertDayWithin(studio, heldOn, "input.heldOn");
  const values = {
    studioId: studio.id,
    heldOn,
    type: input.type,
    title: text(input.title, "input.title", { max: 200, required: true }),
    peopleServed: count(input.peopleServed, "input.peopleServed", 1_000_000),
    opinionReports: count(input.opinionReports, "input.opinionReports", 1_000),
    notes: text(input.notes, "input.notes", { max: 2000 }),
    recordedBy: ctx.identity.subject.slice(0, 100),
    recordedByMemberId: ctx.identity.role === "MEMBER" ? Number(ctx.identity.memberId) : null,
    version: 1,
  };
  const participants = await validatedParticipants(
    ctx,
    input.participantIds,
    studio,
    heldOn,
    (i) => `input.participantIds[${i}]`,
    "input.participantIds",
  );
  // Read back inside the transaction, so the answer cannot fail after the write committed.
  return ctx.transaction(StudioActivity, async (tx) => {
    const saved = await tx.repo(StudioActivity).save(tx.repo(StudioActivity).create(values));
    await insertParticipants(tx.manager(StudioActivity), saved.id, participants);
    return tx.repo(StudioActivity).findOneByOrFail({ id: saved.id });
  });
}

/** Conditional on `version`; a new participant list replaces the old one in the same transaction. */
export async function updateStudioActivity(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateStudioActivityInput,
): Promise<StudioActivity> {
  const activity = await getActivity(ctx, rawId);
  const studio = (await studioLoaders(ctx).byId.load(activity.studioId))!;
  await assertCanEdit(ctx, studio, activity);
  const values: Partial<StudioActivity> = {};
  if (input.heldOn !== undefined && input.heldOn !== null) {
    values.heldOn = requireDate(input.heldOn, "input.heldOn");
    assertDayWithin(studio, values.heldOn, "input.heldOn");
  }
  if (input.type) values.type = input.type;
  if (input.title !== undefined && input.title !== null) {
    values.title = text(input.title, "input.title", { max: 200, required: true });
  }
  if (input.peopleServed !== undefined && input.peopleServed !== null) {
    values.peopleServed = count(input.peopleServed, "input.peopleServed", 1_000_000);
  }
  if (input.opinionReports !== undefined && input.opinionReports !== null) {
    values.opinionReports = count(input.opinionReports, "input.opinionReports", 1_000);
  }
  if (input.notes !== undefined) values.notes = text(input.notes, "input.notes", { max: 2000 });
  const replacing = input.participantIds !== undefined && input.participantIds !== null;
  if (Object.keys(values).length === 0 && !replacing) throw badInput("input", "没有要修改的字段", "nothing to change");
  const heldOn = values.heldOn ?? activity.heldOn;
  let participants: number[] | null = null;
  if (replacing) {
    participants = await validatedParticipants(
      ctx,
      input.participantIds!,
      studio,
      heldOn,
      (i) => `input.participantIds[${i}]`,
      "input.participantIds",
    );
  } else if (values.heldOn) {
    // The people stay, the day moves: they must still have held a seat on the new day.
    const current = await activityLoaders(ctx).participants.load(activity.id);
    await validatedParticipants(ctx, current.map(String), studio, heldOn, () => "input.heldOn", "input.heldOn");
  }
  const updated = await ctx.transaction(StudioActivity, async (tx) => {
    await updateWithVersion(tx, StudioActivity, activity.id, version, values, ACTIVITY);
    if (participants) {
      const em = tx.manager(StudioActivity);
      await em.delete(StudioActivityParticipant, { activityId: activity.id });
      await insertParticipants(em, activity.id, participants);
    }
    return tx.repo(StudioActivity).findOneByOrFail({ id: activity.id });
  });
  activityLoaders(ctx).participants.clear(activity.id);
  return updated;
}

/** Only the office deletes; participants go with the activity (ON DELETE CASCADE). */
export async function deleteStudioActivity(ctx: RequestContext, rawId: string, version: number): Promise<boolean> {
  ctx.require(MANAGE_STUDIOS);
  const activity = await getActivity(ctx, rawId);
  await studioScope.assertWritable(ctx, (await studioLoaders(ctx).byId.load(activity.studioId))!);
  const done = await ctx
    .manager(StudioActivity)
    .createQueryBuilder()
    .delete()
    .from(StudioActivity)
    .where("id = :id AND version = :version", { id: activity.id, version })
    .execute();
  if (done.affected === 1) return true;
  if (await ctx.repo(StudioActivity).exists({ where: { id: activity.id } })) throw conflict(ACTIVITY.en);
  throw notFound(ACTIVITY.en, activity.id, ACTIVITY.zh);
}
