import type { Identity } from "@tongxin/sdk";
import { member, staff, unit, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { ok } from "./fixtures";

/** The workflow's mutations as the module tests call them. */
export const M = {
  draft: `mutation($i: DraftProposalInput!) { draftProposal(input: $i) { id version status } }`,
  submit: `mutation($id: ID!) { submitProposal(id: $id) { id status number } }`,
  coSign: `mutation($id: ID!) { coSignProposal(id: $id) { id } }`,
  review: `mutation($id: ID!, $i: ReviewProposalInput!) { reviewProposal(id: $id, input: $i) { id status } }`,
  convert: `mutation($id: ID!) { convertProposalToOpinionReport(id: $id) { id status sourceProposal { id } } }`,
  assign: `mutation($id: ID!, $i: AssignProposalInput!) { assignProposal(id: $id, input: $i) { id status dueOn handlingRound } }`,
  accept: `mutation($id: ID!) { acceptAssignment(id: $id) { id status } }`,
  giveBack: `mutation($id: ID!, $r: String!) { returnAssignment(id: $id, reason: $r) { id status } }`,
  reply: `mutation($id: ID!, $i: ProposalReplyInput!) { replyToProposal(id: $id, input: $i) { id status } }`,
  markKey: `mutation($id: ID!, $i: MarkKeyProposalInput!) { markKeyProposal(id: $id, input: $i) { id isKey } }`,
  excellent: `mutation($id: ID!) { rateKeyReplyExcellent(id: $id) { id keyReplyExcellent } }`,
  evaluate: `mutation($id: ID!, $i: EvaluateReplyInput!) { evaluateReply(id: $id, input: $i) { id status evaluation handlingRound dueOn } }`,
  close: `mutation($id: ID!, $n: String) { closeProposal(id: $id, note: $n) { id status } }`,
};

export const draftInput = (extra: Record<string, unknown> = {}) => ({
  title: "关于加快城乡“两污”基础设施建设推动人居环境提升的建议",
  body: "建议统筹资金, 分年度推进乡镇污水和垃圾处理设施建设。",
  category: "ECOLOGY",
  ...extra,
});

export type Stage =
  "DRAFT" | "SUBMITTED" | "NOT_FILED" | "MERGED" | "FILED" | "PENDING" | "ACCEPTED" | "REPLIED" | "CLOSED";

/**
 * A fresh member proposal of member 1 on zhaotong, taken to `stage` the ordinary way
 * (unit 1 is the lead unit). PENDING and ACCEPTED are ASSIGNED before and after the
 * unit accepts.
 */
export async function proposalAt(sg: TestSubgraph, stage: Stage, lead: Identity = member(1)): Promise<string> {
  const office = staff("zhaotong");
  const id: string = (await ok(sg, lead, M.draft, { i: draftInput() })).draftProposal.id;
  if (stage === "DRAFT") return id;
  await ok(sg, lead, M.submit, { id });
  if (stage === "SUBMITTED") return id;
  if (stage === "NOT_FILED") {
    await ok(sg, office, M.review, { id, i: { decision: "NOT_FILED", reason: "属于个人诉求" } });
    return id;
  }
  if (stage === "MERGED") {
    const into = await proposalAt(sg, "FILED");
    await ok(sg, office, M.review, { id, i: { decision: "MERGED", mergedIntoId: into } });
    return id;
  }
  await ok(sg, office, M.review, { id, i: { decision: "FILED" } });
  if (stage === "FILED") return id;
  await ok(sg, office, M.assign, { id, i: { leadUnitId: "1" } });
  if (stage === "PENDING") return id;
  await ok(sg, unit(1), M.accept, { id });
  if (stage === "ACCEPTED") return id;
  await ok(sg, unit(1), M.reply, { id, i: { replyClass: "A", body: "已采纳。" } });
  if (stage === "REPLIED") return id;
  await ok(sg, lead, M.evaluate, { id, i: { evaluation: "SATISFIED" } });
  return id;
}
