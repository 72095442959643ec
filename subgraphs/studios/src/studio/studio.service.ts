import {
  filterByCommittee,
  badInput,
  conflict,
  type Connection,
  invalidTransition,
  isUniqueViolation,
  LIKE_ESCAPE,
  likePattern,
  notFound,
  paginateById,
  parseDate,
  parseId,
  type RequestContext,
  requireDate,
  text,
  today,
  updateWithVersion,
} from "@tongxin/sdk";
import { StudioActivity } from "../activity/activity.entity";
import { MANAGE_STUDIOS } from "../permissions";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { onRosterAt } from "../roster/roster.sql";
import { Studio, StudioStatus } from "./studio.entity";
import type { CloseStudioInput, CreateStudioInput, StudiosArgs, UpdateStudioInput } from "./studio.inputs";
import { studioLoaders } from "./studio.loader";
import { assertActiveMemberOf, studioScope } from "./studio.scope";

export const STUDIO = { en: "studio", zh: "委员工作室" };

/** A studio the caller may see; anything else is NOT_FOUND, so existence does not leak. */
export async function getStudio(ctx: RequestContext, rawId: string | number, field = "id"): Promise<Studio> {
  return studioScope.get(ctx, rawId, field);
}

/**
 * After a write: call with the write's transaction, so the answer is read before the commit
 * (after it, a failed read would answer an error for a write that landed).
 */
export async function reloadStudio(ctx: RequestContext, id: number): Promise<Studio> {
  const loaders = studioLoaders(ctx);
  studioScope.clear(ctx, id);
  loaders.byId.clear(id);
  loaders.roster.clear(id);
  return (await loaders.byId.load(id))!;
}

/** After the commit, the request's loaders must not serve the row as it was before. */
export function forgetStudio(ctx: RequestContext, studio: Studio): Studio {
  const loaders = studioLoaders(ctx);
  studioScope.clear(ctx, studio.id);
  loaders.byId.clear(studio.id).prime(studio.id, studio);
  loaders.roster.clear(studio.id);
  return studio;
}

export async function listStudios(ctx: RequestContext, args: StudiosArgs): Promise<Connection<Studio>> {
  const qb = await studioScope.restrict(ctx, ctx.repo(Studio).createQueryBuilder("s"), "s");
  await filterByCommittee(ctx, qb, "s.committee_code", args);
  if (args.status) qb.andWhere("s.status = :status", { status: args.status });
  const search = text(args.search, "search", { max: 50 });
  if (search) {
    qb.andWhere(
      `(s.name LIKE :q ${LIKE_ESCAPE} OR s.theme LIKE :q ${LIKE_ESCAPE} OR s.sector LIKE :q ${LIKE_ESCAPE})`,
      { q: likePattern(search) },
    );
  }
  return paginateById(qb, args);
}

type StudioFieldsInput = { [K in keyof UpdateStudioInput]?: UpdateStudioInput[K] | null };

function studioFields(input: StudioFieldsInput, prefix: string): Partial<Studio> {
  const out: Partial<Studio> = {};
  if (input.name !== undefined && input.name !== null) {
    out.name = text(input.name, `${prefix}.name`, { max: 100, required: true });
  }
  if (input.theme !== undefined) out.theme = text(input.theme, `${prefix}.theme`, { max: 200 }) || null;
  if (input.sector !== undefined) out.sector = text(input.sector, `${prefix}.sector`, { max: 32 }) || null;
  if (input.address !== undefined) out.address = text(input.address, `${prefix}.address`, { max: 200 });
  if (input.establishedOn !== undefined && input.establishedOn !== null) {
    out.establishedOn = requireDate(input.establishedOn, `${prefix}.establishedOn`);
    if (out.establishedOn > today()) {
      throw badInput(`${prefix}.establishedOn`, "成立日期不能晚于今天", "cannot be in the future");
    }
  }
  return out;
}

function assertThemeOrSector(studio: Pick<Studio, "theme" | "sector">, prefix: string): void {
  if (!studio.theme && !studio.sector) {
    throw badInput(`${prefix}.theme`, "主题与界别至少填写一项", "give a theme or a sector");
  }
}

const duplicateName = (field: string) =>
  badInput(field, "本级已有同名的委员工作室", "the committee already has a studio with this name");

async function assertNameFree(ctx: RequestContext, code: string, name: string, field: string, exceptId?: number) {
  const same = await ctx.repo(Studio).findOneBy({ committeeCode: code, name });
  if (same && same.id !== exceptId) throw duplicateName(field);
}

/** Creates a studio; its leading member, when named, is on the roster from the first day. */
export async function createStudio(ctx: RequestContext, input: CreateStudioInput): Promise<Studio> {
  ctx.require(MANAGE_STUDIOS);
  const code = input.committee ?? ctx.identity.committee;
  if (!code) throw badInput("input.committee", "请指定政协", "committee is required");
  await studioScope.assertCanCreate(ctx, code, "input.committee");
  const fields = studioFields(input, "input");
  const values = { theme: null, sector: null, address: "", ...fields } as Studio;
  assertThemeOrSector(values, "input");
  const leadMemberId = input.leadMemberId ? parseId(input.leadMemberId, "input.leadMemberId") : null;
  if (leadMemberId) await assertActiveMemberOf(ctx, leadMemberId, code, "input.leadMemberId");
  try {
    const created = await ctx.transaction(Studio, async (tx) => {
      await assertNameFree(tx, code, values.name, "input.name");
      const studio = await tx.repo(Studio).save(
        tx.repo(Studio).create({
          ...values,
          committeeCode: code,
          leadMemberId,
          status: StudioStatus.OPEN,
          closedOn: null,
          version: 1,
        }),
      );
      if (leadMemberId) {
        await tx.repo(StudioRosterEntry).insert({
          studioId: studio.id,
          memberId: leadMemberId,
          joinedOn: values.establishedOn,
          leftOn: null,
        });
      }
      return reloadStudio(tx, studio.id);
    });
    return forgetStudio(ctx, created);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName("input.name");
    throw e;
  }
}

