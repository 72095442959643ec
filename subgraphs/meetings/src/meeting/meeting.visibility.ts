import { forbidden, unauthenticated, viewerCommittees, type RequestContext } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Meeting } from "./meeting.entity";
import { meetingLoaders } from "./meeting.loader";

/**
 * Who may see which meetings, in SQL for lists and by `canSeeMeeting` for look-ups and
 * references (the same rules as training sessions):
 * - STAFF: meetings organised by their committee or one below it;
 * - MEMBER: meetings of a committee where they sit today, and any meeting whose roll names them;
 * - SYSTEM: all. UNIT: none.
 */
export async function restrictToVisibleMeetings<T extends ObjectLiteral>(
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
        `(${alias}.committee_code IN (:...visCodes) OR EXISTS (SELECT 1 FROM meetings_attendance vis WHERE vis.meeting_id = ${alias}.id AND vis.member_id = :visMe))`,
        { visCodes: codes.length ? codes : ["-"], visMe: Number(ctx.identity.memberId) },
      );
      return;
    }
    case "UNIT":
      throw forbidden("meetings");
    default:
      throw unauthenticated();
  }
}

export async function canSeeMeeting(ctx: RequestContext, meeting: Meeting): Promise<boolean> {
  switch (ctx.identity.role) {
    case "SYSTEM":
      return true;
    case "STAFF":
      return ctx.canReadCommittee(meeting.committeeCode);
    case "MEMBER":
      if ((await viewerCommittees(ctx)).has(meeting.committeeCode)) return true;
      return (await meetingLoaders(ctx).meetingIdsOf.load(Number(ctx.identity.memberId))).has(meeting.id);
    default:
      return false;
  }
}

/** The whole roll and every leave request are the organiser's business (and those above it); a member sees their own lines. */
export async function canSeeWholeRoll(ctx: RequestContext, meeting: Meeting): Promise<boolean> {
  if (ctx.identity.role === "SYSTEM") return true;
  return ctx.identity.role === "STAFF" && ctx.canReadCommittee(meeting.committeeCode);
}

/** Lines of a roll, leave list or speech list the caller may see. */
export async function visibleLines<T extends { memberId: number }>(
  ctx: RequestContext,
  meeting: Meeting,
  lines: T[],
): Promise<T[]> {
  if (await canSeeWholeRoll(ctx, meeting)) return lines;
  return lines.filter((l) => ctx.identity.role === "MEMBER" && l.memberId === Number(ctx.identity.memberId));
}
