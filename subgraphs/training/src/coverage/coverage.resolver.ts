import { CommitteeRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { MembersNotTrainedArgs, MembersNotTrainedConnection, membersNotTrained } from "./members-not-trained";
import { TrainingStats, trainingStats } from "./training-stats";

@Resolver(() => CommitteeRef)
export class CommitteeTrainingStatsResolver {
  @FieldResolver(() => TrainingStats, {
    nullable: true,
    description: "履职学习培训统计: 按届 (term) 或按年 (year); 都不给时为当前届 / training figures of a term or a year",
  })
  trainingStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("term", () => Int, { nullable: true }) term?: number | null,
    @Arg("year", () => Int, { nullable: true }) year?: number | null,
    @Arg("includeDescendants", () => Boolean, { nullable: true, defaultValue: false })
    includeDescendants?: boolean | null,
  ): Promise<TrainingStats> {
    return trainingStats(ctx, c.code, { term, year, includeDescendants });
  }
}

@Resolver()
export class TrainingCoverageResolver {
  @Query(() => MembersNotTrainedConnection, {
    description: "期间内 (默认本届) 尚未参加培训的在任委员 / active members not yet trained this term",
  })
  membersNotTrained(@Ctx() ctx: RequestContext, @Args() args: MembersNotTrainedArgs) {
    return membersNotTrained(ctx, args);
  }
}
