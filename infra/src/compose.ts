import {
  CompositionError,
  composeSupergraph,
  figuresPathNextTo,
  writeSupergraphFile,
  type SubgraphSdl,
} from "@tongxin/gateway";
import fs from "node:fs";
import {
  buildModulesSchema,
  checkModules,
  IDENTITY_HEADER,
  signInternalIdentity,
  SYSTEM,
  type StatDefinition,
} from "@tongxin/sdk";
import { localSubgraphs, type PlatformLayout } from "./platform";
import type { SubgraphSpec } from "./subgraphs";

/**
 * A county's own host runs plugins whose code the city may not have: its schema is asked
 * of it (`_service { sdl }`), as the platform, with the internal secret.
 */
async function remoteSdl(name: string, url: string, internalSecret: string): Promise<string> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [IDENTITY_HEADER]: signInternalIdentity(SYSTEM, internalSecret, 60),
      },
      body: JSON.stringify({ query: "{ _service { sdl } }" }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as { data?: { _service: { sdl: string } } };
    if (!res.ok || !body.data) throw new Error(`HTTP ${res.status}`);
    return body.data._service.sdl;
  } catch (e) {
    throw new CompositionError([
      `remote plugin host ${name} (${url}) did not give its schema: ${e instanceof Error ? e.message : e}`,
    ]);
  }
}

/**
 * Composes the whole platform: the module contract is checked across every local module
 * first (collisions are reported naming both modules), then every subgraph's schema is
 * built in process (or asked of a remote host) and composed. Throws on any problem.
 */
export async function composePlatform(
  layout: PlatformLayout,
  urlOf: (spec: SubgraphSpec) => string,
  internalSecret: string,
): Promise<{ supergraphSdl: string; hints: string[]; subgraphs: string[] }> {
  const local = localSubgraphs(layout);
  await checkModules(local.flatMap((s) => s.modules));
  const subgraphs: SubgraphSdl[] = [];
  for (const spec of local) {
    const { sdl } = await buildModulesSchema(spec.modules);
    subgraphs.push({ name: spec.name, url: urlOf(spec), sdl });
  }
  for (const remote of layout.remoteHosts) {
    subgraphs.push({
      name: remote.name,
      url: remote.url,
      sdl: await remoteSdl(remote.name, remote.url, internalSecret),
    });
  }
  return { ...composeSupergraph(subgraphs), subgraphs: subgraphs.map((s) => s.name) };
}

/** The statistics every local module contributes to Committee, with their definitions (for the dashboard). */
export function platformFigures(layout: PlatformLayout): PlatformFigures {
  return {
    modules: localSubgraphs(layout).flatMap((s) =>
      s.modules
        .filter((m) => m.stats?.length)
        .map((m) => ({ module: m.name, title: m.title, kind: m.kind, stats: m.stats! })),
    ),
  };
}

export interface PlatformFigures {
  modules: { module: string; title: string; kind: "core" | "plugin"; stats: StatDefinition[] }[];
}

/** Composes and writes the files atomically; on failure the previous files stay as they were. */
export async function composePlatformToFile(
  layout: PlatformLayout,
  urlOf: (spec: SubgraphSpec) => string,
  internalSecret: string,
  path: string,
): Promise<string[]> {
  const { supergraphSdl, subgraphs } = await composePlatform(layout, urlOf, internalSecret);
  writeFiguresFile(figuresPathNextTo(path), platformFigures(layout));
  writeSupergraphFile(path, supergraphSdl);
  return subgraphs;
}

export function writeFiguresFile(path: string, figures: PlatformFigures): void {
  const tmp = `${path}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(figures, null, 2)}\n`);
  fs.renameSync(tmp, path);
}
