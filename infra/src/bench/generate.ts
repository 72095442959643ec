import fs from "node:fs";
import { dropMysqlDatabases, openModuleDatabase, parseDatabaseUrl } from "@tongxin/sdk";
import type { QueryRunner, Table } from "typeorm";
import { startStack } from "../stack";

/**
 * Builds a larger tree by cloning the seeded demo city (zhaotong and its eleven counties)
 * in the modules' own tables: clone k of committee `c` is `c-k`, with its own members,
 * seats, proposals, studios, training and plugin records, every row a copy of the demo's
 * with its keys moved. Every clone is therefore isomorphic to the demo city, which the
 * bench uses as a check: the city's figures must not change whatever the size of the tree.
 *
 * Trees as in issue 13: 1× is the demo; up to 11 cities sit under one province; beyond,
 * provinces of 11 cities sit under a national root (stored at PROVINCE level: the register
 * has no national level).
 */

/** The modules whose databases hold rows to clone (each its own SQLite file or MySQL database). */
export const BENCH_MODULES = ["members", "proposals", "studios", "training", "courtyard", "chishui"];

const CITIES_PER_PROVINCE = 11;
export const NATIONAL_ROOT = "bench-nation";
export const provinceCode = (i: number) => `bench-province-${i}`;
export const cloneCode = (code: string, k: number) => (k === 0 ? code : `${code}-${k}`);

/** The committee that sees the whole tree at this scale (null at 1×: the city itself). */
export function benchRoot(scale: number): string | null {
  if (scale <= 1) return null;
  return scale <= CITIES_PER_PROVINCE ? provinceCode(1) : NATIONAL_ROOT;
}

/** Integer references that the migrations do not declare as foreign keys, by column name. */
const UNDECLARED_REFERENCES: Record<string, string> = {
  proposal_id: "proposal",
  merged_into_id: "proposal",
  source_proposal_id: "proposal",
  converted_report_id: "opinion_report",
  unit_id: "handling_unit",
  actor_unit_id: "handling_unit",
  assignment_id: "proposal_assignment",
  studio_id: "studio",
  session_id: "training_session",
  inspection_id: "chishui_inspection",
  section_id: "chishui_section",
};
const COMMITTEE_COLUMNS = new Set(["committee_code", "actor_committee", "parent_code"]);
const isMemberReference = (column: string) => /(^|_)member_id$/.test(column);

type Kind = "sqlite" | "mysql";
const q = (kind: Kind, name: string) => (kind === "mysql" ? `\`${name}\`` : `"${name}"`);
const concat = (kind: Kind, a: string, b: string) => (kind === "mysql" ? `CONCAT(${a}, ${b})` : `(${a} || ${b})`);

interface TablePlan {
  table: Table;
  /** SELECT expression of each column for clone `k`. */
  columns: { name: string; expr: (k: number) => string }[];
  /** Which rows are the demo's (cloned), as a WHERE clause. */
  originals: string;
}

/** Largest id of each table before cloning: clone k of row id is id + k × that. */
async function maxIds(runner: QueryRunner, tables: Table[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of tables) {
    if (!t.columns.some((c) => c.name === "id")) continue;
    const [row] = await runner.query(`SELECT MAX(id) AS m FROM ${t.name}`);
    out.set(t.name, Number(row.m ?? 0));
  }
  return out;
}

