import path from "node:path";
import dotenv from "dotenv";
import { composeToFile } from "./compose";
import { coreSubgraphs, subgraphUrl } from "./subgraphs";

/** `npm run compose`: writes supergraph.graphql, or fails loudly with every composition error. */
async function main() {
  dotenv.config({ quiet: true });
  const out = path.resolve(process.env.SUPERGRAPH_PATH || "supergraph.graphql");
  const specs = coreSubgraphs();
  await composeToFile(specs, (s) => subgraphUrl(s), out);
  console.log(`composed ${specs.map((s) => s.name).join(", ")} into ${out}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
