import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import {
  DataSource,
  type DataSourceOptions,
  type EntityManager,
  type EntityTarget,
  type Logger,
  type MixedList,
  type ObjectLiteral,
} from "typeorm";

import { SDK_MIGRATIONS } from "./idempotency";

/**
 * Where a module's data lives. Every module gets its own store: a SQLite file per module
 * under a folder, or a database per module on one MySQL/MariaDB server. A module's
 * connection therefore cannot reach another module's tables, by construction.
 */
export type DatabaseTarget =
  | { kind: "sqlite"; dir: string }
  | { kind: "sqlite-memory" }
  | { kind: "mysql"; host: string; port: number; user: string; password: string; database: string };

export class DatabaseUrlError extends Error {}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url === "sqlite::memory:" || url === "sqlite:memory") return { kind: "sqlite-memory" };
  if (url.startsWith("sqlite:")) {
    const dir = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!dir) throw new DatabaseUrlError("DATABASE_URL sqlite: needs a folder, e.g. sqlite:./data");
    return { kind: "sqlite", dir };
  }
  if (url.startsWith("mysql://") || url.startsWith("mariadb://")) {
    const u = new URL(url.replace(/^mariadb:/, "mysql:"));
    const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "tongxin";
    if (!/^[A-Za-z0-9_]+$/.test(database)) {
      throw new DatabaseUrlError(
        `DATABASE_URL database name ${JSON.stringify(database)} may only use letters, digits and _`,
      );
    }
    return {
      kind: "mysql",
      host: u.hostname || "127.0.0.1",
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username || "root"),
      password: decodeURIComponent(u.password || ""),
      database,
    };
  }
  throw new DatabaseUrlError(
    `DATABASE_URL must start with sqlite: or mysql:// (got ${JSON.stringify(url.split(":")[0])})`,
  );
}

/** The per-module database name on MySQL: `<base>_<module>`. */
export function mysqlDatabaseName(target: Extract<DatabaseTarget, { kind: "mysql" }>, moduleName: string): string {
  return `${target.database}_${moduleName}`;
}

/** Counts SQL statements; tests use it to prove a page costs a constant number of queries. */
export class StatementCounter implements Logger {
  count = 0;
  constructor(private readonly echo = false) {}
  logQuery(query: string): void {
    this.count++;
    if (this.echo) console.log(`[sql] ${query}`);
  }
  logQueryError(error: string | Error, query: string): void {
    if (this.echo) console.error(`[sql error] ${query}: ${error instanceof Error ? error.message : error}`);
  }
  logQuerySlow(time: number, query: string): void {
    console.warn(`[sql slow ${time} ms] ${query.slice(0, 200)}`);
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (process.env.NODE_ENV !== "test") console.log(`[migration] ${message}`);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") console.warn(message);
  }
}

export interface ModuleDatabaseOptions {
  moduleName: string;
  databaseUrl: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Log every statement to stdout (TONGXIN_LOG_SQL=1). */
  echo?: boolean;
}

export interface ModuleDatabase {
  dataSource: DataSource;
  counter: StatementCounter;
  /** Human description without credentials, for logs. */
  describe: string;
}

async function ensureMysqlDatabase(target: Extract<DatabaseTarget, { kind: "mysql" }>, name: string): Promise<void> {
  const conn = await mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    connectTimeout: 5_000,
  });
  try {
    // utf8mb4 so that rare characters in Chinese names (生僻字) survive.
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function openModuleDatabase(opts: ModuleDatabaseOptions): Promise<ModuleDatabase> {
  const target = parseDatabaseUrl(opts.databaseUrl);
  const counter = new StatementCounter(opts.echo ?? process.env.TONGXIN_LOG_SQL === "1");
  const common = {
    entities: opts.entities,
    // The SDK's own tables (idempotency keys) live in every module database.
    migrations: [
      ...(Array.isArray(opts.migrations) ? opts.migrations : Object.values(opts.migrations)),
      ...SDK_MIGRATIONS,
    ],
    // Each module keeps its migration history in its own store, under its own prefix.
    migrationsTableName: `${opts.moduleName}_migrations`,
    synchronize: false,
    logger: counter,
    maxQueryExecutionTime: 2_000,
  };
  let options: DataSourceOptions;
  let describe: string;
  if (target.kind === "mysql") {
    const database = mysqlDatabaseName(target, opts.moduleName);
    await ensureMysqlDatabase(target, database);
    options = {
      ...common,
      type: "mysql",
      host: target.host,
      port: target.port,
      username: target.user,
      password: target.password,
      database,
      charset: "utf8mb4_unicode_ci",
      timezone: "Z",
      extra: { connectionLimit: 10 },
    };
    describe = `mysql://${target.host}:${target.port}/${database}`;
  } else {
    const file = target.kind === "sqlite-memory" ? ":memory:" : path.resolve(target.dir, `${opts.moduleName}.sqlite`);
    if (target.kind === "sqlite") fs.mkdirSync(path.dirname(file), { recursive: true });
    options = {
      ...common,
      type: "better-sqlite3",
      database: file,
      // WAL lets readers go on while a write transaction runs.
      enableWAL: target.kind === "sqlite",
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma("foreign_keys = ON");
        db.pragma("busy_timeout = 5000");
      },
    };
    describe = target.kind === "sqlite" ? `sqlite ${file}` : "sqlite (memory)";
  }
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  return { dataSource, counter, describe };
}

/** Drops every per-module database that starts with `<base>_` (tests clean up after themselves). */
export async function dropMysqlDatabases(databaseUrl: string): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== "mysql") return;
  const conn = await mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
  });
  try {
    const [rows] = await conn.query("SHOW DATABASES");
    for (const row of rows as { Database: string }[]) {
      if (row.Database.startsWith(`${target.database}_`)) await conn.query(`DROP DATABASE \`${row.Database}\``);
    }
  } finally {
    await conn.end();
  }
}

/** True when a MySQL server answers at the URL; used by the test suite to decide what to run. */
export async function mysqlReachable(databaseUrl: string): Promise<boolean> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== "mysql") return false;
  try {
    const conn = await mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      connectTimeout: 3_000,
    });
    await conn.query("SELECT 1");
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

/** True when a write failed on a unique index (SQLite or MySQL/MariaDB). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { driverError?: { code?: string } })?.driverError?.code;
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Seeds write thousands of rows: in chunks, so no statement exceeds a driver's parameter limit. */
export async function insertInChunks(
  em: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  rows: object[],
  size = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await em.insert(entity, rows.slice(i, i + size) as never);
}
