import { badInput, forbidden, memberInfo, type RequestContext, unauthenticated, viewerCommittees } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Studio } from "./studio.entity";
import { studioLoaders } from "./studio.loader";

const viewerMemberId = (ctx: RequestContext): number => Number(ctx.identity.memberId);

/**
 * Who may see which studios, enforced in SQL so that lists, look-ups and federation
 * references obey one rule:
 * - STAFF: studios of their committee and the committees below it;
 * - MEMBER: studios of the committees where they sit today, and any studio whose roster
 *   they are or were on;
 * - SYSTEM: every studio. UNIT: none (studios are not theirs to see).
 */
export async function restrictToVisibleStudios<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  alias: string,
): Promise<void> {
  switch (ctx.identity.role) {
    case "SYSTEM":
      return;
    case "STAFF": {
      const codes = [...(await ctx.readableCommittees())];
      if (codes.length === 0) qb.andWhere("1 = 0");
      else qb.andWhere(`${alias}.committee_code IN (:...visCodes)`, { visCodes: codes });
      return;
    }
    case "MEMBER": {
      const codes = [...(await viewerCommittees(ctx))];
      qb.andWhere(
        `(${alias}.committee_code IN (:...visCodes) OR EXISTS (SELECT 1 FROM studio_roster_entry vis WHERE vis.studio_id = ${alias}.id AND vis.member_id = :visMe))`,
        { visCodes: codes.length ? codes : ["-"], visMe: viewerMemberId(ctx) },
      );
      return;
    }
    case "UNIT":
      throw forbidden("studios");
    default:
      throw unauthenticated();
  }
}

/** The same rule for one studio already loaded (look-ups, references, `Member.studios`). */
export async function canSeeStudio(ctx: RequestContext, studio: Studio): Promise<boolean> {
  switch (ctx.identity.role) {
    case "SYSTEM":
      return true;
    case "STAFF":
      return ctx.canReadCommittee(studio.committeeCode);
    case "MEMBER":
      if ((await viewerCommittees(ctx)).has(studio.committeeCode)) return true;
      return (await studioLoaders(ctx).studioIdsEverJoined.load(viewerMemberId(ctx))).has(studio.id);
    default:
      return false;
  }
}

/**
 * Roster members, lead members and activity participants must be active members of
 * the studio's committee: asked of the members subgraph (batched per request).
 */
export async function assertActiveMemberOf(
  ctx: RequestContext,
  memberId: number,
  committee: string,
  field: string,
): Promise<void> {
  const info = await memberInfo(ctx, memberId);
  if (!info) throw badInput(field, `没有编号为 ${memberId} 的委员`, `no member with id ${memberId}`);
  if (info.status !== "ACTIVE" || !info.committees.includes(committee)) {
    throw badInput(
      field,
      `委员 ${memberId} 不是 ${committee} 的在任委员`,
      `member ${memberId} is not an active member of committee ${committee}`,
    );
  }
}
