import { additiveFigures, CommitteeRef, moduleEnablement, rate, yearRange, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from "type-graphql";
import { ChishuiInspection } from "../inspection/inspection.entity";
import { CHISHUI } from "../name";
import { CHISHUI_STATS } from "./chishui-figures";

@ObjectType({ description: "赤水河流域保护监督统计 / Chishui basin supervision figures" })
export class ChishuiStats {
  @Field(() => Int, CHISHUI_STATS.options("sections"))
  sections: number;

  @Field(() => Int, CHISHUI_STATS.options("sectionsMeetingTarget"))
  sectionsMeetingTarget: number;

  @Field(() => Int, CHISHUI_STATS.options("readings"))
  readings: number;

  @Field(() => Int, CHISHUI_STATS.options("readingsClassIIOrBetter"))
  readingsClassIIOrBetter: number;

  @Field(() => Float, { nullable: true, ...CHISHUI_STATS.options("shareClassIIOrBetter") })
  shareClassIIOrBetter: number | null;

  @Field(() => Int, CHISHUI_STATS.options("inspections"))
  inspections: number;

  @Field(() => Int, CHISHUI_STATS.options("jointInspections"))
  jointInspections: number;

  @Field(() => Int, CHISHUI_STATS.options("problemsFound"))
  problemsFound: number;

  @Field(() => Int, CHISHUI_STATS.options("problemsOpen"))
  problemsOpen: number;

  @Field(() => Int, CHISHUI_STATS.options("problemsClosed"))
  problemsClosed: number;

  @Field(() => Int, CHISHUI_STATS.options("committees"))
  committees: number;
}

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
