import fs from "node:fs";
import path from "node:path";
import { ModuleContractError, type ModuleDefinition } from "@tongxin/sdk";

/**
 * Loads a plugin module from `<pluginsDir>/<name>/dist/index.js` (its default export).
 * Plugins are found by folder rather than package name so that a freshly scaffolded
 * plugin can be mounted by a running host. Already loaded plugins stay cached: new code
 * for an existing plugin needs a host restart.
 */
export function loadPlugin(pluginsDir: string, name: string): ModuleDefinition {
  const entry = path.join(pluginsDir, name, "dist", "index.js");
  if (!fs.existsSync(entry)) {
    throw new ModuleContractError(`plugin ${name}: ${entry} not found (is it built? npm run build)`);
  }
  const loaded = require(entry) as { default?: ModuleDefinition };
  const mod = loaded.default;
  if (!mod || typeof mod !== "object" || typeof mod.name !== "string") {
    throw new ModuleContractError(`plugin ${name}: ${entry} must export default defineModule({...})`);
  }
  if (mod.name !== name) {
    throw new ModuleContractError(`plugin folder ${name} exports a module named ${mod.name}; they must match`);
  }
  if (mod.kind !== "plugin") throw new ModuleContractError(`plugin ${name}: kind must be "plugin"`);
  return mod;
}
