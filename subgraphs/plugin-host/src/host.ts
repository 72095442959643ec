import fs from "node:fs";
import { startSubgraph, type Enablement, type ModuleDefinition, type RunningSubgraph } from "@tongxin/sdk";
import { hostVersion, isRemote, readPluginsConfig, type LocalHostConfig } from "./config";
import { loadPlugin } from "./loader";

export interface PluginHostOptions {
  /** This host's name in the configuration (and in the supergraph). */
  hostName: string;
  configPath: string;
  pluginsDir: string;
  databaseUrl: string;
  internalSecret: string;
  membersUrl?: string;
  port?: number;
  host?: string;
  seed?: boolean;
  /** How often to look at the configuration file. */
  pollMs?: number;
  log?: (message: string) => void;
}

export interface RunningPluginHost {
  subgraph: RunningSubgraph;
  /** Fingerprint of the configuration now served (also in /readyz). */
  version(): string;
  /** Re-reads the configuration now instead of waiting for the next poll. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

function hostEntry(configPath: string, hostName: string): LocalHostConfig {
  const config = readPluginsConfig(configPath);
  const entry = config.hosts.find((h) => h.name === hostName);
  if (!entry) throw new Error(`${configPath} has no host named ${hostName}`);
  if (isRemote(entry)) throw new Error(`host ${hostName} is configured as remote (url); it cannot be run here`);
  return entry;
}

function modulesFor(
  entry: LocalHostConfig,
  pluginsDir: string,
): { modules: ModuleDefinition[]; enablement: Enablement } {
  const names = Object.keys(entry.plugins).sort();
  return {
    modules: names.map((n) => loadPlugin(pluginsDir, n)),
    enablement: new Map(names.map((n) => [n, new Set(entry.plugins[n])])),
  };
}

/**
 * One subgraph process that mounts the plugins its configuration names, each with its
 * own database, and follows the configuration while running: enabling a plugin for a
 * committee takes effect at once, mounting or removing a plugin swaps the schema without
 * closing the port. An invalid configuration is refused and the previous one keeps serving.
 */
export async function startPluginHost(opts: PluginHostOptions): Promise<RunningPluginHost> {
  const log = opts.log ?? ((m: string) => console.log(`[${opts.hostName}] ${m}`));
  let entry = hostEntry(opts.configPath, opts.hostName);
  let version = hostVersion(entry);
  let lastError: string | null = null;
  const initial = modulesFor(entry, opts.pluginsDir);
  const subgraph = await startSubgraph({
    name: opts.hostName,
    modules: initial.modules,
    enablement: initial.enablement,
    databaseUrl: opts.databaseUrl,
    internalSecret: opts.internalSecret,
    membersUrl: opts.membersUrl,
    port: opts.port,
    host: opts.host,
    seed: opts.seed,
    log,
    readiness: () => ({ configVersion: version, plugins: entry.plugins, lastRejectedConfig: lastError }),
  });
  await warnUnknownCommittees(subgraph, entry, log);

  let lastText = fs.readFileSync(opts.configPath, "utf8");
  let busy: Promise<void> = Promise.resolve();
  const refresh = () => {
    busy = busy.then(async () => {
      let text: string;
      try {
        text = fs.readFileSync(opts.configPath, "utf8");
      } catch {
        return; // mid-rename
      }
      if (text === lastText) return;
      lastText = text;
      try {
        const next = hostEntry(opts.configPath, opts.hostName);
        if (hostVersion(next) === version) return;
        const { modules, enablement } = modulesFor(next, opts.pluginsDir);
        await subgraph.reload(modules, enablement);
        entry = next;
        version = hostVersion(next);
        lastError = null;
        log(
          `configuration ${version}: ${
            Object.entries(next.plugins)
              .map(([p, c]) => `${p} → ${c.join(",") || "(none)"}`)
              .join("; ") || "no plugins"
          }`,
        );
        await warnUnknownCommittees(subgraph, next, log);
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
        log(`configuration refused, still serving ${version}: ${lastError}`);
      }
    });
    return busy;
  };
  const timer = setInterval(() => void refresh(), opts.pollMs ?? 500);
  timer.unref();

  return {
    subgraph,
    version: () => version,
    refresh,
    async stop() {
      clearInterval(timer);
      await busy;
      await subgraph.stop();
    },
  };
}

/** A typo in a committee code would silently enable nothing: say so. */
async function warnUnknownCommittees(subgraph: RunningSubgraph, entry: LocalHostConfig, log: (m: string) => void) {
  try {
    const tree = await subgraph.runtime.directory.tree();
    for (const [plugin, codes] of Object.entries(entry.plugins)) {
      const unknown = codes.filter((c) => !tree.has(c));
      if (unknown.length) log(`warning: ${plugin} is enabled for unknown committees: ${unknown.join(", ")}`);
    }
  } catch {
    // members not reachable yet; the check runs again at the next reload
  }
}
