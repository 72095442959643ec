import { unauthenticated, type RequestContext } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";

/** The numeric member or unit id a token carries, or null when it carries none we understand. */
export const tokenMemberId = (ctx: RequestContext): number | null => positiveInt(ctx.identity.memberId);
export const tokenUnitId = (ctx: RequestContext): number | null => positiveInt(ctx.identity.unitId);

function positiveInt(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Who may read which proposals, in SQL so that lists, look-ups and federation references
 * obey the same rule:
 * - STAFF: proposals of their committee and those below it; drafts stay private to their
 *   drafters, so the office sees only the collective drafts it wrote itself;
 * - MEMBER: proposals they lead or co-sign (a lapsed invitation no longer counts);
 * - UNIT: proposals that were ever assigned to the unit, and nothing else;
 * - SYSTEM: everything.
 */
export async function restrictToVisibleProposals<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  alias: string,
): Promise<void> {
  const id = ctx.identity;
  switch (id.role) {
    case "SYSTEM":
      return;
    case "STAFF": {
      const codes = [...(await ctx.readableCommittees())];
      if (codes.length === 0) {
        qb.andWhere("1 = 0");
        return;
      }
      qb.andWhere(`${alias}.committee_code IN (:...visCodes)`, { visCodes: codes });
      qb.andWhere(
        `(${alias}.status <> 'DRAFT' OR (${alias}.kind = 'COLLECTIVE' AND ${alias}.committee_code = :visOwn))`,
        { visOwn: id.committee },
      );
      return;
    }
    case "MEMBER": {
      const me = tokenMemberId(ctx);
      if (me === null) {
        qb.andWhere("1 = 0");
        return;
      }
      qb.andWhere(
        `(${alias}.lead_member_id = :visMe OR EXISTS (SELECT 1 FROM proposal_co_signer vcs WHERE vcs.proposal_id = ${alias}.id AND vcs.member_id = :visMe AND vcs.status IN ('INVITED', 'SIGNED')))`,
        { visMe: me },
      );
      return;
    }
    case "UNIT": {
      const unit = tokenUnitId(ctx);
      if (unit === null) {
        qb.andWhere("1 = 0");
        return;
      }
      qb.andWhere(
        `EXISTS (SELECT 1 FROM proposal_assignment vas WHERE vas.proposal_id = ${alias}.id AND vas.unit_id = :visUnit)`,
        { visUnit: unit },
      );
      return;
    }
    default:
      throw unauthenticated();
  }
}
