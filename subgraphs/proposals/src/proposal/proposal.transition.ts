import { conflict, notFound, parseId, type RequestContext, tokenMemberId, tokenUnitId } from "@tongxin/sdk";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { ProposalAction, ProposalEvent } from "./proposal-event.entity";
import { Proposal, ProposalStatus } from "./proposal.entity";
import { forgetProposal } from "./proposal.loader";
import { proposalScope } from "./proposal.scope";
import { PROPOSAL_WORKFLOW } from "./proposal.workflow";

const PROPOSAL = { en: "proposal", zh: "提案" };

/**
 * On MySQL a read that precedes a write takes the row lock (SELECT … FOR UPDATE): a second
 * writer waits, then sees the first one's result and is refused with the right code.
 * SQLite runs one write transaction at a time, so its reads are already current.
 */
export function lockForWrite<T extends ObjectLiteral>(ctx: RequestContext, qb: SelectQueryBuilder<T>) {
  if (ctx.manager(Proposal).connection.options.type === "mysql") qb.setLock("pessimistic_write");
  return qb;
}

/**
 * The proposal as it is now, inside the caller's transaction, if the caller may see it
 * (NOT_FOUND otherwise, so that existence does not leak).
 */
export async function loadForWrite(tx: RequestContext, rawId: string | number, field = "id"): Promise<Proposal> {
  const id = parseId(rawId, field);
  const qb = tx.repo(Proposal).createQueryBuilder("p").where("p.id = :id", { id });
  await proposalScope.restrict(tx, qb, "p", "lookup");
  const p = await lockForWrite(tx, qb).getOne();
  if (!p) throw notFound(PROPOSAL.en, id, PROPOSAL.zh);
  return p;
}

/**
 * Refuses `action` on `p` as it is now unless the workflow table lists the step (for this
 * kind of caller and, where the step has several outcomes, the condition `guard` names).
 */
export function assertCan(tx: RequestContext, p: Proposal, action: ProposalAction, guard?: string): ProposalStatus {
  return PROPOSAL_WORKFLOW.next(tx, p.status, action, guard);
}

export const refuse = (from: string, action: ProposalAction) => PROPOSAL_WORKFLOW.refuse(from, action);

export interface Transition {
  action: ProposalAction;
  /** Picks the outcome when the step has several (PROPOSAL_WORKFLOW names them). */
  guard?: string;
  set?: Partial<Record<keyof Proposal, unknown>>;
  /** When the client sends the version it saw, a newer one answers CONFLICT. */
  version?: number | null;
  note?: string | null;
}

/**
 * Moves `p` (as read by `loadForWrite` in this transaction) to the state the workflow table
 * gives the step, and records the event. The
 * UPDATE is conditional on the status read and, when given, the client's version, so two
 * concurrent transitions can never both apply: the loser changes nothing and writes no event.
 */
export async function transition(tx: RequestContext, p: Proposal, t: Transition): Promise<void> {
  if (t.version !== undefined && t.version !== null && t.version !== p.version) throw conflict(PROPOSAL.en);
  const to = assertCan(tx, p, t.action, t.guard);
  const qb = tx
    .manager(Proposal)
    .createQueryBuilder()
    .update(Proposal)
    .set({ ...(t.set ?? {}), status: to, version: () => "version + 1", updatedAt: new Date() } as never)
    .where("id = :id AND status = :seen AND version = :seenVersion", {
      id: p.id,
      seen: p.status,
      seenVersion: p.version,
    });
  const result = await qb.execute();
  if (result.affected !== 1) {
    const now = await tx.repo(Proposal).findOne({ where: { id: p.id }, select: { id: true, status: true } });
    if (!now) throw notFound(PROPOSAL.en, p.id, PROPOSAL.zh);
    if (now.status !== p.status) throw refuse(now.status, t.action);
    throw conflict(PROPOSAL.en);
  }
  await recordEvent(tx, p.id, t.action, p.status, to, t.note ?? null);
  Object.assign(p, t.set ?? {}, { status: to, version: p.version + 1 });
  forgetProposal(tx, p.id);
}

export async function recordEvent(
  tx: RequestContext,
  proposalId: number,
  action: ProposalAction,
  from: ProposalStatus | null,
  to: ProposalStatus,
  note: string | null,
): Promise<void> {
  const who = tx.identity;
  await tx.repo(ProposalEvent).insert({
    proposalId,
    action,
    from,
    to,
    actorRole: who.role,
    actorSubject: who.subject,
    actorMemberId: who.role === "MEMBER" ? tokenMemberId(tx) : null,
    actorUnitId: who.role === "UNIT" ? tokenUnitId(tx) : null,
    actorCommittee: who.role === "STAFF" ? (who.committee ?? null) : null,
    at: new Date(),
    note,
  });
}
