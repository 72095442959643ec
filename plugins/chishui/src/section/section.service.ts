import {
  badInput,
  defineLoaders,
  moduleEnablement,
  parseId,
  requireDate,
  text,
  today,
  yearRange,
  type RequestContext,
} from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { CHISHUI, RECORD_CHISHUI } from "../name";
import { sectionScope } from "../scope";
import { MAX_READINGS, type ChishuiReadingsInput, type ChishuiSectionInput } from "./section.inputs";
import { ChishuiReading, ChishuiSection, ChishuiWaterClass } from "./section.entity";

const loaders = defineLoaders((ctx) => ({
  readingsOf: new DataLoader<string, ChishuiReading[]>(async (keys) => {
    const ids = [...new Set(keys.map((k) => Number(k.split("|")[0])))];
    const rows = await ctx
      .repo(ChishuiReading)
      .find({ where: { sectionId: In(ids) }, order: { sampledOn: "ASC", id: "ASC" } });
    return keys.map((k) => {
      const [id, year] = k.split("|");
      return rows.filter((r) => r.sectionId === Number(id) && (!year || r.sampledOn.startsWith(`${year}-`)));
    });
  }),
}));

export async function listSections(ctx: RequestContext, committee?: string | null): Promise<ChishuiSection[]> {
  const qb = ctx
    .repo(ChishuiSection)
    .createQueryBuilder("s")
    .orderBy("s.committee_code", "ASC")
    .addOrderBy("s.id", "ASC");
  await sectionScope.restrict(ctx, qb, "s");
  if (committee) await sectionScope.inCommittee(ctx, qb, "s", committee);
  return qb.getMany();
}

export function readingsOf(
  ctx: RequestContext,
  section: ChishuiSection,
  year?: number | null,
): Promise<ChishuiReading[]> {
  if (year !== undefined && year !== null) yearRange(year);
  return loaders(ctx).readingsOf.load(`${section.id}|${year ?? ""}`);
}

async function ownCommittee(ctx: RequestContext, wanted: string | undefined, field: string): Promise<string> {
  ctx.require(RECORD_CHISHUI);
  const code = wanted ?? ctx.identity.committee;
  if (!code) throw badInput(field, "请指定政协", "committee is required");
  await sectionScope.assertCanCreate(ctx, code, field);
  moduleEnablement(ctx, CHISHUI).assertEnabled(code, field);
  return code;
}

export async function addSection(ctx: RequestContext, input: ChishuiSectionInput): Promise<ChishuiSection> {
  const code = await ownCommittee(ctx, input.committee, "input.committee");
  const section = ctx.repo(ChishuiSection).create({
    committeeCode: code,
    name: text(input.name, "input.name", { max: 100, required: true }),
    river: text(input.river, "input.river", { max: 50, required: true }),
    location: text(input.location, "input.location", { max: 200 }),
    targetClass: input.targetClass,
  });
  return ctx.repo(ChishuiSection).save(section);
}

/** A month's readings for all sections arrive together; one bad line and none is written. */
export async function recordReadings(ctx: RequestContext, input: ChishuiReadingsInput): Promise<ChishuiReading[]> {
  const code = await ownCommittee(ctx, undefined, "input");
  if (input.readings.length === 0) throw badInput("input.readings", "至少登记一条", "give at least one reading");
  if (input.readings.length > MAX_READINGS) {
    throw badInput("input.readings", `一次最多 ${MAX_READINGS} 条`, `at most ${MAX_READINGS} readings at once`);
  }
  const ids = input.readings.map((r, i) => parseId(r.sectionId, `input.readings[${i}].sectionId`));
  const sections = await ctx.repo(ChishuiSection).findBy({ id: In([...new Set(ids)]) });
  const own = new Set(sections.filter((s) => s.committeeCode === code).map((s) => s.id));
  const rows = input.readings.map((r, i) => {
    if (!own.has(ids[i])) {
      throw badInput(
        `input.readings[${i}].sectionId`,
        `断面 ${ids[i]} 不属于本级政协`,
        `section ${ids[i]} is not one of ${code}'s`,
      );
    }
    const sampledOn = requireDate(r.sampledOn, `input.readings[${i}].sampledOn`);
    if (sampledOn > today())
      throw badInput(`input.readings[${i}].sampledOn`, "采样日期不能晚于今天", "cannot be in the future");
    if (!Object.values(ChishuiWaterClass).includes(r.waterClass)) {
      throw badInput(`input.readings[${i}].waterClass`, "水质类别应为 Ⅰ–Ⅴ", "must be a class from I to V");
    }
    return { sectionId: ids[i], sampledOn, waterClass: r.waterClass };
  });
  return ctx.transaction(ChishuiReading, async (tx) => {
    const saved: ChishuiReading[] = [];
    for (let i = 0; i < rows.length; i += 200) {
      saved.push(
        ...(await tx.repo(ChishuiReading).save(rows.slice(i, i + 200).map((r) => tx.repo(ChishuiReading).create(r)))),
      );
    }
    return saved;
  });
}

export function getSection(ctx: RequestContext, rawId: string): Promise<ChishuiSection> {
  return sectionScope.get(ctx, rawId);
}
