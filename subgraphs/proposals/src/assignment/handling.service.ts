import {
  badInput,
  conflict,
  forbidden,
  paginateById,
  text,
  today,
  type Connection,
  type PageArgs,
  type RequestContext,
  tokenUnitId,
} from "@tongxin/sdk";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { unitLoaders } from "../handling-unit/handling-unit.loader";
import { HANDLE_PROPOSALS } from "../permissions";
import { ProposalAction } from "../proposal/proposal-event.entity";
import { Proposal, ProposalStatus } from "../proposal/proposal.entity";
import type { ReplyInput } from "../proposal/proposal.inputs";
import { forgetProposal } from "../proposal/proposal.loader";
import { checkCommitteeFilter, getProposal } from "../proposal/proposal.service";
import { assertCan, loadForWrite, transition } from "../proposal/proposal.transition";
import { ASSIGNMENT_WORKFLOW, Guard } from "../proposal/proposal.workflow";
import { assignmentScope } from "./assignment.scope";
import { AssignmentRole, AssignmentStatus, ProposalAssignment } from "./assignment.entity";
import { ProposalReply } from "./reply.entity";

const ROLE_ZH: Record<AssignmentRole, string> = { LEAD: "主办", ASSISTING: "协办" };

/**
 * A unit acts on its own assignment in the proposal's current handling round. A proposal
 * never assigned to the unit is NOT_FOUND to it; one it handled in an earlier round only
 * is FORBIDDEN.
 */
async function unitWrite(
  ctx: RequestContext,
  rawId: string,
  write: (tx: RequestContext, p: Proposal, mine: ProposalAssignment, unit: HandlingUnit) => Promise<void>,
): Promise<Proposal> {
  ctx.require(HANDLE_PROPOSALS);
  const unitId = tokenUnitId(ctx);
  if (unitId === null) throw forbidden("handling proposals (the token names no unit)");
  const seen = await getProposal(ctx, rawId);
  const unit = await unitLoaders(ctx).byId.load(unitId);
  if (!unit) throw forbidden(`handling proposals (unit ${unitId} is not registered)`);
  const written = await ctx.transaction(Proposal, async (tx) => {
    const p = await loadForWrite(tx, seen.id);
    const mine = await tx.repo(ProposalAssignment).findOne({
      where: { proposalId: p.id, unitId, round: p.handlingRound },
      order: { id: "DESC" },
    });
    if (!mine) throw forbidden(`proposal ${p.id} (not assigned to unit ${unitId} in its current handling round)`);
    await write(tx, p, mine, unit);
    // Read back inside the transaction, so the answer cannot fail after the write committed.
    return tx.repo(Proposal).findOneByOrFail({ id: seen.id });
  });
  forgetProposal(ctx, seen.id);
  return written;
}

/** Moves one assignment on as ASSIGNMENT_WORKFLOW says, only from the status it was read in. */
async function moveAssignment(
  tx: RequestContext,
  a: ProposalAssignment,
  action: ProposalAction,
  values: Partial<ProposalAssignment>,
  guard?: string,
): Promise<void> {
  const to = ASSIGNMENT_WORKFLOW.next(tx, a.status, action, guard);
  const r = await tx
    .manager(ProposalAssignment)
    .createQueryBuilder()
    .update(ProposalAssignment)
    .set({ ...values, status: to })
    .where("id = :id AND status = :from", { id: a.id, from: a.status })
    .execute();
  // Assignments change only under the proposal's row lock; this is the safety net.
  if (r.affected !== 1) throw conflict("assignment");
}

/** 签收. */
export function acceptAssignment(ctx: RequestContext, rawId: string): Promise<Proposal> {
  return unitWrite(ctx, rawId, async (tx, p, mine, unit) => {
    assertCan(tx, p, ProposalAction.ACCEPT);
    await moveAssignment(tx, mine, ProposalAction.ACCEPT, { acceptedOn: today() });
    await transition(tx, p, { action: ProposalAction.ACCEPT, note: `${unit.name} (${ROLE_ZH[mine.role]}) 签收` });
  });
}

/**
 * 退回: a unit that finds the proposal outside its remit sends it back before accepting.
 * Assignment is one decision about the set of units, so the whole round is withdrawn
 * and the proposal returns to FILED for the office to assign again.
 */
