import { MemberRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Proposal } from "../proposal/proposal.entity";
import { ProposalRole } from "../proposal/proposal.inputs";
import { proposalsOfMember } from "../proposal/proposal.service";

@Resolver(() => MemberRef)
export class MemberProposalsResolver {
  @FieldResolver(() => [Proposal], {
    nullable: true,
    description: "该委员领衔或联名的提案 (只含查看者可见的) / proposals led or co-signed, as far as the viewer may see",
  })
  proposals(
    @Root() m: MemberRef,
    @Ctx() ctx: RequestContext,
    @Arg("role", () => ProposalRole, { defaultValue: ProposalRole.LEAD }) role: ProposalRole,
    @Arg("year", () => Int, { nullable: true }) year?: number | null,
  ): Promise<Proposal[]> {
    return proposalsOfMember(ctx, m.id, role, year);
  }
}
