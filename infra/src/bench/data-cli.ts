import { generateBenchData } from "./generate";
import { argsOf, markReady, targets, urlFor } from "./options";

/** `npm run bench:data -- --scale 11 [--db sqlite,mysql]`: the demo city cloned `scale` times. */
async function main() {
  const args = argsOf(process.argv.slice(2));
  const scales = (args.get("scale") ?? "11").split(",").map(Number);
  if (scales.some((s) => !Number.isInteger(s) || s < 1)) throw new Error("--scale: a whole number ≥ 1");
  for (const kind of await targets(args.get("db"))) {
    for (const scale of scales) {
      await generateBenchData(urlFor(kind, scale), scale, (m) => console.log(`[bench:data ${kind} ${scale}×] ${m}`));
      markReady(kind, scale);
    }
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
