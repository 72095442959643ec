import { badInput, forbidden, notFound, parseId, text, type RequestContext } from "@tongxin/sdk";
import { MANAGE_UNITS } from "../permissions";
import { checkCommitteeFilter } from "../proposal/proposal.service";
import { tokenUnitId } from "../proposal/proposal.visibility";
import { HandlingUnit } from "./handling-unit.entity";
import { unitLoaders } from "./handling-unit.loader";

/**
 * Who may see a unit: the offices of its committee and those above it, and the unit
 * itself. Members and other units have no use for the directory.
 */
async function canSeeUnit(ctx: RequestContext, unit: HandlingUnit): Promise<boolean> {
  switch (ctx.identity.role) {
    case "SYSTEM":
      return true;
    case "STAFF":
      return ctx.canReadCommittee(unit.committeeCode);
    case "UNIT":
      return tokenUnitId(ctx) === unit.id;
    default:
      return false;
  }
}

export async function visibleUnit(ctx: RequestContext, id: number): Promise<HandlingUnit | null> {
  if (!ctx.isAuthenticated) return null;
  const unit = await unitLoaders(ctx).byId.load(id);
  return unit && (await canSeeUnit(ctx, unit)) ? unit : null;
}

export async function getHandlingUnit(ctx: RequestContext, rawId: string, field = "id"): Promise<HandlingUnit> {
  ctx.requireAuthenticated();
  const id = parseId(rawId, field);
  const unit = await visibleUnit(ctx, id);
  if (!unit) throw notFound("handling unit", id, "承办单位");
  return unit;
}

export async function listHandlingUnits(
  ctx: RequestContext,
  committee: string,
  includeInactive?: boolean | null,
): Promise<HandlingUnit[]> {
  ctx.requireAuthenticated();
  if (ctx.identity.role !== "STAFF" && ctx.identity.role !== "SYSTEM") {
    throw forbidden("the handling-unit directory (committee offices only)");
  }
  await checkCommitteeFilter(ctx, committee);
  return ctx.repo(HandlingUnit).find({
    where: includeInactive ? { committeeCode: committee } : { committeeCode: committee, active: true },
    order: { sortOrder: "ASC", id: "ASC" },
  });
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
  await ctx.assertStaffOf(committee, "input.committee");
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
  const unit = await getHandlingUnit(ctx, rawId);
  await ctx.assertStaffOf(unit.committeeCode);
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
    return tx.repo(HandlingUnit).findOneByOrFail({ id: unit.id });
  });
}
