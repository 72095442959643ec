import { createHmac } from "node:crypto";
import { DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, InvalidTokenError, signUserToken, verifyUserToken } from "./identity";
import { ErrorCode, forbidden, formatPublicError } from "./errors";

const secret = "token-lifetime-test-secret-0123456789abcdef";
const claims = { role: "STAFF", committee: "zhaotong" };
function raw(payload: Record<string, unknown>) {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(payload)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe("user token lifetime", () => {
  it("refuses tokens without exp, which would never expire", () => {
    expect(() => verifyUserToken(raw({ ...claims, iat: now() }), { jwtSecret: secret })).toThrow(/no expiry/);
    expect(() => verifyUserToken(raw(claims), { jwtSecret: secret })).toThrow(InvalidTokenError);
  });

  it("refuses tokens living longer than the maximum, with or without iat", () => {
    const keys = { jwtSecret: secret, maxLifetimeSeconds: 3600 };
    expect(() => verifyUserToken(raw({ ...claims, iat: now(), exp: now() + 7200 }), keys)).toThrow(/longer than/);
    expect(() => verifyUserToken(raw({ ...claims, exp: now() + 7200 }), keys)).toThrow(/longer than/);
    expect(verifyUserToken(raw({ ...claims, iat: now(), exp: now() + 3600 }), keys)).toMatchObject({ role: "STAFF" });
    // A year-long token is refused by the default maximum; `npm run token`'s 30 days pass it.
    const year = raw({ ...claims, iat: now(), exp: now() + 365 * 86400 });
    expect(() => verifyUserToken(year, { jwtSecret: secret })).toThrow(InvalidTokenError);
    expect(DEFAULT_TOKEN_MAX_LIFETIME_SECONDS).toBeGreaterThanOrEqual(30 * 86400);
    expect(verifyUserToken(signUserToken(claims, secret), { jwtSecret: secret })).toMatchObject({ role: "STAFF" });
  });
});

describe("public refusals", () => {
  it("do not name internal permission keys or scope rules", () => {
    const e = forbidden("studios.manage");
    expect(e.message).not.toContain("studios.manage");
    expect(e.extensions.code).toBe(ErrorCode.FORBIDDEN);
    const shown = formatPublicError({ message: e.message, path: ["createStudio"], extensions: e.extensions }, e);
    expect(JSON.stringify(shown)).not.toContain("studios.manage");
    expect(shown).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["createStudio"] });
  });

  it("pass the new codes through and drop a subgraph response's URL and body", () => {
    for (const code of [ErrorCode.TIMEOUT, ErrorCode.SUBGRAPH_UNAVAILABLE, ErrorCode.RATE_LIMITED]) {
      const shown = formatPublicError(
        {
          message: "x",
          extensions: { code, serviceName: "beta", response: { url: "http://10.0.0.5:4002/graphql", body: "secret" } },
        },
        null,
      );
      expect(shown.extensions).toEqual({ code, serviceName: "beta" });
    }
  });
});
