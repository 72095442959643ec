/** The page's data: one GraphQL request per view (a committee and a year), built from the figure metadata. */

export interface FigureMeta {
  key: string;
  title: string;
  titleEn: string;
  definition: string;
  kind: "count" | "rate";
}

export interface StatMeta {
  field: string;
  title: string;
  titleEn: string;
  period: string;
  figures: FigureMeta[];
  module: string;
  moduleTitle: string;
  plugin: boolean;
  args: string[];
}

export interface DashboardConfig {
  stats: StatMeta[];
  report: { selection: string; fragments: string; lists: { field: string; title: string; titleEn: string }[] } | null;
  years: { first: number; last: number; default: number };
  developmentToken: string | null;
  warnings: string[];
}

export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string };
}

/** One statistics object of one row: its values, or null with the error that explains it (if any). */
export interface StatCell {
  values: Record<string, number | null> | null;
  error: ApiError | null;
  /** False when the field cannot include committees below (the total row then has no figure). */
  supported: boolean;
}

export interface Row {
  kind: "own" | "child" | "total";
  code: string;
  name: string;
  hasChildren: boolean;
  stats: Record<string, StatCell>;
}

export interface ReportFigure {
  key: string;
  title: string;
  titleEn: string;
  value: number | null;
  kind: string;
  definition: string;
  source: string | null;
}

export interface ReportSection {
  field: string;
  module: string;
  title: string;
  titleEn: string;
  figures: ReportFigure[];
}

export interface View {
  code: string;
  name: string;
  level: string;
  year: number;
  own: Row;
  children: Row[];
  /** Null for a committee with no committees below: its own row says it all. */
  total: Row | null;
  report: { sections: ReportSection[]; error: ApiError | null } | null;
  requestMs: number;
}

/** A failure of the whole view: the committee itself could not be read. */
export class ViewError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const ALL = "all_";

function statCall(stat: StatMeta, includeDescendants: boolean): string {
  const args: string[] = [];
  if (stat.args.includes("year")) args.push("year: $year");
  if (includeDescendants) args.push("includeDescendants: true");
  const call = args.length > 0 ? `${stat.field}(${args.join(", ")})` : stat.field;
  return `${call} { ${stat.figures.map((f) => f.key).join(" ")} }`;
}

const canTotal = (stat: StatMeta) => stat.args.includes("includeDescendants");

/**
 * The committee's own figures, its totals including the committees below (aliases, so one
 * request), each child with its own committees below, and the annual report.
 */
export function viewQuery(config: DashboardConfig): string {
  const own = config.stats.map((s) => statCall(s, false));
  const totals = config.stats.filter(canTotal).map((s) => `${ALL}${s.field}: ${statCall(s, true)}`);
  const children = config.stats.map((s) => statCall(s, canTotal(s)));
  const report = config.report ? `annualReport(committee: $code, year: $year) { ${config.report.selection} }` : "";
  const usesYear = report !== "" || config.stats.some((s) => s.args.includes("year"));
  return `query DashboardView($code: String!${usesYear ? ", $year: Int!" : ""}) {
  committee(code: $code) {
    code name level
    ${own.join("\n    ")}
    ${totals.join("\n    ")}
    children { code name level children { code } ${children.join(" ")} }
  }
  ${report}
}
${config.report?.fragments ?? ""}`;
}

const startsWith = (path: (string | number)[] | undefined, prefix: (string | number)[]) =>
  !!path && prefix.every((p, i) => path[i] === p);

function errorAt(errors: ApiError[], prefix: (string | number)[]): ApiError | null {
  return errors.find((e) => startsWith(e.path, prefix)) ?? null;
}

type Raw = Record<string, unknown>;

