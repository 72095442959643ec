import { forbidden, today, unauthenticated, type RequestContext } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { seatOpenAt } from "../membership/membership.sql";

/**
 * Who may see which members, enforced in SQL so that lists, look-ups and federation
 * references all obey the same rule:
 * - STAFF: members who hold or held a seat on their committee or a committee below it;
 * - MEMBER: themselves and members who hold a seat on a committee where they sit now;
 * - UNIT: any member by id (a unit reads the proposer named on a proposal), no lists;
 * - SYSTEM: everyone.
 */
export async function restrictToVisibleMembers<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  alias: string,
  purpose: "list" | "lookup",
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
      qb.andWhere(
        `EXISTS (SELECT 1 FROM membership vis WHERE vis.member_id = ${alias}.id AND vis.committee_code IN (:...visCodes))`,
        { visCodes: codes },
      );
      return;
    }
    case "MEMBER":
      qb.andWhere(
        `(${alias}.id = :visMe OR EXISTS (SELECT 1 FROM membership theirs JOIN membership mine ON mine.committee_code = theirs.committee_code WHERE theirs.member_id = ${alias}.id AND mine.member_id = :visMe AND ${seatOpenAt("mine", "visToday")}))`,
        { visMe: Number(id.memberId), visToday: today() },
      );
      return;
    case "UNIT":
      if (purpose === "list") throw forbidden("member lists");
      return;
    default:
      throw unauthenticated();
  }
}