function plan(
  kind: Kind,
  module: string,
  tables: Table[],
  offsets: Map<string, number>,
  memberOffset: number,
  demoCodes: string[],
): TablePlan[] {
  const quotedCodes = demoCodes.map((c) => `'${c.replace(/'/g, "''")}'`).join(", ");
  const byName = new Map(tables.map((t) => [t.name, t]));
  const refOf = (t: Table, column: string): string | undefined =>
    t.foreignKeys.find((fk) => fk.columnNames.length === 1 && fk.columnNames[0] === column)?.referencedTableName ??
    UNDECLARED_REFERENCES[column];
  const hasCommittee = (t: Table) => t.columns.some((c) => COMMITTEE_COLUMNS.has(c.name)) || t.name === "committee";
  // Reference data (sectors, parties) is shared; rows tied to a committee, a member or a cloned row are cloned.
  const cloned = new Set(tables.filter((t) => hasCommittee(t) || (module === "members" && t.name === "member")));
  for (let changed = true; changed;) {
    changed = false;
    for (const t of tables) {
      if (cloned.has(t)) continue;
      const refs = t.columns.map((c) => refOf(t, c.name)).filter((r): r is string => !!r);
      if (refs.some((r) => byName.has(r) && cloned.has(byName.get(r)!))) {
        cloned.add(t);
        changed = true;
      }
    }
  }
  const plans: TablePlan[] = [];
  for (const t of tables) {
    if (!cloned.has(t)) continue;
    const columns = t.columns.map((c) => {
      const col = `t.${q(kind, c.name)}`;
      const ref = refOf(t, c.name);
      if (c.name === "id") {
        const off = offsets.get(t.name)!;
        return { name: c.name, expr: (k: number) => `${col} + ${k * off}` };
      }
      if (t.name === "committee" && c.name === "code") {
        return { name: c.name, expr: (k: number) => concat(kind, col, `'-${k}'`) };
      }
      if (t.name === "committee" && c.name === "name") {
        return { name: c.name, expr: (k: number) => concat(kind, col, `' ${k}'`) };
      }
      if (COMMITTEE_COLUMNS.has(c.name)) {
        return { name: c.name, expr: (k: number) => concat(kind, col, `'-${k}'`) };
      }
      if (ref && byName.has(ref)) {
        if (!cloned.has(byName.get(ref)!)) return { name: c.name, expr: () => col };
        const off = offsets.get(ref)!;
        return { name: c.name, expr: (k: number) => `${col} + ${k * off}` };
      }
      if (isMemberReference(c.name)) {
        return { name: c.name, expr: (k: number) => `${col} + ${k * memberOffset}` };
      }
      if (/_id$/.test(c.name) && /int/i.test(c.type)) {
        throw new Error(`bench data: ${module}.${t.name}.${c.name} refers to something the generator does not know`);
      }
      return { name: c.name, expr: () => col };
    });
    const committeeColumn =
      t.name === "committee" ? "code" : t.columns.find((c) => COMMITTEE_COLUMNS.has(c.name))?.name;
    // The demo's rows: by id, by committee, or (a link table) by the id of the row it belongs to.
    const parentColumn = t.columns.find((c) => {
      const ref = refOf(t, c.name);
      return !!ref && byName.has(ref) && cloned.has(byName.get(ref)!) && offsets.has(ref);
    })?.name;
    let originals: string;
    if (t.columns.some((c) => c.name === "id")) originals = `t.id <= ${offsets.get(t.name)!}`;
    else if (committeeColumn) originals = `t.${q(kind, committeeColumn)} IN (${quotedCodes})`;
    else if (parentColumn) originals = `t.${q(kind, parentColumn)} <= ${offsets.get(refOf(t, parentColumn)!)!}`;
    else throw new Error(`bench data: cannot tell the demo's rows of ${module}.${t.name}`);
    plans.push({ table: t, columns, originals });
  }
  return plans;
}

/** The demo's committees (read before cloning) and the member id offset, from the members database. */
interface Demo {
  codes: string[];
  root: { code: string; term: number; termStartedOn: string };
  memberOffset: number;
}

