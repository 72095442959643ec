import { mysqlReachable } from "../database";
import { mysqlBaseUrl } from "./index";

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
  process.env.TONGXIN_TEST_MYSQL = ok ? "1" : "0";
}
