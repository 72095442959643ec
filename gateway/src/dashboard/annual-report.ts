import type { ReportShape } from "./figures";

/**
 * The annual report as the gateway fetches it for a download: one GraphQL operation,
 * built from the sections the served schema has, executed with the caller's identity so
 * the scope rules are the API's own.
 */

export interface ReportFigureValue {
  key: string;
  title: string;
  titleEn: string;
  value: number | null;
  kind: string;
  definition: string;
  source: string | null;
}

export interface ReportSectionValue {
  module: string;
  title: string;
  titleEn: string;
  figures: ReportFigureValue[];
}

export interface AnnualReportData {
  committee: string;
  committeeName: string;
  year: number;
  /** In print order; sections a committee does not have (a plugin not enabled) are left out. */
  sections: { field: string; section: ReportSectionValue }[];
}

/** One line of a download: the columns staff paste into the report. */
export type ReportRow = ReportFigureValue & { section: string };

export const REPORT_FRAGMENTS = `fragment ReportFigureFields on ReportFigure { key title titleEn value kind definition source }
fragment ReportSectionFields on ReportSection { module title titleEn figures { ...ReportFigureFields } }`;

/** The selection inside `annualReport { … }`, shared by the page's query and the downloads. */
export function reportSelection(shape: ReportShape): string {
  return [
    "committee year",
    ...shape.sections.map((s) => `${s} { ...ReportSectionFields }`),
    ...shape.figureLists.map((f) => `${f.field} { ...ReportFigureFields }`),
  ].join(" ");
}

export function annualReportOperation(shape: ReportShape): string {
  return `query AnnualReportDownload($committee: String!, $year: Int!) {
  committee(code: $committee) { code name }
  annualReport(committee: $committee, year: $year) { ${reportSelection(shape)} }
}
${REPORT_FRAGMENTS}`;
}

/** A refusal of a report request, with the HTTP status it maps to. */
export class ReportRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** `?committee=zhaotong&year=2023`, each named when it is missing or malformed. */
export function parseReportParams(query: Record<string, unknown>): { committee: string; year: number } {
  const committee = query.committee;
  if (typeof committee !== "string" || !CODE.test(committee)) {
    throw new ReportRequestError(
      400,
      "BAD_USER_INPUT",
      "参数 committee 缺失或格式不对, 应为政协代码如 zhaotong / query parameter committee must be a committee code such as zhaotong",
      "committee",
    );
  }
  const year = query.year;
  if (typeof year !== "string" || !/^\d{4}$/.test(year)) {
    throw new ReportRequestError(
      400,
      "BAD_USER_INPUT",
      "参数 year 缺失或格式不对, 应为四位年份如 2023 / query parameter year must be a four-digit year such as 2023",
      "year",
    );
  }
  return { committee, year: Number(year) };
}

interface ExecutionError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

const STATUS_OF: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
};

/**
 * Turns the operation's result into the report, or refuses. A download is pasted into a
 * printed report, so a section that failed (its subgraph down) fails the whole file
 * instead of leaving figures silently out.
 */
export function reportFromResult(
  result: { data?: Record<string, unknown> | null; errors?: readonly ExecutionError[] },
  shape: ReportShape,
  statOrder: string[],
): AnnualReportData {
  const errors = result.errors ?? [];
  if (errors.length > 0) {
    const first = errors.find((e) => STATUS_OF[String(e.extensions?.code)]) ?? errors[0];
    const code = String(first.extensions?.code ?? "INTERNAL_SERVER_ERROR");
    const field = typeof first.extensions?.field === "string" ? first.extensions.field : undefined;
    if (STATUS_OF[code]) throw new ReportRequestError(STATUS_OF[code], code, first.message, field);
    const where = [...new Set(errors.map((e) => e.path?.slice(1).join(".") || "annualReport"))].join(", ");
    throw new ReportRequestError(
      502,
      code,
      `报告数字未能全部取得 (${where}), 请稍后重试 / some figures of the report could not be fetched (${where}); try again later`,
    );
  }
  const report = result.data?.annualReport as Record<string, unknown> | null | undefined;
  const committee = result.data?.committee as { code: string; name: string } | null | undefined;
  if (!report || !committee) {
    throw new ReportRequestError(404, "NOT_FOUND", "没有这个政协的报告 / no report for this committee");
  }
  const sections = shape.sections
    .map((field) => ({ field, section: report[field] as ReportSectionValue | null }))
    .filter((s): s is { field: string; section: ReportSectionValue } => s.section !== null && s.section !== undefined)
    .sort((a, b) => sectionRank(a.section, statOrder) - sectionRank(b.section, statOrder));
  for (const { field, title } of shape.figureLists) {
    const figures = (report[field] as ReportFigureValue[] | null) ?? [];
    if (figures.length === 0) continue;
    sections.push({ field, section: { module: "", title, titleEn: humanize(field), figures } });
  }
  return { committee: committee.code, committeeName: committee.name, year: Number(report.year), sections };
}

/**
 * Sections print in the order of the statistics they come from (the figures file lists
 * members, proposals, opinion reports, studios, training, then plugins): each figure's
 * `source` names its statistics field. Sort is stable, so ties keep the schema's order.
 */
export function sectionRank(section: { figures: { source: string | null }[] }, statOrder: string[]): number {
  const ranks = section.figures
    .map((f) => statOrder.indexOf(/^[A-Za-z_][A-Za-z0-9_]*/.exec(f.source ?? "")?.[0] ?? ""))
    .filter((i) => i >= 0);
  return ranks.length > 0 ? Math.min(...ranks) : statOrder.length;
}

/** notRecorded → "Not recorded": figure lists have a Chinese description but no English title. */
export function humanize(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function reportRows(report: AnnualReportData): ReportRow[] {
  return report.sections.flatMap(({ section }) =>
    section.figures.map((f) => ({ ...f, section: `${section.title} / ${section.titleEn}` })),
  );
}
