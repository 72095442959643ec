import { signInternalIdentity, SYSTEM } from "@tongxin/sdk";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { STACK_INTERNAL_SECRET, type Stack } from "@tongxin/infra";
import { codeOf, seededStack } from "./helpers";

type CommitteeFigures = { code: string; name: string; memberStats: { activeMembers: number } | null };

describe.each(databasesUnderTest())("the federated platform ($kind)", (db) => {
  let stack: Stack;
  let cityToken: string;

  beforeAll(async () => {
    stack = await seededStack(db.freshUrl());
    cityToken = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(() => stack?.stop());

  it("answers the city and its eleven counties with real counts through the gateway", async () => {
    const r = await stack.query<{ committee: { name: string; children: CommitteeFigures[] } }>(
      cityToken,
      `{ committee(code:"zhaotong") { name children { code name memberStats { activeMembers } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.committee.name).toBe("昭通市政协");
    const counties = r.data!.committee.children;
    expect(counties.map((c) => c.code)).toEqual([
      "zhaoyang",
      "ludian",
      "qiaojia",
      "yanjin",
      "daguan",
      "yongshan",
      "suijiang",
      "zhenxiong",
      "yiliang",
      "weixin",
      "shuifu",
    ]);
    for (const c of counties) {
      expect(c.memberStats!.activeMembers).toBeGreaterThanOrEqual(140);
      expect(c.memberStats!.activeMembers).toBeLessThanOrEqual(300);
    }
    // A county's figure is the same number whoever asks for it.
    const own = await stack.query<{ committee: CommitteeFigures }>(
      stack.token({ role: "STAFF", committee: "zhenxiong" }),
      `{ committee(code:"zhenxiong") { code name memberStats { activeMembers } } }`,
    );
    expect(own.data!.committee.memberStats!.activeMembers).toBe(
      counties.find((c) => c.code === "zhenxiong")!.memberStats!.activeMembers,
    );
  });

  it("does not let yiliang's office update a weixin member, nor see them", async () => {
    const weixin = await stack.query<{ members: { edges: { node: { id: string; version: number; name: string } }[] } }>(
      stack.token({ role: "STAFF", committee: "weixin" }),
      `{ members(committee: "weixin", status: ACTIVE, first: 1) { edges { node { id version name } } } }`,
    );
    const target = weixin.data!.members.edges[0].node;
    const r = await stack.query(
      stack.token({ role: "STAFF", committee: "yiliang" }),
      `mutation($id: ID!, $v: Int!) { updateMember(id: $id, version: $v, input: { name: "篡改" }) { id name } }`,
      { id: target.id, v: target.version },
    );
    expect(codeOf(r.errors)).toBe("NOT_FOUND");
    expect(JSON.stringify(r)).not.toContain(target.name);
    const check = await stack.query<{ member: { name: string } }>(
      cityToken,
      `query($id: ID!) { member(id: $id) { name } }`,
      { id: target.id },
    );
    expect(check.data!.member.name).toBe(target.name);
  });

  it("gives a county token only its own county's figures", async () => {
    const r = await stack.query<{ committee: { memberStats: unknown; children: CommitteeFigures[] } }>(
      stack.token({ role: "STAFF", committee: "yiliang" }),
      `{ committee(code:"zhaotong") { memberStats { activeMembers } children { code memberStats { activeMembers } } } }`,
    );
    expect(r.data!.committee.memberStats).toBeNull();
    const visible = r.data!.committee.children.filter((c) => c.memberStats !== null).map((c) => c.code);
    expect(visible).toEqual(["yiliang"]);
    expect(r.errors!.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
  });

  it("treats callers without a valid token as anonymous or refuses them", async () => {
    const anon = await stack.query<{ committees: unknown[] }>(null, `{ committees { code name } }`);
    expect(anon.data!.committees).toHaveLength(12);
    expect(codeOf((await stack.query(null, `{ members(first: 1) { totalCount } }`)).errors)).toBe("UNAUTHENTICATED");
    const forged = await stack.query(`${cityToken.slice(0, -3)}abc`, `{ committees { code } }`);
    expect(codeOf(forged.errors)).toBe("UNAUTHENTICATED");
  });

  it("has subgraphs that refuse requests without the gateway's internal secret", async () => {
    const members = stack.subgraphs.get("members")!;
    const post = (headers: Record<string, string>) =>
      fetch(members.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query: `{ members(first: 1) { totalCount } }` }),
      });
    const none = await post({});
    expect(none.status).toBe(401);
    expect(JSON.stringify(await none.json())).not.toContain('totalCount":');
    const wrong = signInternalIdentity(SYSTEM, "not-the-secret-not-the-secret-not-the-secret");
    expect((await post({ "x-tongxin-identity": wrong })).status).toBe(401);
    // A malformed body gets a JSON error, never Express's HTML page with a stack trace.
    const garbled = await fetch(members.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-tongxin-identity": signInternalIdentity(SYSTEM, STACK_INTERNAL_SECRET),
      },
      body: '{"query": "{ committees { code } }"',
    });
    expect(garbled.status).toBe(400);
    const text = await garbled.text();
    expect(text).not.toMatch(/at JSON\.parse|node_modules|<html/i);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("reads a page of members with a constant number of SQL statements", async () => {
    const q = `query($n: Int) { members(committee: "zhaotong", first: $n) { edges { node { id name sector { name } party { shortName } memberships { term position committee { code name } } } } } }`;
    const cost = async (n: number) => {
      await stack.query(cityToken, q, { n }); // warm caches (committee tree) before measuring
      const before = stack.statementCount();
      const r = await stack.query<{ members: { edges: unknown[] } }>(cityToken, q, { n });
      expect(r.data!.members.edges).toHaveLength(n);
      return stack.statementCount() - before;
    };
    const small = await cost(5);
    const large = await cost(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });

  it("keeps the internal member directory out of the public schema", async () => {
    const r = await stack.query(cityToken, `{ memberDirectory(committees: ["zhaotong"]) { id } }`);
    expect(codeOf(r.errors)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers health and readiness", async () => {
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { subgraphs: Record<string, string> };
    expect(body.subgraphs).toMatchObject({ members: "ok", plugins: "ok" });
    expect(Object.values(body.subgraphs).every((s) => s === "ok")).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost/);
  });
});
