import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "@tongxin/sdk";
import dotenv from "dotenv";
import { BackupError, backupPlatform, restorePlatform } from "./backup";

const USAGE = `usage: npm run backup [-- --out DIR]            every module's database into one set (default backups/<time>)
       npm run restore -- DIR [--force]            put a set back (stop the platform first)
options: --database-url URL   instead of DATABASE_URL (restore elsewhere: another folder or server)`;

/** `npm run backup` and `npm run restore`: one consistent set of every module database, with a manifest. */
async function main() {
  dotenv.config({ quiet: true });
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      force: { type: "boolean" },
      "database-url": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || (command !== "backup" && command !== "restore")) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const databaseUrl = values["database-url"] ?? loadConfig().databaseUrl;
  const log = (m: string) => console.log(`[${command}] ${m}`);
  if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const outDir = path.resolve(values.out ?? path.join("backups", stamp));
    const started = Date.now();
    const manifest = await backupPlatform({ databaseUrl, outDir, log });
    log(`${manifest.modules.length} module databases in ${outDir} (${Date.now() - started} ms)`);
  } else {
    const fromDir = positionals[0];
    if (!fromDir) {
      console.error(USAGE);
      process.exit(2);
    }
    const manifest = await restorePlatform({ databaseUrl, fromDir: path.resolve(fromDir), force: values.force, log });
    log(`restored the set of ${manifest.createdAt} (${manifest.modules.join(", ")})`);
  }
}

main().catch((e) => {
  console.error(e instanceof BackupError ? `[backup] ${e.message}` : e);
  process.exit(1);
});
