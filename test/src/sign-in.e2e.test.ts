import path from "node:path";
import { startStack, type Stack } from "@tongxin/infra";
import { applyTree, readTreeFile } from "@tongxin/infra/dist/setup";
import { dropMysqlDatabases, parseDatabaseUrl, verifyUserToken } from "@tongxin/sdk";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { codeOf } from "./helpers";

const EXAMPLE = path.resolve(__dirname, "../../infra/setup/zhaotong.tree.yaml");
const JWT_SECRET = "tongxin-stack-jwt-secret-0123456789abcdef";

interface SignInAnswer {
  token?: string;
  expiresAt?: string;
  identity?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * A platform started without demo data, set up from the example tree, then used the way an
 * office does: accounts, password sign-in through the gateway, lock-out and reset.
 */
describe.each(databasesUnderTest())("set up from nothing and sign in with a password ($kind)", (db) => {
  const url = db.freshUrl();
  let stack: Stack;
  let base: string;
  let passwords: Map<string, string>;
  const signIn = async (body: Record<string, unknown>): Promise<{ status: number; body: SignInAnswer }> => {
    const res = await fetch(`${base}/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as SignInAnswer };
  };

  beforeAll(async () => {
    stack = await startStack({ databaseUrl: url, seed: false });
    base = new URL(stack.gatewayUrl).origin;
  });
  afterAll(async () => {
    await stack?.stop();
    if (parseDatabaseUrl(url).kind === "mysql") await dropMysqlDatabases(url);
  });

  it("starts empty and is set up from the example tree file", async () => {
    const empty = await stack.query<{ committees: unknown[] }>(null, "{ committees { code } }");
    expect(empty.data!.committees).toEqual([]);
    const report = await applyTree(stack.subgraphs.get("members")!.systemContext(), readTreeFile(EXAMPLE));
    passwords = new Map(report.passwords.map((p) => [p.username, p.password]));
    const tree = await stack.query<{ committee: { children: { code: string }[] } }>(
      null,
      `{ committee(code: "zhaotong") { children { code } } }`,
    );
    expect(tree.data!.committee.children).toHaveLength(11);
  });

  it("signs an office clerk in: the temporary password must be changed, the token works through the gateway", async () => {
    const temp = passwords.get("zhenxiong.office")!;
    const first = await signIn({ username: "zhenxiong.office", password: temp });
    expect(first.status).toBe(401);
    expect(first.body.errors![0].extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "PASSWORD_CHANGE_REQUIRED",
    });
    const ok = await signIn({ username: "zhenxiong.office", password: temp, newPassword: "zhenxiong-office-1" });
    expect(ok.status).toBe(200);
    expect(ok.body.identity).toMatchObject({ role: "STAFF", committee: "zhenxiong", username: "zhenxiong.office" });
    // Eight hours, signed like every user token, naming the account.
    const identity = verifyUserToken(ok.body.token!, { jwtSecret: JWT_SECRET });
    expect(identity).toMatchObject({
      role: "STAFF",
      committee: "zhenxiong",
      subject: expect.stringMatching(/^account:\d+$/),
    });
    const hours = (Date.parse(ok.body.expiresAt!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);

    const r = await stack.query<{ committee: Record<string, unknown> }>(
      ok.body.token!,
      `{ committee(code: "zhenxiong") { memberStats { activeMembers } proposalStats(year: 2023) { received } trainingStats { sessions } } }`,
    );
    expect(r.errors).toBeUndefined();
    // Other subgraphs see the committees created a moment ago (their directory had not cached an empty tree).
    expect(r.data!.committee).toEqual({
      memberStats: { activeMembers: 0 },
      proposalStats: { received: 0 },
      trainingStats: { sessions: 0 },
    });
    // Scope is the account's: the county's clerk does not read the city.
    const city = await stack.query(ok.body.token!, `{ committee(code: "zhaotong") { memberStats { activeMembers } } }`);
    expect(codeOf(city.errors)).toBe("FORBIDDEN");
  });

  it("lets the office create a member's account and the member sign in", async () => {
    const office = (await signIn({ username: "zhenxiong.office", password: "zhenxiong-office-1" })).body.token!;
    const created = await stack.query<{ createMember: { id: string } }>(
      office,
      `mutation { createMember(input: { name: "王委员", gender: MALE, sector: "教育", party: "群众", startedOn: "2022-02-01" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const acc = await stack.query<{ createAccount: { temporaryPassword: string } }>(
      office,
      `mutation($m: ID!) { createAccount(input: { username: "zx.wang", role: MEMBER, memberId: $m }) { temporaryPassword } }`,
      { m: created.data!.createMember.id },
    );
    expect(acc.errors).toBeUndefined();
    const temp = acc.data!.createAccount.temporaryPassword;
    const ok = await signIn({ username: "zx.wang", password: temp, newPassword: "wang-password-1" });
    expect(ok.body.identity).toMatchObject({ role: "MEMBER", memberId: created.data!.createMember.id });
    const me = await stack.query<{ member: { name: string } }>(
      ok.body.token!,
      `query($m: ID!) { member(id: $m) { name } }`,
      { m: created.data!.createMember.id },
    );
    expect(me.data!.member.name).toBe("王委员");
  });

  it("counts wrong passwords, locks the account, and the office's reset lets the clerk back in", async () => {
    const wrong = await signIn({ username: "zhenxiong.office", password: "guess-1" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors![0].message).toBe("登录名或密码错误 / wrong username or password");
    // An unknown username answers exactly the same.
    const unknown = await signIn({ username: "nobody", password: "guess-1" });
    expect(unknown).toEqual(wrong);
    for (let i = 2; i < 5; i++)
      expect((await signIn({ username: "zhenxiong.office", password: `guess-${i}` })).status).toBe(401);
    const locking = await signIn({ username: "zhenxiong.office", password: "guess-5" });
    expect(locking.status).toBe(423);
    expect(locking.body.errors![0].extensions).toMatchObject({ reason: "LOCKED" });
    const stillLocked = await signIn({ username: "zhenxiong.office", password: "zhenxiong-office-1" });
    expect(stillLocked.status).toBe(423);
    expect(stillLocked.body.errors![0].message).toMatch(/锁定.* \/ .*locked/);

    // The office resets it: here the city's administrator account would not do, the county's other clerk would.
    const admin = stack.token({ role: "ADMIN" });
    const accounts = await stack.query<{ accounts: { id: string; username: string }[] }>(
      admin,
      `{ accounts(committee: "zhenxiong") { id username } }`,
    );
    const id = accounts.data!.accounts.find((a) => a.username === "zhenxiong.office")!.id;
    const otherCounty = stack.token({ role: "STAFF", committee: "weixin" });
    const refused = await stack.query(
      otherCounty,
      `mutation($id: ID!) { resetAccountPassword(id: $id) { temporaryPassword } }`,
      { id },
    );
    expect(codeOf(refused.errors)).toBe("NOT_FOUND");
    const reset = await stack.query<{ resetAccountPassword: { temporaryPassword: string } }>(
      stack.token({ role: "STAFF", committee: "zhenxiong" }),
      `mutation($id: ID!) { resetAccountPassword(id: $id) { temporaryPassword } }`,
      { id },
    );
    const temp = reset.data!.resetAccountPassword.temporaryPassword;
    const back = await signIn({ username: "zhenxiong.office", password: temp, newPassword: "zhenxiong-office-2" });
    expect(back.status).toBe(200);
  });

  it("refuses malformed requests without echoing them", async () => {
    const missing = await signIn({ username: "zhenxiong.office" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
    const res = await fetch(`${base}/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/at .*\.js/);
  });
});
