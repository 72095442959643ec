import { createHash } from "node:crypto";
import fs from "node:fs";
import { z } from "zod";

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

const hostName = z
  .string("must be lowercase letters, digits or _ (it becomes a subgraph name)")
  .regex(NAME, "must be lowercase letters, digits or _ (it becomes a subgraph name)");
const LocalHost = z.object({
  name: hostName,
  port: z.int("must be a port number").min(1, "must be a port number").max(65535, "must be a port number"),
  plugins: z.record(
    z.string().regex(PLUGIN, "is not a plugin name"),
    z.array(z.string("must be a list of committee codes"), "must be a list of committee codes"),
    {
      error: (issue) =>
        issue.code === "invalid_key" ? "is not a plugin name" : "must map plugin names to committee codes",
    },
  ),
});
const needsEither = 'needs either "plugins" (a local host) or "url" (a remote host)';
const RemoteHost = z.object({
  name: hostName,
  url: z.string(needsEither).regex(/^https?:\/\//, needsEither),
});
const File = z.object({ hosts: z.array(z.unknown(), '"hosts" must be a list') });

/** The first problem zod found, as `plugins.json: hosts[0].port must be a port number`. */
function problem(where: string, error: z.ZodError): PluginsConfigError {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return new PluginsConfigError(`${where}${path} ${issue.message}`);
}

/**
 * Validates the shape with zod, naming the offending entry; then what no single entry
 * shows (a name or a plugin used twice). Committee codes are checked by the host against the tree.
 */
export function parsePluginsConfig(text: string, source = "plugins.json"): PluginsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PluginsConfigError(`${source}: not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  const file = File.safeParse(raw);
  if (!file.success) throw new PluginsConfigError(`${source}: ${file.error.issues[0].message}`);
  const names = new Set<string>();
  const mounted = new Map<string, string>();
  const hosts = file.data.hosts.map((entry, i): HostConfig => {
    const where = `${source}: hosts[${i}]`;
    // A host is local when it lists plugins, remote otherwise.
    const local = typeof entry === "object" && entry !== null && (entry as { plugins?: unknown }).plugins !== undefined;
    const parsed = (local ? LocalHost : RemoteHost).safeParse(entry);
    if (!parsed.success) throw problem(where, parsed.error);
    const h = parsed.data;
    if (names.has(h.name)) throw new PluginsConfigError(`${where}.name "${h.name}" is used twice`);
    names.add(h.name);
    if (!("plugins" in h)) return { ...(entry as object), ...h };
    for (const plugin of Object.keys(h.plugins)) {
      if (mounted.has(plugin)) {
        throw new PluginsConfigError(`${where}.plugins: ${plugin} is already mounted by host ${mounted.get(plugin)}`);
      }
      mounted.set(plugin, h.name);
    }
    return { ...(entry as object), ...h };
  });
  return { hosts };
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
