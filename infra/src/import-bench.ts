import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropMysqlDatabases, parseDatabaseUrl, runSeeds, writeWorkbook, type SheetValue } from "@tongxin/sdk";
import { importMembersRoster, membersModule, ROSTER_SHEET } from "@tongxin/members";
import { openAsStaff, printResult } from "./import-runner";

/**
 * `npm run bench:import`: a 2,500-member 委员名册 (new people with ID cards, seats on one
 * county) generated, imported and imported again, with the time of each step. On a fresh
 * SQLite folder by default; BENCH_DATABASE_URL=mysql://… measures MySQL/MariaDB (its
 * bench databases are dropped afterwards). The goal is 2,500 members + 1,300
 * proposals under 60 s; this measures the members part.
 */
const SIZE = Number(process.env.BENCH_MEMBERS || 2500);
const COMMITTEE = "zhenxiong";
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "文华明国建平志红军伟芳丽英杰敏静强磊洋艳勇军霞刚桂兰秀珍凤云玉梅德海波涛超辉鹏飞";

function idCard(seq: number): { card: string; birth: string } {
  const y = 1955 + (seq % 40);
  const m = 1 + (seq % 12);
  const d = 1 + (seq % 28);
  const birth = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const body = `530627${birth.replace(/-/g, "")}${String(seq % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((a, x, i) => a + x * Number(body[i]), 0);
  return { card: body + "10X98765432"[sum % 11], birth };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tongxin-bench-import-"));
  const url = process.env.BENCH_DATABASE_URL || `sqlite:${tmp}`;
  const target = parseDatabaseUrl(url);
  if (target.kind === "mysql" && !/bench/.test(target.database)) {
    throw new Error("BENCH_DATABASE_URL's database name must contain 'bench' (its databases are dropped afterwards)");
  }
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = process.hrtime.bigint();
    const out = await work();
    console.log(`${label.padEnd(40)} ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s`);
    return out;
  };
  const open = await openAsStaff(membersModule, url, COMMITTEE, "bench-internal-secret", "http://127.0.0.1:9/graphql");
  try {
    const ds = open.databases.get("members")!.dataSource;
    console.log(`database: ${open.databases.get("members")!.describe}`);
    await time("demo register (committees, sectors, seats)", () =>
      runSeeds([membersModule], open.databases, open.ctx.runtime, () => undefined),
    );
    const sectors: { name: string }[] = await ds.query("SELECT name FROM sector ORDER BY sort_order");
    const [{ term }]: { term: number }[] = await ds.query(
      `SELECT current_term AS term FROM committee WHERE code = '${COMMITTEE}'`,
    );
    const rows: Record<string, SheetValue>[] = [];
    for (let i = 0; i < SIZE; i++) {
      const { card, birth } = idCard(i + 1);
      rows.push({
        name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length],
        gender: i % 4 === 0 ? "FEMALE" : "MALE",
        ethnicity: i % 9 === 0 ? "彝族" : "汉族",
        idCard: card,
        birthDate: birth,
        sector: sectors[i % sectors.length].name,
        workplace: `镇雄县第${(i % 60) + 1}中学`,
        jobTitle: "教师",
        term: Number(term),
        position: "MEMBER",
        startedOn: "2022-01-10",
        commitmentSignedOn: i % 3 === 0 ? "2023-02-01" : null,
      });
    }
    const data = await time(`generate ${SIZE}-row XLSX`, () =>
      writeWorkbook([{ sheet: ROSTER_SHEET, rows, choices: { sectors: [], parties: [] } }]),
    );
    console.log(
      `file: ${(data.length / 1024).toFixed(0)} KiB (${((data.length * 4) / 3 / 1024).toFixed(0)} KiB as base64)`,
    );
    const committee = COMMITTEE;
    const run = (dryRun: boolean) => importMembersRoster(open.ctx, { committee, data, dryRun });
    const dry = await time("import --dry-run (check only)", () => run(true));
    printResult(dry, (s) => console.log(`  ${s}`));
    const wrote = await time(`import ${SIZE} members (check + write)`, () => run(false));
    printResult(wrote, (s) => console.log(`  ${s}`));
    const again = await time("import the same file again", () => run(false));
    printResult(again, (s) => console.log(`  ${s}`));
    if (wrote.errors.length || wrote.created !== SIZE || again.created + again.updated !== 0) process.exitCode = 1;
  } finally {
    await open.close();
    if (target.kind === "mysql") await dropMysqlDatabases(url);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
