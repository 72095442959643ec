import os from "node:os";
import { benchScale, describeTarget, p50, p95, type Row } from "./bench";
import { generateBenchData } from "./generate";
import { argsOf, dataReady, markReady, targets, urlFor } from "./options";

const DEMO_CITY = "zhaotong";
const f0 = (x: number) => x.toFixed(0);

function table(rows: Row[]): string {
  const lines = [
    "| db | data | committees / members / proposals | city p50 / p95 ms | city SQL / request | city CPU ms / request | root p50 / p95 ms | root SQL | root CPU ms | root ÷ city (p50) | RSS MB | errors | figures checked |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const root = r.root;
    lines.push(
      [
        "",
        r.db,
        `${r.scale}×`,
        `${r.size.committees} / ${r.size.members} / ${r.size.proposals}`,
        `${f0(p50(r.city.ms))} / ${f0(p95(r.city.ms))}`,
        f0(p50(r.city.statements)),
        f0(p50(r.city.cpuMs)),
        root ? `${f0(p50(root.ms))} / ${f0(p95(root.ms))}` : "—",
        root ? f0(p50(root.statements)) : "—",
        root ? f0(p50(root.cpuMs)) : "—",
        root ? (p50(root.ms) / p50(r.city.ms)).toFixed(2) : "—",
        f0(r.rssMb),
        String(r.city.errors + (root?.errors ?? 0)),
        [
          `${r.check.compared - r.check.mismatches.length - r.check.unanswered.length} equal`,
          r.check.mismatches.length ? `${r.check.mismatches.length} DIFFER` : "",
          r.check.unanswered.length ? `${r.check.unanswered.length} not answered (errors)` : "",
        ]
          .filter(Boolean)
          .join(", "),
        "",
      ]
        .join(" | ")
        .trim(),
    );
  }
  return lines.join("\n");
}

/**
 * `npm run bench -- [--scales 1,11] [--db sqlite,mysql] [--requests 20] [--seconds 60]`:
 * the dashboard's city view (and the root of the tree) on each data set, generated first
 * when missing.
 */
async function main() {
  const args = argsOf(process.argv.slice(2));
  const scales = (args.get("scales") ?? "1,11").split(",").map(Number);
  const requests = Number(args.get("requests") ?? 20);
  const seconds = Number(args.get("seconds") ?? 60);
  const rows: Row[] = [];
  for (const kind of await targets(args.get("db"))) {
    let reference: Record<string, unknown> | null = null;
    for (const scale of [...scales].sort((a, b) => a - b)) {
      const databaseUrl = urlFor(kind, scale);
      if (!dataReady(kind, scale) || args.has("regenerate")) {
        await generateBenchData(databaseUrl, scale, (m) => console.log(`[bench:data ${kind} ${scale}×] ${m}`));
        markReady(kind, scale);
      }
      console.log(`[bench] ${describeTarget(databaseUrl)} ${scale}×: ${requests} requests per committee…`);
      const row = await benchScale({
        db: describeTarget(databaseUrl),
        databaseUrl,
        scale,
        requests,
        seconds,
        demoCity: DEMO_CITY,
        reference,
      });
      if (scale === 1) reference = row.city.data;
      for (const m of row.check.mismatches.slice(0, 10)) console.error(`  ✗ ${m}`);
      rows.push(row);
    }
  }
  console.log("");
  console.log(table(rows));
  console.log("");
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${f0(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; ` +
      `load average during the runs ${rows.map((r) => r.load.toFixed(1)).join(", ")}. ` +
      `Gateway, subgraphs and plugin hosts run in this one process (CPU and RSS are its own).`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
