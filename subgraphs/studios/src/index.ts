// Placeholder until the studios module lands; not registered in infra/src/subgraphs.ts yet.
import type { ModuleDefinition } from "@tongxin/sdk";

export const studiosModule = undefined as unknown as ModuleDefinition;
