import { additiveFigures, CommitteeRef, moduleEnablement, yearRange, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { COURTYARD } from "../name";
import { CourtyardIssue, CourtyardSession, CourtyardTheme } from "../session/session.entity";
import { COURTYARD_STATS } from "./courtyard-figures";

@ObjectType({ description: "按主题统计" })
export class CourtyardThemeCount {
  @Field(() => CourtyardTheme)
  theme: CourtyardTheme;

  @Field(() => Int)
  sessions: number;
}

@ObjectType({ description: "院坝协商统计 / courtyard consultation figures" })
export class CourtyardStats {
  @Field(() => Int, COURTYARD_STATS.options("sessions"))
  sessions: number;

  @Field(() => Int, COURTYARD_STATS.options("participants"))
  participants: number;

  @Field(() => Int, COURTYARD_STATS.options("issuesRaised"))
  issuesRaised: number;

  @Field(() => Int, COURTYARD_STATS.options("issuesResolved"))
  issuesResolved: number;

  @Field(() => [CourtyardThemeCount])
  byTheme: CourtyardThemeCount[];

  @Field(() => Int, COURTYARD_STATS.options("committees"))
  committees: number;
}

type Figures = Omit<CourtyardStats, "byTheme"> & { byTheme: Map<CourtyardTheme, number> };
const zero = (): Figures => ({
  sessions: 0,
  participants: 0,
  issuesRaised: 0,
  issuesResolved: 0,
  committees: 1,
  byTheme: new Map(),
});

const figuresOf = additiveFigures<Figures, number>(
  async (ctx, codes, year) => {
    const { from, to } = yearRange(year);
    const sessions = await ctx
      .repo(CourtyardSession)
      .createQueryBuilder("s")
      .select("s.committee_code", "code")
      .addSelect("s.theme", "theme")
      .addSelect("COUNT(*)", "n")
      .addSelect("SUM(s.participants)", "people")
      .where("s.committee_code IN (:...codes) AND s.held_on >= :from AND s.held_on <= :to", { codes, from, to })
      .groupBy("s.committee_code")
      .addGroupBy("s.theme")
      .getRawMany<{ code: string; theme: CourtyardTheme; n: string; people: string }>();
    const issues = await ctx
      .repo(CourtyardIssue)
      .createQueryBuilder("i")
      .innerJoin(CourtyardSession, "s", "s.id = i.session_id")
      .select("s.committee_code", "code")
      .addSelect("COUNT(*)", "raised")
      .addSelect("SUM(CASE WHEN i.status = 'RESOLVED' THEN 1 ELSE 0 END)", "resolved")
      .where("s.committee_code IN (:...codes) AND s.held_on >= :from AND s.held_on <= :to", { codes, from, to })
      .groupBy("s.committee_code")
      .getRawMany<{ code: string; raised: string; resolved: string }>();
    const out = new Map(codes.map((c) => [c, zero()]));
    for (const r of sessions) {
      const f = out.get(r.code)!;
      f.sessions += Number(r.n);
      f.participants += Number(r.people ?? 0);
      f.byTheme.set(r.theme, (f.byTheme.get(r.theme) ?? 0) + Number(r.n));
    }
    for (const r of issues) {
      const f = out.get(r.code)!;
      f.issuesRaised = Number(r.raised);
      f.issuesResolved = Number(r.resolved ?? 0);
    }
    return out;
  },
  (parts) =>
    parts.reduce(
      (sum, p) => {
        const byTheme = new Map(sum.byTheme);
        for (const [t, n] of p.byTheme) byTheme.set(t, (byTheme.get(t) ?? 0) + n);
        return {
          sessions: sum.sessions + p.sessions,
          participants: sum.participants + p.participants,
          issuesRaised: sum.issuesRaised + p.issuesRaised,
          issuesResolved: sum.issuesResolved + p.issuesResolved,
          committees: sum.committees + p.committees,
          byTheme,
        };
      },
      { ...zero(), committees: 0 },
    ),
);

/**
 * Null where the plugin is not enabled; "including descendants" adds up the committees
 * below that enabled it (the city sees the aggregate of its counties).
 */
export async function courtyardStats(
  ctx: RequestContext,
  code: string,
  year: number,
  includeDescendants: boolean,
): Promise<CourtyardStats | null> {
  await ctx.assertCanReadCommittee(code);
  yearRange(year);
  const codes = await moduleEnablement(ctx, COURTYARD).within(code, includeDescendants);
  if (codes.length === 0) return null;
  const f = await figuresOf(ctx, codes, year);
  return {
    ...f,
    byTheme: Object.values(CourtyardTheme).map((theme) => ({ theme, sessions: f.byTheme.get(theme) ?? 0 })),
  };
}

@Resolver(() => CommitteeRef)
export class CourtyardCommitteeResolver {
  @FieldResolver(() => CourtyardStats, { nullable: true, description: "院坝协商统计; 未启用本模块的政协为 null" })
  courtyardStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, { defaultValue: false }) includeDescendants: boolean,
  ): Promise<CourtyardStats | null> {
    return courtyardStats(ctx, c.code, year, includeDescendants);
  }
}
