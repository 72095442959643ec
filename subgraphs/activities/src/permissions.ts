import { definePermission } from "@tongxin/sdk";

/** Activities are read by committee offices (their scope) and by members (their committees, their own). */
export const READ_ACTIVITIES = definePermission("activities.read", "查询履职活动", ["STAFF", "MEMBER"]);
/** "谁组织谁记录": the organising committee's office records the activity and who took part. */
export const MANAGE_ACTIVITIES = definePermission("activities.manage", "登记履职活动及参加委员", ["STAFF"]);
