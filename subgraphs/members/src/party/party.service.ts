import { badInput, type RequestContext } from "@tongxin/sdk";
import { READ_CATALOG } from "../permissions";
import { Party } from "./party.entity";

export async function listParties(ctx: RequestContext): Promise<Party[]> {
  ctx.require(READ_CATALOG);
  return ctx.repo(Party).find({ order: { sortOrder: "ASC", id: "ASC" } });
}

/** Accepts the full name (中国民主同盟) or the short one (民盟). */
export async function partyByName(ctx: RequestContext, name: string, field: string): Promise<Party> {
  const all = await ctx.repo(Party).find({ order: { sortOrder: "ASC" } });
  const wanted = name.trim();
  const found = all.find((p) => p.name === wanted || p.shortName === wanted);
  if (!found) {
    const names = all.map((p) => p.shortName).join("、");
    throw badInput(field, `没有名为"${name}"的党派, 可选: ${names}`, `unknown party "${name}"; one of: ${names}`);
  }
  return found;
}
