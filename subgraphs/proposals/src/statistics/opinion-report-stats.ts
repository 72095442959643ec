import { defineFigures, defineLoaders, yearRange, type RequestContext } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Int, ObjectType } from "type-graphql";
import { OpinionReport } from "../opinion-report/opinion-report.entity";
import type { StatsScope } from "./proposal-stats";
import { countWhere, num } from "./sql";

const YEAR_RULE =
  "按报送日期所在年度统计, 以当前状态为准 / counts the reports submitted in the year, in their current state";

/** The figures of `opinionReportStats`, written once: field descriptions, dashboard and report read them. */
export const OPINION_REPORT_STATS = defineFigures({
  field: "opinionReportStats",
  title: "社情民意信息",
  titleEn: "Opinion reports",
  period: "year",
  figures: {
    collected: {
      title: "收集社情民意信息",
      titleEn: "Opinion reports collected",
      kind: "count",
      definition: `当年报送的社情民意信息 / reports submitted; ${YEAR_RULE}`,
    },
    compiled: {
      title: "采编",
      titleEn: "Compiled",
      kind: "count",
      definition: "其中采编入刊的 / adopted into the bulletin",
    },
    forwarded: {
      title: "报送",
      titleEn: "Forwarded",
      kind: "count",
      definition: "其中已报送的 / forwarded to the party committee or government",
      dashboard: false,
    },
    instructed: {
      title: "领导批示",
      titleEn: "With leader instructions",
      kind: "count",
      definition: "其中获领导批示的 / with a leader instruction",
    },
    fromProposals: {
      title: "由提案转来",
      titleEn: "From proposals",
      kind: "count",
      definition: "其中由不予立案的提案转来的 / converted from proposals not filed",
      dashboard: false,
    },
  },
});

@ObjectType({ description: "社情民意信息统计 / opinion-report figures of a committee for a year" })
export class OpinionReportStats {
  @Field(() => Int)
  year: number;

  @Field(() => Int, OPINION_REPORT_STATS.options("collected"))
  collected: number;

  @Field(() => Int, OPINION_REPORT_STATS.options("compiled"))
  compiled: number;

  @Field(() => Int, OPINION_REPORT_STATS.options("forwarded"))
  forwarded: number;

  @Field(() => Int, OPINION_REPORT_STATS.options("instructed"))
  instructed: number;

  @Field(() => Int, OPINION_REPORT_STATS.options("fromProposals"))
  fromProposals: number;
}

const COUNTS = ["collected", "compiled", "forwarded", "instructed", "fromProposals"] as const;

/** One grouped statement per year in the batch; a subtree is the sum of its committees. */
async function computeReportStats(ctx: RequestContext, scopes: readonly StatsScope[]): Promise<OpinionReportStats[]> {
  const rowsByYear = new Map<number, Map<string, Record<string, unknown>>>();
  for (const year of new Set(scopes.map((s) => s.year))) {
    const codes = [...new Set(scopes.filter((s) => s.year === year).flatMap((s) => s.codes))];
    const rows: Record<string, unknown>[] = await ctx
      .repo(OpinionReport)
      .createQueryBuilder("r")
      .select("r.committee_code", "code")
      .addSelect("COUNT(*)", "collected")
      .addSelect(countWhere("r.compiled_on IS NOT NULL"), "compiled")
      .addSelect(countWhere("r.forwarded_on IS NOT NULL"), "forwarded")
      .addSelect(countWhere("r.instructed_on IS NOT NULL"), "instructed")
      .addSelect(countWhere("r.source_proposal_id IS NOT NULL"), "fromProposals")
      .where("r.committee_code IN (:...codes)", { codes })
      .andWhere("r.submitted_on >= :from AND r.submitted_on <= :to", yearRange(year))
      .groupBy("r.committee_code")
      .getRawMany();
    rowsByYear.set(year, new Map(rows.map((r) => [String(r.code), r])));
  }
  return scopes.map((scope) => {
    const out: OpinionReportStats = {
      year: scope.year,
      collected: 0,
      compiled: 0,
      forwarded: 0,
      instructed: 0,
      fromProposals: 0,
    };
    for (const code of scope.codes) {
      const r = rowsByYear.get(scope.year)?.get(code);
      if (r) for (const k of COUNTS) out[k] += num(r[k]);
    }
    return out;
  });
}

export const reportStatsLoaders = defineLoaders((ctx) => ({
  stats: new DataLoader<StatsScope, OpinionReportStats, string>((s) => computeReportStats(ctx, s), {
    cacheKeyFn: (s) => `${s.code}|${s.year}|${s.codes.length}`,
  }),
}));
