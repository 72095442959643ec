import { defineWorkflow } from "@tongxin/sdk";
import { AssignmentStatus } from "../assignment/assignment.entity";
import { OpinionReportStatus } from "../opinion-report/opinion-report.entity";
import { ProposalAction } from "./proposal-event.entity";
import { ProposalStatus } from "./proposal.entity";

/**
 * The proposal workflow, opinion reports' and assignments': the only place that lists which
 * step goes from which state to which, and for whom. Services ask these tables for the next
 * state, the rules test and the seed walk them, and `npm run docs:workflow -w
 * @tongxin/proposals` draws them into the README.
 *
 * Who exactly (the lead proposer, the office of exactly that committee, an assigned unit)
 * is checked by the services; the roles here are the kinds of caller that can ever take
 * the step, checked again when the step is taken.
 */

const S = ProposalStatus;
const A = ProposalAction;

/** Conditions that pick one of several outcomes of the same step. */
export const Guard = {
  LEAD_UNIT: "lead unit",
  ASSISTING_UNIT: "assisting unit",
  SATISFIED: "satisfied",
  UNSATISFIED: "unsatisfied",
  OWN: "the returning unit",
  REST_OF_ROUND: "the round's other units",
} as const;

/** Every state in `from`, each going to itself: steps that record something without moving. */
const stays = (from: ProposalStatus[], action: ProposalAction, roles: ("STAFF" | "MEMBER" | "UNIT")[]) =>
  from.map((s) => ({ from: s, action, roles, to: s }));

export const PROPOSAL_WORKFLOW = defineWorkflow<ProposalStatus, ProposalAction>({
  name: "proposal",
  states: Object.values(ProposalStatus),
  verbs: {
    DRAFT: "draft",
    INVITE_COSIGNERS: "invite co-signers",
    WITHDRAW_INVITATION: "withdraw an invitation",
    COSIGN: "co-sign",
    SUBMIT: "submit",
    RECLASSIFY: "reclassify",
    FILE: "file",
    NOT_FILE: "decline to file",
    MERGE: "merge",
    CONVERT: "convert to an opinion report",
    ASSIGN: "assign",
    ACCEPT: "accept",
    RETURN: "return",
    REPLY: "reply",
    MARK_KEY: "mark as key proposal",
    RATE_EXCELLENT: "rate the reply excellent",
    EVALUATE: "evaluate",
    CLOSE: "close",
  },
  transitions: [
    // A member drafts their own proposal; the office drafts a collective one.
    { from: null, action: A.DRAFT, roles: ["MEMBER", "STAFF"], to: S.DRAFT },
    // Editing the draft (no event: drafting is one step however often the text changes).
    { from: S.DRAFT, action: A.DRAFT, roles: ["MEMBER", "STAFF"], to: S.DRAFT },
    { from: S.DRAFT, action: A.INVITE_COSIGNERS, roles: ["MEMBER"], to: S.DRAFT },
    { from: S.DRAFT, action: A.WITHDRAW_INVITATION, roles: ["MEMBER"], to: S.DRAFT },
    { from: S.DRAFT, action: A.COSIGN, roles: ["MEMBER"], to: S.DRAFT },
    { from: S.DRAFT, action: A.SUBMIT, roles: ["MEMBER", "STAFF"], to: S.SUBMITTED },
    ...stays([S.SUBMITTED, S.FILED, S.ASSIGNED, S.REPLIED], A.RECLASSIFY, ["STAFF"]),
    { from: S.SUBMITTED, action: A.FILE, roles: ["STAFF"], to: S.FILED },
    { from: S.SUBMITTED, action: A.NOT_FILE, roles: ["STAFF"], to: S.NOT_FILED },
    { from: S.SUBMITTED, action: A.MERGE, roles: ["STAFF"], to: S.MERGED },
    // 转社情民意: the proposal stays not filed; the report continues it (once).
    { from: S.NOT_FILED, action: A.CONVERT, roles: ["STAFF"], to: S.NOT_FILED },
    { from: S.FILED, action: A.ASSIGN, roles: ["STAFF"], to: S.ASSIGNED },
    { from: S.ASSIGNED, action: A.ACCEPT, roles: ["UNIT"], to: S.ASSIGNED },
    // A unit's return withdraws the whole round: the office assigns again.
    { from: S.ASSIGNED, action: A.RETURN, roles: ["UNIT"], to: S.FILED },
    { from: S.ASSIGNED, action: A.REPLY, roles: ["UNIT"], to: S.REPLIED, guard: Guard.LEAD_UNIT },
    { from: S.ASSIGNED, action: A.REPLY, roles: ["UNIT"], to: S.ASSIGNED, guard: Guard.ASSISTING_UNIT },
    ...stays([S.FILED, S.ASSIGNED, S.REPLIED], A.MARK_KEY, ["STAFF"]),
    // Only key proposals, once (checked by the service).
    ...stays([S.REPLIED, S.CLOSED], A.RATE_EXCELLENT, ["STAFF"]),
    // The lead proposer evaluates; the office records a collective proposal's evaluation.
    { from: S.REPLIED, action: A.EVALUATE, roles: ["MEMBER", "STAFF"], to: S.CLOSED, guard: Guard.SATISFIED },
    // 重新办理: the same units handle it again, with a new due date.
    { from: S.REPLIED, action: A.EVALUATE, roles: ["MEMBER", "STAFF"], to: S.ASSIGNED, guard: Guard.UNSATISFIED },
    // The proposer did not evaluate in time.
    { from: S.REPLIED, action: A.CLOSE, roles: ["STAFF"], to: S.CLOSED },
  ],
});