/**
 * Conditional on `version`. The version is taken first (the row lock) so the checks that
 * follow see every roster change committed before it.
 */
export async function updateStudio(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateStudioInput,
): Promise<Studio> {
  const studio = await studioScope.getForWrite(ctx, rawId);
  if (studio.status === StudioStatus.CLOSED) throw invalidTransition(StudioStatus.CLOSED, "updateStudio");
  const values = studioFields(input, "input");
  if (input.leadMemberId !== undefined) {
    values.leadMemberId = input.leadMemberId === null ? null : parseId(input.leadMemberId, "input.leadMemberId");
  }
  if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
  assertThemeOrSector({ ...studio, ...values }, "input");
  let updated: Studio;
  try {
    updated = await ctx.transaction(Studio, async (tx) => {
      await updateWithVersion(tx, Studio, studio.id, version, values, STUDIO);
      if (values.name) await assertNameFree(tx, studio.committeeCode, values.name, "input.name", studio.id);
      if (values.establishedOn) await assertNothingBefore(tx, studio.id, values.establishedOn);
      if (values.leadMemberId) {
        const onRoster = await tx
          .repo(StudioRosterEntry)
          .createQueryBuilder("r")
          .where("r.studio_id = :id AND r.member_id = :m", { id: studio.id, m: values.leadMemberId })
          .andWhere(onRosterAt("r"), { asOf: today() })
          .getExists();
        if (!onRoster) {
          throw badInput("input.leadMemberId", "领衔委员须为当前入室委员", "the leading member must be on the roster");
        }
      }
      return reloadStudio(tx, studio.id);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName("input.name");
    throw e;
  }
  return forgetStudio(ctx, updated);
}

/** A studio cannot have been established after its first member joined or its first activity. */
async function assertNothingBefore(ctx: RequestContext, studioId: number, establishedOn: string): Promise<void> {
  const earlyJoin = await ctx
    .repo(StudioRosterEntry)
    .createQueryBuilder("r")
    .where("r.studio_id = :id AND r.joined_on < :d", { id: studioId, d: establishedOn })
    .getExists();
  const earlyActivity = await ctx
    .repo(StudioActivity)
    .createQueryBuilder("a")
    .where("a.studio_id = :id AND a.held_on < :d", { id: studioId, d: establishedOn })
    .getExists();
  if (earlyJoin || earlyActivity) {
    throw badInput(
      "input.establishedOn",
      "成立日期不能晚于已登记的入室或活动日期",
      "members joined or activities took place before this day",
    );
  }
}

/**
 * Closes a studio: conditional on its version and on it being open, so two offices
 * cannot both close it; every member still on the roster leaves on the same day.
 */
export async function closeStudio(ctx: RequestContext, input: CloseStudioInput): Promise<Studio> {
  const studio = await studioScope.getForWrite(ctx, input.studioId, "input.studioId");
  const closedOn = parseDate(input.closedOn, "input.closedOn") ?? today();
  if (closedOn > today()) throw badInput("input.closedOn", "撤销日期不能晚于今天", "cannot be in the future");
  if (closedOn <= studio.establishedOn) {
    throw badInput("input.closedOn", "撤销日期须晚于成立日期", "must be after the day the studio was established");
  }
  const closed = await ctx.transaction(Studio, async (tx) => {
    const done = await tx
      .manager(Studio)
      .createQueryBuilder()
      .update(Studio)
      .set({ status: StudioStatus.CLOSED, closedOn, version: () => "version + 1" })
      .where("id = :id AND version = :version AND status = :open", {
        id: studio.id,
        version: input.version,
        open: StudioStatus.OPEN,
      })
      .execute();
    if (done.affected !== 1) {
      const now = await tx.repo(Studio).findOneBy({ id: studio.id });
      if (!now) throw notFound(STUDIO.en, studio.id, STUDIO.zh);
      if (now.status === StudioStatus.CLOSED) throw invalidTransition(StudioStatus.CLOSED, "closeStudio");
      throw conflict(STUDIO.en);
    }
    const lateJoin = await tx
      .repo(StudioRosterEntry)
      .createQueryBuilder("r")
      .where("r.studio_id = :id AND r.joined_on > :d", { id: studio.id, d: closedOn })
      .getExists();
    if (lateJoin)
      throw badInput("input.closedOn", "此日期之后仍有委员入室", "members joined the roster after this day");
    const lateActivity = await tx
      .repo(StudioActivity)
      .createQueryBuilder("a")
      .where("a.studio_id = :id AND a.held_on >= :d", { id: studio.id, d: closedOn })
      .getExists();
    if (lateActivity) {
      throw badInput("input.closedOn", "此日期及之后仍有履职活动", "the studio has activities on or after this day");
    }
    await tx
      .manager(StudioRosterEntry)
      .createQueryBuilder()
      .update(StudioRosterEntry)
      .set({ leftOn: closedOn })
      .where("studio_id = :id AND (left_on IS NULL OR left_on > :d)", { id: studio.id, d: closedOn })
      .execute();
    return reloadStudio(tx, studio.id);
  });
  return forgetStudio(ctx, closed);
}
