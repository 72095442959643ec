import { definePermission } from "@tongxin/sdk";

/** Meetings are read by committee offices (their scope) and by members (their committees, their own lines). */
export const READ_MEETINGS = definePermission("meetings.read", "查询会议及出勤", ["STAFF", "MEMBER"]);
/** "谁组织谁记录": the organising committee's office keeps the meeting, its roll, attendance and speeches. */
export const MANAGE_MEETINGS = definePermission("meetings.manage", "组织会议、登记出勤和发言、审批请假", ["STAFF"]);
/** A member asks for leave themselves; the office may enter a paper request on their behalf (代录). */
export const REQUEST_LEAVE = definePermission("meetings.leave.request", "请假", ["STAFF", "MEMBER"]);
