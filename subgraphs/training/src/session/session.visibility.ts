import { forbidden, unauthenticated, viewerCommittees, type RequestContext } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { TrainingSession } from "./session.entity";
import { sessionLoaders } from "./session.loader";

/**
 * Who may see which sessions, enforced in SQL for lists and by `canSeeSession` for
 * look-ups and references:
 * - STAFF: sessions organised by their committee or one below it;
 * - MEMBER: sessions organised by a committee where they sit today, and any session
 *   they are enrolled in (a county member sees the city session that trained them);
 * - SYSTEM: all. UNIT: none.
 */
export async function restrictToVisibleSessions<T extends ObjectLiteral>(
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
        `(${alias}.committee_code IN (:...visCodes) OR EXISTS (SELECT 1 FROM training_enrolment vis WHERE vis.session_id = ${alias}.id AND vis.member_id = :visMe))`,
        { visCodes: codes.length ? codes : ["-"], visMe: Number(ctx.identity.memberId) },
      );
      return;
    }
    case "UNIT":
      throw forbidden("training sessions");
    default:
      throw unauthenticated();
  }
}

export async function canSeeSession(ctx: RequestContext, session: TrainingSession): Promise<boolean> {
  switch (ctx.identity.role) {
    case "SYSTEM":
      return true;
    case "STAFF":
      return ctx.canReadCommittee(session.committeeCode);
    case "MEMBER":
      if ((await viewerCommittees(ctx)).has(session.committeeCode)) return true;
      return (await sessionLoaders(ctx).sessionIdsOf.load(Number(ctx.identity.memberId))).has(session.id);
    default:
      return false;
  }
}

/** The whole attendance list is the organiser's business (and those above it); a member sees their own line. */
export async function canSeeAllEnrolments(ctx: RequestContext, session: TrainingSession): Promise<boolean> {
  if (ctx.identity.role === "SYSTEM") return true;
  return ctx.identity.role === "STAFF" && ctx.canReadCommittee(session.committeeCode);
}
