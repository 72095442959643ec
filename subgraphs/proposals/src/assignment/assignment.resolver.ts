import type { RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { HandlingUnit } from "../handling-unit/handling-unit.entity";
import { unitLoaders } from "../handling-unit/handling-unit.loader";
import { Proposal } from "../proposal/proposal.entity";
import { ReplyInput } from "../proposal/proposal.inputs";
import { proposalLoaders } from "../proposal/proposal.loader";
import { ProposalAssignment } from "./assignment.entity";
import { acceptAssignment, isOverdue, replyToProposal, returnAssignment } from "./handling.service";
import { ProposalReply } from "./reply.entity";

@Resolver(() => ProposalAssignment)
export class AssignmentResolver {
  @Mutation(() => Proposal, { description: "签收交办 (承办单位)" })
  acceptAssignment(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "提案编号" }) id: string) {
    return acceptAssignment(ctx, id);
  }

  @Mutation(() => Proposal, { description: "退回交办, 须说明理由; 提案回到待交办 (承办单位, 签收前)" })
  returnAssignment(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "提案编号" }) id: string,
    @Arg("reason", () => String) reason: string,
  ) {
    return returnAssignment(ctx, id, reason);
  }

  @Mutation(() => Proposal, { description: "答复提案 (承办单位, 签收后); 主办单位答复后提案为已办复" })
  replyToProposal(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { description: "提案编号" }) id: string,
    @Arg("input", () => ReplyInput) input: ReplyInput,
  ) {
    return replyToProposal(ctx, id, input);
  }

  @FieldResolver(() => HandlingUnit, { nullable: true })
  unit(@Root() a: ProposalAssignment, @Ctx() ctx: RequestContext): Promise<HandlingUnit | null> {
    return unitLoaders(ctx).byId.load(a.unitId);
  }

  @FieldResolver(() => Proposal, { nullable: true })
  proposal(@Root() a: ProposalAssignment, @Ctx() ctx: RequestContext): Promise<Proposal | null> {
    return proposalLoaders(ctx).visibleProposal.load(a.proposalId);
  }

  @FieldResolver(() => Boolean, { description: "逾期未答复" })
  async overdue(@Root() a: ProposalAssignment, @Ctx() ctx: RequestContext): Promise<boolean> {
    return isOverdue(a, await proposalLoaders(ctx).visibleProposal.load(a.proposalId));
  }
}

@Resolver(() => ProposalReply)
export class ReplyResolver {
  @FieldResolver(() => HandlingUnit, { nullable: true })
  unit(@Root() r: ProposalReply, @Ctx() ctx: RequestContext): Promise<HandlingUnit | null> {
    return unitLoaders(ctx).byId.load(r.unitId);
  }
}
