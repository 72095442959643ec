import path from "node:path";
import { loadConfig, stopOnSignals } from "@tongxin/sdk";
import dotenv from "dotenv";
import { startPluginHost } from "./host";

/** A plugin host process: PLUGIN_HOST names its entry in PLUGINS_CONFIG (infra/plugins.json). */
async function main() {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const hostName = process.env.PLUGIN_HOST || "plugins";
  const root = path.resolve(__dirname, "../../..");
  const host = await startPluginHost({
    hostName,
    configPath: path.resolve(process.env.PLUGINS_CONFIG || path.join(root, "infra/plugins.json")),
    pluginsDir: path.resolve(process.env.PLUGINS_DIR || path.join(root, "plugins")),
    databaseUrl: config.databaseUrl,
    internalSecret: config.internalSecret,
    membersUrl: config.membersUrl,
    port: config.port ?? 4010,
    host: config.host,
    seed: config.seed,
  });
  stopOnSignals(hostName, () => host.stop());
}

main().catch((e) => {
  console.error(`[plugin host] failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
