import jwt from "jsonwebtoken";
import { identityFromClaims, InvalidTokenError, verifyUserToken } from "./identity";
import { SESSION_TTL_SECONDS, signSessionToken } from "./session";

const SECRET = "session-test-jwt-secret-0123456789abcdef";

describe("password sign-in sessions and the ADMIN role", () => {
  it("signs an 8-hour token naming the account, verified like any user token", () => {
    const s = signSessionToken({ sub: "account:7", role: "STAFF", committee: "weixin", name: "威信办公室" }, SECRET);
    expect(verifyUserToken(s.token, { jwtSecret: SECRET })).toEqual({
      role: "STAFF",
      committee: "weixin",
      subject: "account:7",
      name: "威信办公室",
    });
    const { exp, iat } = jwt.decode(s.token) as { exp: number; iat: number };
    expect(exp - iat).toBe(SESSION_TTL_SECONDS);
    expect(SESSION_TTL_SECONDS).toBe(8 * 3600);
    expect(s.expiresAt).toBe(new Date(exp * 1000).toISOString());
  });

  it("refuses to sign claims the gateway would refuse", () => {
    expect(() => signSessionToken({ sub: "account:1", role: "STAFF" }, SECRET)).toThrow(InvalidTokenError);
    expect(() => signSessionToken({ sub: "account:1", role: "SYSTEM" }, SECRET)).toThrow(InvalidTokenError);
  });

  it("knows ADMIN, whose committee claim is only a home committee", () => {
    expect(identityFromClaims({ role: "ADMIN" })).toEqual({ role: "ADMIN", subject: "admin", committee: undefined });
    expect(identityFromClaims({ role: "ADMIN", sub: "account:2", committee: "zhaotong" })).toMatchObject({
      role: "ADMIN",
      subject: "account:2",
      committee: "zhaotong",
    });
  });
});
