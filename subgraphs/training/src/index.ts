// Placeholder until the training module lands; not registered in infra/src/subgraphs.ts yet.
import type { ModuleDefinition } from "@tongxin/sdk";

export const trainingModule = undefined as unknown as ModuleDefinition;
