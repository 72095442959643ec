import fs from "node:fs";
import path from "node:path";
import {
  AccountRole,
  addParty,
  addSector,
  Committee,
  CommitteeLevel,
  CommitteeTerm,
  createAccount,
  createCommittee,
  membersModule,
  moveCommittee,
  Party,
  PLATFORM_PARTIES,
  PLATFORM_SECTORS,
  recordCommitteeTerm,
  Sector,
  updateCommittee,
  Account,
} from "@tongxin/members";
import { createRuntime, openModuleDatabases, RequestContext, SYSTEM, type ModuleDatabase } from "@tongxin/sdk";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";

/**
 * `npm run setup`: a platform from nothing. A tree file (YAML or JSON) names committees of
 * any depth, their terms, their own sectors and parties and the first accounts of each
 * office; the platform's reference lists and an administrator come with it. The whole file
 * is checked first (shape, codes, dates, levels, duplicates), then applied in one
 * transaction through the members module's own services, so every rule of the API holds
 * and a failure writes nothing. Applying a file again changes nothing: what exists and
 * matches is left alone; a changed name, level, parent or term date is updated.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = z
  .string()
  .regex(DATE, "日期格式应为 YYYY-MM-DD / must be a date written YYYY-MM-DD")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: "不是有效日期 / not a real date",
    },
  );
const term = z.object({ term: z.number().int().min(1).max(99), startedOn: date }).strict();
const account = z
  .object({
    username: z
      .string()
      .regex(/^[A-Za-z0-9._@-]{3,64}$/, "登录名应为 3 到 64 位字母、数字或 . _ - @ / 3-64 letters, digits or . _ - @"),
    role: z.enum(["STAFF", "MEMBER", "UNIT"]).default("STAFF"),
    displayName: z.string().max(64).optional(),
    memberId: z.union([z.string(), z.number()]).optional(),
    unitId: z.union([z.string(), z.number()]).optional(),
  })
  .strict();
const party = z.object({ name: z.string().min(1).max(64), shortName: z.string().min(1).max(32).optional() }).strict();

export interface CommitteeSpec {
  code: string;
  name: string;
  level: CommitteeLevel;
  parent?: string;
  terms: { term: number; startedOn: string }[];
  sectors?: string[];
  parties?: { name: string; shortName?: string }[];
  accounts?: z.infer<typeof account>[];
  children?: CommitteeSpec[];
}
const committee: z.ZodType<CommitteeSpec> = z.lazy(() =>
  z
    .object({
      code: z
        .string()
        .regex(
          /^[a-z][a-z0-9_-]{1,63}$/,
          "代码应为小写字母开头的 2 到 64 位字母、数字、- 或 _ / 2-64 lower-case letters, digits, - or _",
        ),
      name: z.string().min(1).max(100),
      level: z.enum(CommitteeLevel),
      parent: z.string().optional(),
      terms: z.array(term).min(1, "至少登记一届 / at least one term"),
      sectors: z.array(z.string().min(1).max(32)).optional(),
      parties: z.array(party).optional(),
      accounts: z.array(account).optional(),
      children: z.array(committee).optional(),
    })
    .strict(),
);
export const treeFileSchema = z
  .object({
    /** `default`: the platform's usual sectors (界别) and parties (党派, with 群众); or a list. */
    sectors: z.union([z.literal("default"), z.array(z.string().min(1).max(32))]).default("default"),
    parties: z.union([z.literal("default"), z.array(party)]).default("default"),
    admin: z
      .object({ username: z.string().regex(/^[A-Za-z0-9._@-]{3,64}$/), displayName: z.string().max(64).optional() })
      .strict()
      .optional(),
    committees: z.array(committee).min(1, "至少一个政协 / at least one committee"),
  })
  .strict();
export type TreeFile = z.infer<typeof treeFileSchema>;

/** A problem in the file: where (file:line:column), which entry and field, and what. */
export class SetupError extends Error {}

