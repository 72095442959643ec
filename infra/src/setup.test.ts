import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Account, Committee, CommitteeTerm, Party, Sector } from "@tongxin/members";
import { dropMysqlDatabases, type RequestContext } from "@tongxin/sdk";
import { databasesUnderTest, TEST_INTERNAL_SECRET } from "@tongxin/sdk/dist/testing";
import { stringify } from "yaml";
import { applyTree, openMembersForSetup, readTreeFile, SetupError } from "./setup";

const EXAMPLE = path.join(__dirname, "../setup/zhaotong.tree.yaml");
const CLI = path.join(__dirname, "setup-cli.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-setup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};
const fails = (file: string): string => {
  try {
    readTreeFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(SetupError);
    return (e as Error).message;
  }
  throw new Error("expected the file to be refused");
};

describe("tree file checks (no database)", () => {
  it("reads the shipped example: the city and its 11 counties", () => {
    const { flat } = readTreeFile(EXAMPLE);
    expect(flat.map((f) => f.spec.code)).toHaveLength(12);
    expect(flat.filter((f) => f.parent === "zhaotong")).toHaveLength(11);
  });

  it("names the file, line, entry and field of a bad value", () => {
    const yaml = `committees:
  - code: zhaotong
    name: 昭通市政协
    level: CITY
    terms: [{ term: 5, startedOn: 2022-01-10 }]
    children:
      - code: zhenxiong
        name: 镇雄县政协
        level: COUNTY
        terms:
          - { term: 11, startedOn: 2021-13-29 }
`;
    const msg = fails(write("bad-date.yaml", yaml));
    expect(msg).toMatch(/bad-date\.yaml:11:\d+: committees\[0\]\.children\[0\]\.terms\[0\]\.startedOn \(zhenxiong\)/);
    expect(msg).toMatch(/日期|date/);
  });

  it("refuses unknown fields, wrong levels, duplicates and terms out of order", () => {
    const base = { code: "zhaotong", name: "市", level: "CITY", terms: [{ term: 5, startedOn: "2022-01-10" }] };
    const json = (o: unknown) => write(`t${Math.random()}.json`, JSON.stringify(o, null, 2));
    expect(fails(json({ committees: [{ ...base, colour: "red" }] }))).toMatch(/committees\[0\].*未知字段.*colour/);
    expect(fails(json({ committees: [{ ...base, level: "TOWN" }] }))).toMatch(/committees\[0\]\.level \(zhaotong\)/);
    expect(fails(json({ committees: [{ ...base, children: [{ ...base, code: "aa", level: "CITY" }] }] }))).toMatch(
      /children\[0\]\.level \(aa\).*cannot sit under/,
    );
    expect(fails(json({ committees: [base, base] }))).toMatch(/committees\[1\]\.code \(zhaotong\).*duplicate code/);
    expect(
      fails(
        json({
          committees: [
            {
              ...base,
              terms: [
                { term: 4, startedOn: "2022-01-10" },
                { term: 5, startedOn: "2017-01-10" },
              ],
            },
          ],
        }),
      ),
    ).toMatch(/terms\[1\]\.startedOn.*term 5 must start after term 4/);
    expect(fails(write("broken.yaml", "committees: [ { code: a\n"))).toMatch(/broken\.yaml:\d+:\d+: .*cannot parse/);
  });
});

describe.each(databasesUnderTest())("npm run setup on $kind", (db) => {
  const url = db.freshUrl();
  let members: Awaited<ReturnType<typeof openMembersForSetup>>;
  let ctx: RequestContext;
  const counts = async () => {
    const em = ctx.repo(Committee).manager;
    return {
      committees: await em.count(Committee),
      terms: await em.count(CommitteeTerm),
      sectors: await em.count(Sector),
      parties: await em.count(Party),
      accounts: await em.count(Account),
    };
  };

  beforeAll(async () => {
    members = await openMembersForSetup(url, TEST_INTERNAL_SECRET);
    ctx = members.ctx;
  });
  afterAll(async () => {
    await members?.close();
    await dropMysqlDatabases(url);
  });

  it("prints what a dry run would do and writes nothing", async () => {
    const report = await applyTree(ctx, readTreeFile(EXAMPLE), { dryRun: true });
    expect(report.actions).toContain("create committee zhenxiong 镇雄县政协 (COUNTY) under zhaotong");
    expect(report.actions).toContain("add platform party 群众");
    expect(report.passwords).toEqual([]);
    expect(await counts()).toEqual({ committees: 0, terms: 0, sectors: 0, parties: 0, accounts: 0 });
  });

  it("creates the tree, terms, lists and accounts; a second run changes nothing", async () => {
    const report = await applyTree(ctx, readTreeFile(EXAMPLE));
    expect(report.passwords.map((p) => p.username)).toContain("zhenxiong.office");
    expect(report.passwords.find((p) => p.username === "admin")).toMatchObject({ role: "ADMIN", committee: null });
    const after = await counts();
    expect(after).toMatchObject({ committees: 12, terms: 13, accounts: 13 });
    expect(after.sectors).toBe(26); // 25 on the platform list + the city's 侨联
    expect((await ctx.repo(Party).findOneByOrFail({ shortName: "群众" })).committeeCode).toBeNull();
    const city = await ctx.repo(Committee).findOneByOrFail({ code: "zhaotong" });
    expect(city).toMatchObject({ currentTerm: 5, termStartedOn: "2022-01-10", parentCode: null });
    expect(await ctx.repo(Account).findOneByOrFail({ username: "weixin.office" })).toMatchObject({
      role: "STAFF",
      committeeCode: "weixin",
      mustChangePassword: true,
    });

    const again = await applyTree(ctx, readTreeFile(EXAMPLE));
    expect(again.actions).toEqual([]);
    expect(again.passwords).toEqual([]);
    expect(await counts()).toEqual(after);
  });

  it("puts a 16-city province above the city in one file, moving the city under it", async () => {
    const county = (code: string, i: number) => ({
      code: `${code}-c${i}`,
      name: `${code} 县 ${i}`,
      level: "COUNTY",
      terms: [{ term: 11, startedOn: "2021-12-20" }],
    });
    const example = readTreeFile(EXAMPLE).tree.committees[0];
    const cities = [
      { ...example, accounts: undefined },
      ...Array.from({ length: 15 }, (_, k) => ({
        code: `city${k + 1}`,
        name: `第 ${k + 1} 市政协`,
        level: "CITY",
        terms: [{ term: 5, startedOn: "2022-01-05" }],
        children: Array.from({ length: 8 }, (_, i) => county(`city${k + 1}`, i + 1)),
      })),
    ];
    const file = write(
      "yunnan.yaml",
      stringify({
        committees: [
          {
            code: "yunnan",
            name: "云南省政协",
            level: "PROVINCE",
            terms: [{ term: 13, startedOn: "2023-01-12" }],
            children: cities,
          },
        ],
      }),
    );
    const dry = await applyTree(ctx, readTreeFile(file), { dryRun: true });
    expect(dry.actions).toContain("move committee zhaotong under yunnan");
    expect(await ctx.repo(Committee).count()).toBe(12);
    const report = await applyTree(ctx, readTreeFile(file));
    expect(report.actions.filter((a) => a.startsWith("create committee"))).toHaveLength(1 + 15 + 120);
    expect(await ctx.repo(Committee).count()).toBe(12 + 136);
    expect((await ctx.repo(Committee).findOneByOrFail({ code: "zhaotong" })).parentCode).toBe("yunnan");
    const tree = await ctx.committees();
    expect(tree.subtree("yunnan")).toHaveLength(148);
    expect(tree.path("zhenxiong")).toEqual(["yunnan", "zhaotong", "zhenxiong"]);
    expect((await applyTree(ctx, readTreeFile(file))).actions).toEqual([]);
  });

  it("writes nothing when an entry fails against the database, and says which", async () => {
    const before = await counts();
    const file = write(
      "half.yaml",
      stringify({
        committees: [
          {
            code: "newcity",
            name: "新市",
            level: "CITY",
            parent: "yunnan",
            terms: [{ term: 1, startedOn: "2024-01-01" }],
            accounts: [{ username: "newcity.m", role: "MEMBER", memberId: 999999 }],
          },
        ],
      }),
    );
    await expect(applyTree(ctx, readTreeFile(file))).rejects.toThrow(
      /half\.yaml:\d+:\d+: committees\[0\]\.accounts\[0\] \(newcity\): input\.memberId/,
    );
    expect(await counts()).toEqual(before);
    expect(await ctx.repo(Committee).existsBy({ code: "newcity" })).toBe(false);
  });

  it("runs as a command: exit codes, dry run, a root from flags", () => {
    const env = {
      ...process.env,
      DATABASE_URL: db.kind === "sqlite" ? `sqlite:${path.join(tmp, "cli-db")}` : db.freshUrl(),
    };
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: "utf8" });
    try {
      expect(run().status).toBe(2);
      const bad = run("--tree", path.join(tmp, "bad-date.yaml"));
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/nothing was written[\s\S]*bad-date\.yaml:11/);
      const dry = run(
        "--root",
        "zhaotong",
        "--name",
        "昭通市政协",
        "--term",
        "5",
        "--term-start",
        "2022-01-10",
        "--dry-run",
      );
      expect(dry.status).toBe(0);
      expect(dry.stdout).toMatch(/would create committee zhaotong 昭通市政协 \(CITY\) as a root/);
      expect(dry.stdout).not.toMatch(/temporary passwords/);
      const real = run("--root", "zhaotong", "--name", "昭通市政协", "--term", "5", "--term-start", "2022-01-10");
      expect(real.status).toBe(0);
      expect(real.stdout).toMatch(/admin\s+ADMIN\s+-\s+\S{12}/);
      expect(
        run("--root", "zhaotong", "--name", "昭通市政协", "--term", "5", "--term-start", "2022-01-10").stdout,
      ).toMatch(/up to date/);
      expect(run("--root", "zhaotong", "--name", "x", "--term", "5", "--term-start", "2022-1-10").stderr).toMatch(
        /--term-start/,
      );
    } finally {
      if (db.kind === "mysql") void dropMysqlDatabases(env.DATABASE_URL);
    }
  });
});
