import {
  additiveFigures,
  AnnualReportRef,
  CommitteeRef,
  reportSection,
  ReportSection,
  yearRange,
  type FigureDefinition,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { ActivityKind, DutyActivity, DutyActivityParticipant, FIELD_TRIP_KINDS } from "../activity/activity.entity";

/** Duty-activity figures of a committee for a year (DOMAIN.md, "Duty performance"). */
@ObjectType({ description: "履职活动统计 / duty-activity figures of a committee for a year" })
export class ActivityStats {
  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: "调研视察课题: 年内确定的课题 (TOPIC)" })
  researchTopics: number;

  @Field(() => Int, { description: "深入调研、视察、考察次数 (RESEARCH_TRIP、INSPECTION、STUDY_TOUR)" })
  fieldTrips: number;

  @Field(() => Int, { description: "其中视察" })
  inspections: number;

  @Field(() => Int, { description: "形成的调研报告或成果: 年内课题与调研视察中登记了报告的" })
  researchReports: number;

  @Field(() => Int, { description: "民主评议" })
  democraticAppraisals: number;

  @Field(() => Int, { description: "千名委员走基层: 登记的活动" })
  grassrootsActivities: number;

  @Field(() => Int, { description: "千名委员走基层: 联系专家 (名)" })
  grassrootsExperts: number;

  @Field(() => Int, { description: "千名委员走基层: 深入基层 (人次)" })
  grassrootsVisits: number;

  @Field(() => Int, { description: "千名委员走基层: 服务群众 (人次)" })
  grassrootsPeopleServed: number;

  @Field(() => Int, { description: "千名委员走基层: 为民办实事 (件)" })
  grassrootsMattersDone: number;

  @Field(() => Int, { description: "宣传" })
  publicityPieces: number;

  @Field(() => Int, { description: "委员参加活动的人次" })
  participations: number;
}

type Counts = Omit<ActivityStats, "year">;
const zero = (): Counts => ({
  researchTopics: 0,
  fieldTrips: 0,
  inspections: 0,
  researchReports: 0,
  democraticAppraisals: 0,
  grassrootsActivities: 0,
  grassrootsExperts: 0,
  grassrootsVisits: 0,
  grassrootsPeopleServed: 0,
  grassrootsMattersDone: 0,
  publicityPieces: 0,
  participations: 0,
});

/**
 * Two grouped statements answer every committee of the request for a year (activities
 * by organiser and kind with their sums; participants by organiser). Every figure is a
 * count or a sum, so a subtree's figure is the sum of its committees'.
 */
async function perCommittee(ctx: RequestContext, codes: string[], year: number): Promise<Map<string, Counts>> {
  const { from, to } = yearRange(year);
  const window = "a.committee_code IN (:...codes) AND a.starts_on >= :from AND a.starts_on <= :to";
  const params = { codes, from, to };
  const rows = await ctx
    .repo(DutyActivity)
    .createQueryBuilder("a")
    .select([
      "a.committee_code AS code",
      "a.kind AS kind",
      "COUNT(*) AS n",
      "SUM(CASE WHEN a.report_title IS NULL THEN 0 ELSE 1 END) AS reports",
      "SUM(a.experts_contacted) AS experts",
      "SUM(a.visits) AS visits",
      "SUM(a.people_served) AS served",
      "SUM(a.matters_done) AS matters",
    ])
    .where(window, params)
    .groupBy("a.committee_code")
    .addGroupBy("a.kind")
    .getRawMany<Record<string, string | number | null>>();
  const people = await ctx
    .repo(DutyActivityParticipant)
    .createQueryBuilder("p")
    .innerJoin(DutyActivity, "a", "a.id = p.activity_id")
    .select(["a.committee_code AS code", "COUNT(*) AS n"])
    .where(window, params)
    .groupBy("a.committee_code")
    .getRawMany<{ code: string; n: number | string }>();
  const out = new Map(codes.map((c) => [c, zero()]));
  for (const r of rows) {
    const c = out.get(String(r.code))!;
    const n = Number(r.n);
    const kind = r.kind as ActivityKind;
    c.researchReports += Number(r.reports ?? 0);
    if (kind === ActivityKind.TOPIC) c.researchTopics += n;
    if (FIELD_TRIP_KINDS.includes(kind)) c.fieldTrips += n;
    if (kind === ActivityKind.INSPECTION) c.inspections += n;
    if (kind === ActivityKind.DEMOCRATIC_APPRAISAL) c.democraticAppraisals += n;
    if (kind === ActivityKind.PUBLICITY) c.publicityPieces += n;
    if (kind === ActivityKind.GRASSROOTS_VISIT) {
      c.grassrootsActivities += n;
      c.grassrootsExperts += Number(r.experts ?? 0);
      c.grassrootsVisits += Number(r.visits ?? 0);
      c.grassrootsPeopleServed += Number(r.served ?? 0);
      c.grassrootsMattersDone += Number(r.matters ?? 0);
    }
  }
  for (const p of people) out.get(p.code)!.participations += Number(p.n);
  return out;
}

