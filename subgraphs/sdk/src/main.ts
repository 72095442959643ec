import dotenv from "dotenv";
import { loadConfig } from "./config";
import type { ModuleDefinition } from "./module";
import { startSubgraph } from "./server";

/**
 * Entry point of a subgraph process: configuration from the environment (API.md),
 * migrations at start, demo data when TONGXIN_SEED=1 and the module's tables are empty,
 * clean shutdown on SIGINT/SIGTERM.
 */
export async function runSubgraphProcess(
  name: string,
  modules: ModuleDefinition[],
  defaultPort: number,
): Promise<void> {
  try {
    dotenv.config({ quiet: true });
    const config = loadConfig();
    const running = await startSubgraph({
      name,
      modules,
      databaseUrl: config.databaseUrl,
      internalSecret: config.internalSecret,
      membersUrl: config.membersUrl,
      port: Number(process.env.PORT || defaultPort),
      host: process.env.HOST || "127.0.0.1",
      seed: process.env.TONGXIN_SEED === "1",
    });
    const shutdown = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  } catch (e) {
    console.error(`[${name}] failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
