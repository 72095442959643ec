import { AnnualReportRef, reportSection, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { CourtyardTheme } from "../session/session.entity";
import { COURTYARD_FIGURES, courtyardStats } from "./courtyard-stats";

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
    return reportSection(
      { name: "courtyard", title: "院坝协商", titleEn: "Courtyard consultations" },
      {
        field: "courtyardStats",
        title: "院坝协商",
        titleEn: "Courtyard consultations",
        period: "year",
        figures: COURTYARD_FIGURES,
      },
      stats as unknown as Record<string, unknown>,
      [
        {
          key: "sessions",
          reportKey: "courtyardSessions",
          note: "含下级政协 / including committees below",
          source: "courtyardStats(includeDescendants: true).sessions",
        },
      ],
      [
        {
          key: "courtyardSessionsPufa",
          title: "院坝协商: 普法强基",
          titleEn: "Courtyard consultations on 普法强基",
          kind: "count",
          definition:
            "年内主题为普法强基的院坝协商次数, 含下级政协 / consultations on 普法强基 in the year, including committees below",
          value: pufa,
          source: "courtyardStats(includeDescendants: true).byTheme[PUFA_QIANGJI].sessions",
        },
        {
          key: "courtyardSessionsOtherThemes",
          title: "院坝协商: 其他主题",
          titleEn: "Courtyard consultations on other themes",
          kind: "count",
          definition:
            "年内其他主题的院坝协商次数, 含下级政协 / consultations on the other themes, including committees below",
          value: stats.sessions - pufa,
          source: "courtyardStats(includeDescendants: true).sessions − PUFA_QIANGJI",
        },
      ],
    );
  }
}