type Path = (string | number)[];
const show = (p: Path) => p.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${k}` : k), "");

/** Parses YAML or JSON (JSON is YAML) keeping positions, so errors name the line. */
export class TreeSource {
  private readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    const err = this.doc.errors[0];
    if (err) {
      const pos = this.lines.linePos(err.pos[0]);
      throw new SetupError(`${file}:${pos.line}:${pos.col}: 无法解析 / cannot parse: ${err.message.split("\n")[0]}`);
    }
  }

  /** file:line:col of the node at `p` (or of the nearest enclosing node that exists). */
  where(p: Path): string {
    for (let n = p.length; n >= 0; n--) {
      const node =
        n === 0 ? this.doc.contents : (this.doc.getIn(p.slice(0, n), true) as { range?: number[] } | undefined);
      const range = (node as { range?: number[] } | null | undefined)?.range;
      if (range) {
        const pos = this.lines.linePos(range[0]);
        return `${this.file}:${pos.line}:${pos.col}`;
      }
    }
    return this.file;
  }

  fail(p: Path, message: string, entry?: string): never {
    throw new SetupError(`${this.where(p)}: ${show(p) || "(file)"}${entry ? ` (${entry})` : ""}: ${message}`);
  }

  get isCollection(): boolean {
    return isMap(this.doc.contents) || isSeq(this.doc.contents);
  }
}

export interface FlatCommittee {
  spec: CommitteeSpec;
  parent: string | null;
  /** Where the entry is in the file, for messages. */
  path: Path;
}

/** Reads and checks a tree file without touching any database. */
export function readTreeFile(
  file: string,
  cwd = process.cwd(),
): { tree: TreeFile; flat: FlatCommittee[]; source: TreeSource } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch {
    throw new SetupError(`${file}: 无法读取文件 / cannot read the file`);
  }
  const source: TreeSource = new TreeSource(file, text);
  if (!source.isCollection) source.fail([], "应为包含 committees 的对象 / expected an object with `committees`");
  const parsed = treeFileSchema.safeParse(source.doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const p = issue.path.filter((k): k is string | number => typeof k !== "symbol");
    const keys = issue.code === "unrecognized_keys" ? `: ${issue.keys.join(", ")}` : "";
    source.fail(p, `${ISSUE_ZH[issue.code] ?? "无效"} / ${issue.message}${keys}`, entryAt(source.doc.toJS(), p));
  }
  const tree = parsed.data!;
  const flat: FlatCommittee[] = [];
  const seen = new Map<string, Path>();
  const walk = (list: CommitteeSpec[], parent: string | null, parentLevel: CommitteeLevel | null, at: Path) =>
    list.forEach((c, i) => {
      const p = [...at, i];
      const first = seen.get(c.code);
      if (first)
        source.fail(
          [...p, "code"],
          `代码 ${c.code} 重复, 首次出现于 ${source.where(first)} / duplicate code, first at ${show(first)}`,
          c.code,
        );
      seen.set(c.code, p);
      if (parent !== null && c.parent !== undefined && c.parent !== parent) {
        source.fail(
          [...p, "parent"],
          `下级政协的上级由嵌套决定 / a child's parent is the entry it is nested in (${parent})`,
          c.code,
        );
      }
      if (parentLevel !== null && RANK[c.level] <= RANK[parentLevel]) {
        source.fail(
          [...p, "level"],
          `${c.level} 级政协不能设在 ${parentLevel} 级之下 / a ${c.level} cannot sit under a ${parentLevel}`,
          c.code,
        );
      }
      const terms = [...c.terms].sort((a, b) => a.term - b.term);
      c.terms.forEach((t, k) => {
        if (c.terms.findIndex((x) => x.term === t.term) !== k) {
          source.fail([...p, "terms", k, "term"], `第 ${t.term} 届重复 / term ${t.term} is listed twice`, c.code);
        }
      });
      terms.forEach((t, k) => {
        if (k > 0 && t.startedOn <= terms[k - 1].startedOn) {
          const idx = c.terms.indexOf(t);
          source.fail(
            [...p, "terms", idx, "startedOn"],
            `第 ${t.term} 届应晚于第 ${terms[k - 1].term} 届 (${terms[k - 1].startedOn}) 开始 / term ${t.term} must start after term ${terms[k - 1].term}`,
            c.code,
          );
        }
      });
      c.accounts?.forEach((a, k) => {
        if (a.role === "MEMBER" && a.memberId === undefined)
          source.fail(
            [...p, "accounts", k, "memberId"],
            "委员账号须填写 memberId / a MEMBER account needs memberId",
            c.code,
          );
        if (a.role === "UNIT" && a.unitId === undefined)
          source.fail(
            [...p, "accounts", k, "unitId"],
            "承办单位账号须填写 unitId / a UNIT account needs unitId",
            c.code,
          );
      });
      flat.push({ spec: c, parent: parent ?? c.parent ?? null, path: p });
      walk(c.children ?? [], c.code, c.level, [...p, "children"]);
    });
  walk(tree.committees, null, null, ["committees"]);
  const usernames = new Map<string, Path>();
  for (const f of flat) {
    f.spec.accounts?.forEach((a, k) => {
      const p = [...f.path, "accounts", k, "username"];
      if (usernames.has(a.username)) source.fail(p, `登录名 ${a.username} 重复 / duplicate username`, f.spec.code);
      usernames.set(a.username, p);
    });
  }
  if (tree.admin && usernames.has(tree.admin.username)) {
    source.fail(["admin", "username"], `登录名 ${tree.admin.username} 重复 / duplicate username`);
  }
  return { tree, flat, source };
}

