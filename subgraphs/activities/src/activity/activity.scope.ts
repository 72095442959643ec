import { defineScope } from "@tongxin/sdk";
import { MANAGE_ACTIVITIES, READ_ACTIVITIES } from "../permissions";
import { DutyActivity } from "./activity.entity";

/**
 * Who may see which activities (the rule of meetings and training sessions):
 * - STAFF: activities organised by their committee or one below it; the organiser's office changes them;
 * - MEMBER: activities of a committee where they sit today, and any they took part in;
 * - SYSTEM: all. UNIT: none.
 */
export const activityScope = defineScope<DutyActivity>({
  entity: DutyActivity,
  name: "duty activity",
  nameZh: "履职活动",
  committee: { column: "committee_code" },
  committeeOf: (a) => a.committeeCode,
  member: {
    seatCommittees: true,
    own: (a) =>
      `EXISTS (SELECT 1 FROM activities_participant vis WHERE vis.activity_id = ${a}.id AND vis.member_id = :scopeMember)`,
  },
  readPermission: READ_ACTIVITIES,
  writePermission: MANAGE_ACTIVITIES,
});
