import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { loadConfig } from "./config";
import { RequestContext, type SubgraphRuntime } from "./context";
import { checkModuleTables, checkModules, REGISTER_OWNER, type ModuleInventory } from "./contract";
import { openModuleDatabase, type ModuleDatabase } from "./database";
import { CommitteeDirectory, httpCommitteeSource, type CommitteeSource } from "./directory";
import { formatPublicError } from "./errors";
import { inputHygienePlugin, jsonBody } from "./hygiene";
import { idempotencyPlugin, type IdempotencyOptions } from "./idempotency";
import { IDENTITY_HEADER, SYSTEM, verifyInternalIdentity } from "./identity";
import { applyServerTimeouts } from "./internal-http";
import { httpMembersSource, type MembersSource } from "./members";
import type { ModuleDefinition } from "./module";
import { buildModulesSchema } from "./schema";

/** Where each module is switched on: a set of committee codes, or null for everywhere. */
export type Enablement = ReadonlyMap<string, ReadonlySet<string> | null>;

export interface SubgraphOptions {
  /** Subgraph name in the supergraph (`members`, `proposals`, `plugins` …). */
  name: string;
  modules: ModuleDefinition[];
  databaseUrl: string;
  internalSecret: string;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** Where to read the committee tree when no mounted module owns it. */
  membersUrl?: string;
  committeeSource?: CommitteeSource;
  /** Where to look members up; defaults to the members subgraph at `membersUrl`. */
  membersSource?: MembersSource;
  /** Committees per module, overriding each module's own `committees` (plugin configuration). */
  enablement?: Enablement;
  /** Run pending migrations at start (default true). */
  migrate?: boolean;
  /** Run each module's seed (each seeds only when its own tables are empty). */
  seed?: boolean;
  /** Extra facts for /readyz (a plugin host reports its configuration version). */
  readiness?: () => Record<string, unknown>;
  /** Idempotency-key timings (tests shorten them). */
  idempotency?: IdempotencyOptions;
  log?: (message: string) => void;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  /** The SDL currently served (changes on reload). */
  sdl: string;
  modules: ModuleDefinition[];
  runtime: SubgraphRuntime;
  databases: Map<string, ModuleDatabase>;
  /** Statements issued by all of this subgraph's modules since start. */
  statementCount(): number;
  /** A context acting as the platform itself, for seeds, scripts and tests. */
  systemContext(): RequestContext;
  /**
   * Serves a new set of modules (and where they are enabled) without closing the port:
   * new modules get their database, migrations and seed; requests already running finish
   * on the schema they started with. Throws, leaving the old set serving, if the new set
   * breaks the module contract.
   */
  reload(modules: ModuleDefinition[], enablement?: Enablement): Promise<void>;
  stop(): Promise<void>;
}

/** Opens one module's own database, checks its tables after migrating. */
async function openChecked(m: ModuleDefinition, databaseUrl: string, migrate: boolean): Promise<ModuleDatabase> {
  const db = await openModuleDatabase({
    moduleName: m.name,
    databaseUrl,
    entities: m.entities,
    migrations: m.migrations,
  });
  try {
    if (migrate) await db.dataSource.runMigrations({ transaction: "each" });
    await checkModuleTables(m, db.dataSource);
  } catch (e) {
    await db.dataSource.destroy().catch(() => undefined);
    throw e;
  }
  return db;
}

/** Opens each module's own database and runs its pending migrations. */
export async function openModuleDatabases(
  modules: readonly ModuleDefinition[],
  databaseUrl: string,
  migrate = true,
): Promise<Map<string, ModuleDatabase>> {
  const databases = new Map<string, ModuleDatabase>();
  try {
    for (const m of modules) databases.set(m.name, await openChecked(m, databaseUrl, migrate));
  } catch (e) {
    await Promise.all([...databases.values()].map((d) => d.dataSource.destroy().catch(() => undefined)));
    throw e;
  }
  return databases;
}

