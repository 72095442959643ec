import { definePermission } from "@tongxin/sdk";

/** Members draft their own proposals; committee offices draft collective ones for a party or body. */
export const DRAFT_PROPOSALS = definePermission("proposals.draft", "起草、提交提案", ["MEMBER", "STAFF"]);
/** Review, assignment, key proposals and closing belong to the proposal committee's office. */
export const MANAGE_PROPOSALS = definePermission("proposals.manage", "审查、交办、督办、办结提案", ["STAFF"]);
/** Accepting, returning and answering belong to the units a proposal was assigned to. */
export const HANDLE_PROPOSALS = definePermission("proposals.handle", "签收、退回、答复提案", ["UNIT"]);
export const READ_PROPOSALS = definePermission("proposals.read", "查询提案", ["STAFF", "MEMBER", "UNIT"]);
export const MANAGE_UNITS = definePermission("proposals.units", "维护承办单位名录", ["STAFF"]);
export const SUBMIT_OPINION_REPORTS = definePermission("opinionReports.submit", "报送社情民意信息", [
  "MEMBER",
  "STAFF",
]);
export const MANAGE_OPINION_REPORTS = definePermission("opinionReports.manage", "采编、报送社情民意信息", ["STAFF"]);
export const READ_OPINION_REPORTS = definePermission("opinionReports.read", "查询社情民意信息", ["STAFF", "MEMBER"]);
