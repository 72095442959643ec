import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import { parseDatabaseUrl, type DatabaseTarget } from "@tongxin/sdk";

/**
 * Backups of every module's database as one set with a manifest.
 *
 * - SQLite: each module file is copied with SQLite's online backup API (better-sqlite3
 *   `backup()`), which gives a consistent copy of that file while the platform keeps
 *   writing. Modules only refer to each other by id and the members module owns what the
 *   others refer to, so it is copied LAST: every member or committee a proposal, studio or
 *   session in the set refers to is in the set too.
 * - MySQL/MariaDB: one `mariadb-dump --single-transaction` over all module databases, so
 *   the whole set is one consistent snapshot of the server (InnoDB), taken without locks.
 *
 * The manifest lists each part with its size and SHA-256; restore checks them first.
 */
export const MANIFEST = "manifest.json";

export interface BackupPart {
  /** The module (SQLite) or the module database suffix (MySQL). */
  module: string;
  file: string;
  bytes: number;
  sha256: string;
  /** Rows per table in the copy (SQLite; a MySQL dump is one file for every module). */
  rows?: Record<string, number>;
}

export interface BackupManifest {
  format: 1;
  kind: "sqlite" | "mysql";
  createdAt: string;
  /** Where it came from, without credentials. */
  source: string;
  modules: string[];
  parts: BackupPart[];
  /** mariadb-dump's version line (MySQL). */
  tool?: string;
}

export class BackupError extends Error {}

