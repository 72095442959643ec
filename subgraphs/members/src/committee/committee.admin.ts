import { badInput, CommitteeTree, forbidden, text, type RequestContext } from "@tongxin/sdk";
import { Committee, CommitteeLevel } from "./committee.entity";
import { CommitteeTerm } from "./committee-term.entity";
import { assertTermOrder, currentSpan, parseTerm, spansOf } from "./committee-term.service";
import type { CommitteeTermInput, CreateCommitteeInput, UpdateCommitteeInput } from "./committee.inputs";

/**
 * Setting up and reshaping the committee tree. Who may:
 * - the platform administrator (ADMIN) and the platform itself (SYSTEM, `npm run setup`):
 *   anywhere, including a new root above today's (a province above the city);
 * - a committee office (STAFF): inside its own subtree (the city adds a county below
 *   itself; a county cannot touch the city or a sibling), never its own place in the tree.
 * Checks use today's RequestContext scope methods, so they move with them.
 */
export const isPlatformAdmin = (ctx: RequestContext) => ctx.identity.role === "ADMIN" || ctx.identity.role === "SYSTEM";

/**
 * The tree as this request's transaction sees it. The shared directory is for scope checks
 * of ordinary requests; a setup run that creates a committee and then its children in one
 * transaction must read its own writes.
 */
export async function treeOf(ctx: RequestContext): Promise<CommitteeTree> {
  const rows = await ctx.repo(Committee).find();
  return new CommitteeTree(rows.map((c) => ({ code: c.code, name: c.name, level: c.level, parentCode: c.parentCode })));
}

export async function committeeExists(ctx: RequestContext, code: string): Promise<boolean> {
  return ctx.repo(Committee).existsBy({ code });
}

/** ADMIN anywhere; STAFF on `code` or below their committee. Unknown → NOT_FOUND. */
export async function assertCanManageTree(ctx: RequestContext, code: string): Promise<void> {
  ctx.requireAuthenticated();
  if (isPlatformAdmin(ctx)) {
    await assertExists(ctx, code);
    return;
  }
  await ctx.assertCanReadCommittee(code);
}

async function assertExists(ctx: RequestContext, code: string, field = "code"): Promise<void> {
  if (!(await ctx.repo(Committee).existsBy({ code }))) {
    throw badInput(field, `没有代码为 ${code} 的政协`, `no committee with code ${code}`);
  }
}

/** Levels from the top: a child sits strictly lower than its parent. */
const RANK: Record<CommitteeLevel, number> = {
  [CommitteeLevel.NATIONAL]: 0,
  [CommitteeLevel.PROVINCE]: 1,
  [CommitteeLevel.CITY]: 2,
  [CommitteeLevel.COUNTY]: 3,
};

export function assertLevelBelow(child: CommitteeLevel, parent: CommitteeLevel, field: string): void {
  if (RANK[child] <= RANK[parent]) {
    throw badInput(
      field,
      `${child} 级政协不能设在 ${parent} 级政协之下`,
      `a ${child} committee cannot sit under a ${parent} committee`,
    );
  }
}

const CODE = /^[a-z][a-z0-9_-]{1,63}$/;

export function parseCode(value: string, field: string): string {
  const code = String(value ?? "").trim();
  if (!CODE.test(code)) {
    throw badInput(
      field,
      "代码应为 2 到 64 位小写字母、数字、- 或 _, 以字母开头, 如 zhenxiong",
      "must be 2-64 lower-case letters, digits, - or _, starting with a letter, e.g. zhenxiong",
    );
  }
  return code;
}

function parseLevel(value: unknown, field: string): CommitteeLevel {
  if (!Object.values(CommitteeLevel).includes(value as CommitteeLevel)) {
    const list = Object.values(CommitteeLevel).join(", ");
    throw badInput(field, `层级应为 ${list} 之一`, `must be one of ${list}`);
  }
  return value as CommitteeLevel;
}

function parseSortOrder(value: number | null | undefined, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    throw badInput(field, "排序应为 0 到 100000 的整数", "must be an integer from 0 to 100000");
  }
  return value;
}

/** The tree changed: this process's directory must not serve the old one (others refresh within its TTL). */
function treeChanged(ctx: RequestContext): void {
  ctx.runtime.directory.invalidate();
}

export async function createCommittee(ctx: RequestContext, input: CreateCommitteeInput): Promise<Committee> {
  ctx.requireAuthenticated();
  const code = parseCode(input.code, "input.code");
  const name = text(input.name, "input.name", { max: 100, required: true });
  const level = parseLevel(input.level, "input.level");
  const { term, startedOn } = parseTerm({ term: input.term, startedOn: input.termStartedOn }, "input");
  const parentCode = input.parent ? String(input.parent).trim() : null;
  if (parentCode === null) {
    if (!isPlatformAdmin(ctx)) throw forbidden("creating a root committee (platform administrators only)");
  } else {
    await assertCanManageTree(ctx, parentCode);
  }
  const sortOrder = parseSortOrder(input.sortOrder, "input.sortOrder");
  const created = await ctx.transaction(Committee, async (tx) => {
    if (await tx.repo(Committee).existsBy({ code })) {
      throw badInput("input.code", `代码 ${code} 已被使用`, `code ${code} is already taken`);
    }
    let order = sortOrder;
    if (parentCode) {
      const parent = await tx.repo(Committee).findOneBy({ code: parentCode });
      if (!parent) throw badInput("input.parent", `没有代码为 ${parentCode} 的政协`, `no committee ${parentCode}`);
      assertLevelBelow(level, parent.level, "input.level");
      order ??= await tx.repo(Committee).countBy({ parentCode });
    }
    await tx.repo(Committee).insert({
      code,
      name,
      level,
      parentCode,
      currentTerm: term,
      termStartedOn: startedOn,
      sortOrder: order ?? 0,
    });
    await tx.repo(CommitteeTerm).insert({ committeeCode: code, term, startedOn });
    return (await tx.repo(Committee).findOneBy({ code }))!;
  });
  treeChanged(ctx);
  return created;
}

