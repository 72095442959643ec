import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig, type ImportProgress } from "@tongxin/sdk";
import dotenv from "dotenv";
import { IMPORT_KINDS, kindOfWorkbook, openAsStaff, printResult, type ImportKind } from "./import-runner";

const KINDS = IMPORT_KINDS.map((k) => `${k.name} (${k.sheets.join("、")})`).join(", ");
const USAGE = `usage: npm run import -- --committee CODE FILE.xlsx [--dry-run]
       npm run import -- --committee CODE --template roster|attendance|studios OUT.xlsx
       npm run import -- --committee CODE --export roster|attendance|studios OUT.xlsx
Acts as the office (STAFF) of --committee on DATABASE_URL; the workbook's sheet names say what it is.
Sheets: ${KINDS}`;

/** `npm run import`: the same import as the GraphQL mutations, run in process with progress. */
async function main() {
  dotenv.config({ quiet: true });
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      committee: { type: "string" },
      "dry-run": { type: "boolean" },
      template: { type: "string" },
      export: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || !values.committee || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const committee = values.committee;
  const file = positionals[0];
  const config = loadConfig();
  const named = values.template ?? values.export;
  let kind: ImportKind | null;
  let data: Buffer | null = null;
  if (named) {
    kind = IMPORT_KINDS.find((k) => k.name === named) ?? null;
    if (!kind) throw new Error(`unknown sheet ${named}; one of: ${KINDS}`);
  } else {
    data = fs.readFileSync(file);
    kind = await kindOfWorkbook(data);
    if (!kind) throw new Error(`${file} has none of the sheets ${KINDS}`);
  }
  const open = await openAsStaff(kind.module, config.databaseUrl, committee, config.internalSecret, config.membersUrl);
  try {
    await open.ctx.assertStaffOf(committee, "--committee");
    if (values.template || values.export) {
      const out = values.template ? await kind.template(open.ctx, committee) : await kind.export(open.ctx, committee);
      fs.writeFileSync(file, out);
      console.log(`wrote ${file} (${out.length} bytes)`);
      return;
    }
    const started = Date.now();
    let last = "";
    const onProgress: ImportProgress = (phase, done, total) => {
      const line = `[import] ${phase} ${done}/${total}`;
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    };
    console.log(`${kind.sheets.join("、")} → ${committee}${values["dry-run"] ? " (dry run)" : ""}`);
    const result = await kind.run(open.ctx, { committee, data: data!, dryRun: !!values["dry-run"], onProgress });
    printResult(result);
    console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (result.errors.length) process.exitCode = 1;
  } finally {
    await open.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
