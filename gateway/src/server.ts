// Apollo Gateway reports usage to Apollo unless told not to; intranets have no internet.
process.env.APOLLO_TELEMETRY_DISABLED = "true";

import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import {
  ANONYMOUS,
  applyServerTimeouts,
  formatPublicError,
  jsonErrorHandler,
  jsonBody,
  InvalidTokenError,
  verifyUserToken,
  type Identity,
  type UserTokenKeys,
} from "@tongxin/sdk";
import express, { type Request, type Response } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { mountSignIn } from "./auth/sign-in";
import { dashboardStats, FiguresFile, figuresPathNextTo } from "./dashboard/figures";
import { mountDashboard, type ExecutionResult } from "./dashboard/routes";
import { countyOverviewExample, EXAMPLES, explorerPage, runnableExamples, type ExampleOperation } from "./explorer";
import { armorProtection, DEFAULT_LIMITS, type OperationLimits } from "./limits";
import { DEFAULT_RATE_LIMIT, rateLimitMiddleware, RequestRateLimiter, type RateLimitSettings } from "./rate-limit";
import { DEFAULT_REQUEST_DEADLINE_MS } from "./settings";
import { SubgraphSource, type GatewayContext } from "./subgraph-source";
import { SupergraphFile } from "./supergraph-file";

export type { GatewayContext } from "./subgraph-source";

export interface GatewayOptions {
  /** Path of the composed supergraph; watched and reloaded on change. */
  supergraphPath: string;
  internalSecret: string;
  jwt: UserTokenKeys;
  port?: number;
  host?: string;
  production?: boolean;
  /** Per-subgraph fetch timeout. */
  subgraphTimeoutMs?: number;
  /** Overall budget of one request; past it every pending subgraph call answers TIMEOUT. */
  requestDeadlineMs?: number;
  /** Per-identity and per-address request limits; `false` turns them off. */
  rateLimit?: Partial<RateLimitSettings> | false;
  /** Express `trust proxy`, for the client address behind a reverse proxy. */
  trustProxy?: string | number | boolean;
  /** GraphiQL at GET /graphql; defaults to on outside production. */
  explorer?: boolean;
  introspection?: boolean;
  /** Preset in the explorer's header editor and offered on the dashboard's sign-in (development only). */
  explorerToken?: string;
  /** The city dashboard at /dashboard and the report downloads under /reports; on by default. */
  dashboard?: boolean;
  /** Figure metadata written by compose; defaults to supergraph.figures.json next to the supergraph. */
  figuresPath?: string;
  /** The year the dashboard opens on; defaults to the latest full year. */
  dashboardYear?: number;
  examples?: ExampleOperation[];
  limits?: OperationLimits;
  /** Extra routes (the dashboard) mounted before GraphQL. */
  routes?: (app: express.Express) => void;
  pollMs?: number;
  log?: (message: string) => void;
}

export interface RunningGateway {
  url: string;
  port: number;
  supergraph: SupergraphFile;
  /** The public API schema being served (undefined until the supergraph is loaded). */
  schema(): GraphQLSchema | undefined;
  stop(): Promise<void>;
}