const enablementOf = (modules: readonly ModuleDefinition[], overrides?: Enablement) =>
  new Map(
    modules.map((m) => {
      const set = overrides?.has(m.name) ? overrides.get(m.name)! : m.committees ? new Set(m.committees) : null;
      return [m.name, set] as const;
    }),
  );

export function createRuntime(
  modules: readonly ModuleDefinition[],
  databases: Map<string, ModuleDatabase>,
  opts: {
    internalSecret: string;
    membersUrl: string;
    committeeSource?: CommitteeSource;
    membersSource?: MembersSource;
    enablement?: Enablement;
  },
): SubgraphRuntime & { rebind(modules: readonly ModuleDefinition[], enablement?: Enablement): void } {
  let owner = new Map<unknown, DataSource>();
  let enabled = new Map<string, ReadonlySet<string> | null>();
  let permissions = new Set<string>();
  const rebind = (mods: readonly ModuleDefinition[], overrides?: Enablement) => {
    const next = new Map<unknown, DataSource>();
    for (const m of mods) {
      const ds = databases.get(m.name)!.dataSource;
      for (const e of m.entities) next.set(e, ds);
    }
    owner = next;
    enabled = enablementOf(mods, overrides);
    permissions = new Set(mods.flatMap((m) => (m.permissions ?? []).map((p) => p.key)));
  };
  rebind(modules, opts.enablement);
  // checkModules refuses any other module declaring these; look only at the owner anyway.
  const registerOwner = modules.find((m) => m.name === REGISTER_OWNER && m.kind === "core");
  const committeeOwner = registerOwner?.committeeSource ? registerOwner : undefined;
  const membersOwner = registerOwner?.membersSource ? registerOwner : undefined;
  const source =
    opts.committeeSource ??
    (committeeOwner
      ? committeeOwner.committeeSource!(databases.get(committeeOwner.name)!.dataSource)
      : httpCommitteeSource(opts.membersUrl, opts.internalSecret));
  return {
    directory: new CommitteeDirectory(source),
    members:
      opts.membersSource ??
      (membersOwner
        ? membersOwner.membersSource!(databases.get(membersOwner.name)!.dataSource)
        : httpMembersSource(opts.membersUrl, opts.internalSecret)),
    internalSecret: opts.internalSecret,
    membersUrl: opts.membersUrl,
    dataSourceOf(entity: EntityTarget<ObjectLiteral>) {
      const ds = owner.get(entity);
      if (!ds) {
        const name = typeof entity === "function" ? entity.name : String(entity);
        throw new Error(`entity ${name} is not declared by a module of this subgraph`);
      }
      return ds;
    },
    declaredPermissions: () => permissions,
    enabledCommittees: (moduleName: string) => (enabled.has(moduleName) ? enabled.get(moduleName)! : new Set()),
    rebind,
  };
}

export async function runSeeds(
  modules: readonly ModuleDefinition[],
  databases: Map<string, ModuleDatabase>,
  runtime: SubgraphRuntime,
  log: (m: string) => void,
): Promise<void> {
  for (const m of modules) {
    if (!m.seed) continue;
    await m.seed({
      ctx: new RequestContext(SYSTEM, runtime),
      dataSource: databases.get(m.name)!.dataSource,
      log: (msg) => log(`[${m.name}] ${msg}`),
    });
    // Committees may have been created by the seed; later readers must not see a stale tree.
    runtime.directory.invalidate();
  }
}

interface GraphqlApp {
  apollo: ApolloServer<RequestContext> | null;
  handler: express.RequestHandler;
  sdl: string;
}

/** A plugin host whose configuration mounts nothing is left out of the supergraph; it says so. */
const NOTHING_MOUNTED: GraphqlApp = {
  apollo: null,
  sdl: "",
  handler: (_req, res) => {
    res.status(503).json({
      errors: [
        { message: "此服务未挂载任何模块 / no modules mounted here", extensions: { code: "INTERNAL_SERVER_ERROR" } },
      ],
    });
  },
};

/** The header the gateway sets to the epoch ms after which it no longer waits for the answer. */
export const DEADLINE_HEADER = "x-tongxin-deadline";

