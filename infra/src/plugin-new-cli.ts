import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./platform";
import { scaffoldPlugin } from "./plugin-new";

const USAGE =
  "usage: npm run plugin:new -- --name NAME --committee CODE [--title 中文名称] [--dir FOLDER] [--no-register]";

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: "inherit" });
  return r.status === 0;
};

/** Creates the plugin, wires it into the workspace and builds it. */
function main() {
  const { values } = parseArgs({
    options: {
      name: { type: "string" },
      committee: { type: "string" },
      title: { type: "string" },
      dir: { type: "string" },
      "no-register": { type: "boolean" },
    },
  });
  if (!values.name || !values.committee) {
    console.error(USAGE);
    process.exit(2);
  }
  const dir = path.resolve(values.dir ?? path.join(REPO_ROOT, "plugins"));
  const files = scaffoldPlugin({
    name: values.name,
    committee: values.committee,
    title: values.title,
    dir,
    repoRoot: REPO_ROOT,
  });
  const root = path.join(dir, values.name);
  console.log(`created ${path.relative(process.cwd(), root)} (${files.length} files)`);
  if (!values["no-register"]) {
    // The root build and the lock file must know the new workspace, or `npm ci` refuses it.
    const tsconfigPath = path.join(REPO_ROOT, "tsconfig.json");
    const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, "utf8")) as { references: { path: string }[] };
    const ref = path.relative(REPO_ROOT, root).split(path.sep).join("/");
    if (!tsconfig.references.some((r) => r.path === ref)) {
      tsconfig.references.splice(tsconfig.references.length - 2, 0, { path: ref });
      fs.writeFileSync(tsconfigPath, `${JSON.stringify(tsconfig, null, 2)}\n`);
    }
    if (!run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"])) {
      console.warn("npm install --offline failed: run `npm install` once to add the plugin to package-lock.json");
    }
  }
  run(process.execPath, [require.resolve("prettier/bin/prettier.cjs"), "--log-level", "warn", "--write", root]);
  if (!run(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", root])) process.exit(1);
  console.log(`built. Next:
  npx jest ${path.relative(REPO_ROOT, root)}                                   # its own test
  npm run plugin:enable -- --plugin ${values.name} --committee ${values.committee}   # on the running platform, no restart`);
}

main();
