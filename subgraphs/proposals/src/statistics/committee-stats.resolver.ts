import { CommitteeRef, yearRange, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { OpinionReportStats, reportStatsLoaders } from "./opinion-report-stats";
import {
  CategoryFigures,
  HandlingUnitFigures,
  ProposalStats,
  proposalStatsLoaders,
  ReplyClassCount,
  type StatsScope,
} from "./proposal-stats";

/**
 * Figures are for the committee's office and the offices above it (STAFF scope): the
 * same number whoever may ask, since nothing here depends on the viewer but the check.
 */
async function scopeOf(
  ctx: RequestContext,
  code: string,
  year: number,
  includeDescendants?: boolean | null,
): Promise<StatsScope> {
  await ctx.assertCanReadCommittee(code);
  yearRange(year);
  const codes = includeDescendants ? (await ctx.committees()).subtree(code) : [code];
  return { code, codes, year };
}

const INCLUDE_DESCENDANTS = { defaultValue: false, description: "true: 含下级政协 / include every committee below" };

@Resolver(() => CommitteeRef)
export class CommitteeStatsResolver {
  @FieldResolver(() => ProposalStats, {
    nullable: true,
    description: "提案统计 (按提案所属年度, 以当前状态为准) / proposal figures of the year",
  })
  async proposalStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, INCLUDE_DESCENDANTS) includeDescendants: boolean,
  ): Promise<ProposalStats> {
    return proposalStatsLoaders(ctx).stats.load(await scopeOf(ctx, c.code, year, includeDescendants));
  }

  @FieldResolver(() => OpinionReportStats, {
    nullable: true,
    description: "社情民意信息统计 (按报送日期所在年度) / opinion-report figures of the year",
  })
  async opinionReportStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, INCLUDE_DESCENDANTS) includeDescendants: boolean,
  ): Promise<OpinionReportStats> {
    return reportStatsLoaders(ctx).stats.load(await scopeOf(ctx, c.code, year, includeDescendants));
  }
}

/** Breakdowns a city reader asks for, computed only when selected; batched like the totals. */
@Resolver(() => ProposalStats)
export class ProposalStatsResolver {
  @FieldResolver(() => [CategoryFigures], { description: "按分类" })
  byCategory(@Root() s: ProposalStats, @Ctx() ctx: RequestContext): Promise<CategoryFigures[]> {
    return proposalStatsLoaders(ctx).byCategory.load(s.scope);
  }

  @FieldResolver(() => [ReplyClassCount], { description: "按答复类别 (A–D)" })
  byReplyClass(@Root() s: ProposalStats, @Ctx() ctx: RequestContext): Promise<ReplyClassCount[]> {
    return proposalStatsLoaders(ctx).byReplyClass.load(s.scope);
  }

  @FieldResolver(() => [HandlingUnitFigures], { description: "按主办单位: 办复率和满意率" })
  byHandlingUnit(@Root() s: ProposalStats, @Ctx() ctx: RequestContext): Promise<HandlingUnitFigures[]> {
    return proposalStatsLoaders(ctx).byUnit.load(s.scope);
  }
}
