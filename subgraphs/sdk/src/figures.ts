import type { FigureDefinition, StatDefinition } from "./module";
import type { ReportFigure, ReportSection } from "./report";

/** One figure, written once: what the GraphQL field says, the dashboard shows and the report prints. */
export interface FigureSpec {
  title: string;
  titleEn: string;
  /** 口径: the exact definition (DOMAIN.md), Chinese / English. */
  definition: string;
  kind: "count" | "rate";
  /** false: a figure the report prints but the dashboard does not show as a tile. */
  dashboard?: boolean;
}

/**
 * A statistics field's figures as one registry. `figures` (the dashboard metadata of the
 * module's `stats`) and `describe` (the GraphQL field descriptions) and `report` (the annual
 * report's rows) all read the same entries, so a wording cannot drift between them.
 */
export interface FigureRegistry<K extends string> extends StatDefinition {
  specs: Readonly<Record<K, FigureSpec>>;
  /** The description of the stats type's field `key`. */
  describe(key: K): string;
  /** `@Field` options carrying that description: `@Field(() => Int, STATS.options("received"))`. */
  options(key: K): { description: string };
  /** The report's row for `key`, valued from the statistics the field resolves to. */
  reportFigure(values: Readonly<Record<string, unknown>>, row: K | ReportRow<K>): ReportFigure;
  /** As metadata (supergraph.figures.json, a plugin host's description): the plain StatDefinition. */
  toJSON(): StatDefinition;
  /** A report section of these figures, in the order given. */
  report(
    module: { name: string; title: string; titleEn: string },
    values: Readonly<Record<string, unknown>>,
    rows: (K | ReportRow<K>)[],
  ): ReportSection;
}

export interface ReportRow<K extends string> {
  key: K;
  /** The report's own key, when it differs from the field (proposalsReceived). */
  reportKey?: string;
  /** Appended to the definition for this row. */
  note?: string;
  /** Where the value comes from, when not the field itself (a breakdown: `trainingStats(year).byKind[…]`). */
  source?: string;
}

export function defineFigures<K extends string>(
  stat: Omit<StatDefinition, "figures"> & { figures: Record<K, FigureSpec> },
): FigureRegistry<K> {
  const specs = Object.freeze({ ...stat.figures });
  const figures: FigureDefinition[] = (Object.keys(specs) as K[])
    .filter((key) => specs[key].dashboard !== false)
    .map((key) => {
      const { title, titleEn, definition, kind } = specs[key];
      return { key, title, titleEn, definition, kind };
    });
  const spec = (key: K) => {
    const s = specs[key];
    if (!s) throw new Error(`${stat.field} has no figure ${key}`);
    return s;
  };
  const reportFigure = (values: Readonly<Record<string, unknown>>, row: K | ReportRow<K>): ReportFigure => {
    const { key, reportKey, note, source }: ReportRow<K> = typeof row === "string" ? { key: row } : row;
    const s = spec(key);
    const v = values[key];
    return {
      key: reportKey ?? key,
      title: s.title,
      titleEn: s.titleEn,
      value: typeof v === "number" ? v : null,
      kind: s.kind,
      definition: note ? `${s.definition}; ${note}` : s.definition,
      source: source ?? `${stat.field}.${key}`,
    };
  };
  const registry: FigureRegistry<K> = {
    field: stat.field,
    title: stat.title,
    titleEn: stat.titleEn,
    period: stat.period,
    figures,
    specs,
    describe: (key: K) => {
      const s = spec(key);
      return `${s.title} / ${s.titleEn}: ${s.definition}`;
    },
    options: (key: K) => ({ description: registry.describe(key) }),
    toJSON: () => ({ field: stat.field, title: stat.title, titleEn: stat.titleEn, period: stat.period, figures }),
    reportFigure,
    report: (module, values, rows) => ({
      module: module.name,
      title: module.title,
      titleEn: module.titleEn,
      figures: rows.map((r) => reportFigure(values, r)),
    }),
  };
  return Object.freeze(registry);
}
