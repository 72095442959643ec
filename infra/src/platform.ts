import {
  isRemote,
  loadPlugin,
  readPluginsConfig,
  type LocalHostConfig,
  type RemoteHostConfig,
} from "@tongxin/plugin-host";
import type { ModuleDefinition } from "@tongxin/sdk";
import { DEFAULT_PLUGINS_CONFIG, PLUGINS_DIR, portOffset } from "./processes";
import { coreSubgraphs, type SubgraphSpec } from "./subgraphs";

export { DEFAULT_PLUGINS_CONFIG, PLUGINS_DIR, REPO_ROOT } from "./processes";

export interface PluginHostSpec extends SubgraphSpec {
  config: LocalHostConfig;
}

/** Everything the platform runs: core subgraphs, local plugin hosts, remote (county-run) hosts. */
export interface PlatformLayout {
  core: SubgraphSpec[];
  pluginHosts: PluginHostSpec[];
  remoteHosts: RemoteHostConfig[];
  configPath: string;
  pluginsDir: string;
}

export function platformLayout(opts: { configPath?: string; pluginsDir?: string } = {}): PlatformLayout {
  const configPath = opts.configPath ?? process.env.PLUGINS_CONFIG ?? DEFAULT_PLUGINS_CONFIG;
  const pluginsDir = opts.pluginsDir ?? process.env.PLUGINS_DIR ?? PLUGINS_DIR;
  const config = readPluginsConfig(configPath);
  const entry = require.resolve("@tongxin/plugin-host/dist/main.js");
  return {
    core: coreSubgraphs(),
    pluginHosts: config.hosts
      .filter((h): h is LocalHostConfig => !isRemote(h))
      .map((h) => ({
        name: h.name,
        port: h.port + portOffset(),
        entry,
        config: h,
        modules: Object.keys(h.plugins)
          .sort()
          .map((p) => loadPlugin(pluginsDir, p)),
      })),
    remoteHosts: config.hosts.filter(isRemote),
    configPath,
    pluginsDir,
  };
}

/** Local subgraphs that serve something: a host with no plugins stays out of the supergraph. */
export function localSubgraphs(layout: PlatformLayout): SubgraphSpec[] {
  return [...layout.core, ...layout.pluginHosts.filter((h) => h.modules.length > 0)];
}

/** Every module the platform runs locally, in start order (members first: it owns the committee tree). */
export function allModules(layout: PlatformLayout = platformLayout()): ModuleDefinition[] {
  return localSubgraphs(layout).flatMap((s) => s.modules);
}
