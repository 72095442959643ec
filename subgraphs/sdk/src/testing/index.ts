import { randomBytes } from "node:crypto";
import { dropMysqlDatabases, parseDatabaseUrl } from "../database";
import type { CommitteeSource } from "../directory";
import type { MembersSource } from "../members";
import { IDENTITY_HEADER, signInternalIdentity, type Identity } from "../identity";
import type { ModuleDefinition } from "../module";
import { startSubgraph, type Enablement, type RunningSubgraph } from "../server";

export const TEST_INTERNAL_SECRET = "tongxin-test-internal-secret-0123456789abcdef";
export const TEST_JWT_SECRET = "tongxin-test-jwt-secret-0123456789abcdef";

export interface DatabaseUnderTest {
  /** `sqlite` or `mysql`, for test titles. */
  kind: "sqlite" | "mysql";
  /** A fresh, unique URL each call: tests never share state. */
  freshUrl(): string;
}

const MYSQL_BASE = process.env.TEST_MYSQL_URL || "mysql://root@127.0.0.1:3306/tongxin_test";

/**
 * The databases every database test runs on. SQLite always; MySQL/MariaDB when the
 * global setup found a server (it fails the run instead when REQUIRE_MYSQL=1).
 */
export function databasesUnderTest(): DatabaseUnderTest[] {
  const list: DatabaseUnderTest[] = [{ kind: "sqlite", freshUrl: () => "sqlite::memory:" }];
  if (process.env.TONGXIN_TEST_MYSQL === "1") {
    list.push({
      kind: "mysql",
      freshUrl: () => {
        const u = new URL(MYSQL_BASE);
        u.pathname = `/txt_${process.pid}_${randomBytes(3).toString("hex")}`;
        return u.toString();
      },
    });
  }
  return list;
}

export const mysqlBaseUrl = () => MYSQL_BASE;

export interface TestSubgraph extends RunningSubgraph {
  /** Calls the subgraph directly, as the gateway would, with `identity` forwarded. */
  query<T = Record<string, unknown>>(
    identity: Identity,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
}

export async function startTestSubgraph(opts: {
  name?: string;
  modules: ModuleDefinition[];
  databaseUrl: string;
  seed?: boolean;
  committeeSource?: CommitteeSource;
  membersSource?: MembersSource;
  membersUrl?: string;
  enablement?: Enablement;
}): Promise<TestSubgraph> {
  const running = await startSubgraph({
    name: opts.name ?? opts.modules[0].name,
    modules: opts.modules,
    databaseUrl: opts.databaseUrl,
    internalSecret: TEST_INTERNAL_SECRET,
    membersUrl: opts.membersUrl ?? "http://127.0.0.1:9/graphql",
    committeeSource: opts.committeeSource,
    membersSource: opts.membersSource,
    enablement: opts.enablement,
    port: 0,
    seed: opts.seed ?? false,
    log: () => undefined,
  });
  const stop = running.stop;
  return Object.assign(running, {
    async stop() {
      await stop();
      if (parseDatabaseUrl(opts.databaseUrl).kind === "mysql") await dropMysqlDatabases(opts.databaseUrl);
    },
    async query(identity: Identity, query: string, variables?: Record<string, unknown>) {
      const res = await fetch(running.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [IDENTITY_HEADER]: signInternalIdentity(identity, TEST_INTERNAL_SECRET),
        },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
  }) as TestSubgraph;
}

export const staff = (committee: string): Identity => ({ role: "STAFF", committee, subject: `staff:${committee}` });
export const member = (memberId: string | number): Identity => ({
  role: "MEMBER",
  memberId: String(memberId),
  subject: `member:${memberId}`,
});
export const unit = (unitId: string | number, committee?: string): Identity => ({
  role: "UNIT",
  unitId: String(unitId),
  committee,
  subject: `unit:${unitId}`,
});
export * from "./tree-fixture";