export async function updateCommittee(
  ctx: RequestContext,
  rawCode: string,
  input: UpdateCommitteeInput,
): Promise<Committee> {
  await assertCanManageTree(ctx, rawCode);
  const values: Partial<Committee> = {};
  if (input.name !== undefined && input.name !== null) {
    values.name = text(input.name, "input.name", { max: 100, required: true });
  }
  const sortOrder = parseSortOrder(input.sortOrder, "input.sortOrder");
  if (sortOrder !== undefined) values.sortOrder = sortOrder;
  const updated = await ctx.transaction(Committee, async (tx) => {
    const c = (await tx.repo(Committee).findOneBy({ code: rawCode }))!;
    if (input.level !== undefined && input.level !== null) {
      const level = parseLevel(input.level, "input.level");
      const parent = c.parentCode ? await tx.repo(Committee).findOneBy({ code: c.parentCode }) : null;
      if (parent) assertLevelBelow(level, parent.level, "input.level");
      for (const child of await tx.repo(Committee).findBy({ parentCode: c.code })) {
        assertLevelBelow(child.level, level, "input.level");
      }
      values.level = level;
    }
    if (Object.keys(values).length === 0) throw badInput("input", "没有要修改的字段", "nothing to change");
    await tx.repo(Committee).update({ code: c.code }, values);
    return (await tx.repo(Committee).findOneBy({ code: c.code }))!;
  });
  treeChanged(ctx);
  return updated;
}

/**
 * Moves a committee (and everything below it) under another parent, or makes it a root.
 * A committee cannot move below itself. STAFF move only inside their subtree and never
 * their own committee; a new root, or anything outside one office's subtree, is ADMIN's.
 */
export async function moveCommittee(ctx: RequestContext, rawCode: string, parent: string | null): Promise<Committee> {
  await assertCanManageTree(ctx, rawCode);
  const newParent = parent ? String(parent).trim() : null;
  if (!isPlatformAdmin(ctx)) {
    if (rawCode === ctx.identity.committee) throw forbidden("moving your own committee (platform administrators only)");
    if (newParent === null) throw forbidden("making a root committee (platform administrators only)");
  }
  if (newParent !== null) await assertCanManageTree(ctx, newParent);
  const moved = await ctx.transaction(Committee, async (tx) => {
    const c = (await tx.repo(Committee).findOneBy({ code: rawCode }))!;
    if (newParent !== null) {
      // Walk up from the new parent: meeting the committee itself means a cycle.
      const all = await tx.repo(Committee).find();
      const byCode = new Map(all.map((x) => [x.code, x]));
      for (let at: string | null = newParent, steps = 0; at !== null && steps <= all.length; steps++) {
        if (at === c.code) {
          throw badInput(
            "parent",
            `不能把 ${c.code} 移到它自己或其下级 ${newParent} 之下`,
            `cannot move ${c.code} under itself or its descendant ${newParent}`,
          );
        }
        at = byCode.get(at)?.parentCode ?? null;
      }
      assertLevelBelow(c.level, byCode.get(newParent)!.level, "parent");
    }
    await tx.repo(Committee).update({ code: c.code }, { parentCode: newParent });
    return (await tx.repo(Committee).findOneBy({ code: c.code }))!;
  });
  treeChanged(ctx);
  return moved;
}

/**
 * Records a term (届) with its first plenary session, or corrects the date of a recorded
 * one. The committee's own office does it (or ADMIN); terms stay in date order.
 */
export async function recordCommitteeTerm(ctx: RequestContext, input: CommitteeTermInput): Promise<Committee> {
  ctx.requireAuthenticated();
  const code = String(input.committee ?? "").trim();
  if (isPlatformAdmin(ctx)) await assertExists(ctx, code, "input.committee");
  else await ctx.assertStaffOf(code, "input.committee");
  const { term, startedOn } = parseTerm(input, "input");
  const updated = await ctx.transaction(Committee, async (tx) => {
    const c = (await tx.repo(Committee).findOneBy({ code }))!;
    const rows = await tx.repo(CommitteeTerm).find({ where: { committeeCode: code }, order: { term: "ASC" } });
    const others = spansOf(c, rows).filter((s) => s.term !== term);
    assertTermOrder(others, term, startedOn, "input");
    const existing = rows.find((r) => r.term === term);
    if (existing) await tx.repo(CommitteeTerm).update({ id: existing.id }, { startedOn });
    else await tx.repo(CommitteeTerm).insert({ committeeCode: code, term, startedOn });
    // A committee from before the terms table keeps its old current term as a recorded row.
    if (rows.length === 0 && c.currentTerm !== term) {
      await tx.repo(CommitteeTerm).insert({ committeeCode: code, term: c.currentTerm, startedOn: c.termStartedOn });
    }
    // The columns mirror the term running today, for readers that predate the terms table.
    const spans = spansOf(c, await tx.repo(CommitteeTerm).find({ where: { committeeCode: code } }));
    const now = currentSpan(spans);
    await tx.repo(Committee).update({ code }, { currentTerm: now.term, termStartedOn: now.startedOn });
    return (await tx.repo(Committee).findOneBy({ code }))!;
  });
  treeChanged(ctx);
  return updated;
}
