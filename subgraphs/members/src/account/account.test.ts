import { SYSTEM, type Identity } from "@tongxin/sdk";
import { databasesUnderTest, member, startTestSubgraph, staff, type TestSubgraph } from "@tongxin/sdk/dist/testing";
import { membersModule } from "../index";
import { Account } from "./account.entity";
import { MAX_FAILURES } from "./account.service";

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
const ADMIN: Identity = { role: "ADMIN", subject: "admin" };

const CREATE = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { temporaryPassword account { id username role committee memberId mustChangePassword } } }`;
const AUTH = `mutation($u: String!, $p: String!, $n: String) { authenticateAccount(username: $u, password: $p, newPassword: $n) { accountId username role committee memberId unitId } }`;

describe.each(databasesUnderTest())("sign-in accounts ($kind)", (db) => {
  let sg: TestSubgraph;
  let memberOfWeixin: string;
  const auth = (u: string, p: string, n?: string) =>
    sg.query<{ authenticateAccount: Record<string, unknown> }>(SYSTEM, AUTH, { u, p, n });
  const createAs = (who: Identity, i: Record<string, unknown>) =>
    sg.query<{ createAccount: { temporaryPassword: string; account: Record<string, unknown> } }>(who, CREATE, { i });

  beforeAll(async () => {
    sg = await startTestSubgraph({ modules: [membersModule], databaseUrl: db.freshUrl(), seed: true });
    const r = await sg.query<{ members: { edges: { node: { id: string } }[] } }>(
      SYSTEM,
      `{ members(committee: "weixin", status: ACTIVE, first: 1) { edges { node { id } } } }`,
    );
    memberOfWeixin = r.data!.members.edges[0].node.id;
  });
  afterAll(() => sg?.stop());

  it("lets an office open accounts for its own people only", async () => {
    const clerk = await createAs(staff("weixin"), { username: "wx.clerk", role: "STAFF", displayName: "威信办公室" });
    expect(clerk.errors).toBeUndefined();
    expect(clerk.data!.createAccount.account).toMatchObject({
      role: "STAFF",
      committee: "weixin",
      mustChangePassword: true,
    });
    expect(clerk.data!.createAccount.temporaryPassword).toHaveLength(12);
    const m = await createAs(staff("weixin"), { username: "wx.member", role: "MEMBER", memberId: memberOfWeixin });
    expect(m.errors).toBeUndefined();
    expect(
      codeOf((await createAs(staff("weixin"), { username: "wx.m2", role: "MEMBER", memberId: memberOfWeixin })).errors),
    ).toBe("BAD_USER_INPUT");
    expect(
      (await createAs(staff("weixin"), { username: "wx.unit", role: "UNIT", unitId: "3" })).errors,
    ).toBeUndefined();
    // The city does not open the county's accounts; a county cannot make an administrator; names are unique.
    expect(
      codeOf((await createAs(staff("zhaotong"), { username: "xx1", role: "STAFF", committee: "weixin" })).errors),
    ).toBe("FORBIDDEN");
    expect(codeOf((await createAs(staff("weixin"), { username: "xx2", role: "ADMIN" })).errors)).toBe("FORBIDDEN");
    expect(codeOf((await createAs(member(1), { username: "xx3", role: "STAFF" })).errors)).toBe("FORBIDDEN");
    expect(
      (await createAs(staff("weixin"), { username: "wx.clerk", role: "STAFF" })).errors?.[0].extensions?.field,
    ).toBe("input.username");
    // A member of another committee is not the county's to give an account to.
    expect(
      (await createAs(staff("yiliang"), { username: "yl.m", role: "MEMBER", memberId: memberOfWeixin })).errors?.[0]
        .extensions?.field,
    ).toBe("input.memberId");
    expect((await createAs(ADMIN, { username: "root", role: "ADMIN" })).errors).toBeUndefined();
    // The hash never leaves: no field carries it.
    const list = await sg.query<{ accounts: { username: string }[] }>(staff("weixin"), "{ accounts { username } }");
    expect(list.data!.accounts.map((a) => a.username)).toEqual(["wx.clerk", "wx.member", "wx.unit"]);
    expect(JSON.stringify(list)).not.toMatch(/\$2[aby]\$/);
    expect(codeOf((await sg.query(staff("zhaotong"), `{ accounts(committee: "weixin") { username } }`)).errors)).toBe(
      "FORBIDDEN",
    );
  });

  it("signs in with the password, forcing a new one after a temporary password", async () => {
    const made = await createAs(staff("weixin"), {
      username: "wx.signin",
      role: "MEMBER",
      memberId: await otherMember(),
    });
    const temp = made.data!.createAccount.temporaryPassword;
    const first = await auth("wx.signin", temp);
    expect(first.errors?.[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "PASSWORD_CHANGE_REQUIRED" });
    expect(first.errors?.[0].message).toMatch(/临时密码.*temporary password/);
    expect((await auth("wx.signin", temp, "short")).errors?.[0].extensions?.field).toBe("newPassword");
    const ok = await auth("wx.signin", temp, "new-password-1");
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.authenticateAccount).toMatchObject({ username: "wx.signin", role: "MEMBER", committee: "weixin" });
    expect((await auth("wx.signin", "new-password-1")).errors).toBeUndefined();
    expect((await auth("wx.signin", temp)).errors?.[0].extensions?.reason).toBe("BAD_CREDENTIALS");
  });

  it("answers an unknown user like a wrong password, and only to the gateway", async () => {
    expect((await auth("nobody", "whatever-1")).errors?.[0].extensions).toMatchObject({ reason: "BAD_CREDENTIALS" });
    const asStaff = await sg.query(staff("weixin"), AUTH, { u: "wx.signin", p: "new-password-1" });
    expect(codeOf(asStaff.errors)).toBe("FORBIDDEN");
  });

  it("counts wrong passwords, locks after the limit, and the office's reset unlocks", async () => {
    const em = sg.databases.get("members")!.dataSource.manager;
    // A right password clears the count the previous test left.
    expect((await auth("wx.signin", "new-password-1")).errors).toBeUndefined();
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect((await auth("wx.signin", "wrong-password")).errors?.[0].extensions?.reason).toBe("BAD_CREDENTIALS");
    }
    expect((await em.findOneByOrFail(Account, { username: "wx.signin" })).failedAttempts).toBe(MAX_FAILURES - 1);
    const locking = await auth("wx.signin", "wrong-password");
    expect(locking.errors?.[0].extensions?.reason).toBe("LOCKED");
    // Locked: even the right password is refused.
    const locked = await auth("wx.signin", "new-password-1");
    expect(locked.errors?.[0].extensions?.reason).toBe("LOCKED");
    expect(locked.errors?.[0].message).toMatch(/锁定.*locked/);
    const acc = await em.findOneByOrFail(Account, { username: "wx.signin" });
    expect(acc.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const reset = `mutation($id: ID!) { resetAccountPassword(id: $id) { temporaryPassword account { mustChangePassword failedAttempts lockedUntil } } }`;
    expect(codeOf((await sg.query(staff("yiliang"), reset, { id: String(acc.id) })).errors)).toBe("NOT_FOUND");
    const r = await sg.query<{ resetAccountPassword: { temporaryPassword: string; account: Record<string, unknown> } }>(
      staff("weixin"),
      reset,
      { id: String(acc.id) },
    );
    expect(r.data!.resetAccountPassword.account).toEqual({
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
    });
    const temp = r.data!.resetAccountPassword.temporaryPassword;
    expect((await auth("wx.signin", "new-password-1")).errors?.[0].extensions?.reason).toBe("BAD_CREDENTIALS");
    expect((await auth("wx.signin", temp, "another-password-2")).errors).toBeUndefined();
  });

  it("refuses a disabled account", async () => {
    const acc = await sg.databases
      .get("members")!
      .dataSource.manager.findOneByOrFail(Account, { username: "wx.signin" });
    await sg.query(staff("weixin"), `mutation($id: ID!) { setAccountDisabled(id: $id, disabled: true) { disabled } }`, {
      id: String(acc.id),
    });
    expect((await auth("wx.signin", "another-password-2")).errors?.[0].extensions?.reason).toBe("DISABLED");
  });

  async function otherMember(): Promise<string> {
    const r = await sg.query<{ members: { edges: { node: { id: string } }[] } }>(
      SYSTEM,
      `{ members(committee: "weixin", status: ACTIVE, first: 2) { edges { node { id } } } }`,
    );
    return r.data!.members.edges[1].node.id;
  }
});
