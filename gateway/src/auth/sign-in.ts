import {
  IDENTITY_HEADER,
  SESSION_TTL_SECONDS,
  SYSTEM,
  signInternalIdentity,
  signSessionToken,
  type UserTokenKeys,
} from "@tongxin/sdk";
import express, { type Response } from "express";

/**
 * POST /auth/sign-in {username, password, newPassword?} → {token, expiresAt, identity}.
 *
 * The members subgraph owns accounts and checks the password (bcrypt, lock-out), asked
 * over the internal network as SYSTEM, like the committee directory; the gateway only
 * signs the session token. Why a short-lived bearer token and not a cookie: every client
 * of this API (dashboard, explorer, county scripts) already sends `Authorization: Bearer`,
 * the gateway verifies it in one place, and a cookie would make every POST /graphql
 * exposed to cross-site request forgery. The page keeps the token in sessionStorage (the
 * tab), and it expires after 8 hours.
 *
 * With JWT_PUBLIC_KEY (an external identity provider) the gateway verifies only that
 * provider's tokens, so it cannot vouch for its own: password sign-in answers 403 and
 * people sign in at the provider. Passwords and tokens are never logged.
 */
export interface SignInOptions {
  jwt: UserTokenKeys;
  internalSecret: string;
  /** The supergraph being served: it names the members subgraph's URL. */
  supergraphSdl: () => string;
  /** Overrides the URL found in the supergraph (tests). */
  membersUrl?: string;
  subgraphTimeoutMs?: number;
  sessionTtlSeconds?: number;
  log?: (message: string) => void;
}

const AUTHENTICATE = `mutation($u: String!, $p: String!, $n: String) {
  authenticateAccount(username: $u, password: $p, newPassword: $n) {
    accountId username role committee memberId unitId displayName
  }
}`;

interface Failure {
  message: string;
  extensions?: { code?: string; reason?: string; field?: string; lockedUntil?: string };
}

const fail = (res: Response, status: number, code: string, zh: string, en: string, extra: object = {}) =>
  res.status(status).json({ errors: [{ message: `${zh} / ${en}`, extensions: { code, ...extra } }] });

export function membersUrlFrom(supergraphSdl: string): string | undefined {
  return /@join__graph\(name:\s*"members",\s*url:\s*"([^"]+)"\)/.exec(supergraphSdl)?.[1];
}

export function mountSignIn(app: express.Express, options: SignInOptions): void {
  const log = options.log ?? (() => undefined);
  app.post("/auth/sign-in", express.json({ limit: "8kb" }), async (req, res) => {
    res.set("cache-control", "no-store");
    if (options.jwt.jwtPublicKey || !options.jwt.jwtSecret) {
      return fail(
        res,
        403,
        "FORBIDDEN",
        "本平台由统一身份认证登录, 不接受密码登录",
        "password sign-in is off: this platform signs people in through its identity provider",
        { reason: "PASSWORD_SIGN_IN_DISABLED" },
      );
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const str = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 && v.length <= max ? v : null);
    const username = str(body.username, 64);
    const password = str(body.password, 200);
    const newPassword = body.newPassword === undefined || body.newPassword === "" ? null : str(body.newPassword, 200);
    if (!username || !password || (body.newPassword && !newPassword)) {
      const field = !username ? "username" : !password ? "password" : "newPassword";
      return fail(res, 400, "BAD_USER_INPUT", `${field}: 请填写`, `${field}: required`, { field });
    }
    const url = options.membersUrl ?? membersUrlFrom(options.supergraphSdl());
    if (!url) return fail(res, 503, "INTERNAL_SERVER_ERROR", "服务尚未就绪", "not ready yet");
    let result: { data?: { authenticateAccount?: Record<string, string | null> }; errors?: Failure[] };
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [IDENTITY_HEADER]: signInternalIdentity(SYSTEM, options.internalSecret, 60),
        },
        body: JSON.stringify({ query: AUTHENTICATE, variables: { u: username, p: password, n: newPassword } }),
        signal: AbortSignal.timeout(options.subgraphTimeoutMs ?? 10_000),
      });
      result = (await r.json()) as typeof result;
    } catch {
      log("sign-in: the members subgraph did not answer");
      return fail(res, 502, "INTERNAL_SERVER_ERROR", "登录服务暂不可用", "sign-in is unavailable right now");
    }
    const account = result.data?.authenticateAccount;
    if (!account) {
      const e = result.errors?.[0];
      const code = e?.extensions?.code;
      if (code === "UNAUTHENTICATED" || code === "BAD_USER_INPUT") {
        // Only the username and the reason: never the password.
        log(`sign-in refused for ${JSON.stringify(username)}: ${e?.extensions?.reason ?? code}`);
        const status = code === "BAD_USER_INPUT" ? 400 : e?.extensions?.reason === "LOCKED" ? 423 : 401;
        return res.status(status).json({ errors: [e] });
      }
      return fail(res, 502, "INTERNAL_SERVER_ERROR", "登录服务暂不可用", "sign-in is unavailable right now");
    }
    const session = signSessionToken(
      {
        sub: `account:${account.accountId}`,
        role: account.role ?? undefined,
        committee: account.committee ?? undefined,
        member: account.memberId ?? undefined,
        unit: account.unitId ?? undefined,
        name: account.displayName ?? undefined,
      },
      options.jwt.jwtSecret,
      options.sessionTtlSeconds ?? SESSION_TTL_SECONDS,
    );
    log(`sign-in: ${JSON.stringify(username)} as ${session.identity.role}`);
    res.json({
      token: session.token,
      expiresAt: session.expiresAt,
      identity: {
        role: session.identity.role,
        committee: session.identity.committee ?? null,
        memberId: session.identity.memberId ?? null,
        unitId: session.identity.unitId ?? null,
        name: account.displayName,
        username: account.username,
      },
    });
  });
}