/** The module databases of a platform, members last (see above). */
function membersLast(names: string[]): string[] {
  return [...names.filter((n) => n !== "members").sort(), ...names.filter((n) => n === "members")];
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

const SQLITE_SUFFIX = ".sqlite";

function sqliteModules(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new BackupError(`no SQLite folder at ${dir}`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(SQLITE_SUFFIX))
    .map((f) => f.slice(0, -SQLITE_SUFFIX.length));
}

function tableRows(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map((t) => [t.name, (db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

type MysqlTarget = Extract<DatabaseTarget, { kind: "mysql" }>;

async function mysqlModules(target: MysqlTarget): Promise<string[]> {
  const conn = await mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
  });
  try {
    const [rows] = await conn.query("SHOW DATABASES");
    const prefix = `${target.database}_`;
    return (rows as { Database: string }[])
      .map((r) => r.Database)
      .filter((d) => d.startsWith(prefix))
      .map((d) => d.slice(prefix.length));
  } finally {
    await conn.end();
  }
}

/** Credentials go through the environment, never the command line (`ps` would show them). */
function mysqlClientArgs(target: MysqlTarget): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [`--host=${target.host}`, `--port=${target.port}`, `--user=${target.user}`, "--protocol=TCP"],
    env: { ...process.env, MYSQL_PWD: target.password },
  };
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  io: { stdout?: NodeJS.WritableStream; stdin?: NodeJS.ReadableStream },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      stdio: [io.stdin ? "pipe" : "ignore", io.stdout ? "pipe" : "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => reject(new BackupError(`${command} could not run: ${e.message}`)));
    if (io.stdout) child.stdout!.pipe(io.stdout);
    if (io.stdin) io.stdin.pipe(child.stdin!);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

function toolVersion(command: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", () => resolve("unknown"));
    child.on("close", () => resolve(out.trim() || "unknown"));
  });
}

const DUMP_FILE = "mysql.sql";

/** Takes a backup of every module database under `databaseUrl` into `outDir` (created; must be empty). */
export async function backupPlatform(opts: {
  databaseUrl: string;
  outDir: string;
  log?: (m: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  const target = parseDatabaseUrl(opts.databaseUrl);
  if (target.kind === "sqlite-memory") throw new BackupError("an in-memory SQLite database cannot be backed up");
  if (fs.existsSync(opts.outDir) && fs.readdirSync(opts.outDir).length > 0) {
    throw new BackupError(`${opts.outDir} is not empty; a backup goes into a new folder`);
  }
  fs.mkdirSync(opts.outDir, { recursive: true });
  const createdAt = new Date().toISOString();
  let manifest: BackupManifest;
  if (target.kind === "sqlite") {
    const modules = membersLast(sqliteModules(target.dir));
    if (modules.length === 0) throw new BackupError(`no module databases (*.sqlite) in ${target.dir}`);
    const parts: BackupPart[] = [];
    for (const m of modules) {
      const file = `${m}${SQLITE_SUFFIX}`;
      const dest = path.join(opts.outDir, file);
      const db = new Database(path.join(target.dir, file), { fileMustExist: true });
      try {
        await db.backup(dest);
      } finally {
        db.close();
      }
      parts.push({ module: m, file, bytes: fs.statSync(dest).size, sha256: await sha256(dest), rows: tableRows(dest) });
      log(`${m}: ${file} (${fs.statSync(dest).size} bytes)`);
    }
    manifest = { format: 1, kind: "sqlite", createdAt, source: `sqlite ${path.resolve(target.dir)}`, modules, parts };
  } else {
    const modules = membersLast(await mysqlModules(target));
    if (modules.length === 0) throw new BackupError(`no module databases named ${target.database}_* on the server`);
    const dest = path.join(opts.outDir, DUMP_FILE);
    const { args, env } = mysqlClientArgs(target);
    await run(
      "mariadb-dump",
      [
        ...args,
        // One transaction over every module database: one consistent snapshot, no table locks.
        "--single-transaction",
        "--quick",
        "--hex-blob",
        "--default-character-set=utf8mb4",
        "--no-tablespaces",
        "--databases",
        ...modules.map((m) => `${target.database}_${m}`),
      ],
      env,
      { stdout: fs.createWriteStream(dest) },
    );
    log(`${modules.join(", ")}: ${DUMP_FILE} (${fs.statSync(dest).size} bytes)`);
    manifest = {
      format: 1,
      kind: "mysql",
      createdAt,
      source: `mysql://${target.host}:${target.port}/${target.database}_*`,
      modules,
      parts: [{ module: "*", file: DUMP_FILE, bytes: fs.statSync(dest).size, sha256: await sha256(dest) }],
      tool: await toolVersion("mariadb-dump"),
    };
  }
  fs.writeFileSync(path.join(opts.outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`${dir} has no ${MANIFEST}: not a Tongxin backup`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as BackupManifest;
  if (manifest.format !== 1 || !Array.isArray(manifest.parts)) {
    throw new BackupError(`${file}: unknown backup format ${JSON.stringify(manifest.format)}`);
  }
  return manifest;
}

async function verifyParts(dir: string, manifest: BackupManifest): Promise<void> {
  for (const p of manifest.parts) {
    const file = path.join(dir, p.file);
    if (!fs.existsSync(file)) throw new BackupError(`${p.file} is missing from the backup`);
    if ((await sha256(file)) !== p.sha256) throw new BackupError(`${p.file} does not match its checksum: damaged`);
  }
}

/**
 * The dump names the databases it came from (`tongxin_members` …); restoring under another
 * base name (a test server, a staging copy) rewrites exactly those statements.
 */
function renameDatabases(from: string, to: string): Transform {
  if (from === to) return new Transform({ transform: (chunk, _e, cb) => cb(null, chunk) });
  let rest = "";
  const re = new RegExp(`^(CREATE DATABASE .*?|USE |-- Current Database: )\`${from}_([A-Za-z0-9_]+)\``);
  const fix = (line: string) => line.replace(re, (_m, head: string, mod: string) => `${head}\`${to}_${mod}\``);
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop()!;
      cb(null, lines.map(fix).join("\n") + "\n");
    },
    flush(cb) {
      cb(null, fix(rest));
    },
  });
}

/**
 * Restores a backup into `databaseUrl` (which may differ from where it was taken: another
 * folder, another server or base name). Existing module databases there are replaced only
 * with `force`; the platform must be stopped while it runs.
 */
export async function restorePlatform(opts: {
  databaseUrl: string;
  fromDir: string;
  force?: boolean;
  log?: (m: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  const manifest = readManifest(opts.fromDir);
  await verifyParts(opts.fromDir, manifest);
  const target = parseDatabaseUrl(opts.databaseUrl);
  if (target.kind === "sqlite-memory") throw new BackupError("cannot restore into an in-memory database");
  if (target.kind !== manifest.kind) {
    throw new BackupError(`this is a ${manifest.kind} backup; DATABASE_URL points at ${target.kind}`);
  }
  if (target.kind === "sqlite") {
    fs.mkdirSync(target.dir, { recursive: true });
    const present = sqliteModules(target.dir).filter((m) => manifest.modules.includes(m));
    if (present.length && !opts.force) {
      throw new BackupError(`${target.dir} already holds ${present.join(", ")}; stop the platform and use --force`);
    }
    for (const p of manifest.parts) {
      const dest = path.join(target.dir, p.file);
      // Copy beside, then rename: a failure half-way never leaves a truncated database.
      fs.copyFileSync(path.join(opts.fromDir, p.file), `${dest}.restoring`);
      for (const side of ["-wal", "-shm"]) fs.rmSync(`${dest}${side}`, { force: true });
      fs.renameSync(`${dest}.restoring`, dest);
      if (p.rows) {
        const rows = tableRows(dest);
        if (JSON.stringify(rows) !== JSON.stringify(p.rows)) throw new BackupError(`${p.file}: row counts differ`);
      }
      log(`${p.module}: restored ${dest}`);
    }
  } else {
    const present = (await mysqlModules(target)).filter((m) => manifest.modules.includes(m));
    if (present.length && !opts.force) {
      throw new BackupError(
        `${target.database}_{${present.join(",")}} exist on the server; stop the platform and use --force`,
      );
    }
    const { args, env } = mysqlClientArgs(target);
    const conn = await mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
    });
    try {
      for (const m of present) await conn.query(`DROP DATABASE \`${target.database}_${m}\``);
    } finally {
      await conn.end();
    }
    const from = /^mysql:\/\/[^/]+\/(.+)_\*$/.exec(manifest.source)?.[1] ?? target.database;
    const input = fs.createReadStream(path.join(opts.fromDir, DUMP_FILE)).pipe(renameDatabases(from, target.database));
    await run("mariadb", [...args, "--default-character-set=utf8mb4"], env, { stdin: input });
    log(`${manifest.modules.join(", ")}: restored into ${target.database}_*`);
  }
  return manifest;
}
