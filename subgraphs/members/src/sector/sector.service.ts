import { badInput, type RequestContext } from "@tongxin/sdk";
import type { CatalogEntryInput } from "../committee/committee.inputs";
import { READ_CATALOG } from "../permissions";
import { assertCanAddTo, assertNameFree, catalogName, catalogOwners, visibleTo } from "./catalog";
import { Sector } from "./sector.entity";

/** The platform's sectors plus the additions of `committee` (default: the reader's) and its ancestors. */
export async function listSectors(ctx: RequestContext, committee?: string | null): Promise<Sector[]> {
  ctx.require(READ_CATALOG);
  const all = await ctx.repo(Sector).find({ order: { sortOrder: "ASC", id: "ASC" } });
  return visibleTo(all, await catalogOwners(ctx, committee));
}

/**
 * Staff type the sector's name (教育, 医药卫生 …); an unknown name lists the valid ones.
 * With `committee`, only the platform list and that committee's (and its ancestors') additions count.
 */
export async function sectorByName(
  ctx: RequestContext,
  name: string,
  field: string,
  committee?: string | null,
): Promise<Sector> {
  const rows = await ctx.repo(Sector).find({ order: { sortOrder: "ASC" } });
  const all = committee ? visibleTo(rows, await catalogOwners(ctx, committee)) : rows;
  const found = all.find((s) => s.name === name.trim());
  if (!found) {
    const names = all.map((s) => s.name).join("、");
    throw badInput(field, `没有名为"${name}"的界别, 可选: ${names}`, `unknown sector "${name}"; one of: ${names}`);
  }
  return found;
}

export async function addSector(ctx: RequestContext, input: CatalogEntryInput): Promise<Sector> {
  const committee = input.committee ? String(input.committee).trim() : null;
  await assertCanAddTo(ctx, committee);
  const name = catalogName(input.name, "input.name", 32);
  return ctx.transaction(Sector, async (tx) => {
    await assertNameFree(tx.manager(Sector), tx, "sector", committee, [name], "input.name");
    const sortOrder = input.sortOrder ?? (await tx.repo(Sector).count());
    const saved = await tx.repo(Sector).save(tx.repo(Sector).create({ name, sortOrder, committeeCode: committee }));
    return saved;
  });
}
