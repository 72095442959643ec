import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { defineModule, signUserToken, startSubgraph, type RunningSubgraph } from "@tongxin/sdk";
import { Arg, Int, Query, Resolver } from "type-graphql";
import { CompositionError, composeSupergraph } from "./compose";
import { startGateway, type RunningGateway } from "./server";
import { writeSupergraphFile } from "./supergraph-file";

const SECRET = "gateway-test-internal-secret-0123456789";
const JWT = "gateway-test-jwt-secret-0123456789abcdef";

@Resolver()
class AlphaResolver {
  @Query(() => String)
  alpha(): string {
    return "a";
  }

  @Query(() => String, { description: "answers after `ms` milliseconds" })
  async slow(@Arg("ms", () => Int) ms: number): Promise<string> {
    await new Promise((r) => setTimeout(r, ms));
    return "slow";
  }
}

@Resolver()
class BetaResolver {
  @Query(() => String)
  beta(): string {
    return "b";
  }
}

const alpha = defineModule({
  name: "alpha",
  title: "甲",
  kind: "core",
  entities: [],
  migrations: [],
  resolvers: [AlphaResolver],
});
const beta = defineModule({
  name: "beta",
  title: "乙",
  kind: "core",
  entities: [],
  migrations: [],
  resolvers: [BetaResolver],
});

const start = (name: string, mod: typeof alpha) =>
  startSubgraph({
    name,
    modules: [mod],
    databaseUrl: "sqlite::memory:",
    internalSecret: SECRET,
    committeeSource: { load: async () => [] },
    port: 0,
    log: () => undefined,
  });

/** Polls every 50 ms; the long bound only matters on a busy machine (CI runs the suite under load). */
async function waitFor(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not met in time");
}

describe("gateway", () => {
  let a: RunningSubgraph;
  let b: RunningSubgraph;
  let gw: RunningGateway;
  let dir: string;
  let file: string;
  const token = signUserToken({ role: "STAFF", committee: "zhaotong" }, JWT);
  const ask = async (query: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => {
    const res = await fetch(gw.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        data?: Record<string, unknown>;
        errors?: { message: string; extensions?: { code?: string } }[];
      },
    };
  };

  beforeAll(async () => {
    a = await start("alpha", alpha);
    b = await start("beta", beta);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-gw-"));
    file = path.join(dir, "supergraph.graphql");
    writeSupergraphFile(file, composeSupergraph([{ name: "alpha", url: a.url, sdl: a.sdl }]).supergraphSdl);
    gw = await startGateway({
      supergraphPath: file,
      internalSecret: SECRET,
      jwt: { jwtSecret: JWT },
      port: 0,
      pollMs: 50,
      explorerToken: token,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await a?.stop();
    await b?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("picks up a new supergraph without restarting, letting in-flight requests finish", async () => {
    expect((await ask("{ beta }")).body.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const inFlight = ask("{ slow(ms: 600) }");
    await new Promise((r) => setTimeout(r, 100));
    writeSupergraphFile(
      file,
      composeSupergraph([
        { name: "alpha", url: a.url, sdl: a.sdl },
        { name: "beta", url: b.url, sdl: b.sdl },
      ]).supergraphSdl,
    );
    await waitFor(async () => (await ask("{ beta }")).body.data?.beta === "b");
    expect((await inFlight).body).toEqual({ data: { slow: "slow" } });
  });

  it("keeps serving the previous supergraph when a broken one is written, and says why", async () => {
    writeSupergraphFile(file, "this is not a supergraph");
    const base = gw.url.replace(/\/graphql$/, "");
    await waitFor(async () => (await (await fetch(`${base}/readyz`)).json()).supergraph.lastRejectedUpdate !== null);
    expect((await ask("{ alpha beta }")).body).toEqual({ data: { alpha: "a", beta: "b" } });
  });

  it("fails composition loudly, naming the problem", () => {
    const clash = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { alpha: Int }`;
    expect(() =>
      composeSupergraph([
        { name: "alpha", url: a.url, sdl: a.sdl },
        { name: "clash", url: "http://127.0.0.1:1/graphql", sdl: clash },
      ]),
    ).toThrow(CompositionError);
    try {
      composeSupergraph([
        { name: "alpha", url: a.url, sdl: a.sdl },
        { name: "clash", url: "http://127.0.0.1:1/graphql", sdl: clash },
      ]);
    } catch (e) {
      expect((e as Error).message).toMatch(/Query\.alpha/);
    }
  });

  it("refuses invalid tokens and over-deep or alias-heavy operations", async () => {
    const bad = await ask("{ alpha }", { authorization: "Bearer nonsense" });
    expect(bad.status).toBe(401);
    expect(bad.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const aliases = Array.from({ length: 41 }, (_, i) => `a${i}: alpha`).join(" ");
    const tooMany = await ask(`{ ${aliases} }`);
    expect(tooMany.body.errors?.[0].message).toMatch(/aliases/);
  });

  it("answers a malformed body with a JSON error and no stack trace", async () => {
    const res = await fetch(gw.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query": "{ alpha }"',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/JSON\.parse|node_modules|<html/i);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("serves the offline explorer with a development token preset and nothing from the internet", async () => {
    const res = await fetch(gw.url, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("同心 Tongxin");
    expect(html).toContain(token);
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    expect(html).not.toMatch(/cdn\.|unpkg|jsdelivr|apollographql\.com/);
  });

  it("times out a subgraph that does not answer, instead of hanging", async () => {
    const blackHole = net.createServer(() => undefined); // accepts, never replies
    await new Promise<void>((r) => blackHole.listen(0, "127.0.0.1", () => r()));
    const port = (blackHole.address() as net.AddressInfo).port;
    const slowFile = path.join(dir, "slow.graphql");
    writeSupergraphFile(
      slowFile,
      composeSupergraph([{ name: "alpha", url: `http://127.0.0.1:${port}/graphql`, sdl: a.sdl }]).supergraphSdl,
    );
    const slowGw = await startGateway({
      supergraphPath: slowFile,
      internalSecret: SECRET,
      jwt: { jwtSecret: JWT },
      port: 0,
      subgraphTimeoutMs: 300,
      log: () => undefined,
    });
    try {
      const t0 = Date.now();
      const res = await fetch(slowGw.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ alpha }" }),
      });
      const body = await res.json();
      expect(Date.now() - t0).toBeLessThan(3_000);
      // Coded, with the failed field and its service (it was a bare INTERNAL_SERVER_ERROR).
      expect(body.errors?.[0]).toMatchObject({
        path: ["alpha"],
        extensions: { code: "TIMEOUT", serviceName: "alpha" },
      });
      expect(JSON.stringify(body)).not.toContain(String(port));
    } finally {
      await slowGw.stop();
      blackHole.close();
    }
  });
});
