import { badInput, text, type RequestContext } from "@tongxin/sdk";
import { MANAGE_UNITS } from "../permissions";
import { checkCommitteeFilter } from "../proposal/proposal.service";
import { HandlingUnit } from "./handling-unit.entity";
import { handlingUnitScope } from "./handling-unit.scope";
import { unitLoaders } from "./handling-unit.loader";

/** A unit the caller may see (null otherwise): for references and the proposal's assignments. */
export async function visibleUnit(ctx: RequestContext, id: number): Promise<HandlingUnit | null> {
  if (!ctx.isAuthenticated || !handlingUnitScope.roleHasAccess(ctx.identity.role, "lookup")) return null;
  return handlingUnitScope.load(ctx, id);
}

export function getHandlingUnit(ctx: RequestContext, rawId: string, field = "id"): Promise<HandlingUnit> {
  return handlingUnitScope.get(ctx, rawId, field);
}

export async function listHandlingUnits(
  ctx: RequestContext,
  committee: string,
  includeInactive?: boolean | null,
): Promise<HandlingUnit[]> {
  const qb = ctx.repo(HandlingUnit).createQueryBuilder("u").orderBy("u.sort_order", "ASC").addOrderBy("u.id", "ASC");
  await handlingUnitScope.restrict(ctx, qb, "u");
  await checkCommitteeFilter(ctx, committee);
  qb.andWhere("u.committee_code = :committee", { committee });
  if (!includeInactive) qb.andWhere("u.active = :active", { active: true });
  return qb.getMany();
}

async function assertNameFree(ctx: RequestContext, committee: string, name: string, except?: number) {
  const same = await ctx.repo(HandlingUnit).findOneBy({ committeeCode: committee, name });
  if (same && same.id !== except) throw badInput("input.name", "本政协已有同名承办单位", "a unit of that name exists");
}

export async function createHandlingUnit(
  ctx: RequestContext,
  input: { committee?: string | null; name: string },
): Promise<HandlingUnit> {
  ctx.require(MANAGE_UNITS);
  const committee = input.committee ?? ctx.identity.committee;
  if (!committee) throw badInput("input.committee", "请指定政协", "committee is required");
  await handlingUnitScope.assertCanCreate(ctx, committee, "input.committee");
  const name = text(input.name, "input.name", { max: 100, required: true });
  return ctx.transaction(HandlingUnit, async (tx) => {
    await assertNameFree(tx, committee, name);
    const last = await tx.repo(HandlingUnit).maximum("sortOrder", { committeeCode: committee });
    const inserted = await tx
      .repo(HandlingUnit)
      .insert({ committeeCode: committee, name, active: true, sortOrder: (last ?? 0) + 1 });
    return tx.repo(HandlingUnit).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
  });
}

/** Renaming or retiring a unit; a retired unit keeps its history but takes no new assignments. */
export async function updateHandlingUnit(
  ctx: RequestContext,
  rawId: string,
  input: { name?: string | null; active?: boolean | null },
): Promise<HandlingUnit> {
  ctx.require(MANAGE_UNITS);
  const unit = await handlingUnitScope.getForWrite(ctx, rawId);
  const values: Partial<HandlingUnit> = {};
  if (input.name !== undefined && input.name !== null) {
    values.name = text(input.name, "input.name", { max: 100, required: true });
  }
  if (input.active !== undefined && input.active !== null) values.active = input.active;
  if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
  return ctx.transaction(HandlingUnit, async (tx) => {
    if (values.name) await assertNameFree(tx, unit.committeeCode, values.name, unit.id);
    await tx.repo(HandlingUnit).update({ id: unit.id }, values);
    unitLoaders(ctx).byId.clear(unit.id);
    handlingUnitScope.clear(ctx, unit.id);
    return tx.repo(HandlingUnit).findOneByOrFail({ id: unit.id });
  });
}