function identityFromRequest(req: Request, keys: UserTokenKeys): Identity {
  const header = req.headers.authorization;
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) {
    throw new GraphQLError("Authorization 头应为 Bearer <token> / expected Authorization: Bearer <token>", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
  try {
    return verifyUserToken(match[1], keys);
  } catch (e) {
    const why = e instanceof InvalidTokenError ? e.message : "invalid token";
    throw new GraphQLError(`登录凭证无效或已过期 / invalid or expired token (${why})`, {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
}

type Authenticated = { identity?: Identity; error?: unknown };

/** Printable ASCII, as IETF's Idempotency-Key draft and Stripe-style clients send (a UUID or similar). */
function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.headers["idempotency-key"];
  if (key === undefined) return undefined;
  if (typeof key !== "string" || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new GraphQLError(
      "Idempotency-Key 应为 1-255 个可打印字符 / Idempotency-Key must be 1-255 printable characters",
      {
        extensions: { code: "BAD_USER_INPUT", field: "Idempotency-Key", http: { status: 400 } },
      },
    );
  }
  return key;
}

/** Subgraph URLs as the loaded supergraph names them (for /readyz). */
function subgraphUrls(supergraphSdl: string): { name: string; url: string }[] {
  const out: { name: string; url: string }[] = [];
  const re = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;
  for (let m = re.exec(supergraphSdl); m; m = re.exec(supergraphSdl)) out.push({ name: m[1], url: m[2] });
  return out;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? ((m: string) => console.log(`[gateway] ${m}`));
  const production = options.production ?? false;
  const explorer = options.explorer ?? !production;
  const timeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const deadlineMs = options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS;
  const protection = armorProtection(options.limits ?? DEFAULT_LIMITS, { production });
  const limiter =
    options.rateLimit === false || options.rateLimit?.enabled === false
      ? undefined
      : new RequestRateLimiter({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, log);
  const supergraph = new SupergraphFile(options.supergraphPath, options.pollMs ?? 500, log);
  let currentSdl = "";
  let apiSchema: GraphQLSchema | undefined;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ name, url }) =>
      new SubgraphSource({ name, url: url!, internalSecret: options.internalSecret, timeoutMs, log }),
    logger: {
      debug: () => undefined,
      info: (m: unknown) => log(String(m)),
      warn: (m: unknown) => log(`warning: ${String(m)}`),
      error: (m: unknown) => log(`error: ${String(m)}`),
    },
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl, apiSchema: schema }) => {
    currentSdl = coreSupergraphSdl;
    apiSchema = schema;
  });

  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);
  const httpServer = applyServerTimeouts(http.createServer(app));
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection ?? !production,
    includeStacktraceInErrorResponses: false,
    formatError: formatPublicError,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    plugins: [
      ...protection.plugins,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
    ],
  });
  await server.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/readyz", async (_req, res) => {
    const subgraphs = subgraphUrls(currentSdl);
    const checks = await Promise.all(
      subgraphs.map(async (s) => {
        try {
          const r = await fetch(s.url.replace(/\/graphql\/?$/, "/readyz"), { signal: AbortSignal.timeout(3_000) });
          return { name: s.name, ok: r.ok, status: r.ok ? "ok" : `HTTP ${r.status}` };
        } catch {
          return { name: s.name, ok: false, status: "not answering" };
        }
      }),
    );
    const ready = currentSdl !== "" && checks.every((c) => c.ok);
    res.status(ready ? 200 : 503).json({
      status: ready ? "ok" : "unavailable",
      supergraph: {
        loaded: currentSdl !== "",
        loadedAt: supergraph.loadedAt,
        lastRejectedUpdate: supergraph.lastError,
      },
      // Names only: internal host names stay internal.
      subgraphs: Object.fromEntries(checks.map((c) => [c.name, c.status])),
    });
  });

  // Verified once per request: the rate limit counts by identity, the GraphQL context reuses it.
  const authenticate = (req: Request, res: Response): Authenticated => {
    if (!res.locals.auth) {
      try {
        res.locals.auth = { identity: identityFromRequest(req, options.jwt) };
      } catch (e) {
        res.locals.auth = { error: e };
      }
    }
    return res.locals.auth as Authenticated;
  };
  if (limiter) {
    // Bad or missing tokens count against the address, so a stream of forged tokens is throttled too.
    app.use(
      ["/graphql", "/reports"],
      rateLimitMiddleware(limiter, (req, res) => {
        const { identity } = authenticate(req, res);
        return identity && identity.role !== "ANONYMOUS"
          ? { kind: "identity", subject: `${identity.role}:${identity.subject}` }
          : { kind: "address", address: req.ip ?? req.socket.remoteAddress ?? "unknown" };
      }),
    );
  }

  mountSignIn(app, { ...options, supergraphSdl: () => currentSdl, subgraphTimeoutMs: timeoutMs, log });

  const figures = new FiguresFile(options.figuresPath ?? figuresPathNextTo(options.supergraphPath), log);
  if (options.dashboard ?? true) {
    mountDashboard(app, {
      figures,
      schema: () => apiSchema,
      authenticate: (req) => identityFromRequest(req, options.jwt),
      // The same context a POST /graphql gets, so the report obeys the same scope rules.
      execute: async (identity, query, variables): Promise<ExecutionResult> => {
        const response = await server.executeOperation(
          { query, variables },
          { contextValue: { identity, requestId: crypto.randomUUID(), deadline: Date.now() + deadlineMs } },
        );
        if (response.body.kind !== "single") throw new Error("incremental delivery is not used here");
        return response.body.singleResult;
      },
      developmentToken: production ? undefined : options.explorerToken,
      defaultYear: options.dashboardYear,
    });
  }

  options.routes?.(app);

  const defaultExamples = () => {
    const stats = dashboardStats(figures.read(), apiSchema);
    return stats.length > 0 ? [countyOverviewExample(stats), ...EXAMPLES] : EXAMPLES;
  };
  app.get("/graphql", (req, res, next) => {
    if (!explorer || !req.accepts("html") || req.query.query) return next();
    res.type("html").send(
      explorerPage({
        token: production ? undefined : options.explorerToken,
        examples: runnableExamples(options.examples ?? defaultExamples(), apiSchema),
      }),
    );
  });

  app.use(
    "/graphql",
    jsonBody("2mb"),
    expressMiddleware(server, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const auth = authenticate(req, res);
        if (auth.error) throw auth.error;
        return {
          identity: auth.identity!,
          requestId: String(req.headers["x-request-id"] ?? crypto.randomUUID()),
          deadline: Date.now() + deadlineMs,
          idempotencyKey: idempotencyKeyOf(req),
        };
      },
    }),
  );
  // Last: a malformed body or any thrown error answers JSON with a code, never Express's HTML stack trace.
  app.use(jsonErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${port}/graphql`;
  return {
    url,
    port,
    supergraph,
    schema: () => apiSchema,
    async stop() {
      await server.stop();
      await limiter?.close();
    },
  };
}
