import { AnnualReportRef, CommitteeRef, defineModule, MemberRef, scopedRecord } from "@tongxin/sdk";
import { handlingUnitScope } from "./handling-unit/handling-unit.scope";
import { opinionReportScope } from "./opinion-report/opinion-report.scope";
import { proposalScope } from "./proposal/proposal.scope";
import { assignmentScope } from "./assignment/assignment.scope";
import { ProposalAssignment } from "./assignment/assignment.entity";
import { AssignmentResolver, ReplyResolver } from "./assignment/assignment.resolver";
import { ProposalReply } from "./assignment/reply.entity";
import { HandlingUnit } from "./handling-unit/handling-unit.entity";
import { HandlingUnitResolver, handlingUnitReference } from "./handling-unit/handling-unit.resolver";
import { MemberProposalsResolver } from "./member/member-proposals.resolver";
import { ProposalsInitial1732600000000 } from "./migrations/1732600000000-proposals-initial";
import { OpinionReport } from "./opinion-report/opinion-report.entity";
import { OpinionReportResolver, opinionReportReference } from "./opinion-report/opinion-report.resolver";
import {
  DRAFT_PROPOSALS,
  HANDLE_PROPOSALS,
  MANAGE_OPINION_REPORTS,
  MANAGE_PROPOSALS,
  MANAGE_UNITS,
  READ_OPINION_REPORTS,
  READ_PROPOSALS,
  SUBMIT_OPINION_REPORTS,
} from "./permissions";
import { ProposalAttachment } from "./proposal/attachment.entity";
import { ProposalCoSigner } from "./proposal/co-signer.entity";
import { ProposalNumberCounter } from "./proposal/number-counter.entity";
import { ProposalEvent } from "./proposal/proposal-event.entity";
import { Proposal } from "./proposal/proposal.entity";
import {
  CoSignerResolver,
  ProposalEventResolver,
  ProposalResolver,
  proposalReference,
} from "./proposal/proposal.resolver";
import { seedProposals } from "./seed/proposals.seed";
import { CommitteeStatsResolver, ProposalStatsResolver } from "./statistics/committee-stats.resolver";
import { OPINION_REPORT_STATS, OpinionReportStats } from "./statistics/opinion-report-stats";
import { ProposalReportResolver } from "./statistics/proposal-report";
import { PROPOSAL_STATS, ProposalStats } from "./statistics/proposal-stats";

/** 提案: proposals and their workflow, handling units, opinion reports, and their figures. */
export const proposalsModule = defineModule({
  name: "proposals",
  title: "提案办理",
  kind: "core",
  entities: [
    Proposal,
    ProposalCoSigner,
    ProposalAttachment,
    ProposalEvent,
    ProposalNumberCounter,
    ProposalAssignment,
    ProposalReply,
    HandlingUnit,
    OpinionReport,
  ],
  migrations: [ProposalsInitial1732600000000],
  resolvers: [
    ProposalResolver,
    CoSignerResolver,
    ProposalEventResolver,
    AssignmentResolver,
    ReplyResolver,
    HandlingUnitResolver,
    OpinionReportResolver,
    CommitteeStatsResolver,
    ProposalStatsResolver,
    MemberProposalsResolver,
    ProposalReportResolver,
  ],
  types: [ProposalStats, OpinionReportStats],
  stubs: [CommitteeRef, MemberRef, AnnualReportRef],
  references: {
    Proposal: proposalReference,
    HandlingUnit: handlingUnitReference,
    OpinionReport: opinionReportReference,
  },
  scoped: [
    scopedRecord(proposalScope, {
      typename: "Proposal",
      list: { query: "{ proposals(first: 100) { edges { node { id } } } }", ids: "proposals.edges.node.id" },
      byId: { query: "query ($id: ID!) { proposal(id: $id) { id } }" },
    }),
    scopedRecord(opinionReportScope, {
      typename: "OpinionReport",
      list: { query: "{ opinionReports(first: 100) { edges { node { id } } } }", ids: "opinionReports.edges.node.id" },
      byId: { query: "query ($id: ID!) { opinionReport(id: $id) { id } }" },
      write: { query: 'mutation ($id: ID!) { compileOpinionReport(id: $id, bulletin: "-") { id } }' },
    }),
    scopedRecord(handlingUnitScope, {
      typename: "HandlingUnit",
      byId: { query: "query ($id: ID!) { handlingUnit(id: $id) { id } }" },
      write: { query: "mutation ($id: ID!) { updateHandlingUnit(id: $id, input: { active: true }) { id } }" },
    }),
    scopedRecord(assignmentScope, {
      list: {
        query: "{ overdueAssignments(first: 100) { edges { node { id } } } }",
        ids: "overdueAssignments.edges.node.id",
      },
    }),
  ],
  permissions: [
    DRAFT_PROPOSALS,
    MANAGE_PROPOSALS,
    HANDLE_PROPOSALS,
    READ_PROPOSALS,
    MANAGE_UNITS,
    SUBMIT_OPINION_REPORTS,
    MANAGE_OPINION_REPORTS,
    READ_OPINION_REPORTS,
  ],
  stats: [PROPOSAL_STATS, OPINION_REPORT_STATS],
  seed: seedProposals,
});

export default proposalsModule;
export { Proposal, ProposalStatus, ProposalKind, ProposalCategory } from "./proposal/proposal.entity";
export { HandlingUnit } from "./handling-unit/handling-unit.entity";
export { OpinionReport } from "./opinion-report/opinion-report.entity";
export { PROPOSAL_STATS } from "./statistics/proposal-stats";
export { OPINION_REPORT_STATS } from "./statistics/opinion-report-stats";
