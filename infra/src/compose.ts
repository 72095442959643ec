import { composeSupergraph, writeSupergraphFile } from "@tongxin/gateway";
import { buildModulesSchema } from "@tongxin/sdk";
import type { SubgraphSpec } from "./subgraphs";

/**
 * Builds every subgraph's schema in process (no subgraph needs to run) and composes
 * the supergraph. Throws CompositionError listing every problem.
 */
export async function composeFromSpecs(
  specs: SubgraphSpec[],
  urlOf: (spec: SubgraphSpec) => string,
): Promise<{ supergraphSdl: string; hints: string[] }> {
  const subgraphs = [];
  for (const spec of specs) {
    const { sdl } = await buildModulesSchema(spec.modules);
    subgraphs.push({ name: spec.name, url: urlOf(spec), sdl });
  }
  return composeSupergraph(subgraphs);
}

export async function composeToFile(
  specs: SubgraphSpec[],
  urlOf: (spec: SubgraphSpec) => string,
  path: string,
): Promise<string> {
  const { supergraphSdl } = await composeFromSpecs(specs, urlOf);
  writeSupergraphFile(path, supergraphSdl);
  return supergraphSdl;
}
