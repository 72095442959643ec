import fs from "node:fs";
import type { StatDefinition } from "@tongxin/sdk";
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";

/** `supergraph.figures.json` as `npm run compose` writes it (infra's `platformFigures`). */
export interface FiguresDocument {
  modules: { module: string; title: string; kind: "core" | "plugin"; stats: StatDefinition[] }[];
}

/** The default place of the figures file: next to the supergraph, as compose writes it. */
export const figuresPathNextTo = (supergraphPath: string) => supergraphPath.replace(/(\.graphql)?$/, ".figures.json");

/**
 * Reads the figure metadata and reads it again when the file changes (compose rewrites it
 * atomically when a plugin is enabled), so the dashboard picks up a new module without a
 * restart. A file that cannot be parsed leaves the previous metadata in place.
 */
export class FiguresFile {
  private stamp = "";
  private current: FiguresDocument = { modules: [] };
  lastError: string | null = null;

  constructor(
    readonly path: string,
    private readonly log: (m: string) => void = () => undefined,
  ) {}

  read(): FiguresDocument {
    let stamp: string;
    try {
      const st = fs.statSync(this.path);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      if (this.lastError === null) this.log(`figures file ${this.path} not found; the dashboard shows no figures`);
      this.lastError = "figures file not found";
      return this.current;
    }
    if (stamp === this.stamp) return this.current;
    try {
      this.current = parseFigures(fs.readFileSync(this.path, "utf8"));
      this.stamp = stamp;
      this.lastError = null;
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      this.log(`figures file ${this.path} rejected, keeping the previous one: ${this.lastError}`);
    }
    return this.current;
  }
}

export function parseFigures(text: string): FiguresDocument {
  const doc = JSON.parse(text) as FiguresDocument;
  if (!doc || !Array.isArray(doc.modules)) throw new Error("expected { modules: [...] }");
  for (const m of doc.modules) {
    if (typeof m.module !== "string" || !Array.isArray(m.stats)) throw new Error("a module lacks its name or stats");
    for (const s of m.stats) {
      if (typeof s.field !== "string" || !Array.isArray(s.figures)) {
        throw new Error(`${m.module}: a statistic lacks its field or figures`);
      }
    }
  }
  return doc;
}

/** A statistic as the dashboard may query it: only what the served schema really has. */
export interface DashboardStat extends StatDefinition {
  module: string;
  moduleTitle: string;
  plugin: boolean;
  /** Arguments the Committee field takes (e.g. year, term, includeDescendants). */
  args: string[];
}

/** The annual report's parts, as the served schema has them: what the page and the downloads request. */
export interface ReportShape {
  /** `AnnualReport` fields of type ReportSection, e.g. members, proposals, courtyard. */
  sections: string[];
  /** `AnnualReport` fields that list figures outside any section (e.g. notRecorded), titled by their description. */
  figureLists: { field: string; title: string }[];
}

function objectField(type: GraphQLObjectType, name: string) {
  return type.getFields()[name];
}

/**
 * Keeps the statistics and figures the schema being served actually has: the figures file
 * and the supergraph are written together, but a plugin removed from a remote host, or
 * a file copied by hand, must not break the page's one query.
 */
export function dashboardStats(doc: FiguresDocument, schema: GraphQLSchema | undefined): DashboardStat[] {
  const committee = schema?.getType("Committee");
  if (!isObjectType(committee)) return [];
  const out: DashboardStat[] = [];
  for (const m of doc.modules) {
    for (const stat of m.stats) {
      const field = objectField(committee, stat.field);
      if (!field) continue;
      const statsType = getNamedType(field.type);
      if (!isObjectType(statsType)) continue;
      const figures = stat.figures.filter((f) => {
        const inner = objectField(statsType, f.key);
        return inner !== undefined && !isObjectType(getNamedType(inner.type));
      });
      if (figures.length === 0) continue;
      out.push({
        ...stat,
        figures,
        module: m.module,
        moduleTitle: m.title,
        plugin: m.kind === "plugin",
        args: field.args.map((a) => a.name),
      });
    }
  }
  return out;
}

const isReportSection = (t: GraphQLOutputType) =>
  !isListType(isNonNullType(t) ? t.ofType : t) && getNamedType(t).name === "ReportSection";
const isFigureList = (t: GraphQLOutputType) =>
  isListType(isNonNullType(t) ? t.ofType : t) && getNamedType(t).name === "ReportFigure";

/** Null when the schema has no `Query.annualReport`. */
export function reportShape(schema: GraphQLSchema | undefined): ReportShape | null {
  const report = schema?.getType("AnnualReport");
  if (!schema?.getQueryType()?.getFields().annualReport || !isObjectType(report)) return null;
  const fields = Object.values(report.getFields());
  return {
    sections: fields.filter((f) => isReportSection(f.type)).map((f) => f.name),
    figureLists: fields
      .filter((f) => isFigureList(f.type))
      // "报告列出但系统尚未登记的数字 (值为 null)" → the words before any note in brackets.
      .map((f) => ({ field: f.name, title: (f.description ?? f.name).replace(/\s*[(（].*$/s, "").trim() || f.name })),
  };
}
