import path from "node:path";
import { loadConfig } from "@tongxin/sdk";
import dotenv from "dotenv";
import { composePlatformToFile } from "./compose";
import { platformLayout } from "./platform";
import { subgraphUrl } from "./subgraphs";

/** `npm run compose`: writes supergraph.graphql, or fails loudly with every problem found. */
async function main() {
  dotenv.config({ quiet: true });
  const out = path.resolve(process.env.SUPERGRAPH_PATH || "supergraph.graphql");
  const names = await composePlatformToFile(platformLayout(), (s) => subgraphUrl(s), loadConfig().internalSecret, out);
  console.log(`composed ${names.join(", ")} into ${out}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
