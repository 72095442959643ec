import { CommitteeRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import {
  MembersOutsideStudiosArgs,
  MembersOutsideStudiosConnection,
  membersOutsideStudios,
} from "./members-outside-studios";
import { StudioStats, studioStats } from "./studio-stats";

@Resolver(() => CommitteeRef)
export class CommitteeStudioStatsResolver {
  @FieldResolver(() => StudioStats, {
    nullable: true,
    description: "委员工作室统计 (截至该年末) / studio figures of the year",
  })
  studioStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, { nullable: true, defaultValue: false })
    includeDescendants?: boolean | null,
  ): Promise<StudioStats> {
    return studioStats(ctx, c.code, { year, includeDescendants });
  }
}

@Resolver()
export class StudioCoverageResolver {
  @Query(() => MembersOutsideStudiosConnection, {
    description: "尚未入室的在任委员及无人入室的界别 / active members in no studio, and sectors without a studio member",
  })
  membersOutsideStudios(@Ctx() ctx: RequestContext, @Args() args: MembersOutsideStudiosArgs) {
    return membersOutsideStudios(ctx, args);
  }
}
