import { definePermission } from "@tongxin/sdk";

/** Only a committee's own office edits its register (API.md: STAFF writes its committee's data). */
export const MANAGE_MEMBERS = definePermission("members.manage", "管理本级委员名册", ["STAFF"]);
/** Member lists: staff within their scope, members among the committees they sit on. */
export const LIST_MEMBERS = definePermission("members.list", "查询委员名单", ["STAFF", "MEMBER"]);
export const READ_CATALOG = definePermission("members.catalog", "查询界别与党派", ["STAFF", "MEMBER", "UNIT", "ADMIN"]);
