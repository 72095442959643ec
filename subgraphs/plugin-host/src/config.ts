import { createHash } from "node:crypto";
import fs from "node:fs";

/**
 * Plugin configuration (infra/plugins.json): which hosts exist, which plugins each
 * mounts, and for which committees each plugin is enabled. A local host is started by
 * `npm start`; a remote one (a county's own server) is only federated by its URL.
 */
export interface LocalHostConfig {
  name: string;
  port: number;
  /** plugin name → committees where it is enabled */
  plugins: Record<string, string[]>;
}
export interface RemoteHostConfig {
  name: string;
  url: string;
}
export type HostConfig = LocalHostConfig | RemoteHostConfig;
export interface PluginsConfig {
  hosts: HostConfig[];
}

export const isRemote = (h: HostConfig): h is RemoteHostConfig => "url" in h && !("plugins" in h);

export class PluginsConfigError extends Error {}

const NAME = /^[a-z][a-z0-9_]{1,40}$/;
const PLUGIN = /^[a-z][a-z0-9]{1,30}$/;

/** Validates the shape, naming the offending entry; committee codes are checked by the host against the tree. */
export function parsePluginsConfig(text: string, source = "plugins.json"): PluginsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PluginsConfigError(`${source}: not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  const hosts = (raw as { hosts?: unknown }).hosts;
  if (!Array.isArray(hosts)) throw new PluginsConfigError(`${source}: "hosts" must be a list`);
  const names = new Set<string>();
  const mounted = new Map<string, string>();
  hosts.forEach((h: Record<string, unknown>, i: number) => {
    const where = `${source}: hosts[${i}]`;
    if (typeof h?.name !== "string" || !NAME.test(h.name)) {
      throw new PluginsConfigError(`${where}.name must be lowercase letters, digits or _ (it becomes a subgraph name)`);
    }
    if (names.has(h.name)) throw new PluginsConfigError(`${where}.name "${h.name}" is used twice`);
    names.add(h.name);
    if (h.plugins === undefined) {
      if (typeof h.url !== "string" || !/^https?:\/\//.test(h.url)) {
        throw new PluginsConfigError(`${where} needs either "plugins" (a local host) or "url" (a remote host)`);
      }
      return;
    }
    if (!Number.isInteger(h.port) || (h.port as number) < 1 || (h.port as number) > 65535) {
      throw new PluginsConfigError(`${where}.port must be a port number`);
    }
    if (typeof h.plugins !== "object" || h.plugins === null || Array.isArray(h.plugins)) {
      throw new PluginsConfigError(`${where}.plugins must map plugin names to committee codes`);
    }
    for (const [plugin, committees] of Object.entries(h.plugins as Record<string, unknown>)) {
      if (!PLUGIN.test(plugin)) throw new PluginsConfigError(`${where}.plugins: "${plugin}" is not a plugin name`);
      if (mounted.has(plugin)) {
        throw new PluginsConfigError(`${where}.plugins: ${plugin} is already mounted by host ${mounted.get(plugin)}`);
      }
      mounted.set(plugin, h.name);
      if (!Array.isArray(committees) || committees.some((c) => typeof c !== "string")) {
        throw new PluginsConfigError(`${where}.plugins.${plugin} must be a list of committee codes`);
      }
    }
  });
  return { hosts: hosts as HostConfig[] };
}

export function readPluginsConfig(path: string): PluginsConfig {
  return parsePluginsConfig(fs.readFileSync(path, "utf8"), path);
}

/** Writes atomically, so a host polling the file never reads half of it. */
export function writePluginsConfig(path: string, config: PluginsConfig): void {
  const tmp = `${path}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`);
  fs.renameSync(tmp, path);
}

/** A short fingerprint of what a host serves; /readyz reports it so tools can wait for a reload. */
export function hostVersion(host: LocalHostConfig): string {
  const canonical = Object.keys(host.plugins)
    .sort()
    .map((p) => `${p}:${[...host.plugins[p]].sort().join(",")}`)
    .join(";");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 12);
}
