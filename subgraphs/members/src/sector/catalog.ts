import { badInput, forbidden, text, type RequestContext } from "@tongxin/sdk";
import { IsNull, type EntityManager } from "typeorm";
import { committeeExists, isPlatformAdmin, treeOf } from "../committee/committee.admin";

/**
 * Sectors and parties are reference data with an owner: the platform's list (owner NULL,
 * kept by the platform administrator) plus additions of a committee, which that committee
 * and the committees below it see (a city's addition serves its counties).
 */
export async function catalogOwners(
  ctx: RequestContext,
  committee?: string | null,
): Promise<(string | null)[] | "all"> {
  const code = committee ?? ctx.identity.committee ?? null;
  if (!code) return isPlatformAdmin(ctx) ? "all" : [null];
  const tree = await ctx.committees();
  return [null, ...tree.path(code)];
}

export function visibleTo<T extends { committeeCode: string | null }>(
  rows: T[],
  owners: (string | null)[] | "all",
): T[] {
  return owners === "all" ? rows : rows.filter((r) => owners.includes(r.committeeCode));
}

/** The platform list is the administrator's; a committee's additions are its own office's. */
export async function assertCanAddTo(ctx: RequestContext, committee: string | null): Promise<void> {
  ctx.requireAuthenticated();
  if (committee === null) {
    if (!isPlatformAdmin(ctx)) throw forbidden("the platform's reference lists (platform administrators only)");
    return;
  }
  if (isPlatformAdmin(ctx)) {
    if (!(await committeeExists(ctx, committee))) {
      throw badInput("input.committee", `没有代码为 ${committee} 的政协`, `no committee with code ${committee}`);
    }
    return;
  }
  await ctx.assertStaffOf(committee, "input.committee");
}

/**
 * A name may not repeat among what one committee sees (the platform list, its ancestors'
 * additions and its own) nor below it; other committees may add the same word on their own.
 */
export async function assertNameFree(
  em: EntityManager,
  ctx: RequestContext,
  table: "sector" | "party",
  committee: string | null,
  names: string[],
  field: string,
): Promise<void> {
  const tree = await treeOf(ctx);
  const clashWith = committee === null ? null : new Set([...tree.path(committee), ...tree.subtree(committee)]);
  const rows: { name: string; short_name?: string; committee_code: string | null }[] = await em.query(
    `SELECT * FROM ${table}`,
  );
  for (const r of rows) {
    const sameScope = committee === null || r.committee_code === null || clashWith!.has(r.committee_code);
    const taken = [r.name, r.short_name].filter(Boolean);
    const hit = names.find((n) => taken.includes(n));
    if (sameScope && hit) {
      throw badInput(field, `"${hit}"已在目录中`, `"${hit}" is already listed`);
    }
  }
}

export const platformOnly = { committeeCode: IsNull() };

export function catalogName(value: string, field: string, max: number): string {
  return text(value, field, { max, required: true });
}
