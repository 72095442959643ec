import {
  activeIdsOf,
  allActiveIds,
  asOfEndOf,
  dateString,
  defineLoaders,
  groupBy,
  jsonParam,
  jsonValues,
  rate,
  yearRange,
  type ActiveRegister,
  type MemberInfo,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { StudioActivity } from "../activity/activity.entity";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { entryCurrentAt } from "../roster/roster.sql";
import { Studio } from "../studio/studio.entity";
import { STUDIO_STATS } from "./studio-figures";

/** Studio figures of a committee for a year (DOMAIN.md, "Statistics and their exact definitions"). */
@ObjectType({ description: "委员工作室统计 / studio figures of a committee for a year" })
export class StudioStats {
  @Field({ description: "统计截至日期 (年末, 或今天若该年未结束) / the day the figures describe" })
  asOf: string;

  @Field(() => Int, STUDIO_STATS.options("studios"))
  studios: number;

  @Field(() => Int, STUDIO_STATS.options("newStudios"))
  newStudios: number;

  @Field(() => Int, STUDIO_STATS.options("studioMembers"))
  studioMembers: number;

  @Field(() => Int, STUDIO_STATS.options("newStudioMembers"))
  newStudioMembers: number;

  @Field(() => Float, { nullable: true, ...STUDIO_STATS.options("coverage") })
  coverage: number | null;

  @Field(() => Float, { nullable: true, ...STUDIO_STATS.options("sectorCoverage") })
  sectorCoverage: number | null;

  @Field(() => Int, STUDIO_STATS.options("activities"))
  activities: number;

  @Field(() => Int, STUDIO_STATS.options("activeMembers"))
  activeMembers: number;

  @Field(() => Int, STUDIO_STATS.options("activeMembersInStudios"))
  activeMembersInStudios: number;

  @Field(() => Int, STUDIO_STATS.options("sectors"))
  sectors: number;

  @Field(() => Int, STUDIO_STATS.options("sectorsInStudios"))
  sectorsInStudios: number;
}

export interface StudioStatsKey {
  code: string;
  /** Committees whose studios and members count: the committee alone, or with its descendants. */
  codes: string[];
  year: number;
}

interface RosterRow {
  code: string;
  memberId: number;
  joinedOn: string;
  leftOn: string | null;
}

/**
 * Active members of any of `codes` on `asOf`, each once: one call to the members
 * subgraph for every committee a batch asks about, split here by the seats it reports.
 */
export function activeMembersOf(active: readonly MemberInfo[], codes: readonly string[]): MemberInfo[] {
  const wanted = new Set(codes);
  return active.filter((m) => m.committees.some((c) => wanted.has(c)));
}

/**
 * Every figure of every committee in the batch from three statements (studios, roster
 * stays at their studios or of their active members, activities per committee and year) and one members look-up per distinct day, whatever the number of
 * committees or years asked. Each statement reads the committees asked and their members
 * only, never the rest of the tree. Distinct people cannot be summed over a subtree, so
 * the roster comes back per stay and is counted here.
 */
async function computeStudioStats(ctx: RequestContext, keys: readonly StudioStatsKey[]): Promise<StudioStats[]> {
  const codes = [...new Set(keys.flatMap((k) => k.codes))];
  const years = [...new Set(keys.map((k) => k.year))];
  const lastAsOf = years.map(asOfEndOf).sort().at(-1)!;
  const em = ctx.manager(Studio);
  const inCodes = `s.committee_code IN (${jsonValues(em, "codes", "code")})`;

  const studios = groupBy(
    (
      await ctx
        .repo(Studio)
        .createQueryBuilder("s")
        .select(["s.committee_code AS code", "s.established_on AS establishedOn", "s.closed_on AS closedOn"])
        .where(inCodes, { codes: jsonParam(codes) })
        .andWhere("s.established_on <= :lastAsOf", { lastAsOf })
        .getRawMany<{ code: string; establishedOn: string | Date; closedOn: string | Date | null }>()
    ).map((r) => ({ code: r.code, establishedOn: dateString(r.establishedOn)!, closedOn: dateString(r.closedOn) })),
    (r) => r.code,
  );

  const asOfs = [...new Set(years.map(asOfEndOf))];
  const registers = new Map<string, ActiveRegister>();
  for (const asOf of asOfs) registers.set(asOf, await ctx.runtime.members.activeRegister(codes, asOf));
  const activeIds = allActiveIds(registers.values());

  // One statement for both: the stays on the rosters of the committees' studios, and the
  // stays of their active members on any studio's roster (coverage counts a member on any
  // roster, whichever committee runs it).
  const stays: RosterRow[] = (
    await ctx
      .repo(StudioRosterEntry)
      .createQueryBuilder("r")
      .innerJoin(Studio, "s", "s.id = r.studio_id")
      .select(["s.committee_code AS code", "r.member_id AS memberId", "r.joined_on AS joinedOn", "r.left_on AS leftOn"])
      .where("r.joined_on <= :lastAsOf", { lastAsOf })
      .andWhere(`(${inCodes} OR r.member_id IN (${jsonValues(em, "ids", "int")}))`, {
        codes: jsonParam(codes),
        ids: jsonParam([...activeIds]),
      })
      .getRawMany<{ code: string; memberId: number; joinedOn: string | Date; leftOn: string | Date | null }>()
  ).map((r) => ({
    code: r.code,
    memberId: Number(r.memberId),
    joinedOn: dateString(r.joinedOn)!,
    leftOn: dateString(r.leftOn),
  }));
  const roster = groupBy(stays, (r) => r.code);
  const onAnyRosterAt = new Map<string, Set<number>>();
  for (const asOf of asOfs) {
    onAnyRosterAt.set(asOf, new Set(stays.filter((r) => entryCurrentAt(r, asOf)).map((r) => r.memberId)));
  }

  const activityQb = ctx
    .repo(StudioActivity)
    .createQueryBuilder("a")
    .innerJoin(Studio, "s", "s.id = a.studio_id")
    .select("s.committee_code", "code")
    .where(inCodes, { codes: jsonParam(codes) })
    .groupBy("s.committee_code");
  years.forEach((y, i) => {
    const { from, to } = yearRange(y);
    activityQb.addSelect(`SUM(CASE WHEN a.held_on >= :from${i} AND a.held_on <= :to${i} THEN 1 ELSE 0 END)`, `y${i}`);
    activityQb.setParameters({ [`from${i}`]: from, [`to${i}`]: to });
  });
  const activityRows = await activityQb.getRawMany<Record<string, string | number | null>>();

  return keys.map((k) => {
    const asOf = asOfEndOf(k.year);
    const { from, to } = yearRange(k.year);
    const scope = new Set(k.codes);
    const inYear = (d: string) => d >= from && d <= to;

    const own = k.codes.flatMap((c) => studios.get(c) ?? []);
    const openStudios = own.filter((s) => s.establishedOn <= asOf && (!s.closedOn || s.closedOn > asOf)).length;

    const ownStays = k.codes.flatMap((c) => roster.get(c) ?? []);
    const firstJoin = new Map<number, string>();
    for (const r of ownStays) {
      const first = firstJoin.get(r.memberId);
      if (!first || r.joinedOn < first) firstJoin.set(r.memberId, r.joinedOn);
    }
    const studioMembers = new Set(ownStays.filter((r) => entryCurrentAt(r, asOf)).map((r) => r.memberId));
    const newStudioMembers = [...studioMembers].filter((m) => inYear(firstJoin.get(m)!)).length;

    const onAnyRoster = onAnyRosterAt.get(asOf)!;
    const register = registers.get(asOf)!;
    const active = activeIdsOf(register, k.codes);
    const covered = active.filter((id) => onAnyRoster.has(id));
    const sectorsOf = (ids: number[]) =>
      new Set(ids.map((id) => register.sectorOf.get(id)).filter((s): s is string => !!s));
    const sectors = sectorsOf(active);
    const sectorsInStudios = sectorsOf(covered);

    const yearColumn = `y${years.indexOf(k.year)}`;
    const activities = activityRows
      .filter((r) => scope.has(String(r.code)))
      .reduce((n, r) => n + Number(r[yearColumn] ?? 0), 0);

    return {
      asOf,
      studios: openStudios,
      newStudios: own.filter((s) => inYear(s.establishedOn)).length,
      studioMembers: studioMembers.size,
      newStudioMembers,
      coverage: rate(covered.length, active.length),
      sectorCoverage: rate(sectorsInStudios.size, sectors.size),
      activities,
      activeMembers: active.length,
      activeMembersInStudios: covered.length,
      sectors: sectors.size,
      sectorsInStudios: sectorsInStudios.size,
    };
  });
}

export const studioStatsLoaders = defineLoaders((ctx) => ({
  stats: new DataLoader<StudioStatsKey, StudioStats, string>((keys) => computeStudioStats(ctx, keys), {
    cacheKeyFn: (k) => `${k.code}|${k.year}|${k.codes.length}`,
  }),
}));

/** Statistics are for the committee's office and those above it (STAFF scope). */
export async function studioStats(
  ctx: RequestContext,
  code: string,
  opts: { year: number; includeDescendants?: boolean | null },
): Promise<StudioStats> {
  await ctx.assertCanReadCommittee(code);
  yearRange(opts.year);
  const codes = opts.includeDescendants ? (await ctx.committees()).subtree(code) : [code];
  return studioStatsLoaders(ctx).stats.load({ code, codes, year: opts.year });
}
