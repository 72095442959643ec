import http from "node:http";
import type { AddressInfo } from "node:net";
import { IDENTITY_HEADER, verifyInternalIdentity, verifyUserToken } from "@tongxin/sdk";
import express from "express";
import { membersUrlFrom, mountSignIn, type SignInOptions } from "./sign-in";

const INTERNAL = "sign-in-test-internal-secret-0123456789";
const JWT = "sign-in-test-jwt-secret-0123456789abcdef";

/** The gateway route against a stand-in members subgraph that records what it was asked. */
async function start(opts: Partial<SignInOptions>, answer: (body: { variables: Record<string, string> }) => unknown) {
  const calls: { identity: unknown; body: { variables: Record<string, string> } }[] = [];
  const members = express();
  members.post("/graphql", express.json(), (req, res) => {
    calls.push({ identity: verifyInternalIdentity(req.header(IDENTITY_HEADER), INTERNAL), body: req.body });
    res.json(answer(req.body));
  });
  const logs: string[] = [];
  const app = express();
  const servers = [http.createServer(members), http.createServer(app)];
  for (const s of servers) await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s: http.Server) => (s.address() as AddressInfo).port;
  mountSignIn(app, {
    jwt: { jwtSecret: JWT },
    internalSecret: INTERNAL,
    supergraphSdl: () => `@join__graph(name: "members", url: "http://127.0.0.1:${port(servers[0])}/graphql")`,
    log: (m) => logs.push(m),
    ...opts,
  });
  const post = async (body: unknown) => {
    const r = await fetch(`http://127.0.0.1:${port(servers[1])}/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> & { token?: string } };
  };
  return { post, calls, logs, stop: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))) };
}

const ACCOUNT = {
  data: {
    authenticateAccount: {
      accountId: "7",
      username: "wx.clerk",
      role: "STAFF",
      committee: "weixin",
      memberId: null,
      unitId: null,
      displayName: "威信办公室",
    },
  },
};

describe("POST /auth/sign-in", () => {
  it("asks the members subgraph as SYSTEM and signs a token of the account; logs neither password nor token", async () => {
    const t = await start({}, () => ACCOUNT);
    try {
      const r = await t.post({ username: "wx.clerk", password: "secret-password-1" });
      expect(r.status).toBe(200);
      expect(verifyUserToken(r.body.token!, { jwtSecret: JWT })).toMatchObject({
        role: "STAFF",
        committee: "weixin",
        subject: "account:7",
        name: "威信办公室",
      });
      expect(t.calls).toHaveLength(1);
      expect(t.calls[0].identity).toMatchObject({ role: "SYSTEM" });
      expect(t.calls[0].body.variables).toEqual({ u: "wx.clerk", p: "secret-password-1", n: null });
      const logged = t.logs.join("\n");
      expect(logged).toContain("wx.clerk");
      expect(logged).not.toContain("secret-password-1");
      expect(logged).not.toContain(r.body.token!);
    } finally {
      await t.stop();
    }
  });

  it("refuses password sign-in when an external identity provider (JWT_PUBLIC_KEY) signs the tokens", async () => {
    const t = await start(
      { jwt: { jwtPublicKey: "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----" } },
      () => ACCOUNT,
    );
    try {
      const r = await t.post({ username: "wx.clerk", password: "secret-password-1" });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({
        errors: [{ extensions: { code: "FORBIDDEN", reason: "PASSWORD_SIGN_IN_DISABLED" } }],
      });
      expect(t.calls).toHaveLength(0);
    } finally {
      await t.stop();
    }
  });

  it("passes the members module's refusal on with its status, and 502 when it does not answer", async () => {
    const locked = await start({}, () => ({
      errors: [{ message: "已锁定 / locked", extensions: { code: "UNAUTHENTICATED", reason: "LOCKED" } }],
    }));
    try {
      expect((await locked.post({ username: "a", password: "b" })).status).toBe(423);
    } finally {
      await locked.stop();
    }
    const gone = await start({ membersUrl: "http://127.0.0.1:9/graphql" }, () => ACCOUNT);
    try {
      const r = await gone.post({ username: "a", password: "b" });
      expect(r.status).toBe(502);
      expect(JSON.stringify(r.body)).not.toMatch(/127\.0\.0\.1/);
    } finally {
      await gone.stop();
    }
  });

  it("finds the members subgraph in the supergraph", () => {
    expect(membersUrlFrom(`@join__graph(name: "members", url: "http://m:4001/graphql")`)).toBe("http://m:4001/graphql");
    expect(membersUrlFrom("")).toBeUndefined();
  });
});
