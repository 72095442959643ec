import { randomInt } from "node:crypto";
import { AppError, badInput, forbidden, notFound, parseId, text, type RequestContext } from "@tongxin/sdk";
import bcrypt from "bcryptjs";
import { IsNull } from "typeorm";
import { committeeExists, isPlatformAdmin } from "../committee/committee.admin";
import { Membership } from "../membership/membership.entity";
import { Account, AccountRole, type AccountWithPassword, type SignedInAccount } from "./account.entity";
import type { CreateAccountInput } from "./account.inputs";

/** bcrypt cost 10: about a tenth of a second per check in pure JS, slow enough for guessing, fine for people. */
const BCRYPT_COST = 10;
/** Lock-out: this many wrong passwords in a row lock the account for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const MIN_PASSWORD = 8;
const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
/** Compared against when the username is unknown, so both answers take the same time. */
const DUMMY_HASH = bcrypt.hashSync("tongxin-no-such-account", BCRYPT_COST);

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

/** 12 characters without look-alikes (0/O, 1/l/I), about 70 bits: read out over the phone. */
export function temporaryPassword(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function checkPasswordRules(password: string, username: string, field: string): void {
  if (typeof password !== "string" || password.length < MIN_PASSWORD || password.length > 72) {
    throw badInput(field, `密码长度应为 ${MIN_PASSWORD} 到 72 个字符`, `must be ${MIN_PASSWORD} to 72 characters`);
  }
  if (password.toLowerCase() === username.toLowerCase()) {
    throw badInput(field, "密码不能与登录名相同", "must differ from the username");
  }
}

/**
 * Each office opens accounts for its own people: STAFF of C for C's staff, members with a
 * seat on C and C's handling units. ADMIN (and SYSTEM, `npm run setup`) for anyone,
 * including other administrators.
 */
async function assertCanManageAccountsOf(ctx: RequestContext, committee: string | null, role: AccountRole) {
  ctx.requireAuthenticated();
  if (isPlatformAdmin(ctx)) {
    if (committee !== null && !(await committeeExists(ctx, committee))) {
      throw badInput("input.committee", `没有代码为 ${committee} 的政协`, `no committee with code ${committee}`);
    }
    return;
  }
  if (ctx.identity.role !== "STAFF") throw forbidden("accounts (committee offices only)");
  if (role === AccountRole.ADMIN) throw forbidden("administrator accounts (platform administrators only)");
  if (!committee) throw badInput("input.committee", "请指定政协", "committee is required");
  await ctx.assertStaffOf(committee, "input.committee");
}

export interface CreateAccountOptions {
  /** A password chosen by the person at the console (`npm run setup`); otherwise a temporary one is made. */
  password?: string;
}

export async function createAccount(
  ctx: RequestContext,
  input: CreateAccountInput,
  options: CreateAccountOptions = {},
): Promise<AccountWithPassword> {
  const username = String(input.username ?? "").trim();
  if (!USERNAME.test(username)) {
    throw badInput(
      "input.username",
      "登录名应为 3 到 64 位字母、数字或 . _ - @",
      "must be 3-64 letters, digits or . _ - @",
    );
  }
  const role = input.role;
  if (!Object.values(AccountRole).includes(role)) {
    throw badInput("input.role", "未知角色", `unknown role ${String(role)}`);
  }
  const committee =
    (input.committee ? String(input.committee).trim() : null) ??
    (role === AccountRole.ADMIN ? null : (ctx.identity.committee ?? null));
  await assertCanManageAccountsOf(ctx, committee, role);
  if (role !== AccountRole.ADMIN && !committee) {
    throw badInput("input.committee", "请指定政协", "committee is required");
  }
  const displayName = text(input.displayName ?? "", "input.displayName", { max: 64 });
  let memberId: number | null = null;
  let unitId: string | null = null;
  if (role === AccountRole.MEMBER) {
    memberId = parseId(input.memberId ?? "", "input.memberId");
    const seated = await ctx.repo(Membership).existsBy({ memberId, committeeCode: committee!, endedOn: IsNull() });
    if (!seated) {
      throw badInput(
        "input.memberId",
        `委员 ${memberId} 在 ${committee} 没有在任职务`,
        `member ${memberId} holds no current seat on ${committee}`,
      );
    }
  }
  if (role === AccountRole.UNIT) {
    // Units are the proposals module's; the id is stored as given and checked there on every request.
    unitId = text(String(input.unitId ?? ""), "input.unitId", { max: 32, required: true });
  }
  const password = options.password ?? temporaryPassword();
  checkPasswordRules(password, username, "password");
  const passwordHash = await hashPassword(password);
  const account = await ctx.transaction(Account, async (tx) => {
    if (await tx.repo(Account).existsBy({ username })) {
      throw badInput("input.username", `登录名 ${username} 已被使用`, `username ${username} is taken`);
    }
    if (memberId !== null && (await tx.repo(Account).existsBy({ memberId }))) {
      throw badInput("input.memberId", "该委员已有账号", "this member already has an account");
    }
    return tx.repo(Account).save(
      tx.repo(Account).create({
        username,
        passwordHash,
        role,
        committeeCode: committee,
        memberId,
        unitId,
        displayName,
        mustChangePassword: options.password === undefined,
        failedAttempts: 0,
        lockedUntil: null,
        disabled: false,
        version: 1,
      }),
    );
  });
  return { account, temporaryPassword: password };
}

/** Accounts an office may see and manage: its own committee's (ADMIN: any, or all). */
export async function listAccounts(ctx: RequestContext, committee?: string | null): Promise<Account[]> {
  ctx.requireAuthenticated();
  if (isPlatformAdmin(ctx)) {
    return ctx.repo(Account).find({
      where: committee ? { committeeCode: committee } : {},
      order: { committeeCode: "ASC", username: "ASC" },
    });
  }
  const code = committee ?? ctx.identity.committee;
  if (!code) throw forbidden("accounts");
  await ctx.assertStaffOf(code, "committee");
  return ctx.repo(Account).find({ where: { committeeCode: code }, order: { username: "ASC" } });
}

async function accountForOffice(ctx: RequestContext, rawId: string): Promise<Account> {
  ctx.requireAuthenticated();
  const id = parseId(rawId, "id");
  const account = await ctx.repo(Account).findOneBy({ id });
  const visible =
    account &&
    (isPlatformAdmin(ctx) ||
      (ctx.identity.role === "STAFF" &&
        account.role !== AccountRole.ADMIN &&
        account.committeeCode === ctx.identity.committee));
  if (!account || !visible) throw notFound("account", id, "账号");
  return account;
}

/**
 * 重置密码: the office sets a new temporary password, shown once; the person must change it
 * at the next sign-in. It also lifts a lock-out.
 */
export async function resetPassword(ctx: RequestContext, rawId: string): Promise<AccountWithPassword> {
  const account = await accountForOffice(ctx, rawId);
  const password = temporaryPassword();
  await ctx
    .repo(Account)
    .createQueryBuilder()
    .update()
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      version: () => "version + 1",
    })
    .where("id = :id", { id: account.id })
    .execute();
  return { account: (await ctx.repo(Account).findOneBy({ id: account.id }))!, temporaryPassword: password };
}

