import { definePermission } from "@tongxin/sdk";

/** Sessions are read by committee offices (their scope) and by members (their committees, their enrolments). */
export const READ_TRAINING = definePermission("training.read", "查询履职学习培训", ["STAFF", "MEMBER"]);
/** Sessions, enrolment and attendance are kept by the organising committee's office. */
export const MANAGE_TRAINING = definePermission("training.manage", "组织培训、登记参训和出勤", ["STAFF"]);
