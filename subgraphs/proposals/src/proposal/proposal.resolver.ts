import { CommitteeRef, ConnectionType, MemberRef, today, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { AssignmentRole, ProposalAssignment } from "../assignment/assignment.entity";
import { isOverdue } from "../assignment/handling.service";
import { ProposalReply } from "../assignment/reply.entity";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { unitLoaders } from "../handling-unit/handling-unit.loader";
import { OpinionReport } from "../opinion-report/opinion-report.entity";
import { ProposalAttachment } from "./attachment.entity";
import { CoSignerStatus, ProposalCoSigner } from "./co-signer.entity";
import {
  assignProposal,
  closeProposal,
  convertToOpinionReport,
  markKeyProposal,
  rateKeyReplyExcellent,
  reviewProposal,
} from "./office.service";
import { ProposalEvent } from "./proposal-event.entity";
import { Proposal } from "./proposal.entity";
import {
  AssignProposalInput,
  DraftProposalInput,
  EvaluateReplyInput,
  MarkKeyProposalInput,
  ProposalsArgs,
  ReviewProposalInput,
  UpdateProposalInput,
} from "./proposal.inputs";
import { proposalLoaders } from "./proposal.loader";
import { formatNumber } from "./proposal.number";
import { getProposal, listProposals } from "./proposal.service";
import {
  coSignProposal,
  draftProposal,
  evaluateReply,
  inviteCoSigners,
  submitProposal,
  updateProposal,
  withdrawInvitation,
} from "./proposer.service";

export const ProposalConnection = ConnectionType("Proposal", Proposal);

const VERSION = { nullable: true, description: "看到的版本号; 已被他人修改时返回 CONFLICT" };

@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => Proposal, { nullable: true, description: "按编号查询提案 / one proposal, if you may see it" })
  proposal(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<Proposal> {
    return getProposal(ctx, id);
  }

  @Query(() => ProposalConnection, { description: "提案列表 / proposals you may see, filtered and paged" })
  proposals(@Ctx() ctx: RequestContext, @Args(() => ProposalsArgs) args: ProposalsArgs) {
    return listProposals(ctx, args);
  }

  @Mutation(() => Proposal, { description: "起草提案 (委员领衔; 机关代集体提案起草)" })
  draftProposal(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => DraftProposalInput) input: DraftProposalInput,
  ): Promise<Proposal> {
    return draftProposal(ctx, input);
  }

  @Mutation(() => Proposal, { description: "修改草稿, 或提交后由机关调整分类" })
  updateProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => UpdateProposalInput) input: UpdateProposalInput,
  ): Promise<Proposal> {
    return updateProposal(ctx, id, version, input);
  }

  @Mutation(() => Proposal, { description: "邀请联名 (领衔人, 草稿阶段)" })
  inviteCoSigners(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("memberIds", () => [ID]) memberIds: string[],
    @Arg("deadline", () => String, { nullable: true, description: "联名截止日期" }) deadline?: string | null,
  ): Promise<Proposal> {
    return inviteCoSigners(ctx, id, memberIds, deadline);
  }

  @Mutation(() => Proposal, { description: "撤回联名邀请 (领衔人, 草稿阶段)" })
  withdrawCoSignerInvitation(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("memberId", () => ID) memberId: string,
  ): Promise<Proposal> {
    return withdrawInvitation(ctx, id, memberId);
  }

  @Mutation(() => Proposal, { description: "联名 (受邀委员, 截止日期前)" })
  coSignProposal(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<Proposal> {
    return coSignProposal(ctx, id);
  }

  @Mutation(() => Proposal, { description: "提交提案, 编发案号" })
  submitProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<Proposal> {
    return submitProposal(ctx, id, version);
  }

  @Mutation(() => Proposal, { description: "审查: 立案 / 不予立案 / 并案 (本级机关)" })
  reviewProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ReviewProposalInput) input: ReviewProposalInput,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<Proposal> {
    return reviewProposal(ctx, id, input, version);
  }

  @Mutation(() => OpinionReport, { description: "不予立案的提案转为社情民意信息 (本级机关)" })
  convertProposalToOpinionReport(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<OpinionReport> {
    return convertToOpinionReport(ctx, id, version);
  }

  @Mutation(() => Proposal, { description: "交办: 主办单位、协办单位和答复期限 (本级机关)" })
  assignProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => AssignProposalInput) input: AssignProposalInput,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<Proposal> {
    return assignProposal(ctx, id, input, version);
  }

  @Mutation(() => Proposal, { description: "确定为重点提案并指定督办领导 (本级机关)" })
  markKeyProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => MarkKeyProposalInput) input: MarkKeyProposalInput,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<Proposal> {
    return markKeyProposal(ctx, id, input, version);
  }

  @Mutation(() => Proposal, { description: "重点提案办复评为优秀 (本级机关)" })
  rateKeyReplyExcellent(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<Proposal> {
    return rateKeyReplyExcellent(ctx, id, version);
  }

  @Mutation(() => Proposal, { description: "评价答复: 满意/基本满意办结, 不满意重新办理" })
  evaluateReply(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => EvaluateReplyInput) input: EvaluateReplyInput,
  ): Promise<Proposal> {
    return evaluateReply(ctx, id, input);
  }

  @Mutation(() => Proposal, { description: "提案者未评价时办结 (本级机关)" })
  closeProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("note", () => String, { nullable: true }) note?: string | null,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<Proposal> {
    return closeProposal(ctx, id, note, version);
  }

  @FieldResolver(() => String, { nullable: true, description: "案号, 如 2023-017; 提交后编发" })
  number(@Root() p: Proposal): string | null {
    return formatNumber(p.year, p.serial);
  }

  @FieldResolver(() => CommitteeRef, { nullable: true })
  committee(@Root() p: Proposal): CommitteeRef {
    return { code: p.committeeCode };
  }

  @FieldResolver(() => MemberRef, { nullable: true, description: "领衔人; 集体提案为空" })
  leadProposer(@Root() p: Proposal): MemberRef | null {
    return p.leadMemberId === null ? null : { id: String(p.leadMemberId) };
  }

  @FieldResolver(() => [ProposalCoSigner], { description: "联名人; 默认不含已失效的邀请" })
  async coSigners(
    @Root() p: Proposal,
    @Ctx() ctx: RequestContext,
    @Arg("includeLapsed", () => Boolean, { nullable: true, defaultValue: false }) includeLapsed: boolean,
  ): Promise<ProposalCoSigner[]> {
    const rows = await proposalLoaders(ctx).coSignersOf.load(p.id);
    return includeLapsed ? rows : rows.filter((r) => r.status !== CoSignerStatus.LAPSED);
  }

  @FieldResolver(() => [ProposalAttachment])
  attachments(@Root() p: Proposal, @Ctx() ctx: RequestContext): Promise<ProposalAttachment[]> {
    return proposalLoaders(ctx).attachmentsOf.load(p.id);
  }

  @FieldResolver(() => Proposal, { nullable: true, description: "并案时并入的提案" })
  mergedInto(@Root() p: Proposal, @Ctx() ctx: RequestContext): Promise<Proposal | null> | null {
    return p.mergedIntoId === null ? null : proposalLoaders(ctx).visibleProposal.load(p.mergedIntoId);
  }

  @FieldResolver(() => OpinionReport, { nullable: true, description: "转成的社情民意信息" })
  opinionReport(@Root() p: Proposal, @Ctx() ctx: RequestContext): Promise<OpinionReport | null> | null {
    // Units never see opinion reports; a not-filed proposal is never assigned anyway.
    if (p.convertedReportId === null || ctx.identity.role === "UNIT") return null;
    return proposalLoaders(ctx).reportFrom.load(p.id);
  }

  @FieldResolver(() => [ProposalAssignment], { description: "交办记录; currentRound: true 只看本轮" })
  async assignments(
    @Root() p: Proposal,
    @Ctx() ctx: RequestContext,
    @Arg("currentRound", () => Boolean, { nullable: true, defaultValue: false }) currentRound: boolean,
  ): Promise<ProposalAssignment[]> {
    const rows = await proposalLoaders(ctx).assignmentsOf.load(p.id);
    return currentRound ? rows.filter((a) => a.round === p.handlingRound) : rows;
  }

  @FieldResolver(() => [ProposalReply], { description: "各轮答复, 按时间先后" })
  replies(@Root() p: Proposal, @Ctx() ctx: RequestContext): Promise<ProposalReply[]> {
    return proposalLoaders(ctx).repliesOf.load(p.id);
  }

  @FieldResolver(() => [ProposalEvent], { description: "流转记录, 按时间先后 / every step, oldest first" })
  timeline(@Root() p: Proposal, @Ctx() ctx: RequestContext): Promise<ProposalEvent[]> {
    return proposalLoaders(ctx).eventsOf.load(p.id);
  }

  @FieldResolver(() => Boolean, { description: "主办单位逾期未答复" })
  async overdue(@Root() p: Proposal, @Ctx() ctx: RequestContext): Promise<boolean> {
    const rows = await proposalLoaders(ctx).assignmentsOf.load(p.id);
    const t = today();
    return rows.some((a) => a.role === AssignmentRole.LEAD && isOverdue(a, p, t));
  }
}

