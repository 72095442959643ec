import { AnnualReportRef, reportSection, ReportSection, yearRange, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { OPINION_REPORT_FIGURES, reportStatsLoaders } from "./opinion-report-stats";
import { PROPOSAL_FIGURES, proposalStatsLoaders } from "./proposal-stats";

const PROPOSALS = {
  field: "proposalStats",
  title: "提案",
  titleEn: "Proposals",
  period: "year" as const,
  figures: PROPOSAL_FIGURES,
};
const REPORTS = {
  field: "opinionReportStats",
  title: "社情民意信息",
  titleEn: "Opinion reports",
  period: "year" as const,
  figures: OPINION_REPORT_FIGURES,
};

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
    return reportSection(
      { name: "proposals", title: "提案工作", titleEn: "Proposals" },
      PROPOSALS,
      stats as unknown as Record<string, unknown>,
      [
        { key: "received", reportKey: "proposalsReceived" },
        { key: "filed", reportKey: "proposalsFiled" },
        { key: "filingRate" },
        { key: "replied", reportKey: "proposalsReplied" },
        { key: "replyRate" },
        { key: "keyProposalsExcellent" },
        { key: "solvedOrBasicallySolved" },
        { key: "satisfactionRate" },
      ],
      [
        {
          key: "collectiveProposals",
          title: "集体提案 (党派、人民团体、界别、专委会)",
          titleEn: "Collective proposals (parties, organisations, sector groups, special committees)",
          kind: "count",
          definition:
            "当年收到的集体提案; 市政协的集体提案均由各民主党派和工商联提出 / collective proposals received in the year",
          value: stats.collective,
          source: "proposalStats.collective",
        },
      ],
    );
  }

  @FieldResolver(() => ReportSection, { nullable: true, description: "社情民意信息 (本级)" })
  async opinionReports(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await reportStatsLoaders(ctx).stats.load(await scope(ctx, r));
    return reportSection(
      { name: "proposals", title: "社情民意信息", titleEn: "Opinion reports" },
      REPORTS,
      stats as unknown as Record<string, unknown>,
      [
        { key: "collected", reportKey: "opinionReportsCollected" },
        { key: "compiled", reportKey: "opinionReportsCompiled" },
        { key: "instructed", reportKey: "opinionReportsInstructed" },
      ],
    );
  }
}
