import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { loadConfig } from "./config";
import { RequestContext, type SubgraphRuntime } from "./context";
import { openModuleDatabase, type ModuleDatabase } from "./database";
import { CommitteeDirectory, httpCommitteeSource, type CommitteeSource } from "./directory";
import { formatPublicError } from "./errors";
import { IDENTITY_HEADER, SYSTEM, verifyInternalIdentity } from "./identity";
import { httpMembersSource, type MembersSource } from "./members";
import type { ModuleDefinition } from "./module";
import { buildModulesSchema } from "./schema";

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
  /** Run pending migrations at start (default true). */
  migrate?: boolean;
  /** Run each module's seed (each seeds only when its own tables are empty). */
  seed?: boolean;
  log?: (message: string) => void;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  sdl: string;
  runtime: SubgraphRuntime;
  databases: Map<string, ModuleDatabase>;
  /** Statements issued by all of this subgraph's modules since start. */
  statementCount(): number;
  /** A context acting as the platform itself, for seeds, scripts and tests. */
  systemContext(): RequestContext;
  stop(): Promise<void>;
}

/** Opens each module's own database and runs its pending migrations. */
export async function openModuleDatabases(
  modules: readonly ModuleDefinition[],
  databaseUrl: string,
  migrate = true,
): Promise<Map<string, ModuleDatabase>> {
  const databases = new Map<string, ModuleDatabase>();
  try {
    for (const m of modules) {
      const db = await openModuleDatabase({
        moduleName: m.name,
        databaseUrl,
        entities: m.entities,
        migrations: m.migrations,
      });
      databases.set(m.name, db);
      if (migrate) await db.dataSource.runMigrations({ transaction: "each" });
    }
  } catch (e) {
    await Promise.all([...databases.values()].map((d) => d.dataSource.destroy().catch(() => undefined)));
    throw e;
  }
  return databases;
}

export function createRuntime(
  modules: readonly ModuleDefinition[],
  databases: Map<string, ModuleDatabase>,
  opts: {
    internalSecret: string;
    membersUrl: string;
    committeeSource?: CommitteeSource;
    membersSource?: MembersSource;
  },
): SubgraphRuntime {
  const owner = new Map<unknown, DataSource>();
  for (const m of modules) {
    const ds = databases.get(m.name)!.dataSource;
    for (const e of m.entities) owner.set(e, ds);
  }
  const committeeOwner = modules.find((m) => m.committeeSource);
  const membersOwner = modules.find((m) => m.membersSource);
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

export async function startSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  const log = options.log ?? ((m: string) => console.log(`[${options.name}] ${m}`));
  const membersUrl = options.membersUrl ?? loadConfig().membersUrl;
  const databases = await openModuleDatabases(options.modules, options.databaseUrl, options.migrate ?? true);
  const runtime = createRuntime(options.modules, databases, {
    internalSecret: options.internalSecret,
    membersUrl,
    committeeSource: options.committeeSource,
    membersSource: options.membersSource,
  });
  try {
    if (options.seed) await runSeeds(options.modules, databases, runtime, log);
  } catch (e) {
    await Promise.all([...databases.values()].map((d) => d.dataSource.destroy()));
    throw e;
  }
  const { schema, sdl } = await buildModulesSchema(options.modules);

  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    // Subgraphs are internal: no landing page (Apollo's loads from a CDN), no stack traces.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Traces would travel to the gateway with every response; we report nowhere.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
    ],
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", subgraph: options.name });
  });
  app.get("/readyz", async (_req, res) => {
    const checks: Record<string, string> = {};
    let ok = true;
    for (const [name, db] of databases) {
      try {
        await db.dataSource.query("SELECT 1");
        checks[name] = "ok";
      } catch {
        checks[name] = "database not answering";
        ok = false;
      }
    }
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "unavailable", subgraph: options.name, modules: checks });
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
      next();
    },
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, {
      context: async ({ res }) => new RequestContext(res.locals.identity, runtime),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  const url = `http://${host}:${port}/graphql`;
  log(`listening on ${url} (${[...databases.values()].map((d) => d.describe).join(", ")})`);

  let stopped = false;
  return {
    name: options.name,
    url,
    port,
    sdl,
    runtime,
    databases,
    statementCount: () => [...databases.values()].reduce((n, d) => n + d.counter.count, 0),
    systemContext: () => new RequestContext(SYSTEM, runtime),
    async stop() {
      if (stopped) return;
      stopped = true;
      await apollo.stop();
      await Promise.all([...databases.values()].map((d) => d.dataSource.destroy()));
    },
  };
}
