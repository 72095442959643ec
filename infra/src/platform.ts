import type { ModuleDefinition } from "@tongxin/sdk";
import { coreSubgraphs } from "./subgraphs";

/** Every module the platform runs, in start order (members first: it owns the committee tree). */
export function allModules(): ModuleDefinition[] {
  return coreSubgraphs().flatMap((s) => s.modules);
}
