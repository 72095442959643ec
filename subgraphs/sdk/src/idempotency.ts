import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";
import { Table, type DataSource, type MigrationInterface, type QueryRunner } from "typeorm";
import { oneAtATime, type RequestContext } from "./context";
import { AppError, badInput, ErrorCode, formatPublicError } from "./errors";

/**
 * Idempotent writes (DESIGN.md rule 13). A client that sends a mutation with an
 * `Idempotency-Key` header (the gateway forwards it as `idempotency-key`) may send it again
 * after a timeout or a dropped connection: the retry answers the first response and writes
 * nothing. Keys belong to the caller (role and subject), live 24 hours, and are stored in the
 * database of the module that owns the mutation, so the key is marked inside the very
 * transaction that commits the write: a write and its key land together or not at all.
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
/** The SDK's own table in every module database; the plugin table-prefix check exempts it. */
export const IDEMPOTENCY_TABLE = "tongxin_idempotency";
export const SDK_TABLES: readonly string[] = [IDEMPOTENCY_TABLE];

export interface IdempotencyOptions {
  /** How long a key is remembered (default 24 h). */
  ttlMs?: number;
  /** How long a retry waits for the first request still running before answering CONFLICT (default 5 s). */
  waitMs?: number;
  /**
   * A first request still "running" after this long is taken to have died with its process
   * (default 2 min, longer than any gateway deadline, after which it cannot commit).
   */
  leaseMs?: number;
}

const DEFAULTS: Required<IdempotencyOptions> = { ttlMs: 24 * 3600_000, waitMs: 5_000, leaseMs: 120_000 };
const CLEANUP_EVERY_MS = 10 * 60_000;
const KEY_SHAPE = /^[\x21-\x7E]{1,200}$/;

