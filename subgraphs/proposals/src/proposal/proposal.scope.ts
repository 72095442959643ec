import { defineScope } from "@tongxin/sdk";
import { MANAGE_PROPOSALS, READ_PROPOSALS } from "../permissions";
import { Proposal } from "./proposal.entity";

/**
 * Who may read which proposals (lists, look-ups, references and the workflow's own reads):
 * - STAFF: proposals of their committee and those below it; drafts stay private to their
 *   drafters, so the office sees only the collective drafts it wrote itself;
 * - MEMBER: proposals they lead or co-sign (a lapsed invitation no longer counts);
 * - UNIT: proposals that were ever assigned to the unit, and nothing else;
 * - SYSTEM: everything.
 * Who may take which workflow step is the workflow's business (proposal.rules.ts).
 */
export const proposalScope = defineScope<Proposal>({
  entity: Proposal,
  name: "proposal",
  nameZh: "提案",
  committee: { column: "committee_code" },
  committeeOf: (p) => p.committeeCode,
  staff: {
    where: (a) => `${a}.status <> 'DRAFT' OR (${a}.kind = 'COLLECTIVE' AND ${a}.committee_code = :scopeOwn)`,
  },
  member: {
    own: (a) =>
      `${a}.lead_member_id = :scopeMember OR EXISTS (SELECT 1 FROM proposal_co_signer vcs WHERE vcs.proposal_id = ${a}.id AND vcs.member_id = :scopeMember AND vcs.status IN ('INVITED', 'SIGNED'))`,
  },
  unit: {
    assigned: (a) =>
      `EXISTS (SELECT 1 FROM proposal_assignment vas WHERE vas.proposal_id = ${a}.id AND vas.unit_id = :scopeUnit)`,
  },
  readPermission: READ_PROPOSALS,
  writePermission: MANAGE_PROPOSALS,
});
