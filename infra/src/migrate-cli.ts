import { parseArgs } from "node:util";
import { loadConfig, openModuleDatabase } from "@tongxin/sdk";
import dotenv from "dotenv";
import { allModules } from "./platform";

const USAGE = `usage: npm run migrate                       run pending migrations of every module
       npm run migrate -- --status           list applied and pending migrations
       npm run migrate -- --revert MODULE    undo the last migration of one module`;

/** `npm run migrate`: each module migrates its own database (file or MySQL database). */
async function main() {
  dotenv.config({ quiet: true });
  const { values } = parseArgs({
    options: { status: { type: "boolean" }, revert: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const modules = allModules();
  if (values.revert && !modules.some((m) => m.name === values.revert)) {
    throw new Error(`no module named ${values.revert}; modules: ${modules.map((m) => m.name).join(", ")}`);
  }
  for (const m of modules) {
    if (values.revert && m.name !== values.revert) continue;
    const db = await openModuleDatabase({
      moduleName: m.name,
      databaseUrl: config.databaseUrl,
      entities: m.entities,
      migrations: m.migrations,
    });
    try {
      if (values.status) {
        const pending = await db.dataSource.showMigrations();
        console.log(`${m.name} (${db.describe}): ${pending ? "pending migrations" : "up to date"}`);
      } else if (values.revert) {
        await db.dataSource.undoLastMigration({ transaction: "each" });
        console.log(`${m.name}: reverted the last migration (${db.describe})`);
      } else {
        const ran = await db.dataSource.runMigrations({ transaction: "each" });
        console.log(`${m.name}: ${ran.length ? ran.map((r) => r.name).join(", ") : "up to date"} (${db.describe})`);
      }
    } finally {
      await db.dataSource.destroy();
    }
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
