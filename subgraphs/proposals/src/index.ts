// Placeholder until the proposals module lands; not registered in infra/src/subgraphs.ts yet.
import type { ModuleDefinition } from "@tongxin/sdk";

export const proposalsModule = undefined as unknown as ModuleDefinition;
