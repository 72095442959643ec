import { ReportFigure, ReportSection, yearRange, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { getCommittee, memberStats } from "../committee/committee.service";
import { MEMBER_STATS } from "../committee/member-figures";

/**
 * 年度工作报告: the figures a committee's annual work report prints. This module owns the
 * entity (keyed by committee and year) and its own section; every other module adds its
 * section to the same entity through federation.
 */
@ObjectType("AnnualReport", { description: "年度工作报告数字 / the figures of a committee's annual work report" })
@Directive('@key(fields: "committee year")')
export class AnnualReport {
  @Field({ description: "政协代码" })
  committee: string;

  @Field(() => Int)
  year: number;
}

const MODULE = { name: "members", title: "委员队伍", titleEn: "Members" };

/**
 * Figures the 2023 report prints that no module records yet: listed so that the gap is
 * visible (value null) instead of silently missing. (Research topics, field trips and
 * grassroots visits moved to the activities module's section once it recorded them.)
 */
const NOT_RECORDED: ReportFigure[] = [
  ["appInstallRate", "履职App安装率", "Mobile app installed", "安装履职移动应用的委员占比 (尚无模块登记)"],
].map(([key, title, titleEn, definition]) => ({
  key,
  title,
  titleEn,
  value: null,
  kind: key === "appInstallRate" ? "rate" : "count",
  definition: `${definition} / not recorded in Tongxin yet`,
  source: null,
}));

@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  @Query(() => AnnualReport, {
    nullable: true,
    description: "年度工作报告所列数字, 每项附口径 / the figures of the annual work report, each with its definition",
  })
  async annualReport(
    @Ctx() ctx: RequestContext,
    @Arg("committee") committee: string,
    @Arg("year", () => Int) year: number,
  ): Promise<AnnualReport> {
    await ctx.assertCanReadCommittee(committee);
    yearRange(year);
    return { committee, year };
  }

  @FieldResolver(() => String, { nullable: true, description: "政协名称" })
  async committeeName(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await getCommittee(ctx, r.committee))?.name ?? null;
  }

  @FieldResolver(() => ReportSection, { nullable: true, description: "委员队伍 (截至年末)" })
  async members(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const stats = await memberStats(ctx, r.committee, { year: r.year });
    return MEMBER_STATS.report(MODULE, { ...stats }, ["activeMembers", "commitmentsSigned", "revoked"]);
  }

  @FieldResolver(() => [ReportFigure], { description: "报告列出但系统尚未登记的数字 (值为 null)" })
  notRecorded(): ReportFigure[] {
    return NOT_RECORDED;
  }
}

/** Scope is checked by each section (the statistics services check it). */
export const annualReportReference = (ref: Record<string, unknown>) => ({
  committee: String(ref.committee),
  year: Number(ref.year),
});
