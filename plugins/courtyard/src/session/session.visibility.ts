import type { RequestContext } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";

/**
 * Who sees which sessions: STAFF the sessions of their committee and below; a MEMBER the
 * sessions they organised; units nothing (this is not their business).
 */
export async function restrictToVisible<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
): Promise<void> {
  ctx.requireAuthenticated();
  const id = ctx.identity;
  if (id.role === "SYSTEM") return;
  if (id.role === "STAFF") {
    const codes = [...(await ctx.readableCommittees())];
    qb.andWhere("s.committee_code IN (:...visCodes)", { visCodes: codes.length ? codes : ["-"] });
    return;
  }
  if (id.role === "MEMBER") {
    qb.andWhere("EXISTS (SELECT 1 FROM courtyard_organiser o WHERE o.session_id = s.id AND o.member_id = :visMe)", {
      visMe: Number(id.memberId),
    });
    return;
  }
  qb.andWhere("1 = 0");
}
