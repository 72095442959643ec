import { badInput, type RequestContext } from "@tongxin/sdk";
import type { CatalogEntryInput } from "../committee/committee.inputs";
import { READ_CATALOG } from "../permissions";
import { assertCanAddTo, assertNameFree, catalogName, catalogOwners, visibleTo } from "../sector/catalog";
import { Party } from "./party.entity";

export async function listParties(ctx: RequestContext, committee?: string | null): Promise<Party[]> {
  ctx.require(READ_CATALOG);
  const all = await ctx.repo(Party).find({ order: { sortOrder: "ASC", id: "ASC" } });
  return visibleTo(all, await catalogOwners(ctx, committee));
}

/** Accepts the full name (中国民主同盟) or the short one (民盟); 群众 is on the platform list. */
export async function partyByName(
  ctx: RequestContext,
  name: string,
  field: string,
  committee?: string | null,
): Promise<Party> {
  const rows = await ctx.repo(Party).find({ order: { sortOrder: "ASC" } });
  const all = committee ? visibleTo(rows, await catalogOwners(ctx, committee)) : rows;
  const wanted = name.trim();
  const found = all.find((p) => p.name === wanted || p.shortName === wanted);
  if (!found) {
    const names = all.map((p) => p.shortName).join("、");
    throw badInput(field, `没有名为"${name}"的党派, 可选: ${names}`, `unknown party "${name}"; one of: ${names}`);
  }
  return found;
}

export async function addParty(ctx: RequestContext, input: CatalogEntryInput): Promise<Party> {
  const committee = input.committee ? String(input.committee).trim() : null;
  await assertCanAddTo(ctx, committee);
  const name = catalogName(input.name, "input.name", 64);
  const shortName = catalogName(input.shortName ?? name, "input.shortName", 32);
  return ctx.transaction(Party, async (tx) => {
    await assertNameFree(tx.manager(Party), tx, "party", committee, [name, shortName], "input.name");
    const sortOrder = input.sortOrder ?? (await tx.repo(Party).count());
    return tx.repo(Party).save(tx.repo(Party).create({ name, shortName, sortOrder, committeeCode: committee }));
  });
}
