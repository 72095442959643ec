import path from "node:path";
// The configuration file alone (no SDK, no modules): the supervisor stays small.
import { isRemote, readPluginsConfig } from "@tongxin/plugin-host/dist/config";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const DEFAULT_PLUGINS_CONFIG = path.join(REPO_ROOT, "infra/plugins.json");
export const PLUGINS_DIR = path.join(REPO_ROOT, "plugins");

/**
 * The processes of the platform and their ports, without loading any module: what the
 * supervisor (`npm start`) and the systemd units need. API.md's ports are 4000 gateway,
 * 4001 members, 4002 proposals, 4003 studios, 4004 training, 4010+ plugin hosts (and 4005 meetings, 4006 activities);
 * TONGXIN_PORT_OFFSET=N moves every one of them by N, so a second stack (a test, a
 * staging copy on the same machine) cannot collide with the first. PORT still sets the
 * gateway's own port, `<NAME>_URL` where the gateway reaches a subgraph.
 */
export interface ProcessSpec {
  name: string;
  port: number;
  /** The compiled entry point that runs it as a process. */
  entry: string;
}

export const CORE_PORTS: Readonly<Record<string, number>> = {
  members: 4001,
  proposals: 4002,
  studios: 4003,
  training: 4004,
  meetings: 4005,
  activities: 4006,
};
export const GATEWAY_PORT = 4000;

export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TONGXIN_PORT_OFFSET?.trim();
  if (!raw) return 0;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 60_000) {
    throw new Error(`TONGXIN_PORT_OFFSET must be a whole number from 0 to 60000, not "${raw}"`);
  }
  return Number(raw);
}

export function gatewayPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORT?.trim();
  if (!raw) return GATEWAY_PORT + portOffset(env);
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65_535) {
    throw new Error(`PORT must be a port number, not "${raw}"`);
  }
  return Number(raw);
}

export function corePort(name: string, env: NodeJS.ProcessEnv = process.env): number {
  return CORE_PORTS[name] + portOffset(env);
}

export function coreProcesses(env: NodeJS.ProcessEnv = process.env): ProcessSpec[] {
  return Object.keys(CORE_PORTS).map((name) => ({
    name,
    port: corePort(name, env),
    entry: require.resolve(`@tongxin/${name}/dist/main.js`),
  }));
}

export const pluginsConfigPath = (env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(env.PLUGINS_CONFIG || DEFAULT_PLUGINS_CONFIG);
export const pluginsDir = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.PLUGINS_DIR || PLUGINS_DIR);

/** Every local plugin host of the configuration, at its configured port (plus the offset). */
export function pluginHostProcesses(
  configPath = pluginsConfigPath(),
  env: NodeJS.ProcessEnv = process.env,
): ProcessSpec[] {
  const entry = require.resolve("@tongxin/plugin-host/dist/main.js");
  return readPluginsConfig(configPath)
    .hosts.filter((h) => !isRemote(h))
    .map((h) => ({ name: h.name, port: (h as { port: number }).port + portOffset(env), entry }));
}

export function subgraphUrl(spec: { name: string; port: number }, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${spec.name.toUpperCase()}_URL`] || `http://127.0.0.1:${spec.port}/graphql`;
}

export const readyzOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql\/?$/, "/readyz");
