import { badInput, type RequestContext } from "@tongxin/sdk";
import { READ_CATALOG } from "../permissions";
import { Sector } from "./sector.entity";

export async function listSectors(ctx: RequestContext): Promise<Sector[]> {
  ctx.require(READ_CATALOG);
  return ctx.repo(Sector).find({ order: { sortOrder: "ASC", id: "ASC" } });
}

/** Staff type the sector's name (教育, 医药卫生 …); an unknown name lists the valid ones. */
export async function sectorByName(ctx: RequestContext, name: string, field: string): Promise<Sector> {
  const all = await ctx.repo(Sector).find({ order: { sortOrder: "ASC" } });
  const found = all.find((s) => s.name === name.trim());
  if (!found) {
    const names = all.map((s) => s.name).join("、");
    throw badInput(field, `没有名为"${name}"的界别, 可选: ${names}`, `unknown sector "${name}"; one of: ${names}`);
  }
  return found;
}