async function cloneModule(
  databaseUrl: string,
  module: string,
  scale: number,
  demo: Demo | null,
  log: (m: string) => void,
): Promise<Demo> {
  const kind: Kind = parseDatabaseUrl(databaseUrl).kind === "mysql" ? "mysql" : "sqlite";
  const db = await openModuleDatabase({ moduleName: module, databaseUrl, entities: [], migrations: [] });
  const runner = db.dataSource.createQueryRunner();
  try {
    const names: string[] = (
      kind === "mysql"
        ? await runner.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()")
        : await runner.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ).map((r: { name?: string; NAME?: string; TABLE_NAME?: string }) => r.name ?? r.NAME ?? r.TABLE_NAME);
    const tables = (await runner.getTables(names.filter((n) => !n.endsWith("_migrations")))).filter(
      (t) => t.columns.length > 0,
    );
    if (!demo) {
      const rows: { code: string; parent: string | null; term: number; started: string | Date }[] = await runner.query(
        "SELECT code, parent_code AS parent, current_term AS term, term_started_on AS started FROM committee",
      );
      const root = rows.find((r) => r.parent === null)!;
      const [m] = await runner.query("SELECT MAX(id) AS m FROM member");
      const started = root.started instanceof Date ? root.started.toISOString().slice(0, 10) : String(root.started);
      demo = {
        codes: rows.map((r) => r.code),
        root: { code: root.code, term: Number(root.term), termStartedOn: started.slice(0, 10) },
        memberOffset: Number(m.m),
      };
    }
    const offsets = await maxIds(runner, tables);
    const plans = plan(kind, module, tables, offsets, demo.memberOffset, demo.codes);
    if (kind === "mysql") await runner.query("SET FOREIGN_KEY_CHECKS = 0");
    else await runner.query("PRAGMA foreign_keys = OFF");
    await runner.startTransaction();
    for (let k = 1; k < scale; k++) {
      for (const p of plans) {
        const cols = p.columns.map((c) => q(kind, c.name)).join(", ");
        const exprs = p.columns.map((c) => c.expr(k)).join(", ");
        await runner.query(
          `INSERT INTO ${q(kind, p.table.name)} (${cols}) SELECT ${exprs} FROM ${q(kind, p.table.name)} t WHERE ${p.originals}`,
        );
      }
    }
    if (module === "members" && scale > 1) await buildTree(runner, kind, scale, demo);
    await runner.commitTransaction();
    if (kind === "mysql") await runner.query("SET FOREIGN_KEY_CHECKS = 1");
    else await runner.query("PRAGMA foreign_keys = ON");
    log(`${module}: ${plans.map((p) => p.table.name).join(", ")} cloned ${scale - 1}×`);
    return demo;
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw e;
  } finally {
    await runner.release();
    await db.dataSource.destroy();
  }
}

/** Provinces (and a national root above 11 cities) over the demo city and its clones. */
async function buildTree(runner: QueryRunner, kind: Kind, scale: number, demo: Demo): Promise<void> {
  const provinces = Math.ceil(scale / CITIES_PER_PROVINCE);
  const insert = (code: string, name: string, parent: string | null, order: number) =>
    runner.query(
      `INSERT INTO committee (code, name, level, parent_code, current_term, term_started_on, sort_order) VALUES (?, ?, 'PROVINCE', ?, ?, ?, ?)`,
      [code, name, parent, demo.root.term, demo.root.termStartedOn, order],
    );
  const national = scale > CITIES_PER_PROVINCE;
  if (national) await insert(NATIONAL_ROOT, "全国政协 (基准测试)", null, 0);
  for (let p = 1; p <= provinces; p++) {
    await insert(provinceCode(p), `第 ${p} 省政协 (基准测试)`, national ? NATIONAL_ROOT : null, p);
  }
  for (let k = 0; k < scale; k++) {
    await runner.query(`UPDATE committee SET parent_code = ? WHERE code = ?`, [
      provinceCode(Math.floor(k / CITIES_PER_PROVINCE) + 1),
      cloneCode(demo.root.code, k),
    ]);
  }
  void kind;
}

/** Where the bench keeps the data of one scale. */
export function benchDatabaseUrl(kind: "sqlite" | "mysql", scale: number, mysqlBase: string): string {
  if (kind === "sqlite") return `sqlite:./data/bench/x${scale}`;
  const u = new URL(mysqlBase);
  u.pathname = `/tongxin_bench_x${scale}`;
  return u.toString();
}

/** Seeds the demo into a fresh store, then clones it to `scale` cities. */
export async function generateBenchData(
  databaseUrl: string,
  scale: number,
  log: (m: string) => void = console.log,
): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === "mysql") await dropMysqlDatabases(databaseUrl);
  else if (target.kind === "sqlite") fs.rmSync(target.dir, { recursive: true, force: true });
  else throw new Error("bench data needs a SQLite folder or a MySQL server");
  const started = Date.now();
  const stack = await startStack({ databaseUrl, seed: true });
  await stack.stop();
  log(`demo seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let demo: Demo | null = null;
  for (const module of BENCH_MODULES) demo = await cloneModule(databaseUrl, module, scale, demo, log);
  log(
    `${scale}× ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${databaseUrl.replace(/\/\/[^@]*@/, "//")})`,
  );
}
