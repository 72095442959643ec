import { parseArgs } from "node:util";
import { loadConfig } from "@tongxin/sdk";
import dotenv from "dotenv";
import { applyTree, openMembersForSetup, readTreeFile, rootOnlyTree, SetupError, type SetupReport } from "./setup";

const USAGE = `usage: npm run setup -- --tree FILE.yaml|FILE.json [--dry-run]
       npm run setup -- --root CODE --name NAME --level CITY --term N --term-start YYYY-MM-DD [--admin USERNAME] [--dry-run]

Creates the committee tree, terms, sectors, parties and first accounts of a platform started
without demo data (TONGXIN_SEED=0), in the database of DATABASE_URL (default sqlite:./data).
The whole input is checked first; on any problem nothing is written. Running it again with
the same input changes nothing. Accounts get a temporary password, printed once here, to be
changed at the first sign-in. Example tree: infra/setup/zhaotong.tree.yaml`;

function print(report: SetupReport): void {
  const verb = report.dryRun ? "would" : "did";
  if (report.actions.length === 0) console.log("已是最新, 没有需要写入的内容 / up to date: nothing to write");
  else {
    console.log(report.dryRun ? "试运行, 未写入 / dry run, nothing written:" : "已写入 / written:");
    for (const a of report.actions) console.log(`  ${verb === "would" ? "would " : ""}${a}`);
  }
  if (report.passwords.length) {
    console.log(
      "\n临时密码 (只显示这一次, 首次登录须修改) / temporary passwords (shown once, changed at first sign-in):",
    );
    for (const p of report.passwords) {
      console.log(`  ${p.username.padEnd(24)} ${p.role.padEnd(6)} ${(p.committee ?? "-").padEnd(14)} ${p.password}`);
    }
  }
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        tree: { type: "string" },
        "dry-run": { type: "boolean" },
        root: { type: "string" },
        name: { type: "string" },
        level: { type: "string", default: "CITY" },
        term: { type: "string" },
        "term-start": { type: "string" },
        admin: { type: "string", default: "admin" },
        help: { type: "boolean" },
      },
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help || (!values.tree && !values.root)) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  try {
    const input = values.tree
      ? readTreeFile(String(values.tree), process.env.INIT_CWD ?? process.cwd())
      : (() => {
          const tree = rootOnlyTree({
            code: String(values.root),
            name: String(values.name ?? ""),
            level: String(values.level),
            term: Number(values.term),
            termStartedOn: String(values["term-start"] ?? ""),
            admin: String(values.admin),
          });
          return {
            tree,
            flat: tree.committees.map((c) => ({ spec: c, parent: null, path: ["committees", 0] })),
          };
        })();
    const members = await openMembersForSetup(config.databaseUrl, config.internalSecret);
    try {
      print(await applyTree(members.ctx, input, { dryRun: !!values["dry-run"] }));
    } finally {
      await members.close();
    }
    return 0;
  } catch (e) {
    if (e instanceof SetupError) {
      console.error(`设置未完成, 未写入任何内容 / setup stopped, nothing was written:\n  ${e.message}`);
      return 1;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