/** One unit's part in one handling round, moved by the proposal's steps. */
export const ASSIGNMENT_WORKFLOW = defineWorkflow<AssignmentStatus, ProposalAction>({
  name: "assignment",
  states: Object.values(AssignmentStatus),
  verbs: PROPOSAL_WORKFLOW.verbs,
  transitions: [
    { from: null, action: A.ASSIGN, roles: ["STAFF"], to: AssignmentStatus.PENDING },
    // Re-handling: the units already accepted the proposal; no second acceptance.
    { from: null, action: A.EVALUATE, roles: ["MEMBER", "STAFF"], to: AssignmentStatus.ACCEPTED },
    { from: AssignmentStatus.PENDING, action: A.ACCEPT, roles: ["UNIT"], to: AssignmentStatus.ACCEPTED },
    {
      from: AssignmentStatus.PENDING,
      action: A.RETURN,
      roles: ["UNIT"],
      to: AssignmentStatus.RETURNED,
      guard: Guard.OWN,
    },
    {
      from: AssignmentStatus.PENDING,
      action: A.RETURN,
      roles: ["UNIT"],
      to: AssignmentStatus.CANCELLED,
      guard: Guard.REST_OF_ROUND,
    },
    {
      from: AssignmentStatus.ACCEPTED,
      action: A.RETURN,
      roles: ["UNIT"],
      to: AssignmentStatus.CANCELLED,
      guard: Guard.REST_OF_ROUND,
    },
    { from: AssignmentStatus.ACCEPTED, action: A.REPLY, roles: ["UNIT"], to: AssignmentStatus.REPLIED },
  ],
});

/** The steps of an opinion report (社情民意信息); its events are its dates, not a table. */
export enum OpinionReportAction {
  SUBMIT = "SUBMIT",
  CONVERT = "CONVERT",
  COMPILE = "COMPILE",
  DECLINE = "DECLINE",
  FORWARD = "FORWARD",
  INSTRUCT = "INSTRUCT",
}

const R = OpinionReportStatus;
export const OPINION_REPORT_WORKFLOW = defineWorkflow<OpinionReportStatus, OpinionReportAction>({
  name: "opinion report",
  states: Object.values(OpinionReportStatus),
  verbs: {
    SUBMIT: "submit",
    CONVERT: "convert a proposal",
    COMPILE: "compile",
    DECLINE: "decline",
    FORWARD: "forward",
    INSTRUCT: "record an instruction",
  },
  transitions: [
    // A member reports in their own name; the office records what others report.
    { from: null, action: OpinionReportAction.SUBMIT, roles: ["MEMBER", "STAFF"], to: R.SUBMITTED },
    // A not-filed proposal continues as a report (the proposal's CONVERT step).
    { from: null, action: OpinionReportAction.CONVERT, roles: ["STAFF"], to: R.SUBMITTED },
    { from: R.SUBMITTED, action: OpinionReportAction.COMPILE, roles: ["STAFF"], to: R.COMPILED },
    { from: R.SUBMITTED, action: OpinionReportAction.DECLINE, roles: ["STAFF"], to: R.DECLINED },
    { from: R.COMPILED, action: OpinionReportAction.FORWARD, roles: ["STAFF"], to: R.FORWARDED },
    { from: R.FORWARDED, action: OpinionReportAction.INSTRUCT, roles: ["STAFF"], to: R.INSTRUCTED },
  ],
});
