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
  type FigureDefinition,
  type MemberInfo,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { StudioActivity } from "../activity/activity.entity";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { entryCurrentAt } from "../roster/roster.sql";
import { Studio } from "../studio/studio.entity";

/** Studio figures of a committee for a year (DOMAIN.md, "Statistics and their exact definitions"). */
@ObjectType({ description: "委员工作室统计 / studio figures of a committee for a year" })
export class StudioStats {
  @Field({ description: "统计截至日期 (年末, 或今天若该年未结束) / the day the figures describe" })
  asOf: string;

  @Field(() => Int, { description: "年末运行中的工作室数" })
  studios: number;

  @Field(() => Int, { description: "当年新建的工作室数" })
  newStudios: number;

  @Field(() => Int, { description: "年末在室的不重复委员数" })
  studioMembers: number;

  @Field(() => Int, { description: "其中首次入室在当年的委员数" })
  newStudioMembers: number;

  @Field(() => Float, { nullable: true, description: "入室覆盖率 = 入室的在任委员 / 在任委员; 无在任委员时为 null" })
  coverage: number | null;

  @Field(() => Float, { nullable: true, description: "界别覆盖率 = 有委员入室的界别 / 有在任委员的界别" })
  sectorCoverage: number | null;

  @Field(() => Int, { description: "当年的工作室履职活动次数" })
  activities: number;

  @Field(() => Int, { description: "覆盖率的分母: 年末在任委员数" })
  activeMembers: number;

  @Field(() => Int, { description: "覆盖率的分子: 年末在室的在任委员数" })
  activeMembersInStudios: number;

  @Field(() => Int, { description: "界别覆盖率的分母: 有在任委员的界别数" })
  sectors: number;

  @Field(() => Int, { description: "界别覆盖率的分子: 有委员入室的界别数" })
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

/** The definitions, written once: the dashboard and the annual report read them from here. */
export const STUDIO_FIGURES: FigureDefinition[] = [
  {
    key: "studios",
    title: "委员工作室",
    titleEn: "Studios",
    kind: "count",
    definition: "年末仍在运行的本级工作室数 / the committee's studios open at the end of the year",
  },
  {
    key: "newStudios",
    title: "新建委员工作室",
    titleEn: "New studios",
    kind: "count",
    definition: "成立日期在当年的本级工作室数 / studios established in the year",
  },
  {
    key: "studioMembers",
    title: "入室委员",
    titleEn: "Studio members",
    kind: "count",
    definition:
      "年末在本级任一工作室名单上的不重复委员数 / distinct members on a roster of the committee's studios at the end of the year",
  },
  {
    key: "newStudioMembers",
    title: "新增入室委员",
    titleEn: "New studio members",
    kind: "count",
    definition:
      "入室委员中, 首次入本级工作室的日期在当年者 / of those, members whose first roster join date falls in the year",
  },
  {
    key: "activities",
    title: "工作室履职活动",
    titleEn: "Studio activities",
    kind: "count",
    definition: "本级工作室当年的履职活动次数 / activities of the committee's studios dated in the year",
  },
  {
    key: "coverage",
    title: "委员入室率",
    titleEn: "Studio coverage",
    kind: "rate",
    definition:
      "年末在任委员中在任一工作室名单上者 / 年末在任委员 / distinct active members on at least one studio roster / active members",
  },
  {
    key: "sectorCoverage",
    title: "界别覆盖率",
    titleEn: "Sector coverage",
    kind: "rate",
    definition:
      "有在任委员入室的界别 / 有在任委员的界别 / sectors with at least one member in a studio / sectors with active members",
  },
];
