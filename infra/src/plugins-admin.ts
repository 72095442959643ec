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
 * 2. the configuration is written; running hosts follow it (new plugins get their tables);
 * 3. once the hosts serve it, the new supergraph is written and the gateway reloads it,
 *    letting requests already running finish on the old one.
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
  try {
    writePluginsConfig(trial, next);
    composed = await composePlatform(
      platformLayout({ configPath: trial, pluginsDir: opts.pluginsDir }),
      opts.urlOf,
      opts.internalSecret,
    );
  } finally {
    fs.rmSync(trial, { force: true });
  }

  writePluginsConfig(opts.configPath, next);
  const waitMs = opts.waitMs ?? 30_000;
  for (const h of next.hosts) {
    if (isRemote(h)) continue;
    const readyz = opts.hostReadyz(h.name);
    if (!readyz) continue;
    const want = hostVersion(h);
    const served = await poll(
      async () => ((await (await fetch(readyz)).json()) as { configVersion?: string }).configVersion === want,
      waitMs,
    );
    if (!served)
      log(
        `warning: host ${h.name} did not report configuration ${want} within ${waitMs / 1000} s (is it running? see its log)`,
      );
  }

  const previous = fs.existsSync(opts.supergraphPath) ? fs.readFileSync(opts.supergraphPath, "utf8") : null;
  if (previous === composed.supergraphSdl) {
    log("schema unchanged: the new enablement is in effect now");
    return { config: next, subgraphs: composed.subgraphs };
  }
  const before = opts.gatewayReadyz ? await loadedAt(opts.gatewayReadyz) : null;
  writeFiguresFile(
    figuresPathNextTo(opts.supergraphPath),
    platformFigures(platformLayout({ configPath: opts.configPath, pluginsDir: opts.pluginsDir })),
  );
  writeSupergraphFile(opts.supergraphPath, composed.supergraphSdl);
  log(`supergraph composed: ${composed.subgraphs.join(", ")}`);
  if (opts.gatewayReadyz && before !== undefined) {
    const reloaded = await poll(async () => (await loadedAt(opts.gatewayReadyz!)) !== before, waitMs);
    log(reloaded ? "the gateway now serves it (no restart)" : "the gateway has not reloaded yet; it polls the file");
  }
  return { config: next, subgraphs: composed.subgraphs };
}

/** The gateway's supergraph load time, or undefined when it is not running. */
async function loadedAt(readyz: string): Promise<string | null | undefined> {
  try {
    const body = (await (await fetch(readyz, { signal: AbortSignal.timeout(2_000) })).json()) as {
      supergraph?: { loadedAt: string | null };
    };
    return body.supergraph?.loadedAt ?? null;
  } catch {
    return undefined;
  }
}