export async function returnAssignment(ctx: RequestContext, rawId: string, rawReason: string): Promise<Proposal> {
  const reason = text(rawReason, "reason", { max: 500, required: true });
  return unitWrite(ctx, rawId, async (tx, p, mine, unit) => {
    assertCan(tx, p, ProposalAction.RETURN);
    const returnedOn = today();
    await moveAssignment(tx, mine, ProposalAction.RETURN, { returnedOn, returnReason: reason }, Guard.OWN);
    const open = ASSIGNMENT_WORKFLOW.from(ProposalAction.RETURN, Guard.REST_OF_ROUND);
    await tx
      .manager(ProposalAssignment)
      .createQueryBuilder()
      .update(ProposalAssignment)
      .set({ status: ASSIGNMENT_WORKFLOW.next(tx, open[0], ProposalAction.RETURN, Guard.REST_OF_ROUND) })
      .where("proposal_id = :id AND round = :round AND status IN (:...open)", {
        id: p.id,
        round: p.handlingRound,
        open,
      })
      .execute();
    await transition(tx, p, {
      action: ProposalAction.RETURN,
      set: { assignedOn: null, dueOn: null },
      note: `${unit.name} (${ROLE_ZH[mine.role]}) 退回: ${reason}`,
    });
  });
}

/** 答复: the lead unit's reply makes the proposal REPLIED; an assisting unit's is recorded alongside. */
export async function replyToProposal(ctx: RequestContext, rawId: string, input: ReplyInput): Promise<Proposal> {
  const body = text(input.body, "input.body", { max: 20_000, required: true });
  return unitWrite(ctx, rawId, async (tx, p, mine, unit) => {
    const by = mine.role === AssignmentRole.LEAD ? Guard.LEAD_UNIT : Guard.ASSISTING_UNIT;
    assertCan(tx, p, ProposalAction.REPLY, by);
    const t = today();
    await moveAssignment(tx, mine, ProposalAction.REPLY, { repliedOn: t });
    await tx.repo(ProposalReply).insert({
      proposalId: p.id,
      assignmentId: mine.id,
      unitId: unit.id,
      round: mine.round,
      role: mine.role,
      replyClass: input.replyClass,
      body,
      repliedOn: t,
    });
    await transition(tx, p, {
      action: ProposalAction.REPLY,
      guard: by,
      note: `${unit.name} (${ROLE_ZH[mine.role]}) 答复, ${input.replyClass} 类`,
    });
  });
}

/**
 * An assignment is overdue when it belongs to the proposal's current round, the unit has
 * neither replied nor returned it, its due date has passed, and the proposal is still
 * being handled. Written once: the list below, `Assignment.overdue` and the
 * `overdue` figure use it.
 */
export const OVERDUE_SQL = (a: string, p: string, todayParam = "today") =>
  `(${a}.round = ${p}.handling_round AND ${a}.status IN ('PENDING', 'ACCEPTED') AND ${a}.due_on < :${todayParam} AND ${p}.status = 'ASSIGNED')`;

export function isOverdue(a: ProposalAssignment, p: Proposal | null, t = today()): boolean {
  return (
    !!p &&
    a.round === p.handlingRound &&
    (a.status === AssignmentStatus.PENDING || a.status === AssignmentStatus.ACCEPTED) &&
    a.dueOn < t &&
    p.status === ProposalStatus.ASSIGNED
  );
}

/** STAFF: overdue assignments of their committee and those below it (or one of them); UNIT: its own. */
export async function overdueAssignments(
  ctx: RequestContext,
  args: PageArgs & { committee?: string | null },
): Promise<Connection<ProposalAssignment>> {
  ctx.requireAuthenticated();
  const qb = ctx
    .repo(ProposalAssignment)
    .createQueryBuilder("a")
    .innerJoin(Proposal, "p", "p.id = a.proposal_id")
    .where(OVERDUE_SQL("a", "p"), { today: today() });
  await assignmentScope.restrict(ctx, qb, "a");
  if (args.committee) {
    if (ctx.identity.role === "UNIT") {
      throw badInput("committee", "承办单位只能查看本单位的交办", "a unit sees its own assignments only");
    }
    await checkCommitteeFilter(ctx, args.committee);
    qb.andWhere("p.committee_code = :committee", { committee: args.committee });
  }
  return paginateById(qb, args);
}
