import fs from "node:fs";
import path from "node:path";
import { mysqlReachable } from "@tongxin/sdk";
import { benchDatabaseUrl } from "./generate";

/** `--name value` pairs of the command line. */
export function argsOf(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    if (m[2] !== undefined) out.set(m[1], m[2]);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) out.set(m[1], argv[++i]);
    else out.set(m[1], "true");
  }
  return out;
}

export const MYSQL_BASE = process.env.BENCH_MYSQL_URL || "mysql://root@127.0.0.1:3306/tongxin_bench";

/** The stores asked for (`--db sqlite,mysql`; default both, MySQL when it answers). */
export async function targets(arg: string | undefined): Promise<("sqlite" | "mysql")[]> {
  const wanted = (arg ?? "sqlite,mysql").split(",").map((s) => s.trim()) as ("sqlite" | "mysql")[];
  const out: ("sqlite" | "mysql")[] = [];
  for (const kind of wanted) {
    if (kind !== "sqlite" && kind !== "mysql") throw new Error(`--db: sqlite or mysql, not ${kind}`);
    if (kind === "mysql" && !(await mysqlReachable(MYSQL_BASE))) {
      if (arg) throw new Error(`MySQL does not answer at ${MYSQL_BASE}`);
      console.warn(`MySQL does not answer at ${MYSQL_BASE}: SQLite only`);
      continue;
    }
    out.push(kind);
  }
  return out;
}

/** A file next to the SQLite bench data saying which data sets are complete. */
const markerPath = (kind: string, scale: number) => path.resolve("data/bench", `x${scale}.${kind}.done`);
export const dataReady = (kind: string, scale: number) => fs.existsSync(markerPath(kind, scale));
export function markReady(kind: string, scale: number): void {
  fs.mkdirSync(path.dirname(markerPath(kind, scale)), { recursive: true });
  fs.writeFileSync(markerPath(kind, scale), new Date().toISOString());
}
export const urlFor = (kind: "sqlite" | "mysql", scale: number) => benchDatabaseUrl(kind, scale, MYSQL_BASE);
