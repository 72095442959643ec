import { AnnualReportRef, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { CourtyardTheme } from "../session/session.entity";
import { COURTYARD_STATS } from "./courtyard-figures";
import { courtyardStats } from "./courtyard-stats";

/**
 * The report prints courtyard consultations as "162 on 普法强基 and 57 on other themes"
 * for the city: the sum over its counties, so the section counts with descendants.
 */
@Resolver(() => AnnualReportRef)
export class CourtyardReportResolver {
  @FieldResolver(() => ReportSection, { nullable: true, description: "院坝协商 (含下级政协合计); 未启用时为 null" })
  async courtyard(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection | null> {
    const stats = await courtyardStats(ctx, r.committee, r.year, true);
    if (!stats) return null;
    const pufa = stats.byTheme.find((t) => t.theme === CourtyardTheme.PUFA_QIANGJI)?.sessions ?? 0;
    const values = { ...stats, courtyardSessionsPufa: pufa, courtyardSessionsOtherThemes: stats.sessions - pufa };
    const withDescendants = "courtyardStats(includeDescendants: true)";
    return COURTYARD_STATS.report(
      { name: "courtyard", title: "院坝协商", titleEn: "Courtyard consultations" },
      values,
      [
        {
          key: "sessions",
          reportKey: "courtyardSessions",
          note: "含下级政协 / including committees below",
          source: `${withDescendants}.sessions`,
        },
        { key: "courtyardSessionsPufa", source: `${withDescendants}.byTheme[PUFA_QIANGJI].sessions` },
        { key: "courtyardSessionsOtherThemes", source: `${withDescendants}.sessions − PUFA_QIANGJI` },
      ],
    );
  }
}
