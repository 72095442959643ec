import { AnnualReportRef, ReportSection, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { STUDIO_STATS } from "./studio-figures";
import { studioStats } from "./studio-stats";

/** The report's studio figures ("11 new studios, 135 new studio members, 226 in all"), from studioStats(year). */
@Resolver(() => AnnualReportRef)
export class StudioReportResolver {
  @FieldResolver(() => ReportSection, { nullable: true, description: "委员工作室 (本级)" })
  async studios(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await studioStats(ctx, r.committee, { year: r.year });
    return STUDIO_STATS.report({ name: "studios", title: "委员工作室", titleEn: "Studios" }, { ...stats }, [
      "studios",
      "newStudios",
      "studioMembers",
      "newStudioMembers",
      { key: "coverage", reportKey: "studioCoverage" },
      { key: "activities", reportKey: "studioActivities" },
    ]);
  }
}
