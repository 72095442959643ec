import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startGateway, type RunningGateway } from "@tongxin/gateway";
import { signUserToken, startSubgraph, type RunningSubgraph, type TokenRequest } from "@tongxin/sdk";
import { composeToFile } from "./compose";
import { coreSubgraphs, type SubgraphSpec } from "./subgraphs";

export const STACK_INTERNAL_SECRET = "tongxin-stack-internal-secret-0123456789abcdef";
export const STACK_JWT_SECRET = "tongxin-stack-jwt-secret-0123456789abcdef";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Stack {
  gatewayUrl: string;
  gateway: RunningGateway;
  subgraphs: Map<string, RunningSubgraph>;
  supergraphPath: string;
  /** A user token as `npm run token` would print it. */
  token(req: TokenRequest): string;
  /** POSTs to the gateway, with a bearer token when given. */
  query<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements issued so far by every subgraph. */
  statementCount(): number;
  stop(): Promise<void>;
}

/**
 * The whole federated platform in this process, on random ports: the subgraphs (members
 * first), a composed supergraph in a temp file, and the gateway serving it. Used by the
 * end-to-end tests; `npm start` runs the same pieces as separate processes.
 */
export async function startStack(opts: {
  databaseUrl: string;
  seed?: boolean;
  specs?: SubgraphSpec[];
  pollMs?: number;
}): Promise<Stack> {
  const specs = opts.specs ?? coreSubgraphs();
  const subgraphs = new Map<string, RunningSubgraph>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-stack-"));
  const supergraphPath = path.join(dir, "supergraph.graphql");
  let gateway: RunningGateway | undefined;
  const stopAll = async () => {
    await gateway?.stop();
    for (const s of [...subgraphs.values()].reverse()) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let membersUrl = "http://127.0.0.1:9/graphql";
    for (const spec of specs) {
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
    await composeToFile(specs, (s) => subgraphs.get(s.name)!.url, supergraphPath);
    gateway = await startGateway({
      supergraphPath,
      internalSecret: STACK_INTERNAL_SECRET,
      jwt: { jwtSecret: STACK_JWT_SECRET },
      port: 0,
      pollMs: opts.pollMs ?? 100,
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
    supergraphPath,
    token: (req) => signUserToken(req, STACK_JWT_SECRET),
    async query(token, query, variables) {
      const res = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as Promise<GraphQLResponse<never>>;
    },
    statementCount: () => [...subgraphs.values()].reduce((n, s) => n + s.statementCount(), 0),
    stop: stopAll,
  };
}