/** zod speaks English; the office reads Chinese first. */
const ISSUE_ZH: Record<string, string> = {
  invalid_type: "类型或必填项错误",
  invalid_value: "取值不在可选范围内",
  invalid_union: "取值无效",
  unrecognized_keys: "有未知字段",
  too_small: "过短或过小",
  too_big: "过长或过大",
  invalid_format: "格式错误",
  custom: "无效",
};

const RANK: Record<CommitteeLevel, number> = { NATIONAL: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 };

function entryAt(root: unknown, p: Path): string | undefined {
  let node = root as Record<string | number, unknown> | undefined;
  let code: string | undefined;
  for (const k of p) {
    if (!node || typeof node !== "object") break;
    node = node[k] as Record<string | number, unknown> | undefined;
    if (node && typeof node === "object" && typeof node.code === "string") code = node.code;
  }
  return code;
}

export interface SetupReport {
  /** One line per write, in order ("create committee zhenxiong 镇雄县政协 under zhaotong"). */
  actions: string[];
  /** Temporary passwords of accounts created now (shown once; empty on a dry run). */
  passwords: { username: string; role: string; committee: string | null; password: string }[];
  dryRun: boolean;
}

class DryRun extends Error {}

/**
 * Applies a checked tree to the members database: all of it or (on any error, or on a dry
 * run) none of it. Errors raised by the services are given the file position of the entry.
 */
export async function applyTree(
  ctx: RequestContext,
  input: { tree: TreeFile; flat: FlatCommittee[]; source?: TreeSource },
  opts: { dryRun?: boolean } = {},
): Promise<SetupReport> {
  const report: SetupReport = { actions: [], passwords: [], dryRun: !!opts.dryRun };
  const passwords: SetupReport["passwords"] = [];
  const at = async <T>(p: Path, entry: string | undefined, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      if (e instanceof DryRun || e instanceof SetupError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      const where = input.source ? `${input.source.where(p)}: ` : "";
      throw new SetupError(`${where}${show(p)}${entry ? ` (${entry})` : ""}: ${message}`);
    }
  };
  try {
    await ctx.transaction(Committee, async (tx) => {
      const { tree } = input;
      // Reference lists of the platform.
      const sectorNames = tree.sectors === "default" ? PLATFORM_SECTORS : tree.sectors;
      const platformSectors = new Set(
        (await tx.repo(Sector).find()).filter((s) => s.committeeCode === null).map((s) => s.name),
      );
      for (const [i, name] of sectorNames.entries()) {
        if (platformSectors.has(name)) continue;
        await at(["sectors", i], undefined, () => addSector(tx, { name, sortOrder: i }));
        report.actions.push(`add platform sector ${name}`);
      }
      const partyList = tree.parties === "default" ? PLATFORM_PARTIES : tree.parties;
      const platformParties = (await tx.repo(Party).find()).filter((p) => p.committeeCode === null);
      for (const [i, p] of partyList.entries()) {
        if (platformParties.some((x) => x.name === p.name || x.shortName === (p.shortName ?? p.name))) continue;
        await at(["parties", i], undefined, () => addParty(tx, { name: p.name, shortName: p.shortName, sortOrder: i }));
        report.actions.push(`add platform party ${p.shortName ?? p.name}`);
      }

      for (const f of input.flat) {
        const c = f.spec;
        const existing = await tx.repo(Committee).findOneBy({ code: c.code });
        const latest = [...c.terms].sort((a, b) => b.term - a.term)[0];
        if (!existing) {
          await at(f.path, c.code, () =>
            createCommittee(tx, {
              code: c.code,
              name: c.name,
              level: c.level,
              parent: f.parent,
              term: latest.term,
              termStartedOn: latest.startedOn,
              sortOrder: f.path[f.path.length - 1] as number,
            }),
          );
          report.actions.push(
            `create committee ${c.code} ${c.name} (${c.level})${f.parent ? ` under ${f.parent}` : " as a root"}`,
          );
        } else {
          if (existing.name !== c.name || existing.level !== c.level) {
            await at(f.path, c.code, () => updateCommittee(tx, c.code, { name: c.name, level: c.level }));
            report.actions.push(
              `update committee ${c.code}: ${existing.name} (${existing.level}) → ${c.name} (${c.level})`,
            );
          }
          if (existing.parentCode !== f.parent) {
            await at([...f.path, "parent"], c.code, () => moveCommittee(tx, c.code, f.parent));
            report.actions.push(`move committee ${c.code} under ${f.parent ?? "(root)"}`);
          }
        }
        const recorded = await tx.repo(CommitteeTerm).findBy({ committeeCode: c.code });
        for (const [k, t] of c.terms.entries()) {
          const same = recorded.find((r) => r.term === t.term);
          if (same?.startedOn === t.startedOn) continue;
          await at([...f.path, "terms", k], c.code, () => recordCommitteeTerm(tx, { committee: c.code, ...t }));
          report.actions.push(`${same ? "correct" : "record"} term ${t.term} of ${c.code} from ${t.startedOn}`);
        }
        const sectors = await tx.repo(Sector).findBy({ committeeCode: c.code });
        for (const [k, name] of (c.sectors ?? []).entries()) {
          if (sectors.some((s) => s.name === name)) continue;
          await at([...f.path, "sectors", k], c.code, () => addSector(tx, { name, committee: c.code }));
          report.actions.push(`add sector ${name} for ${c.code}`);
        }
        const parties = await tx.repo(Party).findBy({ committeeCode: c.code });
        for (const [k, p] of (c.parties ?? []).entries()) {
          if (parties.some((x) => x.name === p.name)) continue;
          await at([...f.path, "parties", k], c.code, () => addParty(tx, { ...p, committee: c.code }));
          report.actions.push(`add party ${p.name} for ${c.code}`);
        }
        for (const [k, a] of (c.accounts ?? []).entries()) {
          const found = await tx.repo(Account).findOneBy({ username: a.username });
          if (found) {
            if (found.committeeCode !== c.code || found.role !== a.role) {
              input.source?.fail(
                [...f.path, "accounts", k, "username"],
                `登录名 ${a.username} 已属于 ${found.committeeCode ?? "平台"} 的 ${found.role} 账号 / username belongs to another account`,
                c.code,
              );
              throw new SetupError(`${a.username}: username belongs to another account`);
            }
            continue;
          }
          const made = await at([...f.path, "accounts", k], c.code, () =>
            createAccount(tx, {
              username: a.username,
              role: a.role as AccountRole,
              committee: c.code,
              memberId: a.memberId === undefined ? null : String(a.memberId),
              unitId: a.unitId === undefined ? null : String(a.unitId),
              displayName: a.displayName,
            }),
          );
          passwords.push({ username: a.username, role: a.role, committee: c.code, password: made.temporaryPassword });
          report.actions.push(`create ${a.role} account ${a.username} for ${c.code}`);
        }
      }
      if (tree.admin && !(await tx.repo(Account).existsBy({ username: tree.admin.username }))) {
        const made = await at(["admin"], undefined, () =>
          createAccount(tx, {
            username: tree.admin!.username,
            role: AccountRole.ADMIN,
            displayName: tree.admin!.displayName,
          }),
        );
        passwords.push({
          username: tree.admin.username,
          role: "ADMIN",
          committee: null,
          password: made.temporaryPassword,
        });
        report.actions.push(`create ADMIN account ${tree.admin.username}`);
      }
      if (opts.dryRun) throw new DryRun();
    });
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  } finally {
    ctx.runtime.directory.invalidate();
  }
  if (!opts.dryRun) report.passwords = passwords;
  return report;
}

