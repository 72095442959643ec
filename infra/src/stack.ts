import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { figuresPathNextTo, type RunningGateway, startGateway } from "@tongxin/gateway";
import { startPluginHost, type RunningPluginHost } from "@tongxin/plugin-host";
import { signUserToken, startSubgraph, type RunningSubgraph, type TokenRequest } from "@tongxin/sdk";
import { composePlatformToFile } from "./compose";
import { platformLayout, type PlatformLayout } from "./platform";

export const STACK_INTERNAL_SECRET = "tongxin-stack-internal-secret-0123456789abcdef";
export const STACK_JWT_SECRET = "tongxin-stack-jwt-secret-0123456789abcdef";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Stack {
  gatewayUrl: string;
  gateway: RunningGateway;
  /** Core subgraphs and plugin hosts, by subgraph name. */
  subgraphs: Map<string, RunningSubgraph>;
  pluginHosts: Map<string, RunningPluginHost>;
  supergraphPath: string;
  pluginsConfigPath: string;
  /** A user token as `npm run token` would print it. */
  token(req: TokenRequest): string;
  /** POSTs to the gateway, with a bearer token when given. */
  query<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /**
   * After the plugin configuration changed: hosts re-read it, the supergraph is composed
   * again and written; the running gateway picks it up by itself (as with `npm run plugin:*`).
   */
  recompose(): Promise<void>;
  /** SQL statements issued so far by every subgraph. */
  statementCount(): number;
  stop(): Promise<void>;
}

/**
 * The whole federated platform in this process, on random ports: the core subgraphs
 * (members first), the plugin hosts of the plugin configuration, a composed supergraph
 * in a temp file, and the gateway serving it. Used by the end-to-end tests; `npm start`
 * runs the same pieces as separate processes.
 */
export async function startStack(opts: {
  databaseUrl: string;
  seed?: boolean;
  /** Plugin configuration; defaults to a copy of infra/plugins.json. */
  pluginsConfig?: object;
  /** Where plugin folders are; defaults to the repository's plugins/. */
  pluginsDir?: string;
  pollMs?: number;
  /** The gateway's per-subgraph timeout (tests of a stalled subgraph shorten it). */
  subgraphTimeoutMs?: number;
  /** The gateway's rate limit; off unless a test asks for it. */
  rateLimit?: Parameters<typeof startGateway>[0]["rateLimit"];
}): Promise<Stack> {
  const subgraphs = new Map<string, RunningSubgraph>();
  const pluginHosts = new Map<string, RunningPluginHost>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-stack-"));
  const supergraphPath = path.join(dir, "supergraph.graphql");
  const pluginsConfigPath = path.join(dir, "plugins.json");
  fs.writeFileSync(
    pluginsConfigPath,
    opts.pluginsConfig ? JSON.stringify(opts.pluginsConfig) : fs.readFileSync(platformLayout().configPath, "utf8"),
  );
  const layout = (): PlatformLayout => platformLayout({ configPath: pluginsConfigPath, pluginsDir: opts.pluginsDir });
  const compose = () =>
    composePlatformToFile(layout(), (s) => subgraphs.get(s.name)!.url, STACK_INTERNAL_SECRET, supergraphPath);
  let gateway: RunningGateway | undefined;
  const stopAll = async () => {
    await gateway?.stop();
    for (const h of pluginHosts.values()) await h.stop();
    for (const s of [...subgraphs.values()].reverse()) if (!pluginHosts.has(s.name)) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let membersUrl = "http://127.0.0.1:9/graphql";
    const initial = layout();
    for (const spec of initial.core) {
      const running = await startSubgraph({
        name: spec.name,
        modules: spec.modules,
        databaseUrl: opts.databaseUrl,
        internalSecret: STACK_INTERNAL_SECRET,
        membersUrl,
        port: 0,
        seed: opts.seed ?? false,
        log: () => undefined,
      });
      subgraphs.set(spec.name, running);
      if (spec.name === "members") membersUrl = running.url;
    }
    for (const spec of initial.pluginHosts) {
      const host = await startPluginHost({
        hostName: spec.name,
        configPath: pluginsConfigPath,
        pluginsDir: initial.pluginsDir,
        databaseUrl: opts.databaseUrl,
        internalSecret: STACK_INTERNAL_SECRET,
        membersUrl,
        port: 0,
        seed: opts.seed ?? false,
        pollMs: opts.pollMs ?? 100,
        log: () => undefined,
      });
      pluginHosts.set(spec.name, host);
      subgraphs.set(spec.name, host.subgraph);
    }
    await compose();
    gateway = await startGateway({
      supergraphPath,
      internalSecret: STACK_INTERNAL_SECRET,
      jwt: { jwtSecret: STACK_JWT_SECRET },
      port: 0,
      pollMs: opts.pollMs ?? 100,
      subgraphTimeoutMs: opts.subgraphTimeoutMs,
      figuresPath: figuresPathNextTo(supergraphPath),
      // As `npm start` offers it: the explorer's header and the dashboard's sign-in.
      explorerToken: signUserToken({ role: "STAFF", committee: "zhaotong" }, STACK_JWT_SECRET),
      // Tests drive one identity through hundreds of requests a minute from one address; the
      // rate limit is tested on its own (gateway/src/hardening.test.ts), not by every e2e file.
      rateLimit: opts.rateLimit ?? false,
      log: () => undefined,
    });
  } catch (e) {
    await stopAll();
    throw e;
  }
  const gatewayUrl = gateway.url;
  return {
    gatewayUrl,
    gateway,
    subgraphs,
    pluginHosts,
    supergraphPath,
    pluginsConfigPath,
    token: (req) => signUserToken(req, STACK_JWT_SECRET),
    async query(token, query, variables) {
      const res = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as Promise<GraphQLResponse<never>>;
    },
    async recompose() {
      for (const h of pluginHosts.values()) await h.refresh();
      await compose();
    },
    statementCount: () => [...subgraphs.values()].reduce((n, s) => n + s.statementCount(), 0),
    stop: stopAll,
  };
}
