import { AnnualReportRef, ReportSection, yearRange, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { OPINION_REPORT_STATS, reportStatsLoaders } from "./opinion-report-stats";
import { PROPOSAL_STATS, proposalStatsLoaders } from "./proposal-stats";

async function scope(ctx: RequestContext, r: AnnualReportRef) {
  await ctx.assertCanReadCommittee(r.committee);
  yearRange(r.year);
  return { code: r.committee, codes: [r.committee], year: r.year };
}

/**
 * The report's proposal and opinion-report figures ("225 received, 221 filed, all replied,
 * 10 key proposals rated excellent, 205 solved or basically solved; 36 by parties and the
 * federation of industry and commerce; 281 collected, 239 compiled, 179 instructed"):
 * the committee's own figures of the year, from the loaders behind the statistics fields.
 */
@Resolver(() => AnnualReportRef)
export class ProposalReportResolver {
  @FieldResolver(() => ReportSection, { nullable: true, description: "提案工作 (本级)" })
  async proposals(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await proposalStatsLoaders(ctx).stats.load(await scope(ctx, r));
    return PROPOSAL_STATS.report({ name: "proposals", title: "提案工作", titleEn: "Proposals" }, { ...stats }, [
      { key: "received", reportKey: "proposalsReceived" },
      { key: "filed", reportKey: "proposalsFiled" },
      "filingRate",
      { key: "replied", reportKey: "proposalsReplied" },
      "replyRate",
      "keyProposalsExcellent",
      "solvedOrBasicallySolved",
      "satisfactionRate",
      { key: "collective", reportKey: "collectiveProposals" },
    ]);
  }

  @FieldResolver(() => ReportSection, { nullable: true, description: "社情民意信息 (本级)" })
  async opinionReports(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await reportStatsLoaders(ctx).stats.load(await scope(ctx, r));
    return OPINION_REPORT_STATS.report(
      { name: "proposals", title: "社情民意信息", titleEn: "Opinion reports" },
      { ...stats },
      [
        { key: "collected", reportKey: "opinionReportsCollected" },
        { key: "compiled", reportKey: "opinionReportsCompiled" },
        { key: "instructed", reportKey: "opinionReportsInstructed" },
      ],
    );
  }
}
