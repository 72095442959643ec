import mysql from "mysql2/promise";
import { mysqlReachable, parseDatabaseUrl } from "../database";
import { mysqlBaseUrl } from "./index";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Test databases are named txt_<pid>_<random>_<module> and dropped by the test that made
 * them; a run that was killed cannot. Drop those whose process is gone.
 */
async function dropOrphanedTestDatabases(url: string): Promise<void> {
  const t = parseDatabaseUrl(url);
  if (t.kind !== "mysql") return;
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    const [rows] = await conn.query("SHOW DATABASES LIKE 'txt\\_%'");
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0];
      const pid = Number(/^txt_(\d+)_/.exec(name)?.[1]);
      if (pid && !alive(pid)) await conn.query(`DROP DATABASE \`${name}\``);
    }
  } finally {
    await conn.end();
  }
}

/**
 * Jest global setup: decides once whether the MySQL half of the database tests runs.
 * With REQUIRE_MYSQL=1 (CI) an unreachable server fails the run instead of skipping.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = "test";
  const ok = await mysqlReachable(mysqlBaseUrl());
  if (!ok && process.env.REQUIRE_MYSQL === "1") {
    throw new Error(`REQUIRE_MYSQL=1 but no MySQL/MariaDB answers at ${mysqlBaseUrl()}`);
  }
  if (!ok) console.warn(`\n[tongxin] MySQL not reachable at ${mysqlBaseUrl()}: database tests run on SQLite only\n`);
  else await dropOrphanedTestDatabases(mysqlBaseUrl());
  process.env.TONGXIN_TEST_MYSQL = ok ? "1" : "0";
}
