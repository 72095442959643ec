import { defineLoaders, type RequestContext } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { ProposalAssignment } from "../assignment/assignment.entity";
import { ProposalReply } from "../assignment/reply.entity";
import { OpinionReport } from "../opinion-report/opinion-report.entity";
import { ProposalAttachment } from "./attachment.entity";
import { ProposalCoSigner } from "./co-signer.entity";
import { ProposalEvent } from "./proposal-event.entity";
import { Proposal } from "./proposal.entity";
import { proposalScope } from "./proposal.scope";

/** Rows of a child table grouped under each parent id, in id order (the order they happened). */
function groupedBy<T extends { id: number }>(ids: readonly number[], rows: T[], parentOf: (row: T) => number): T[][] {
  const map = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const r of [...rows].sort((a, b) => a.id - b.id)) map.get(parentOf(r))?.push(r);
  return ids.map((id) => map.get(id)!);
}

/** One statement per kind of look-up per request, whatever the page size (rule 3). */
export const proposalLoaders = defineLoaders((ctx) => ({
  /** The proposal if the viewer may see it, else null. */
  visibleProposal: new DataLoader<number, Proposal | null>(async (ids) => {
    const qb = ctx
      .repo(Proposal)
      .createQueryBuilder("p")
      .where("p.id IN (:...ids)", { ids: [...ids] });
    await proposalScope.restrict(ctx, qb, "p", "lookup");
    const rows = new Map((await qb.getMany()).map((p) => [p.id, p]));
    return ids.map((id) => rows.get(id) ?? null);
  }),
  coSignersOf: new DataLoader<number, ProposalCoSigner[]>(async (ids) =>
    groupedBy(ids, await ctx.repo(ProposalCoSigner).findBy({ proposalId: In([...ids]) }), (r) => r.proposalId),
  ),
  attachmentsOf: new DataLoader<number, ProposalAttachment[]>(async (ids) =>
    groupedBy(ids, await ctx.repo(ProposalAttachment).findBy({ proposalId: In([...ids]) }), (r) => r.proposalId),
  ),
  eventsOf: new DataLoader<number, ProposalEvent[]>(async (ids) =>
    groupedBy(ids, await ctx.repo(ProposalEvent).findBy({ proposalId: In([...ids]) }), (r) => r.proposalId),
  ),
  assignmentsOf: new DataLoader<number, ProposalAssignment[]>(async (ids) =>
    groupedBy(ids, await ctx.repo(ProposalAssignment).findBy({ proposalId: In([...ids]) }), (r) => r.proposalId),
  ),
  repliesOf: new DataLoader<number, ProposalReply[]>(async (ids) =>
    groupedBy(ids, await ctx.repo(ProposalReply).findBy({ proposalId: In([...ids]) }), (r) => r.proposalId),
  ),
  reportFrom: new DataLoader<number, OpinionReport | null>(async (ids) => {
    const rows = await ctx.repo(OpinionReport).findBy({ sourceProposalId: In([...ids]) });
    return ids.map((id) => rows.find((r) => r.sourceProposalId === id) ?? null);
  }),
}));

/** After a write, the request must not answer from what its loaders read before it. */
export function forgetProposal(ctx: RequestContext, id: number): void {
  const l = proposalLoaders(ctx);
  for (const loader of [l.visibleProposal, l.coSignersOf, l.attachmentsOf, l.eventsOf, l.assignmentsOf, l.repliesOf]) {
    loader.clear(id);
  }
  l.reportFrom.clear(id);
}
