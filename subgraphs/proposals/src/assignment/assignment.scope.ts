import { defineScope } from "@tongxin/sdk";
import { ProposalAssignment } from "./assignment.entity";

/**
 * An assignment (交办) is the business of the offices over its proposal's committee and
 * of the unit it went to; members follow their proposals instead.
 */
export const assignmentScope = defineScope<ProposalAssignment>({
  entity: ProposalAssignment,
  name: "assignment",
  nameZh: "交办",
  committee: {
    where: (a) =>
      `EXISTS (SELECT 1 FROM proposal ap WHERE ap.id = ${a}.proposal_id AND ap.committee_code IN (:...scopeCodes))`,
  },
  unit: { assigned: (a) => `${a}.unit_id = :scopeUnit` },
});