export async function setAccountDisabled(ctx: RequestContext, rawId: string, disabled: boolean): Promise<Account> {
  const account = await accountForOffice(ctx, rawId);
  await ctx
    .repo(Account)
    .createQueryBuilder()
    .update()
    .set({ disabled, version: () => "version + 1" })
    .where("id = :id", { id: account.id })
    .execute();
  return (await ctx.repo(Account).findOneBy({ id: account.id }))!;
}

/** Why a sign-in failed, for the gateway to answer with the right status and message. */
export type SignInFailure = "BAD_CREDENTIALS" | "LOCKED" | "PASSWORD_CHANGE_REQUIRED" | "DISABLED";

const failure = (reason: SignInFailure, zh: string, en: string, extra: Record<string, unknown> = {}) =>
  new AppError("UNAUTHENTICATED", zh, en, { reason, ...extra });

const badCredentials = () => failure("BAD_CREDENTIALS", "登录名或密码错误", "wrong username or password");

/**
 * Checks a password for the gateway (SYSTEM only; hidden from the public graph). A wrong
 * password counts; MAX_FAILURES in a row lock the account for LOCK_MINUTES, during which
 * even the right password is refused (so guessing cannot continue). A temporary password
 * signs in only together with the new one the person chooses.
 */
export async function authenticate(
  ctx: RequestContext,
  usernameRaw: string,
  password: string,
  newPassword?: string | null,
): Promise<SignedInAccount> {
  if (ctx.identity.role !== "SYSTEM") throw forbidden("password checks (the gateway only)");
  const username = String(usernameRaw ?? "").trim();
  const account = username ? await ctx.repo(Account).findOneBy({ username }) : null;
  const now = new Date();
  if (account?.lockedUntil && account.lockedUntil > now) {
    throw failure(
      "LOCKED",
      `连续 ${MAX_FAILURES} 次密码错误, 账号已锁定至 ${account.lockedUntil.toISOString()}, 请稍后再试或请办公室重置密码`,
      `too many wrong passwords: locked until ${account.lockedUntil.toISOString()}; try later or ask the office to reset it`,
      { lockedUntil: account.lockedUntil.toISOString() },
    );
  }
  const ok = await bcrypt.compare(String(password ?? ""), account?.passwordHash ?? DUMMY_HASH);
  if (!account) throw badCredentials();
  if (!ok) {
    await ctx
      .repo(Account)
      .createQueryBuilder()
      .update()
      .set({ failedAttempts: () => "failed_attempts + 1" })
      .where("id = :id", { id: account.id })
      .execute();
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const locked = await ctx
      .repo(Account)
      .createQueryBuilder()
      .update()
      .set({ failedAttempts: 0, lockedUntil })
      .where("id = :id AND failed_attempts >= :max", { id: account.id, max: MAX_FAILURES })
      .execute();
    if (locked.affected === 1) {
      throw failure(
        "LOCKED",
        `连续 ${MAX_FAILURES} 次密码错误, 账号已锁定 ${LOCK_MINUTES} 分钟`,
        `${MAX_FAILURES} wrong passwords in a row: the account is locked for ${LOCK_MINUTES} minutes`,
        { lockedUntil: lockedUntil.toISOString() },
      );
    }
    throw badCredentials();
  }
  if (account.disabled) throw failure("DISABLED", "账号已停用, 请联系办公室", "this account is disabled");
  const changes: Partial<Account> = { failedAttempts: 0, lockedUntil: null, lastSignInAt: now };
  if (account.mustChangePassword) {
    if (!newPassword) {
      throw failure(
        "PASSWORD_CHANGE_REQUIRED",
        "这是临时密码, 请设置新密码后登录",
        "this is a temporary password: choose a new one to sign in",
      );
    }
    checkPasswordRules(newPassword, account.username, "newPassword");
    if (newPassword === password) {
      throw badInput("newPassword", "新密码不能与临时密码相同", "must differ from the temporary password");
    }
    Object.assign(changes, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
  }
  await ctx.repo(Account).update({ id: account.id }, changes);
  return {
    accountId: String(account.id),
    username: account.username,
    role: account.role,
    committee: account.committeeCode,
    memberId: account.memberId === null ? null : String(account.memberId),
    unitId: account.unitId,
    displayName: account.displayName || account.username,
  };
}
