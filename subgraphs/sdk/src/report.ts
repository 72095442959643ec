import { Directive, Field, Float, Int, ObjectType } from "type-graphql";
import type { FigureDefinition, StatDefinition } from "./module";

/**
 * The annual work report (工作报告) is one federated entity keyed by committee and year:
 * `Query.annualReport` (members) returns the key, and every module contributes its own
 * section, computed by the same services as its statistics fields, so a figure in the
 * report is the statistics figure by construction.
 */
@ObjectType({ description: "工作报告中的一个数字 / one figure of the annual work report" })
@Directive("@shareable")
export class ReportFigure {
  @Field({ description: "稳定的键, 如 proposalsReceived" })
  key: string;

  @Field()
  title: string;

  @Field()
  titleEn: string;

  @Field(() => Float, { nullable: true, description: "数值; 比率为 0–1 的小数; null 表示无从计算或未在系统中登记" })
  value: number | null;

  @Field({ description: "count | rate" })
  kind: string;

  @Field({ description: "口径 / the exact definition" })
  definition: string;

  @Field(() => String, { nullable: true, description: "与之相等的统计字段, 如 proposalStats.received" })
  source: string | null;
}

@ObjectType({ description: "工作报告的一部分, 由一个模块提供 / a module's part of the report" })
@Directive("@shareable")
export class ReportSection {
  @Field({ description: "模块名" })
  module: string;

  @Field()
  title: string;

  @Field()
  titleEn: string;

  @Field(() => [ReportFigure])
  figures: ReportFigure[];
}

@ObjectType("AnnualReport")
@Directive('@key(fields: "committee year")')
export class AnnualReportRef {
  @Field()
  committee: string;

  @Field(() => Int)
  year: number;
}

/**
 * Picks figures of a module's statistics for the report, in the order given, each with
 * the definition written once in the module. `extra` adds report-only figures (a
 * breakdown the report prints, e.g. proposals by parties) with their own definition.
 */
export function reportSection(
  module: { name: string; title: string; titleEn: string },
  stat: StatDefinition,
  values: Record<string, unknown>,
  keys: { key: string; reportKey?: string; note?: string; source?: string }[],
  extra: (FigureDefinition & { value: number | null; source?: string | null })[] = [],
): ReportSection {
  const figures: ReportFigure[] = keys.map(({ key, reportKey, note, source }) => {
    const def = stat.figures.find((f) => f.key === key);
    if (!def) throw new Error(`${module.name}: ${stat.field} has no figure ${key}`);
    const v = values[key];
    return {
      key: reportKey ?? key,
      title: def.title,
      titleEn: def.titleEn,
      value: typeof v === "number" ? v : null,
      kind: def.kind,
      definition: note ? `${def.definition}; ${note}` : def.definition,
      source: source ?? `${stat.field}.${key}`,
    };
  });
  for (const e of extra) {
    figures.push({
      key: e.key,
      title: e.title,
      titleEn: e.titleEn,
      value: e.value,
      kind: e.kind,
      definition: e.definition,
      source: e.source ?? null,
    });
  }
  return { module: module.name, title: module.title, titleEn: module.titleEn, figures };
}