/** Portable table API; `response` needs more than MySQL's 64 KB TEXT for a large payload. */
export class SdkIdempotencyKeys1764633600000 implements MigrationInterface {
  name = "SdkIdempotencyKeys1764633600000";
  async up(q: QueryRunner): Promise<void> {
    const longText = q.connection.options.type === "mysql" ? "mediumtext" : "text";
    await q.createTable(
      new Table({
        name: IDEMPOTENCY_TABLE,
        columns: [
          // sha256 of caller and key: bounded length whatever the subject, nothing personal in clear.
          { name: "key_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "fingerprint", type: "varchar", length: "64" },
          { name: "state", type: "varchar", length: "16" },
          { name: "response", type: longText, isNullable: true },
          { name: "started_at", type: "bigint" },
          { name: "expires_at", type: "bigint" },
        ],
        indices: [{ name: "idx_tongxin_idempotency_expires", columnNames: ["expires_at"] }],
      }),
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable(IDEMPOTENCY_TABLE);
  }
}

export const SDK_MIGRATIONS: Function[] = [SdkIdempotencyKeys1764633600000];

type State = "running" | "committed" | "done";
interface Row {
  fingerprint: string;
  state: State;
  response: string | null;
  started_at: number | string;
  expires_at: number | string;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** better-sqlite3 has one connection: bookkeeping must not slip into another request's open transaction. */
const serialized = <T>(ds: DataSource, run: () => Promise<T>) =>
  ds.options.type === "better-sqlite3" ? oneAtATime(ds, run) : run();

const lastCleanup = new WeakMap<DataSource, number>();

/**
 * Requests of this process still running under a key, per store. A retry waits on the
 * first one here rather than polling: on SQLite the first one's open transaction holds the
 * only connection, so the retry could not even read the key's row until it ends.
 */
const inflight = new WeakMap<DataSource, Map<string, Promise<void>>>();
const inflightOf = (ds: DataSource) => {
  let m = inflight.get(ds);
  if (!m) inflight.set(ds, (m = new Map()));
  return m;
};

async function cleanup(ds: DataSource, now: number): Promise<void> {
  if (now - (lastCleanup.get(ds) ?? 0) < CLEANUP_EVERY_MS) return;
  lastCleanup.set(ds, now);
  await serialized(ds, () => ds.query(`DELETE FROM ${IDEMPOTENCY_TABLE} WHERE expires_at < ?`, [now]));
}

async function readRow(ds: DataSource, keyHash: string): Promise<Row | undefined> {
  const rows: Row[] = await serialized(ds, () =>
    ds.query(
      `SELECT fingerprint, state, response, started_at, expires_at FROM ${IDEMPOTENCY_TABLE} WHERE key_hash = ?`,
      [keyHash],
    ),
  );
  return rows[0];
}

/** Inserts the claim; false when the key is already there. */
async function tryInsert(ds: DataSource, keyHash: string, fingerprint: string, now: number, ttlMs: number) {
  try {
    await serialized(ds, () =>
      ds.query(
        `INSERT INTO ${IDEMPOTENCY_TABLE} (key_hash, fingerprint, state, response, started_at, expires_at) VALUES (?, ?, 'running', NULL, ?, ?)`,
        [keyHash, fingerprint, now, now + ttlMs],
      ),
    );
    return true;
  } catch (e) {
    const code = (e as { driverError?: { code?: string }; code?: string }).driverError?.code;
    if (code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") {
      return false;
    }
    throw e;
  }
}

/** Takes over a claim whose owner is gone (expired, or running past the lease), only if nobody else did. */
async function takeOver(ds: DataSource, keyHash: string, row: Row, fingerprint: string, now: number, ttlMs: number) {
  const affected = await serialized(ds, async () => {
    const qr = ds.createQueryRunner();
    try {
      const r = await qr.query(
        `UPDATE ${IDEMPOTENCY_TABLE} SET fingerprint = ?, state = 'running', response = NULL, started_at = ?, expires_at = ?
         WHERE key_hash = ? AND state = ? AND started_at = ?`,
        [fingerprint, now, now + ttlMs, keyHash, row.state, row.started_at],
        true,
      );
      return r.affected ?? 0;
    } finally {
      await qr.release();
    }
  });
  return affected === 1;
}

const keyMismatch = () =>
  badInput(
    "Idempotency-Key",
    "该幂等键已用于另一个请求, 请为新的修改使用新的键",
    "this key was used for a different request; use a new key for a new change",
  );

const inProgress = () =>
  new AppError(
    ErrorCode.CONFLICT,
    "使用同一幂等键的请求仍在处理中, 请稍后重试",
    "a request with the same Idempotency-Key is still in progress; retry later",
    { field: "Idempotency-Key", inProgress: true },
  );

const alreadyApplied = () =>
  new AppError(
    ErrorCode.CONFLICT,
    "使用该幂等键的修改已经生效, 但当时的结果已无法取回, 请查询最新数据",
    "the change made with this Idempotency-Key was applied, but its answer was lost; read the current data",
    { field: "Idempotency-Key", applied: true },
  );

const errorResponse = (e: AppError): GraphQLResponse => ({
  http: { status: 200, headers: new HeaderMap() },
  body: {
    kind: "single",
    singleResult: { errors: [formatPublicError({ message: e.message, extensions: e.extensions }, e)] },
  },
});

const replay = (stored: string): GraphQLResponse => ({
  http: { status: 200, headers: new HeaderMap([["idempotent-replayed", "true"]]) },
  body: { kind: "single", singleResult: JSON.parse(stored) as FormattedExecutionResult },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Apollo Server plugin implementing the keys; `storeFor(rootField)` names the data source of
 * the module that owns a mutation field.
 */
export function idempotencyPlugin(
  storeFor: (mutationField: string) => DataSource | undefined,
  options: IdempotencyOptions = {},
): ApolloServerPlugin<RequestContext> {
  const { ttlMs, waitMs, leaseMs } = { ...DEFAULTS, ...options };
  return {
    async requestDidStart() {
      let owned: { ds: DataSource; keyHash: string; committed: boolean; finished: () => void } | undefined;
      return {
        async responseForOperation({ operation, request, contextValue }) {
          const key = request.http?.headers.get(IDEMPOTENCY_HEADER);
          if (key === undefined || key === null || operation.operation !== "mutation") return null;
          if (!KEY_SHAPE.test(key)) {
            return errorResponse(
              badInput(
                "Idempotency-Key",
                "幂等键须为 1-200 个可见 ASCII 字符",
                "must be 1-200 visible ASCII characters",
              ),
            );
          }
          const first = operation.selectionSet.selections.find((s) => s.kind === "Field");
          const ds = first?.kind === "Field" ? storeFor(first.name.value) : undefined;
          if (!ds) return null;
          const id = contextValue.identity;
          const keyHash = sha256(`${id.role}\n${id.subject}\n${key}`);
          const fingerprint = sha256(
            JSON.stringify([request.query ?? "", request.operationName ?? null, request.variables ?? {}]),
          );
          const now = Date.now();
          const until = now + waitMs;
          const pending = inflightOf(ds).get(keyHash);
          if (pending) {
            const ended = await Promise.race([pending.then(() => true), sleep(waitMs).then(() => false)]);
            if (!ended) return errorResponse(inProgress());
          }
          await cleanup(ds, now);
          const claim = () => {
            let finished!: () => void;
            inflightOf(ds).set(keyHash, new Promise<void>((r) => (finished = r)));
            owned = { ds, keyHash, committed: false, finished };
            contextValue.scope.beforeCommit = async (txDs, em) => {
              if (txDs !== ds) return;
              await em.query(`UPDATE ${IDEMPOTENCY_TABLE} SET state = 'committed' WHERE key_hash = ?`, [keyHash]);
            };
            contextValue.scope.afterCommit = () => {
              owned!.committed = true;
            };
            return null;
          };
          if (await tryInsert(ds, keyHash, fingerprint, Date.now(), ttlMs)) return claim();
          for (;;) {
            const row = await readRow(ds, keyHash);
            const t = Date.now();
            if (!row) {
              // The first attempt wrote nothing and let its key go: this one runs.
              if (await tryInsert(ds, keyHash, fingerprint, t, ttlMs)) return claim();
              continue;
            }
            const expired = Number(row.expires_at) < t;
            const stale = row.state !== "done" && Number(row.started_at) + leaseMs < t;
            if (expired || (stale && row.state === "running")) {
              if (await takeOver(ds, keyHash, row, fingerprint, t, ttlMs)) return claim();
              continue;
            }
            if (row.fingerprint !== fingerprint) return errorResponse(keyMismatch());
            // Committed, but the process died before it could keep the answer: never run it twice.
            if (stale) return errorResponse(alreadyApplied());
            if (row.state === "done" && row.response !== null) return replay(row.response);
            if (t >= until) return errorResponse(inProgress());
            await sleep(Math.min(50, until - t));
          }
        },

        async willSendResponse({ response }) {
          if (!owned) return;
          const { ds, keyHash, committed, finished } = owned;
          owned = undefined;
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          // Kept when something was written (whatever the answer) or the answer is a clean one;
          // otherwise nothing landed and the key is released, so a retry runs again.
          const keep = result !== undefined && (committed || !result.errors?.length);
          try {
            await serialized(ds, () =>
              keep
                ? ds.query(`UPDATE ${IDEMPOTENCY_TABLE} SET state = 'done', response = ? WHERE key_hash = ?`, [
                    JSON.stringify(result),
                    keyHash,
                  ])
                : ds.query(`DELETE FROM ${IDEMPOTENCY_TABLE} WHERE key_hash = ? AND state = 'running'`, [keyHash]),
            );
          } catch (e) {
            // The write itself is done; a retry will wait, then find the key taken over after the lease.
            console.error("[tongxin] could not record an idempotency key:", e);
          } finally {
            inflightOf(ds).delete(keyHash);
            finished();
          }
        },
      };
    },
  };
}
