import path from "node:path";
import { isRemote, readPluginsConfig } from "@tongxin/plugin-host";
import { loadConfig } from "@tongxin/sdk";
import { COMMITTEES } from "@tongxin/members";
import dotenv from "dotenv";
import { parseArgs } from "node:util";
import { addRemoteHost, disablePlugin, enablePlugin, removeHost, removePlugin } from "./plugin-config";
import { changePlugins } from "./plugins-admin";
import { platformLayout } from "./platform";
import { gatewayPort } from "./processes";
import { subgraphUrl } from "./subgraphs";

const USAGE = `usage: npm run plugins                                               list hosts and plugins
       npm run plugin:enable  -- --plugin NAME --committee CODE [--host HOST]
       npm run plugin:disable -- --plugin NAME --committee CODE
       npm run plugin:remove  -- --plugin NAME                      unmount it (its data is kept)
       npm run plugin:host    -- --name NAME --url URL              federate a county's own host
       npm run plugin:host    -- --name NAME --remove`;

/** Committee codes as the running gateway lists them, or the demo register's when it is not running. */
async function knownCommittees(gateway: string): Promise<ReadonlySet<string>> {
  try {
    const res = await fetch(gateway, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ committees { code } }" }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { data?: { committees: { code: string }[] } };
    if (body.data) return new Set(body.data.committees.map((c) => c.code));
  } catch {
    // not running: fall back to the committees the platform ships with
  }
  return new Set(COMMITTEES.map((c) => c.code));
}

async function main() {
  dotenv.config({ quiet: true });
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      plugin: { type: "string" },
      committee: { type: "string" },
      host: { type: "string" },
      name: { type: "string" },
      url: { type: "string" },
      remove: { type: "boolean" },
    },
  });
  const layout = platformLayout();
  if (command === "list") {
    for (const h of readPluginsConfig(layout.configPath).hosts) {
      if (isRemote(h)) console.log(`${h.name}  (remote) ${h.url}`);
      else {
        console.log(`${h.name}  (local, port ${h.port})`);
        for (const [p, codes] of Object.entries(h.plugins))
          console.log(`  ${p}: ${codes.join(", ") || "(enabled nowhere)"}`);
      }
    }
    return;
  }
  const need = (v: string | undefined, flag: string) => {
    if (!v) throw new Error(`--${flag} is required\n${USAGE}`);
    return v;
  };
  const change =
    command === "enable"
      ? (c: Parameters<typeof enablePlugin>[0]) =>
          enablePlugin(c, need(values.plugin, "plugin"), need(values.committee, "committee"), values.host)
      : command === "disable"
        ? (c: Parameters<typeof enablePlugin>[0]) =>
            disablePlugin(c, need(values.plugin, "plugin"), need(values.committee, "committee"))
        : command === "remove"
          ? (c: Parameters<typeof enablePlugin>[0]) => removePlugin(c, need(values.plugin, "plugin"))
          : command === "host"
            ? (c: Parameters<typeof enablePlugin>[0]) =>
                values.remove
                  ? removeHost(c, need(values.name, "name"))
                  : addRemoteHost(c, need(values.name, "name"), need(values.url, "url"))
            : null;
  if (!change) throw new Error(USAGE);
  const config = loadConfig();
  const port = gatewayPort();
  const ports = new Map(layout.pluginHosts.map((h) => [h.name, h.port]));
  await changePlugins(
    {
      configPath: layout.configPath,
      pluginsDir: layout.pluginsDir,
      supergraphPath: path.resolve(process.env.SUPERGRAPH_PATH || "supergraph.graphql"),
      internalSecret: config.internalSecret,
      urlOf: (s) => subgraphUrl(s),
      hostReadyz: (name) => (ports.has(name) ? `http://127.0.0.1:${ports.get(name)}/readyz` : null),
      gatewayReadyz: `http://127.0.0.1:${port}/readyz`,
      knownCommittees: () => knownCommittees(`http://127.0.0.1:${port}/graphql`),
      log: (m) => console.log(`[plugins] ${m}`),
    },
    change,
  );
  console.log(`[plugins] ${command} done; configuration in ${path.relative(process.cwd(), layout.configPath)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