async function buildGraphqlApp(
  modules: ModuleDefinition[],
  runtime: SubgraphRuntime,
  inventories: readonly ModuleInventory[],
  databases: ReadonlyMap<string, ModuleDatabase>,
  idempotency?: IdempotencyOptions,
): Promise<GraphqlApp> {
  if (modules.length === 0) return NOTHING_MOUNTED;
  const { schema, sdl } = await buildModulesSchema(modules);
  // A mutation's key is kept in the database its own module writes to, so it can be marked in the same transaction.
  const mutationOwner = new Map<string, string>();
  for (const inv of inventories) {
    for (const f of inv.rootFields) if (f.startsWith("Mutation.")) mutationOwner.set(f.slice(9), inv.module);
  }
  const storeFor = (field: string) => {
    const owner = mutationOwner.get(field);
    return owner ? databases.get(owner)?.dataSource : undefined;
  };
  const apollo = new ApolloServer<RequestContext>({
    schema,
    plugins: [
      // Subgraphs are internal: no landing page (Apollo's loads from a CDN), no stack traces.
      ApolloServerPluginLandingPageDisabled(),
      // Traces would travel to the gateway with every response; we report nowhere.
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are declared or read (the gateway caches nothing): the plugin only wrapped every resolver.
      ApolloServerPluginCacheControlDisabled(),
      // Every module and plugin gets both without doing anything: text arguments refused
      // with NUL or control characters, and mutations made idempotent by a key.
      inputHygienePlugin(),
      idempotencyPlugin(storeFor, idempotency),
    ],
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
    // The process stops in order (stopOnSignals: port first, then Apollo, then databases);
    // Apollo's own handler would stop it early and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const handler = expressMiddleware(apollo, {
    context: async ({ res }) =>
      new RequestContext(res.locals.identity, runtime, undefined, undefined, { deadline: res.locals.deadline }),
  });
  return { apollo, handler, sdl };
}

/**
 * Express answers a malformed body with an HTML page carrying the stack trace; every
 * answer of ours is JSON with a code, and nothing about our files or hosts.
 */
export const jsonErrorHandler: express.ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) console.error("[tongxin] request failed:", err);
  const message =
    status === 500
      ? "服务器内部错误 / internal server error"
      : err?.type === "encoding.invalid"
        ? "请求体不是有效的 UTF-8 / request body is not valid UTF-8"
        : "请求格式错误 / malformed request body";
  res.status(status).json({
    errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }],
  });
};

/**
 * Stops accepting, lets requests in flight finish and closes each kept-alive socket as soon
 * as it is idle (Node closes only the sockets idle at the moment of close(), and a socket
 * that goes idle later would keep the server open for the whole keep-alive timeout);
 * whatever still runs after `graceMs` is cut.
 */
export async function drainHttpServer(server: http.Server, graceMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}

/** How long a replaced schema keeps serving the requests that started on it. */
const RELOAD_GRACE_MS = 30_000;

