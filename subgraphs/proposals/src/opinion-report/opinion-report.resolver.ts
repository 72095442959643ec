import { CommitteeRef, ConnectionType, MemberRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Proposal } from "../proposal/proposal.entity";
import { proposalLoaders } from "../proposal/proposal.loader";
import { OpinionReport } from "./opinion-report.entity";
import { LeaderInstructionInput, OpinionReportsArgs, SubmitOpinionReportInput } from "./opinion-report.inputs";
import {
  compileOpinionReport,
  declineOpinionReport,
  forwardOpinionReport,
  getOpinionReport,
  listOpinionReports,
  recordLeaderInstruction,
  reportLoaders,
  submitOpinionReport,
} from "./opinion-report.service";

export const OpinionReportConnection = ConnectionType("OpinionReport", OpinionReport);
const VERSION = { nullable: true, description: "看到的版本号; 已被他人修改时返回 CONFLICT" };

@Resolver(() => OpinionReport)
export class OpinionReportResolver {
  @Query(() => OpinionReport, { nullable: true })
  opinionReport(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<OpinionReport> {
    return getOpinionReport(ctx, id);
  }

  @Query(() => OpinionReportConnection, { description: "社情民意信息 / opinion reports you may see" })
  opinionReports(@Ctx() ctx: RequestContext, @Args(() => OpinionReportsArgs) args: OpinionReportsArgs) {
    return listOpinionReports(ctx, args);
  }

  @Mutation(() => OpinionReport, { description: "报送社情民意信息" })
  submitOpinionReport(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => SubmitOpinionReportInput) input: SubmitOpinionReportInput,
  ): Promise<OpinionReport> {
    return submitOpinionReport(ctx, input);
  }

  @Mutation(() => OpinionReport, { description: "采编入刊 (本级机关)" })
  compileOpinionReport(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("bulletin", () => String, { description: "刊载期号" }) bulletin: string,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<OpinionReport> {
    return compileOpinionReport(ctx, id, bulletin, version);
  }

  @Mutation(() => OpinionReport, { description: "不予采用 (本级机关)" })
  declineOpinionReport(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String) reason: string,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<OpinionReport> {
    return declineOpinionReport(ctx, id, reason, version);
  }

  @Mutation(() => OpinionReport, { description: "报送上级或党委政府 (本级机关)" })
  forwardOpinionReport(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("forwardedTo", () => String) forwardedTo: string,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<OpinionReport> {
    return forwardOpinionReport(ctx, id, forwardedTo, version);
  }

  @Mutation(() => OpinionReport, { description: "登记领导批示 (本级机关)" })
  recordLeaderInstruction(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => LeaderInstructionInput) input: LeaderInstructionInput,
    @Arg("version", () => Int, VERSION) version?: number | null,
  ): Promise<OpinionReport> {
    return recordLeaderInstruction(ctx, id, input, version);
  }

  @FieldResolver(() => CommitteeRef, { nullable: true })
  committee(@Root() r: OpinionReport): CommitteeRef {
    return { code: r.committeeCode };
  }

  @FieldResolver(() => MemberRef, { nullable: true, description: "反映的委员" })
  submitter(@Root() r: OpinionReport): MemberRef | null {
    return r.submitterMemberId === null ? null : { id: String(r.submitterMemberId) };
  }

  @FieldResolver(() => Proposal, { nullable: true, description: "由哪件不予立案的提案转来" })
  sourceProposal(@Root() r: OpinionReport, @Ctx() ctx: RequestContext): Promise<Proposal | null> | null {
    return r.sourceProposalId === null ? null : proposalLoaders(ctx).visibleProposal.load(r.sourceProposalId);
  }
}

export const opinionReportReference = (ref: Record<string, unknown>, ctx: RequestContext) => {
  const id = Number(ref.id);
  if (!ctx.isAuthenticated || !Number.isSafeInteger(id)) return null;
  return reportLoaders(ctx).visibleReport.load(id);
};