const sum = (parts: Counts[]): Counts =>
  parts.reduce((s, p) => {
    for (const k of Object.keys(s) as (keyof Counts)[]) s[k] += p[k];
    return s;
  }, zero());

const figuresOf = additiveFigures(perCommittee, sum);

/** Statistics are for the committee's office and those above it (STAFF scope). */
export async function activityStats(
  ctx: RequestContext,
  code: string,
  args: { year: number; includeDescendants?: boolean | null },
): Promise<ActivityStats> {
  await ctx.assertCanReadCommittee(code);
  yearRange(args.year);
  const codes = args.includeDescendants ? (await ctx.committees()).subtree(code) : [code];
  return { year: args.year, ...(await figuresOf(ctx, codes, args.year)) };
}

const grassroots = (what: string, en: string) =>
  `年内本级 (含下级时为各级) 登记的千名委员走基层活动的${what}之和 / the sum of ${en} over the grassroots-visit activities of the year`;

/** The definitions, written once: the dashboard and the annual report read them from here. */
export const ACTIVITY_FIGURES: FigureDefinition[] = [
  {
    key: "researchTopics",
    title: "调研视察课题",
    titleEn: "Research and inspection topics",
    kind: "count",
    definition:
      "年内 (按确定日期) 本级确定的调研、视察课题 / research and inspection topics of the committee, dated in the year",
  },
  {
    key: "fieldTrips",
    title: "深入调研视察",
    titleEn: "Field research trips",
    kind: "count",
    definition:
      "年内本级组织的深入调研、视察、考察次数 / research trips, inspections and study tours organised by the committee in the year",
  },
  {
    key: "grassrootsExperts",
    title: "千名委员走基层: 联系专家",
    titleEn: "Grassroots visits: experts contacted",
    kind: "count",
    definition: grassroots("联系专家数", "experts contacted"),
  },
  {
    key: "grassrootsVisits",
    title: "千名委员走基层: 深入基层",
    titleEn: "Grassroots visits: visits",
    kind: "count",
    definition: grassroots("深入基层人次", "visits"),
  },
  {
    key: "grassrootsPeopleServed",
    title: "千名委员走基层: 服务群众",
    titleEn: "Grassroots visits: people served",
    kind: "count",
    definition: grassroots("服务群众人次", "people served"),
  },
  {
    key: "grassrootsMattersDone",
    title: "千名委员走基层: 办理实事",
    titleEn: "Grassroots visits: practical matters done",
    kind: "count",
    definition: grassroots("为民办实事件数", "practical matters done"),
  },
];

export const ACTIVITY_STAT = {
  field: "activityStats",
  title: "履职活动",
  titleEn: "Duty activities",
  period: "year" as const,
  figures: ACTIVITY_FIGURES,
};

@Resolver(() => CommitteeRef)
export class CommitteeActivityStatsResolver {
  @FieldResolver(() => ActivityStats, {
    nullable: true,
    description: "履职活动统计 (年度) / duty-activity figures of a year",
  })
  activityStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, { nullable: true, defaultValue: false })
    includeDescendants?: boolean | null,
  ): Promise<ActivityStats> {
    return activityStats(ctx, c.code, { year, includeDescendants });
  }
}

/**
 * The report's activity figures: topics and trips are the committee's own; the report
 * counts grassroots visits for the committee and those below it ("引导政协组织和市、县政协委员"),
 * so those four come from the figures including descendants.
 */
@Resolver(() => AnnualReportRef)
export class ActivityReportResolver {
  @FieldResolver(() => ReportSection, { nullable: true, description: "履职活动 (调研视察本级; 走基层含下级)" })
  async activities(@Root() r: AnnualReportRef, @Ctx() ctx: RequestContext): Promise<ReportSection> {
    const own = await activityStats(ctx, r.committee, { year: r.year });
    const all = await activityStats(ctx, r.committee, { year: r.year, includeDescendants: true });
    const values = { ...own, ...Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith("grassroots"))) };
    const withDescendants = (key: string) => ({
      key,
      note: "含下级政协 / including the committees below",
      source: `activityStats(includeDescendants: true).${key}`,
    });
    return reportSection(
      { name: "activities", title: ACTIVITY_STAT.title, titleEn: ACTIVITY_STAT.titleEn },
      ACTIVITY_STAT,
      values as unknown as Record<string, unknown>,
      [
        { key: "researchTopics" },
        { key: "fieldTrips" },
        withDescendants("grassrootsExperts"),
        withDescendants("grassrootsVisits"),
        withDescendants("grassrootsPeopleServed"),
        withDescendants("grassrootsMattersDone"),
      ],
    );
  }
}
