import { definePermission } from "@tongxin/sdk";

/** Studios are read by committee offices (their scope) and by members (their committees, their studios). */
export const READ_STUDIOS = definePermission("studios.read", "查询委员工作室", ["STAFF", "MEMBER"]);
/** Studios and rosters are kept by the committee's own office (API.md: STAFF writes its committee's data). */
export const MANAGE_STUDIOS = definePermission("studios.manage", "管理本级委员工作室及入室名单", ["STAFF"]);
/** An office records any activity of its studios; a member records those of a studio they are on. */
export const RECORD_STUDIO_ACTIVITY = definePermission("studios.activity.record", "登记工作室履职活动", [
  "STAFF",
  "MEMBER",
]);