@Resolver(() => ProposalCoSigner)
export class CoSignerResolver {
  @FieldResolver(() => MemberRef, { nullable: true })
  member(@Root() c: ProposalCoSigner): MemberRef {
    return { id: String(c.memberId) };
  }
}

@Resolver(() => ProposalEvent)
export class ProposalEventResolver {
  @FieldResolver(() => MemberRef, { nullable: true, description: "操作的委员" })
  actorMember(@Root() e: ProposalEvent): MemberRef | null {
    return e.actorMemberId === null ? null : { id: String(e.actorMemberId) };
  }

  @FieldResolver(() => HandlingUnit, { nullable: true, description: "操作的承办单位" })
  actorUnit(@Root() e: ProposalEvent, @Ctx() ctx: RequestContext): Promise<HandlingUnit | null> | null {
    return e.actorUnitId === null ? null : unitLoaders(ctx).byId.load(e.actorUnitId);
  }

  @FieldResolver(() => CommitteeRef, { nullable: true, description: "操作的政协机关" })
  actorCommittee(@Root() e: ProposalEvent): CommitteeRef | null {
    return e.actorCommittee === null ? null : { code: e.actorCommittee };
  }
}

/** Federation entry: the gateway batches these through `_entities`; visibility is checked in SQL. */
export const proposalReference = (ref: Record<string, unknown>, ctx: RequestContext) => {
  const id = Number(ref.id);
  if (!ctx.isAuthenticated || !Number.isSafeInteger(id)) return null;
  return proposalLoaders(ctx).visibleProposal.load(id);
};
