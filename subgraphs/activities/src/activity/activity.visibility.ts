import { forbidden, unauthenticated, viewerCommittees, type RequestContext } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { DutyActivity } from "./activity.entity";
import { activityLoaders } from "./activity.loader";

/**
 * Who may see which activities (the rules of meetings and training sessions):
 * - STAFF: activities organised by their committee or one below it;
 * - MEMBER: activities of a committee where they sit today, and any they took part in;
 * - SYSTEM: all. UNIT: none.
 */
export async function restrictToVisibleActivities<T extends ObjectLiteral>(
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
        `(${alias}.committee_code IN (:...visCodes) OR EXISTS (SELECT 1 FROM activities_participant vis WHERE vis.activity_id = ${alias}.id AND vis.member_id = :visMe))`,
        { visCodes: codes.length ? codes : ["-"], visMe: Number(ctx.identity.memberId) },
      );
      return;
    }
    case "UNIT":
      throw forbidden("duty activities");
    default:
      throw unauthenticated();
  }
}

export async function canSeeActivity(ctx: RequestContext, activity: DutyActivity): Promise<boolean> {
  switch (ctx.identity.role) {
    case "SYSTEM":
      return true;
    case "STAFF":
      return ctx.canReadCommittee(activity.committeeCode);
    case "MEMBER":
      if ((await viewerCommittees(ctx)).has(activity.committeeCode)) return true;
      return (await activityLoaders(ctx).activityIdsOf.load(Number(ctx.identity.memberId))).has(activity.id);
    default:
      return false;
  }
}