export async function startSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  const log = options.log ?? ((m: string) => console.log(`[${options.name}] ${m}`));
  const membersUrl = options.membersUrl ?? loadConfig().membersUrl;
  const migrate = options.migrate ?? true;
  const inventories = await checkModules(options.modules);
  const databases = await openModuleDatabases(options.modules, options.databaseUrl, migrate);
  const runtime = createRuntime(options.modules, databases, {
    internalSecret: options.internalSecret,
    membersUrl,
    committeeSource: options.committeeSource,
    membersSource: options.membersSource,
    enablement: options.enablement,
  });
  let modules = options.modules;
  let enablement = options.enablement;
  let current: GraphqlApp;
  try {
    if (options.seed) await runSeeds(options.modules, databases, runtime, log);
    current = await buildGraphqlApp(modules, runtime, inventories, databases, options.idempotency);
  } catch (e) {
    await Promise.all([...databases.values()].map((d) => d.dataSource.destroy()));
    throw e;
  }
  const retired = new Set<NodeJS.Timeout>();
  const retire = (old: GraphqlApp) => {
    const t = setTimeout(() => {
      retired.delete(t);
      void old.apollo?.stop();
    }, RELOAD_GRACE_MS);
    t.unref();
    retired.add(t);
  };

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", subgraph: options.name });
  });
  app.get("/readyz", async (_req, res) => {
    const checks: Record<string, string> = {};
    let ok = true;
    for (const m of modules) {
      try {
        await databases.get(m.name)!.dataSource.query("SELECT 1");
        checks[m.name] = "ok";
      } catch {
        checks[m.name] = "database not answering";
        ok = false;
      }
    }
    res.status(ok ? 200 : 503).json({
      status: ok ? "ok" : "unavailable",
      subgraph: options.name,
      modules: checks,
      ...(options.readiness?.() ?? {}),
    });
  });

  // Everything under /graphql needs the gateway's signed identity: a subgraph called
  // directly, without the internal secret, answers 401 and runs nothing.
  app.use(
    "/graphql",
    (req, res, next) => {
      const header = req.headers[IDENTITY_HEADER];
      const identity = verifyInternalIdentity(Array.isArray(header) ? header[0] : header, options.internalSecret);
      if (!identity) {
        res.status(401).json({
          errors: [
            {
              message: "缺少或无效的内部凭证 / missing or invalid internal credentials",
              extensions: { code: "UNAUTHENTICATED" },
            },
          ],
        });
        return;
      }
      res.locals.identity = identity;
      const deadline = req.headers[DEADLINE_HEADER];
      if (typeof deadline === "string" && /^\d{1,15}$/.test(deadline)) res.locals.deadline = Number(deadline);
      next();
    },
    jsonBody("2mb"),
    // Looked up per request, so a reload swaps the schema between two requests.
    (req, res, next) => current.handler(req, res, next),
  );

  app.use(jsonErrorHandler);

  const httpServer = applyServerTimeouts(http.createServer(app));
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  const url = `http://${host}:${port}/graphql`;
  log(`listening on ${url} (${[...databases.values()].map((d) => d.describe).join(", ")})`);

  let stopped = false;
  const running: RunningSubgraph = {
    name: options.name,
    url,
    port,
    sdl: current.sdl,
    modules,
    runtime,
    databases,
    statementCount: () => [...databases.values()].reduce((n, d) => n + d.counter.count, 0),
    systemContext: () => new RequestContext(SYSTEM, runtime),
    async reload(next, nextEnablement) {
      const nextInventories = await checkModules(next);
      const added = next.filter((m) => !databases.has(m.name));
      const opened = new Map<string, ModuleDatabase>();
      try {
        for (const m of added) opened.set(m.name, await openChecked(m, options.databaseUrl, migrate));
      } catch (e) {
        await Promise.all([...opened.values()].map((d) => d.dataSource.destroy().catch(() => undefined)));
        throw e;
      }
      for (const [name, db] of opened) databases.set(name, db);
      const previous = { modules, enablement };
      runtime.rebind(next, nextEnablement);
      try {
        if (options.seed) await runSeeds(added, databases, runtime, log);
        const fresh = await buildGraphqlApp(next, runtime, nextInventories, databases, options.idempotency);
        const old = current;
        current = fresh;
        modules = next;
        enablement = nextEnablement;
        running.sdl = fresh.sdl;
        running.modules = next;
        retire(old);
      } catch (e) {
        runtime.rebind(previous.modules, previous.enablement);
        for (const name of opened.keys()) {
          await databases
            .get(name)!
            .dataSource.destroy()
            .catch(() => undefined);
          databases.delete(name);
        }
        throw e;
      }
      // Databases of removed modules stay open until stop: requests on the old schema may use them.
      log(`now serving ${next.map((m) => m.name).join(", ") || "no modules"}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of retired) clearTimeout(t);
      await drainHttpServer(httpServer);
      await current.apollo?.stop();
      await Promise.all([...databases.values()].map((d) => d.dataSource.destroy()));
    },
  };
  return running;
}
