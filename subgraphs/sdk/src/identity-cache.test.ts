import {
  cachedInternalIdentity,
  signInternalIdentity,
  signUserToken,
  verifyInternalIdentity,
  verifyUserToken,
  InvalidTokenError,
} from "./identity";

const SECRET_A = "a".repeat(40);
const SECRET_B = "b".repeat(40);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("verified and signed tokens are cached, never beyond their key or lifetime", () => {
  it("accepts a cached user token only with the key that verified it", () => {
    const token = signUserToken({ role: "STAFF", committee: "zhaotong" }, SECRET_A);
    expect(verifyUserToken(token, { jwtSecret: SECRET_A }).committee).toBe("zhaotong");
    expect(verifyUserToken(token, { jwtSecret: SECRET_A }).committee).toBe("zhaotong");
    expect(() => verifyUserToken(token, { jwtSecret: SECRET_B })).toThrow(InvalidTokenError);
  });

  it("stops accepting a cached user token when it expires", async () => {
    const token = signUserToken({ role: "STAFF", committee: "ludian", expiresIn: 2 }, SECRET_A);
    expect(verifyUserToken(token, { jwtSecret: SECRET_A }).committee).toBe("ludian");
    await sleep(2_100);
    expect(() => verifyUserToken(token, { jwtSecret: SECRET_A })).toThrow(InvalidTokenError);
  });

  it("hands out a frozen identity, so one request cannot alter another's", () => {
    const token = signUserToken({ role: "STAFF", committee: "weixin" }, SECRET_A);
    const identity = verifyUserToken(token, { jwtSecret: SECRET_A });
    expect(Object.isFrozen(identity)).toBe(true);
  });

  it("signs an internal identity once and reuses it; it verifies to that identity only", () => {
    const staff = { role: "STAFF" as const, committee: "zhaotong", subject: "staff:zhaotong" };
    const token = cachedInternalIdentity(staff, SECRET_A);
    expect(cachedInternalIdentity(staff, SECRET_A)).toBe(token);
    expect(cachedInternalIdentity({ ...staff, committee: "ludian" }, SECRET_A)).not.toBe(token);
    expect(cachedInternalIdentity(staff, SECRET_B)).not.toBe(token);
    expect(verifyInternalIdentity(token, SECRET_A)).toEqual(staff);
    expect(verifyInternalIdentity(token, SECRET_A)).toEqual(staff);
    expect(verifyInternalIdentity(token, SECRET_B)).toBeNull();
    expect(verifyInternalIdentity(`${token.slice(0, -2)}xx`, SECRET_A)).toBeNull();
  });

  it("stops accepting a cached internal token when it expires", async () => {
    const token = signInternalIdentity({ role: "SYSTEM", subject: "system" }, SECRET_A, 2);
    expect(verifyInternalIdentity(token, SECRET_A)?.role).toBe("SYSTEM");
    await sleep(2_100);
    expect(verifyInternalIdentity(token, SECRET_A)).toBeNull();
  });
});
