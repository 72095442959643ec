import {
  additiveFigures,
  CommitteeRef,
  moduleEnablement,
  rate,
  yearRange,
  type FigureDefinition,
  type RequestContext,
} from "@tongxin/sdk";
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from "type-graphql";
import { ChishuiInspection } from "../inspection/inspection.entity";
import { CHISHUI } from "../name";

@ObjectType({ description: "赤水河流域保护监督统计 / Chishui basin supervision figures" })
export class ChishuiStats {
  @Field(() => Int, { description: "监测断面数" })
  sections: number;

  @Field(() => Int, { description: "达标断面: 年内有监测且年均水质类别不劣于目标类别的断面" })
  sectionsMeetingTarget: number;

  @Field(() => Int, { description: "年内监测次数" })
  readings: number;

  @Field(() => Int, { description: "其中Ⅱ类及以上(Ⅰ、Ⅱ类)的次数" })
  readingsClassIIOrBetter: number;

  @Field(() => Float, { nullable: true, description: "Ⅱ类及以上占比 = Ⅰ、Ⅱ类次数 / 监测次数" })
  shareClassIIOrBetter: number | null;

  @Field(() => Int, { description: "年内监督视察次数" })
  inspections: number;

  @Field(() => Int, { description: "其中与其他政协联合视察的次数" })
  jointInspections: number;

  @Field(() => Int, { description: "年内发现的问题" })
  problemsFound: number;

  @Field(() => Int, { description: "年内发现、尚未整改销号的问题" })
  problemsOpen: number;

  @Field(() => Int, { description: "年内发现、已整改销号的问题" })
  problemsClosed: number;

  @Field(() => Int, { description: "计入统计的(已启用本模块的)政协数" })
  committees: number;
}

export const CHISHUI_FIGURES: FigureDefinition[] = [
  {
    key: "sectionsMeetingTarget",
    title: "达标断面",
    titleEn: "Sections meeting target",
    kind: "count",
    definition:
      "年内有监测且年均水质类别(Ⅰ=1…Ⅴ=5)不劣于目标类别的断面数 / sections whose mean class in the year is at or better than their target",
  },
  {
    key: "shareClassIIOrBetter",
    title: "Ⅱ类及以上占比",
    titleEn: "Share at class II or better",
    kind: "rate",
    definition: "年内Ⅰ、Ⅱ类监测次数 / 监测次数 / readings at class I or II over all readings in the year",
  },
  {
    key: "problemsOpen",
    title: "未销号问题",
    titleEn: "Problems open",
    kind: "count",
    definition: "年内发现、尚未整改销号的问题 / problems found in the year not yet closed",
  },
  {
    key: "problemsClosed",
    title: "已销号问题",
    titleEn: "Problems closed",
    kind: "count",
    definition: "年内发现、已整改销号的问题 / problems found in the year and closed",
  },
];

type Counts = Omit<ChishuiStats, "shareClassIIOrBetter">;
const ZERO: Counts = {
  sections: 0,
  sectionsMeetingTarget: 0,
  readings: 0,
  readingsClassIIOrBetter: 0,
  inspections: 0,
  jointInspections: 0,
  problemsFound: 0,
  problemsOpen: 0,
  problemsClosed: 0,
  committees: 0,
};
const KEYS = Object.keys(ZERO) as (keyof Counts)[];

/** Grouped SQL per figure family; plain `?` placeholders work on SQLite and MySQL alike. */
const countsOf = additiveFigures<Counts, number>(
  async (ctx, codes, year) => {
    const { from, to } = yearRange(year);
    const em = ctx.manager(ChishuiInspection);
    const marks = codes.map(() => "?").join(",");
    const out = new Map(codes.map((c) => [c, { ...ZERO, committees: 1 }]));
    const add = (rows: Record<string, unknown>[], keys: (keyof Counts)[]) => {
      for (const r of rows) for (const k of keys) out.get(String(r.code))![k] = Number(r[k] ?? 0);
    };
    add(
      await em.query(
        `SELECT committee_code AS code, COUNT(*) AS sections FROM chishui_section WHERE committee_code IN (${marks}) GROUP BY committee_code`,
        codes,
      ),
      ["sections"],
    );
    add(
      await em.query(
        `SELECT s.committee_code AS code,
                SUM(CASE WHEN r.mean_class <= s.target_class THEN 1 ELSE 0 END) AS sectionsMeetingTarget,
                SUM(r.n) AS readings, SUM(r.good) AS readingsClassIIOrBetter
           FROM chishui_section s
           JOIN (SELECT section_id, AVG(water_class) AS mean_class, COUNT(*) AS n,
                        SUM(CASE WHEN water_class <= 2 THEN 1 ELSE 0 END) AS good
                   FROM chishui_reading WHERE sampled_on >= ? AND sampled_on <= ? GROUP BY section_id) r
             ON r.section_id = s.id
          WHERE s.committee_code IN (${marks})
          GROUP BY s.committee_code`,
        [from, to, ...codes],
      ),
      ["sectionsMeetingTarget", "readings", "readingsClassIIOrBetter"],
    );
    add(
      await em.query(
        `SELECT committee_code AS code, COUNT(*) AS inspections, SUM(CASE WHEN partners <> '' THEN 1 ELSE 0 END) AS jointInspections
           FROM chishui_inspection WHERE committee_code IN (${marks}) AND held_on >= ? AND held_on <= ? GROUP BY committee_code`,
        [...codes, from, to],
      ),
      ["inspections", "jointInspections"],
    );
    add(
      await em.query(
        `SELECT committee_code AS code, COUNT(*) AS problemsFound,
                SUM(CASE WHEN status <> 'CLOSED' THEN 1 ELSE 0 END) AS problemsOpen,
                SUM(CASE WHEN status = 'CLOSED' THEN 1 ELSE 0 END) AS problemsClosed
           FROM chishui_problem WHERE committee_code IN (${marks}) AND found_on >= ? AND found_on <= ? GROUP BY committee_code`,
        [...codes, from, to],
      ),
      ["problemsFound", "problemsOpen", "problemsClosed"],
    );
    return out;
  },
  (parts) => parts.reduce((sum, p) => Object.fromEntries(KEYS.map((k) => [k, sum[k] + p[k]])) as Counts, ZERO),
);

/** Null where the plugin is not enabled; "including descendants" adds up the enabled ones below. */
export async function chishuiStats(
  ctx: RequestContext,
  code: string,
  year: number,
  includeDescendants: boolean,
): Promise<ChishuiStats | null> {
  await ctx.assertCanReadCommittee(code);
  yearRange(year);
  const codes = await moduleEnablement(ctx, CHISHUI).within(code, includeDescendants);
  if (codes.length === 0) return null;
  const c = await countsOf(ctx, codes, year);
  return { ...c, shareClassIIOrBetter: rate(c.readingsClassIIOrBetter, c.readings) };
}

@Resolver(() => CommitteeRef)
export class ChishuiCommitteeResolver {
  @FieldResolver(() => ChishuiStats, {
    nullable: true,
    description: "赤水河流域保护监督统计; 未启用本模块的政协为 null",
  })
  chishuiStats(
    @Root() c: CommitteeRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int) year: number,
    @Arg("includeDescendants", () => Boolean, { defaultValue: false }) includeDescendants: boolean,
  ): Promise<ChishuiStats | null> {
    return chishuiStats(ctx, c.code, year, includeDescendants);
  }
}
