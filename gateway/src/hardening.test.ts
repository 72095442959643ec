import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { defineModule, signUserToken, startSubgraph, type RunningSubgraph } from "@tongxin/sdk";
import { getIntrospectionQuery } from "graphql";
import { Arg, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { composeSupergraph } from "./compose";
import { DEADLINE_HEADER } from "./subgraph-source";
import { startGateway, type GatewayOptions, type RunningGateway } from "./server";
import { writeSupergraphFile } from "./supergraph-file";

const SECRET = "hardening-test-internal-secret-0123456789";
const JWT = "hardening-test-jwt-secret-0123456789abcdef";

/** `depth` fragments, each spreading the previous one twice: 2^depth fields once expanded. */
function fragmentBomb(depth: number) {
  const frags = ["fragment F0 on Item { code }"];
  for (let i = 1; i <= depth; i++) frags.push(`fragment F${i} on Item { ...F${i - 1} ...F${i - 1} }`);
  return frags;
}

/** An HS256 token with exactly these claims (signUserToken always sets exp). */
function rawToken(claims: Record<string, unknown>) {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`;
  return `${unsigned}.${createHmac("sha256", JWT).update(unsigned).digest("base64url")}`;
}

let itemsCalls = 0;
let touches = 0;

@ObjectType()
class Item {
  @Field()
  code!: string;
}

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item], { description: "a list paged by `first`, as every connection" })
  items(@Arg("first", () => Int, { defaultValue: 20 }) first: number): Item[] {
    itemsCalls++;
    return Array.from({ length: Math.min(first, 3) }, (_, i) => ({ code: `i${i}` }));
  }

  @FieldResolver(() => [Item])
  children(@Root() item: Item, @Arg("first", () => Int, { defaultValue: 20 }) first: number): Item[] {
    return Array.from({ length: Math.min(first, 2) }, (_, i) => ({ code: `${item.code}.${i}` }));
  }
}

@Resolver()
class AlphaResolver {
  @Query(() => String, { nullable: true })
  alpha(): string {
    return "a";
  }

  @Query(() => String, { nullable: true })
  async slow(@Arg("ms", () => Int) ms: number): Promise<string> {
    await new Promise((r) => setTimeout(r, ms));
    return "slow";
  }

  @Mutation(() => Int)
  touch(): number {
    return ++touches;
  }
}

@Resolver()
class BetaResolver {
  @Query(() => String, { nullable: true })
  beta(): string {
    return "b";
  }

  @Mutation(() => Int, { nullable: true })
  betaWrite(): number {
    return 1;
  }
}

const mod = (name: string, resolvers: NonNullable<Parameters<typeof defineModule>[0]["resolvers"]>) =>
  defineModule({ name, title: name, kind: "core", entities: [], migrations: [], resolvers });
const alpha = mod("alpha", [AlphaResolver, ItemResolver]);
const beta = mod("beta", [BetaResolver]);

const start = (name: string, m: typeof alpha) =>
  startSubgraph({
    name,
    modules: [m],
    databaseUrl: "sqlite::memory:",
    internalSecret: SECRET,
    committeeSource: { load: async () => [] },
    port: 0,
    log: () => undefined,
  });

type Body = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
};

/** A stand-in subgraph answering whatever `reply` decides, recording what it received. */
async function rawSubgraph(reply: (body: string, req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ headers: req.headers, body });
      reply(body, req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

describe("gateway hardening", () => {
  let a: RunningSubgraph;
  let b: RunningSubgraph;
  let dir: string;
  const gateways: RunningGateway[] = [];
  const token = signUserToken({ role: "STAFF", committee: "zhaotong" }, JWT);

  /** A gateway over `subgraphs` (name → URL); the SDL is always that of the real module. */
  async function gatewayOver(subgraphs: Record<string, string>, extra: Partial<GatewayOptions> = {}) {
    const file = path.join(dir, `supergraph-${gateways.length}.graphql`);
    const sdl: Record<string, string> = { alpha: a.sdl, beta: b.sdl };
    writeSupergraphFile(
      file,
      composeSupergraph(Object.entries(subgraphs).map(([name, url]) => ({ name, url, sdl: sdl[name] }))).supergraphSdl,
    );
    const gw = await startGateway({
      supergraphPath: file,
      internalSecret: SECRET,
      jwt: { jwtSecret: JWT },
      port: 0,
      log: () => undefined,
      ...extra,
    });
    gateways.push(gw);
    const post = async (
      query: string,
      headers: Record<string, string> = {},
      signal?: AbortSignal,
      variables?: Record<string, unknown>,
    ) => {
      const res = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
    };
    return { gw, post, base: gw.url.replace(/\/graphql$/, "") };
  }
  const auth = { authorization: `Bearer ${token}` };

  beforeAll(async () => {
    a = await start("alpha", alpha);
    b = await start("beta", beta);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-hardening-"));
  });
  afterAll(async () => {
    for (const gw of gateways) await gw.stop();
    await a?.stop();
    await b?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses an anonymous fragment bomb at once while /healthz keeps answering", async () => {
    const { post, base } = await gatewayOver({ alpha: a.url });
    for (const depth of [20, 25, 30]) {
      const bomb = `{ items { ...F${depth} } } ${fragmentBomb(depth).join(" ")}`;
      expect(bomb.length).toBeLessThan(2_000);
      const t0 = Date.now();
      let refusedAt = 0;
      // On the hand-written rule, 24 fragments took 125 s of one blocked event loop.
      const refusal = post(bomb, {}, AbortSignal.timeout(20_000)).then((r) => {
        refusedAt = Date.now();
        return r;
      });
      const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const healthAt = Date.now();
      const refused = await refusal;
      console.log(
        `fragment bomb of ${depth} fragments: refused in ${refusedAt - t0} ms, /healthz answered in ${healthAt - t0} ms`,
      );
      expect(health.status).toBe(200);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/query cost \d[\d.e+]* exceeds 50000/),
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      });
      expect(refusedAt - t0).toBeLessThan(2_000);
    }
  });

  it("counts introspection fields: 300 aliased __type are refused anonymously, GraphiQL's query answers", async () => {
    const { post } = await gatewayOver({ alpha: a.url });
    const types = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: __type(name: "Item") { name }`).join(" ");
    // 300 are refused by their length already (2,100 tokens > 2,000), 100 by the alias limit.
    const refused = await post(`{ ${types(300)} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0].message).toMatch(/Document contains more th\w+ 2000 tokens/);
    const aliased = await post(`{ ${types(100)} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.body.errors?.[0].message).toMatch(/100 aliases exceed 20/);
    const introspection = await post(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data?.__schema).toBeDefined();
  });

  it("refuses a wide query by its page sizes before any subgraph is called", async () => {
    const { post } = await gatewayOver({ alpha: a.url });
    const before = itemsCalls;
    const literal = await post(
      `{ items(first: 100) { children(first: 100) { children(first: 100) { code } } } }`,
      auth,
    );
    expect(literal.body.errors?.[0].message).toMatch(/query cost \d[\d.e+]* exceeds 50000/);
    // The same through a variable, and through the schema's default page size of 20.
    const byVariable = await post(
      `query($n: Int) { items(first: $n) { children(first: $n) { children(first: $n) { code } } } }`,
      auth,
      undefined,
      { n: 100 },
    );
    expect(byVariable.body.errors?.[0].message).toMatch(/query cost \d[\d.e+]* exceeds 50000/);
    const defaults = await post(`{ items { children { children { children { code } } } } }`, auth);
    expect(defaults.body.errors?.[0].message).toMatch(/query cost \d[\d.e+]* exceeds 50000/);
    expect(itemsCalls).toBe(before);
    // A page of ordinary size answers.
    expect((await post(`{ items(first: 3) { children(first: 2) { code } } }`, auth)).body.errors).toBeUndefined();
    expect(itemsCalls).toBe(before + 1);
  });

  it("answers TIMEOUT with the field's path at the request's deadline and tells subgraphs that deadline", async () => {
    const { post } = await gatewayOver({ alpha: a.url, beta: b.url }, { requestDeadlineMs: 400 });
    const t0 = Date.now();
    const res = await post(`{ beta slow(ms: 2500) }`, auth);
    const took = Date.now() - t0;
    console.log(`deadline 400 ms: answered after ${took} ms`);
    expect(took).toBeLessThan(3_000);
    expect(res.body.data).toEqual({ beta: "b", slow: null });
    expect(res.body.errors).toEqual([
      {
        message: "子服务 alpha 未在时限内答复 / subgraph alpha did not answer in time",
        path: ["slow"],
        extensions: { code: "TIMEOUT", serviceName: "alpha" },
      },
    ]);

    const raw = await rawSubgraph((_body, _req, out) => json(out, 200, { data: { alpha: "raw" } }));
    try {
      const timed = await gatewayOver({ alpha: raw.url }, { requestDeadlineMs: 30_000, subgraphTimeoutMs: 2_000 });
      const sent = Date.now();
      const ok = await timed.post(`{ alpha }`, { ...auth, "idempotency-key": "key-123" });
      expect(ok.body).toEqual({ data: { alpha: "raw" } });
      const deadline = Number(raw.seen[0].headers[DEADLINE_HEADER]);
      // The earlier of the overall deadline (30 s) and the per-call timeout (2 s).
      expect(deadline).toBeGreaterThanOrEqual(sent + 2_000 - 50);
      expect(deadline).toBeLessThanOrEqual(Date.now() + 2_000);
      expect(raw.seen[0].headers["idempotency-key"]).toBe("key-123");
      const bad = await timed.post(`{ alpha }`, { ...auth, "idempotency-key": "x".repeat(300) });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    } finally {
      await raw.close();
    }
  });

  it("gives coded partial results when a subgraph is down, errs or refuses, with no URL or body", async () => {
    const down = await rawSubgraph(() => undefined);
    await down.close(); // nothing listens there any more
    const failing = await rawSubgraph((body, req, out) =>
      json(out, req.headers["x-fail"] === "401" ? 401 : 500, { secret: `internal body at ${down.url}` }),
    );
    try {
      const { post } = await gatewayOver({ alpha: a.url, beta: down.url });
      const partial = await post(`{ alpha beta }`, auth);
      expect(partial.body.data).toEqual({ alpha: "a", beta: null });
      expect(partial.body.errors).toEqual([
        {
          message: "子服务 beta 暂时不可用 / subgraph beta is unavailable",
          path: ["beta"],
          extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "beta" },
        },
      ]);
      // Refused connection: the write cannot have happened.
      const refusedWrite = await post(`mutation { betaWrite }`, auth);
      expect(refusedWrite.body.errors?.[0]).toMatchObject({
        path: ["betaWrite"],
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "beta", outcomeUnknown: false },
      });

      const erring = await gatewayOver({ alpha: a.url, beta: failing.url });
      const fiveHundred = await erring.post(`mutation { betaWrite }`, auth);
      expect(fiveHundred.body.errors?.[0]).toMatchObject({
        path: ["betaWrite"],
        extensions: { code: "SUBGRAPH_UNAVAILABLE", outcomeUnknown: true },
      });
      expect(fiveHundred.body.errors?.[0].message).toMatch(/may or may not have been applied/);
      for (const r of [partial, refusedWrite, fiveHundred]) {
        const text = JSON.stringify(r.body);
        expect(text).not.toContain(String(down.port));
        expect(text).not.toContain(String(failing.port));
        expect(text).not.toContain("internal body");
        expect(text).not.toContain("127.0.0.1");
      }
    } finally {
      await failing.close();
    }
  });

  it("passes no 401/403 detail of a subgraph to the client", async () => {
    const refusing = await rawSubgraph((_b, _r, out) => json(out, 401, { detail: "internal identity rejected" }));
    try {
      const { post } = await gatewayOver({ alpha: a.url, beta: refusing.url });
      const res = await post(`{ alpha beta }`, auth);
      expect(res.body.data).toEqual({ alpha: "a", beta: null });
      expect(res.body.errors?.[0]).toEqual({
        message: "子服务 beta 暂时不可用 / subgraph beta is unavailable",
        path: ["beta"],
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "beta" },
      });
    } finally {
      await refusing.close();
    }
  });

  it("calls once more when a kept-alive connection was closed under a read, never under a write without a key", async () => {
    let drop = 0;
    const flaky = await rawSubgraph((body, req, out) => {
      if (drop > 0) {
        drop--;
        req.socket.destroy(); // as a subgraph closing an idle kept-alive socket at that moment
        return;
      }
      json(out, 200, { data: body.includes("betaWrite") ? { betaWrite: 1 } : { beta: "b" } });
    });
    try {
      const { post } = await gatewayOver({ alpha: a.url, beta: flaky.url });
      drop = 1;
      expect((await post(`{ beta }`, auth)).body).toEqual({ data: { beta: "b" } });
      expect(flaky.seen).toHaveLength(2);

      drop = 1;
      const write = await post(`mutation { betaWrite }`, auth);
      expect(write.body.errors?.[0]).toMatchObject({
        path: ["betaWrite"],
        extensions: { code: "SUBGRAPH_UNAVAILABLE", outcomeUnknown: true },
      });
      expect(flaky.seen).toHaveLength(3);

      drop = 1;
      const keyed = await post(`mutation { betaWrite }`, { ...auth, "idempotency-key": "k-1" });
      expect(keyed.body).toEqual({ data: { betaWrite: 1 } });
      expect(flaky.seen).toHaveLength(5);
      expect(flaky.seen[4].headers["idempotency-key"]).toBe("k-1");
    } finally {
      await flaky.close();
    }
  });

  it("limits requests per identity and per address, bad tokens counting against the address", async () => {
    const { post } = await gatewayOver(
      { alpha: a.url },
      { rateLimit: { identityPoints: 3, addressPoints: 2, windowSeconds: 60 } },
    );
    const bad = { authorization: "Bearer not-a-token" };
    expect((await post(`{ alpha }`)).status).toBe(200);
    expect((await post(`{ alpha }`, bad)).status).toBe(401);
    const limited = await post(`{ alpha }`, bad);
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(`{ alpha }`)).status).toBe(429);
    // A signed-in user behind the same address counts on their own.
    for (let i = 0; i < 3; i++) expect((await post(`{ alpha }`, auth)).body).toEqual({ data: { alpha: "a" } });
    expect((await post(`{ alpha }`, auth)).status).toBe(429);
    const other = signUserToken({ role: "STAFF", committee: "zhenxiong" }, JWT);
    expect((await post(`{ alpha }`, { authorization: `Bearer ${other}` })).status).toBe(200);
  });

  it("keeps limiting in memory while the configured Redis does not answer", async () => {
    const logged: string[] = [];
    const { post } = await gatewayOver(
      { alpha: a.url },
      {
        rateLimit: { identityPoints: 2, addressPoints: 2, windowSeconds: 60, redisUrl: "redis://127.0.0.1:1" },
        log: (m) => logged.push(m),
      },
    );
    expect((await post(`{ alpha }`, auth)).status).toBe(200);
    expect((await post(`{ alpha }`, auth)).status).toBe(200);
    expect((await post(`{ alpha }`, auth)).status).toBe(429);
    expect(logged.some((m) => /rate-limit Redis unavailable/.test(m))).toBe(true);
  });

  it("refuses tokens without exp or living longer than allowed", async () => {
    const { post } = await gatewayOver({ alpha: a.url }, { jwt: { jwtSecret: JWT, maxLifetimeSeconds: 3600 } });
    const now = Math.floor(Date.now() / 1000);
    const claims = { role: "STAFF", committee: "zhaotong" };
    const forever = rawToken({ ...claims, iat: now });
    const long = rawToken({ ...claims, iat: now, exp: now + 7200 });
    const fine = rawToken({ ...claims, iat: now, exp: now + 3600 });
    for (const t of [forever, long]) {
      const res = await post(`{ alpha }`, { authorization: `Bearer ${t}` });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect((await post(`{ alpha }`, { authorization: `Bearer ${fine}` })).body).toEqual({ data: { alpha: "a" } });
  });

  it("hides field suggestions in production", async () => {
    const dev = await gatewayOver({ alpha: a.url });
    expect((await dev.post(`{ alph }`, auth)).body.errors?.[0].message).toMatch(/Did you mean/);
    const prod = await gatewayOver({ alpha: a.url }, { production: true });
    const res = await prod.post(`{ alph }`, auth);
    expect(res.body.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.body.errors?.[0].message).not.toMatch(/Did you mean|alpha/);
  });
});
