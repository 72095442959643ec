import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { openModuleDatabase, parseDatabaseUrl } from "@tongxin/sdk";
import { platformLayout } from "../platform";
import { startStack, type GraphQLResponse, type Stack } from "../stack";
import { benchRoot, cloneCode } from "./generate";
import { memberFigures, readReferenceData, scopeOf, studioFigures, trainingFigures } from "./reference";

/**
 * The dashboard's own request, timed on a stack started in this process (gateway, every
 * subgraph and plugin host: CPU and RSS are those of this one process). The query text is
 * taken from the dashboard's compiled code, so the bench sends exactly what /dashboard sends.
 */
type DashboardConfig = { stats: { field: string; figures: { key: string; kind: string }[]; args: string[] }[] };
type ViewQuery = (config: DashboardConfig) => string;

export function dashboardViewQuery(): ViewQuery {
  const file = path.join(path.dirname(require.resolve("@tongxin/gateway/package.json")), "dashboard/dist/api.js");
  // The browser module has no imports; its exports become plain declarations in a sandbox.
  const source = fs.readFileSync(file, "utf8").replace(/^export /gm, "");
  return vm.runInNewContext(`${source}\n;viewQuery`, {}) as ViewQuery;
}

export interface Sample {
  ms: number[];
  statements: number[];
  cpuMs: number[];
  errors: number;
  data: Record<string, unknown> | null;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
export const p50 = (xs: number[]) => percentile(xs, 50);
export const p95 = (xs: number[]) => percentile(xs, 95);

/** `warm` requests first (not counted), then `n` timed one after the other. */
async function measure(
  stack: Stack,
  query: string,
  code: string,
  year: number,
  n: number,
  warm: number,
  deadline: number,
): Promise<Sample> {
  const token = stack.token({ role: "STAFF", committee: code });
  const sample: Sample = { ms: [], statements: [], cpuMs: [], errors: 0, data: null };
  for (let i = 0; i < warm + n; i++) {
    const s0 = stack.statementCount();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res: GraphQLResponse = await stack.query(token, query, { code, year });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (res.errors?.length) {
      sample.errors++;
      if (sample.errors === 1) console.error(`  ${code}: ${res.errors[0].message} at ${res.errors[0].path?.join(".")}`);
    }
    sample.data ??= (res.data as Record<string, unknown>) ?? null;
    if (i < warm) continue;
    sample.ms.push(ms);
    sample.statements.push(stack.statementCount() - s0);
    sample.cpuMs.push((cpu.user + cpu.system) / 1000);
    if (Date.now() > deadline && sample.ms.length >= 3) break;
  }
  return sample;
}

/** Clone k's answer written as the demo city's: codes and names without the clone's suffix. */
function asDemo(value: unknown, k: number): unknown {
  if (k === 0) return value;
  const json = JSON.stringify(value)
    .replace(new RegExp(`-${k}"`, "g"), '"')
    .replace(new RegExp(` ${k}"`, "g"), '"');
  return JSON.parse(json);
}

interface Check {
  compared: number;
  mismatches: string[];
  /** Figures that came back null with an error (a timeout), so could not be compared. */
  unanswered: string[];
}

function diff(a: unknown, b: unknown, at: string, out: string[]): number {
  if (a && b && typeof a === "object" && typeof b === "object") {
    let n = 0;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) n += diff((a as never)[key], (b as never)[key], `${at}.${key}`, out);
    return n;
  }
  if (a !== b) out.push(`${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  return 1;
}

/**
 * Exactness, from the way the tree is built: every clone of the city is a copy of it, so
 * its whole view must equal the city's (and the city's must equal the city's at 1×); a
 * root over `scale` disjoint copies must total `scale` × each count figure of the city
 * and the same rate.
 */
function checkRoot(
  config: DashboardConfig,
  city: Record<string, unknown>,
  root: Record<string, unknown>,
  scale: number,
  out: string[],
  unanswered: string[],
): number {
  let n = 0;
  for (const stat of config.stats) {
    if (!stat.args.includes("includeDescendants")) continue;
    const c = city[`all_${stat.field}`] as Record<string, number | null> | null;
    const r = root[`all_${stat.field}`] as Record<string, number | null> | null;
    for (const f of stat.figures) {
      const want = c?.[f.key] == null ? null : f.kind === "count" ? (c[f.key] as number) * scale : c[f.key];
      const got = r?.[f.key] ?? null;
      n++;
      if (r == null && want !== null) {
        unanswered.push(`root all_${stat.field}.${f.key}`);
        continue;
      }
      if (typeof want === "number" && typeof got === "number" ? Math.abs(want - got) > 1e-9 : want !== got) {
        out.push(`root all_${stat.field}.${f.key}: ${got} ≠ expected ${want}`);
      }
    }
  }
  return n;
}

const REFERENCE_QUERY = `query ($code: String!, $year: Int!, $all: Boolean!) {
  committee(code: $code) {
    memberStats(year: $year, includeDescendants: $all) { activeMembers commitmentsSigned revoked }
    studioStats(year: $year, includeDescendants: $all) {
      studios newStudios studioMembers newStudioMembers activities coverage sectorCoverage
    }
    trainingStats(year: $year, includeDescendants: $all) { sessions trainees attendances coverage from until asOf }
  }
}`;

/**
 * The figures whose computation issue 13 changed (members, studios, training), asked of the
 * platform one committee at a time and compared with the slow reference recomputed from the
 * rows: the city and two of its counties, the last clone of the city, and the root.
 */
async function checkAgainstReference(
  stack: Stack,
  databaseUrl: string,
  city: string,
  scale: number,
  year: number,
  out: string[],
  unanswered: string[],
): Promise<number> {
  const data = await readReferenceData(databaseUrl);
  const counties = data.committees.filter((c) => c.parent === city).map((c) => c.code);
  const sample: [string, boolean][] = [
    [city, false],
    [city, true],
    ...counties.slice(0, 2).map((c): [string, boolean] => [c, false]),
  ];
  if (scale > 1) sample.push([cloneCode(city, scale - 1), true]);
  const root = benchRoot(scale);
  if (root) sample.push([root, true]);
  let n = 0;
  for (const [code, all] of sample) {
    const res: GraphQLResponse<{ committee: Record<string, Record<string, number | string | null> | null> }> =
      await stack.query(stack.token({ role: "STAFF", committee: code }), REFERENCE_QUERY, { code, year, all });
    const got = res.data?.committee;
    if (!got) {
      unanswered.push(`${code}: ${res.errors?.[0]?.message ?? "no answer"}`);
      continue;
    }
    const scope = scopeOf(data, code, all);
    const t = got.trainingStats;
    const want: Record<string, Record<string, number | null>> = {
      memberStats: memberFigures(data, scope, year),
      studioStats: studioFigures(data, scope, year),
      trainingStats: t
        ? trainingFigures(data, scope, { from: String(t.from), until: String(t.until), asOf: String(t.asOf) })
        : {},
    };
    for (const [stat, figures] of Object.entries(want)) {
      for (const [key, value] of Object.entries(figures)) {
        n++;
        if (got[stat] == null) {
          unanswered.push(`${code} ${stat}.${key}`);
          continue;
        }
        const answer = got[stat]?.[key] ?? null;
        const same =
          typeof value === "number" && typeof answer === "number" ? Math.abs(value - answer) < 1e-12 : value === answer;
        if (!same)
          out.push(`${code}${all ? " (with descendants)" : ""} ${stat}.${key}: ${answer} ≠ reference ${value}`);
      }
    }
  }
  return n;
}

export interface Row {
  db: string;
  scale: number;
  size: { committees: number; members: number; proposals: number };
  city: Sample;
  root: Sample | null;
  check: Check;
  rssMb: number;
  load: number;
}

/** Table sizes, read from the modules' own databases. */
async function sizes(databaseUrl: string): Promise<Row["size"]> {
  const count = async (module: string, table: string) => {
    const db = await openModuleDatabase({ moduleName: module, databaseUrl, entities: [], migrations: [] });
    try {
      const [r] = await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(r.n);
    } finally {
      await db.dataSource.destroy();
    }
  };
  return {
    committees: await count("members", "committee"),
    members: await count("members", "member"),
    proposals: await count("proposals", "proposal"),
  };
}

/** The plugin configuration with each plugin also enabled in the clones of its committees. */
export function benchPluginsConfig(scale: number): object {
  const config = JSON.parse(fs.readFileSync(platformLayout().configPath, "utf8")) as {
    hosts: { plugins: Record<string, string[]> }[];
  };
  for (const host of config.hosts) {
    for (const [plugin, codes] of Object.entries(host.plugins)) {
      host.plugins[plugin] = Array.from({ length: scale }, (_, k) => codes.map((c) => cloneCode(c, k))).flat();
    }
  }
  return config;
}

export async function benchScale(opts: {
  db: string;
  databaseUrl: string;
  scale: number;
  requests: number;
  seconds: number;
  demoCity: string;
  reference?: Record<string, unknown> | null;
}): Promise<Row> {
  const { scale } = opts;
  const size = await sizes(opts.databaseUrl);
  const stack = await startStack({
    databaseUrl: opts.databaseUrl,
    seed: false,
    pluginsConfig: benchPluginsConfig(scale),
  });
  try {
    const config = (await (
      await fetch(new URL("/dashboard/config.json", stack.gatewayUrl))
    ).json()) as DashboardConfig & {
      years: { default: number };
    };
    const query = dashboardViewQuery()(config);
    const year = config.years.default;
    const deadline = () => Date.now() + opts.seconds * 1000;
    const city = await measure(stack, query, opts.demoCity, year, opts.requests, 3, deadline());
    const rootCode = benchRoot(scale);
    const root = rootCode ? await measure(stack, query, rootCode, year, opts.requests, 2, deadline()) : null;
    const rssMb = process.memoryUsage().rss / 2 ** 20;

    const mismatches: string[] = [];
    const unanswered: string[] = [];
    let compared = 0;
    const cityView = (city.data?.committee ?? null) as Record<string, unknown> | null;
    if (opts.reference) compared += diff(asDemo(opts.reference, 0), city.data, "city vs 1×", mismatches);
    const clones = [...new Set([1, Math.floor(scale / 2), scale - 1])].filter((k) => k > 0 && k < scale);
    for (const k of clones) {
      const code = cloneCode(opts.demoCity, k);
      const res = await stack.query(stack.token({ role: "STAFF", committee: code }), query, { code, year });
      compared += diff(asDemo(res.data, k), city.data, `clone ${k}`, mismatches);
    }
    if (root && cityView && root.data?.committee) {
      compared += checkRoot(
        config,
        cityView,
        root.data.committee as Record<string, unknown>,
        scale,
        mismatches,
        unanswered,
      );
    }
    compared += await checkAgainstReference(
      stack,
      opts.databaseUrl,
      opts.demoCity,
      scale,
      year,
      mismatches,
      unanswered,
    );
    return {
      db: opts.db,
      scale,
      size,
      city,
      root,
      check: { compared, mismatches, unanswered },
      rssMb,
      load: os.loadavg()[0],
    };
  } finally {
    await stack.stop();
  }
}

export const describeTarget = (url: string) => (parseDatabaseUrl(url).kind === "mysql" ? "MySQL" : "SQLite");
