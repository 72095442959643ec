import { CompositionError, composeSupergraph, writeSupergraphFile, type SubgraphSdl } from "@tongxin/gateway";
import { buildModulesSchema, checkModules, IDENTITY_HEADER, signInternalIdentity, SYSTEM } from "@tongxin/sdk";
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

/** Composes and writes the file atomically; on failure the previous file stays as it was. */
export async function composePlatformToFile(
  layout: PlatformLayout,
  urlOf: (spec: SubgraphSpec) => string,
  internalSecret: string,
  path: string,
): Promise<string[]> {
  const { supergraphSdl, subgraphs } = await composePlatform(layout, urlOf, internalSecret);
  writeSupergraphFile(path, supergraphSdl);
  return subgraphs;
}
