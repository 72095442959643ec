import { defineScope } from "@tongxin/sdk";
import { MANAGE_TRAINING, READ_TRAINING } from "../permissions";
import { TrainingSession } from "./session.entity";

/**
 * Who may see which sessions (lists, look-ups and references alike):
 * - STAFF: sessions organised by their committee or one below it; the organiser's office changes them;
 * - MEMBER: sessions organised by a committee where they sit today, and any session
 *   they are enrolled in (a county member sees the city session that trained them);
 * - SYSTEM: all. UNIT: none.
 */
export const sessionScope = defineScope<TrainingSession>({
  entity: TrainingSession,
  name: "training session",
  nameZh: "培训班次",
  committee: { column: "committee_code" },
  committeeOf: (s) => s.committeeCode,
  member: {
    seatCommittees: true,
    own: (a) =>
      `EXISTS (SELECT 1 FROM training_enrolment vis WHERE vis.session_id = ${a}.id AND vis.member_id = :scopeMember)`,
  },
  readPermission: READ_TRAINING,
  writePermission: MANAGE_TRAINING,
});