function row(
  config: DashboardConfig,
  kind: Row["kind"],
  data: Raw,
  errors: ApiError[],
  base: (string | number)[],
  alias: (field: string) => string,
): Row {
  const stats: Record<string, StatCell> = {};
  for (const s of config.stats) {
    const supported = kind !== "total" || canTotal(s);
    const name = alias(s.field);
    stats[s.field] = {
      values: supported ? ((data[name] as Record<string, number | null> | null) ?? null) : null,
      error: supported ? errorAt(errors, [...base, name]) : null,
      supported,
    };
  }
  const children = data.children as unknown[] | undefined;
  return {
    kind,
    code: String(data.code),
    name: String(data.name),
    hasChildren: Array.isArray(children) && children.length > 0,
    stats,
  };
}

function reportOf(config: DashboardConfig, data: Raw | null, errors: ApiError[]): View["report"] {
  if (!config.report) return null;
  const error = errorAt(errors, ["annualReport"]);
  if (!data) return { sections: [], error: error ?? { message: "no report" } };
  // The order of the statistics each section's figures come from (figure.source), as the downloads print it.
  const order = config.stats.map((s) => s.field);
  const rank = (s: ReportSection) => {
    const ranks = s.figures
      .map((f) => order.indexOf(/^[A-Za-z_][A-Za-z0-9_]*/.exec(f.source ?? "")?.[0] ?? ""))
      .filter((i) => i >= 0);
    return ranks.length > 0 ? Math.min(...ranks) : order.length;
  };
  const sections: ReportSection[] = [];
  const lists: ReportSection[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      const meta = config.report.lists.find((l) => l.field === field);
      if (value.length > 0) {
        lists.push({
          field,
          module: "",
          title: meta?.title ?? field,
          titleEn: meta?.titleEn ?? field,
          figures: value as ReportFigure[],
        });
      }
    } else if (value && typeof value === "object" && "figures" in value) {
      sections.push({ field, ...(value as Omit<ReportSection, "field">) });
    }
  }
  // Array.prototype.sort is stable: ties keep the schema's order.
  sections.sort((a, b) => rank(a) - rank(b));
  return { sections: [...sections, ...lists], error };
}

export async function loadView(config: DashboardConfig, token: string, code: string, year: number): Promise<View> {
  const started = performance.now();
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: viewQuery(config), variables: { code, year }, operationName: "DashboardView" }),
  });
  let body: { data?: Raw | null; errors?: ApiError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ViewError(`HTTP ${res.status}`, "INTERNAL_SERVER_ERROR");
  }
  const requestMs = Math.round(performance.now() - started);
  const errors = body.errors ?? [];
  const committee = (body.data?.committee as Raw | null | undefined) ?? null;
  if (!committee) {
    const e = errorAt(errors, ["committee"]) ?? errors[0];
    throw new ViewError(e?.message ?? `HTTP ${res.status}`, e?.extensions?.code ?? "NOT_FOUND");
  }
  const own = row(config, "own", committee, errors, ["committee"], (f) => f);
  const childData = (committee.children as Raw[]) ?? [];
  const children = childData.map((c, i) => row(config, "child", c, errors, ["committee", "children", i], (f) => f));
  const total =
    children.length > 0 ? row(config, "total", committee, errors, ["committee"], (f) => `${ALL}${f}`) : null;
  return {
    code: own.code,
    name: own.name,
    level: String(committee.level),
    year,
    own,
    children,
    total,
    report: reportOf(config, (body.data?.annualReport as Raw | null) ?? null, errors),
    requestMs,
  };
}

export async function loadConfig(): Promise<DashboardConfig> {
  const res = await fetch("/dashboard/config.json");
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return (await res.json()) as DashboardConfig;
}

/** Asks the gateway for the report file with the bearer token, and saves it under the name the gateway gives. */
export async function downloadReport(token: string, code: string, year: number, ext: "csv" | "xlsx"): Promise<void> {
  const url = `/reports/annual-report.${ext}?committee=${encodeURIComponent(code)}&year=${year}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      message = ((await res.json()) as { error: { message: string } }).error.message;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(message);
  }
  const disposition = res.headers.get("content-disposition") ?? "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const ascii = /filename="([^"]+)"/i.exec(disposition);
  const name = utf8 ? decodeURIComponent(utf8[1]) : (ascii?.[1] ?? `annual-report-${code}-${year}.${ext}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the blob goes away.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
