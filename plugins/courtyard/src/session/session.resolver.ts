import { ConnectionType, MemberRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { CourtyardIssueUpdateInput, CourtyardSessionInput, CourtyardSessionsArgs } from "./session.inputs";
import { sessionLoaders } from "./session.loader";
import { CourtyardIssue, CourtyardSession } from "./session.entity";
import { getSession, listSessions, recordSession, sessionsOrganisedBy, updateIssue } from "./session.service";

export const CourtyardSessionConnection = ConnectionType("CourtyardSession", CourtyardSession);

@Resolver(() => CourtyardSession)
export class CourtyardSessionResolver {
  @Query(() => CourtyardSessionConnection, { description: "院坝协商记录 / courtyard consultations you may see" })
  courtyardSessions(@Ctx() ctx: RequestContext, @Args() args: CourtyardSessionsArgs) {
    return listSessions(ctx, args);
  }

  @Query(() => CourtyardSession, { nullable: true })
  courtyardSession(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<CourtyardSession> {
    return getSession(ctx, id);
  }

  @Mutation(() => CourtyardSession, { description: "登记院坝协商 (本级政协办公室, 限已启用本模块的政协)" })
  courtyardRecordSession(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: CourtyardSessionInput,
  ): Promise<CourtyardSession> {
    return recordSession(ctx, input);
  }

  @Mutation(() => CourtyardIssue, { description: "更新群众所提问题的办理情况" })
  courtyardUpdateIssue(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: CourtyardIssueUpdateInput,
  ): Promise<CourtyardIssue> {
    return updateIssue(ctx, input);
  }

  @FieldResolver(() => [CourtyardIssue])
  issues(@Root() s: CourtyardSession, @Ctx() ctx: RequestContext): Promise<CourtyardIssue[]> {
    return sessionLoaders(ctx).issuesOf.load(s.id);
  }

  @FieldResolver(() => [MemberRef], { description: "组织协商的委员" })
  async organisers(@Root() s: CourtyardSession, @Ctx() ctx: RequestContext): Promise<MemberRef[]> {
    return (await sessionLoaders(ctx).organisersOf.load(s.id)).map((id) => ({ id: String(id) }));
  }
}

@Resolver(() => MemberRef)
export class CourtyardMemberResolver {
  @FieldResolver(() => [CourtyardSession], { nullable: true, description: "该委员组织的院坝协商" })
  courtyardSessions(@Root() m: MemberRef, @Ctx() ctx: RequestContext): Promise<CourtyardSession[]> {
    return sessionsOrganisedBy(ctx, m.id);
  }
}
