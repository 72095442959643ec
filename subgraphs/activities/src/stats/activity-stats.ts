import {
  additiveFigures,
  AnnualReportRef,
  CommitteeRef,
  ReportSection,
  yearRange,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { ActivityKind, DutyActivity, DutyActivityParticipant, FIELD_TRIP_KINDS } from "../activity/activity.entity";
import { ACTIVITY_STATS } from "./activity-figures";

/** Duty-activity figures of a committee for a year (DOMAIN.md, "Duty performance"). */
@ObjectType({ description: "履职活动统计 / duty-activity figures of a committee for a year" })
export class ActivityStats {
  @Field(() => Int)
  year: number;

  @Field(() => Int, ACTIVITY_STATS.options("researchTopics"))
  researchTopics: number;

  @Field(() => Int, ACTIVITY_STATS.options("fieldTrips"))
  fieldTrips: number;

  @Field(() => Int, ACTIVITY_STATS.options("inspections"))
  inspections: number;

  @Field(() => Int, ACTIVITY_STATS.options("researchReports"))
  researchReports: number;

  @Field(() => Int, ACTIVITY_STATS.options("democraticAppraisals"))
  democraticAppraisals: number;

  @Field(() => Int, ACTIVITY_STATS.options("grassrootsActivities"))
  grassrootsActivities: number;

  @Field(() => Int, ACTIVITY_STATS.options("grassrootsExperts"))
  grassrootsExperts: number;

  @Field(() => Int, ACTIVITY_STATS.options("grassrootsVisits"))
  grassrootsVisits: number;

  @Field(() => Int, ACTIVITY_STATS.options("grassrootsPeopleServed"))
  grassrootsPeopleServed: number;

  @Field(() => Int, ACTIVITY_STATS.options("grassrootsMattersDone"))
  grassrootsMattersDone: number;

  @Field(() => Int, ACTIVITY_STATS.options("publicityPieces"))
  publicityPieces: number;

  @Field(() => Int, ACTIVITY_STATS.options("participations"))
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
    const withDescendants = (
      key: "grassrootsExperts" | "grassrootsVisits" | "grassrootsPeopleServed" | "grassrootsMattersDone",
    ) => ({
      key,
      note: "含下级政协 / including the committees below",
      source: `activityStats(includeDescendants: true).${key}`,
    });
    return ACTIVITY_STATS.report(
      { name: "activities", title: ACTIVITY_STATS.title, titleEn: ACTIVITY_STATS.titleEn },
      values,
      [
        "researchTopics",
        "fieldTrips",
        withDescendants("grassrootsExperts"),
        withDescendants("grassrootsVisits"),
        withDescendants("grassrootsPeopleServed"),
        withDescendants("grassrootsMattersDone"),
      ],
    );
  }
}
