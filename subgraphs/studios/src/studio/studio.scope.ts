import { badInput, defineScope, memberInfo, type RequestContext } from "@tongxin/sdk";
import { StudioActivity } from "../activity/activity.entity";
import { MANAGE_STUDIOS, READ_STUDIOS, RECORD_STUDIO_ACTIVITY } from "../permissions";
import { Studio } from "./studio.entity";

/**
 * Who may see which studios (lists, look-ups, references and `Member.studios` alike):
 * - STAFF: studios of their committee and the committees below it; they change their own;
 * - MEMBER: studios of the committees where they sit today, and any studio whose roster
 *   they are or were on;
 * - SYSTEM: every studio. UNIT: none (studios are not theirs to see).
 */
export const studioScope = defineScope<Studio>({
  entity: Studio,
  name: "studio",
  nameZh: "委员工作室",
  committee: { column: "committee_code" },
  committeeOf: (s) => s.committeeCode,
  member: {
    seatCommittees: true,
    own: (a) =>
      `EXISTS (SELECT 1 FROM studio_roster_entry vis WHERE vis.studio_id = ${a}.id AND vis.member_id = :scopeMember)`,
  },
  readPermission: READ_STUDIOS,
  writePermission: MANAGE_STUDIOS,
});

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

/** An activity is visible exactly when its studio is. */
export const activityScope = defineScope<StudioActivity>({
  entity: StudioActivity,
  name: "studio activity",
  nameZh: "履职活动",
  parent: { scope: studioScope, column: "studio_id", of: (a) => a.studioId },
  writePermission: RECORD_STUDIO_ACTIVITY,
});
