import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly details: string[]) {
    super(`supergraph composition failed:\n${details.map((d) => `  - ${d}`).join("\n")}`);
  }
}

/**
 * Composes subgraph schemas into a Federation 2 supergraph in process. Any error fails
 * loudly: a supergraph that does not compose never replaces one that does.
 */
export function composeSupergraph(subgraphs: SubgraphSdl[]): { supergraphSdl: string; hints: string[] } {
  const names = new Set<string>();
  for (const s of subgraphs) {
    if (names.has(s.name)) throw new CompositionError([`two subgraphs are named "${s.name}"`]);
    names.add(s.name);
  }
  let result;
  try {
    result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  } catch (e) {
    throw new CompositionError([e instanceof Error ? e.message : String(e)]);
  }
  if (result.errors && result.errors.length > 0) {
    throw new CompositionError(result.errors.map((e) => e.message));
  }
  return { supergraphSdl: result.supergraphSdl!, hints: (result.hints ?? []).map((h) => h.toString()) };
}
