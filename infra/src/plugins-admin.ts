import fs from "node:fs";
import path from "node:path";
import { figuresPathNextTo, writeSupergraphFile } from "@tongxin/gateway";
import {
  hostVersion,
  isRemote,
  parsePluginsConfig,
  PluginsConfigError,
  readPluginsConfig,
  writePluginsConfig,
  type PluginsConfig,
} from "@tongxin/plugin-host";
import { composePlatform, platformFigures, writeFiguresFile } from "./compose";
import { platformLayout } from "./platform";
import type { SubgraphSpec } from "./subgraphs";

export interface PluginAdminOptions {
  configPath: string;
  pluginsDir: string;
  supergraphPath: string;
  internalSecret: string;
  /** Where the gateway reaches a subgraph. */
  urlOf: (spec: SubgraphSpec) => string;
  /** Where a running local host answers /readyz; null when it is not running here. */
  hostReadyz: (hostName: string) => string | null;
  /** The gateway's /readyz, to report when it has picked up the new supergraph. */
  gatewayReadyz?: string;
  /** Committee codes that exist; null when unknown (then codes are not checked). */
  knownCommittees?: () => Promise<ReadonlySet<string> | null>;
  waitMs?: number;
  /**
   * After the gateway switched to a smaller graph, how long requests planned on the old one
   * may still reach the host before it unmounts (they finish in well under a second; the
   * gateway's subgraph timeout bounds the rest).
   */
  drainMs?: number;
  log?: (message: string) => void;
}

async function poll(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

/**
 * Applies a change to the plugin configuration without stopping anything:
 * 1. the new configuration is validated, its plugins loaded, the module contract checked
 *    and the supergraph composed, all before anything is written, so a failure leaves the
 *    running platform exactly as it was and says why;
 * 2. a change that adds to the graph (enable, mount) goes to the hosts first: the
 *    configuration is written, the hosts mount the plugin (new plugins get their tables),
 *    and once they serve it the new supergraph is written and the gateway reloads it;
 * 3. a change that takes something out of the graph (remove, a host dropped) goes to the
 *    gateway first: the new supergraph is written, the gateway is seen to serve it
 *    (/readyz `supergraph.loadedAt`), requests planned on the old one are given time to
 *    finish, and only then is the configuration written and the host unmounts. No
 *    request is ever planned against a field its host no longer serves.
 * Requests already running finish on the supergraph they started with.
 */
export async function changePlugins(
  opts: PluginAdminOptions,
  change: (config: PluginsConfig) => PluginsConfig,
): Promise<{ config: PluginsConfig; subgraphs: string[] }> {
  const log = opts.log ?? console.log;
  const current = readPluginsConfig(opts.configPath);
  const next = parsePluginsConfig(JSON.stringify(change(current)), opts.configPath);

  const known = await opts.knownCommittees?.();
  if (known) {
    for (const h of next.hosts) {
      if (isRemote(h)) continue;
      for (const [plugin, codes] of Object.entries(h.plugins)) {
        const unknown = codes.filter((c) => !known.has(c));
        if (unknown.length) throw new PluginsConfigError(`${plugin}: no committee with code ${unknown.join(", ")}`);
      }
    }
  }

  const trial = path.join(path.dirname(opts.configPath), `.plugins.${process.pid}.trial.json`);
  let composed: Awaited<ReturnType<typeof composePlatform>>;
  let figures: ReturnType<typeof platformFigures>;
  try {
    writePluginsConfig(trial, next);
    const layout = platformLayout({ configPath: trial, pluginsDir: opts.pluginsDir });
    composed = await composePlatform(layout, opts.urlOf, opts.internalSecret);
    figures = platformFigures(layout);
  } finally {
    fs.rmSync(trial, { force: true });
  }

  const waitMs = opts.waitMs ?? 30_000;
  const writeConfig = async () => {
    writePluginsConfig(opts.configPath, next);
    for (const h of next.hosts) {
      if (isRemote(h)) continue;
      const readyz = opts.hostReadyz(h.name);
      if (!readyz) continue;
      const want = hostVersion(h);
      const served = await poll(async () => {
        const res = await fetch(readyz, { signal: AbortSignal.timeout(5_000) });
        return ((await res.json()) as { configVersion?: string }).configVersion === want;
      }, waitMs);
      if (!served)
        log(
          `warning: host ${h.name} did not report configuration ${want} within ${waitMs / 1000} s (is it running? see its log)`,
        );
    }
  };
  const previous = fs.existsSync(opts.supergraphPath) ? fs.readFileSync(opts.supergraphPath, "utf8") : null;
  const writeSupergraph = async () => {
    const before = opts.gatewayReadyz ? await loadedAt(opts.gatewayReadyz) : undefined;
    writeFiguresFile(figuresPathNextTo(opts.supergraphPath), figures);
    writeSupergraphFile(opts.supergraphPath, composed.supergraphSdl);
    log(`supergraph composed: ${composed.subgraphs.join(", ")}`);
    if (!opts.gatewayReadyz || before === undefined) return false; // no gateway running here
    const reloaded = await poll(async () => {
      const now = await loadedAt(opts.gatewayReadyz!);
      return now !== undefined && now !== before;
    }, waitMs);
    log(reloaded ? "the gateway now serves it (no restart)" : "the gateway has not reloaded yet; it polls the file");
    return reloaded;
  };

  if (previous === composed.supergraphSdl) {
    await writeConfig();
    log("schema unchanged: the new enablement is in effect now");
  } else if (takesOut(current, next)) {
    const reloaded = await writeSupergraph();
    if (reloaded) await new Promise((r) => setTimeout(r, opts.drainMs ?? 5_000));
    else if (opts.gatewayReadyz) log("warning: unmounting although the gateway was not seen serving the new graph");
    await writeConfig();
  } else {
    await writeConfig();
    await writeSupergraph();
  }
  return { config: next, subgraphs: composed.subgraphs };
}

/** True when `next` drops a plugin from a host or drops a host: its fields leave the graph. */
export function takesOut(current: PluginsConfig, next: PluginsConfig): boolean {
  return current.hosts.some((h) => {
    const after = next.hosts.find((n) => n.name === h.name);
    if (!after) return true;
    if (isRemote(h) || isRemote(after)) return !isRemote(h) || !isRemote(after) || h.url !== after.url;
    return Object.keys(h.plugins).some((p) => !(p in after.plugins));
  });
}

/**
 * The gateway's supergraph load time, or undefined when it is not running. Its /readyz asks
 * every subgraph too, so on a busy machine it may take seconds: only a refused connection
 * means "not running".
 */
async function loadedAt(readyz: string): Promise<string | null | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const body = (await (await fetch(readyz, { signal: AbortSignal.timeout(15_000) })).json()) as {
        supergraph?: { loadedAt: string | null };
      };
      return body.supergraph?.loadedAt ?? null;
    } catch (e) {
      if (isConnectionRefused(e)) return undefined;
    }
  }
  return undefined;
}

const isConnectionRefused = (e: unknown): boolean => {
  for (let c = e, depth = 0; typeof c === "object" && c !== null && depth < 5; depth++) {
    if ((c as { code?: unknown }).code === "ECONNREFUSED") return true;
    c = (c as { cause?: unknown }).cause;
  }
  return false;
};