/** The members database of this platform (DATABASE_URL), migrated, with a SYSTEM context on it. */
export async function openMembersForSetup(
  databaseUrl: string,
  internalSecret: string,
): Promise<{ ctx: RequestContext; close(): Promise<void>; db: ModuleDatabase }> {
  const databases = await openModuleDatabases([membersModule], databaseUrl, true);
  const runtime = createRuntime([membersModule], databases, {
    internalSecret,
    membersUrl: "http://127.0.0.1:9/graphql",
  });
  return {
    ctx: new RequestContext(SYSTEM, runtime),
    db: databases.get("members")!,
    close: async () => {
      for (const d of databases.values()) await d.dataSource.destroy();
    },
  };
}

/** The tree of a first run without a file: one root committee and the administrator. */
export function rootOnlyTree(opts: {
  code: string;
  name: string;
  level: string;
  term: number;
  termStartedOn: string;
  admin: string;
}): TreeFile {
  const parsed = treeFileSchema.safeParse({
    admin: { username: opts.admin },
    committees: [
      {
        code: opts.code,
        name: opts.name,
        level: opts.level,
        terms: [{ term: opts.term, startedOn: opts.termStartedOn }],
      },
    ],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag: Record<string, string> = {
      code: "--root",
      name: "--name",
      level: "--level",
      term: "--term",
      startedOn: "--term-start",
      username: "--admin",
    };
    const key = String(issue.path[issue.path.length - 1]);
    throw new SetupError(`${flag[key] ?? key}: ${issue.message}`);
  }
  return parsed.data;
}
