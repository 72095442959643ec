import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLSchema,
} from "graphql";
import { buildSchema } from "type-graphql";
import { getMetadataArgsStorage, type DataSource } from "typeorm";
import { ModuleContractError, type ModuleDefinition } from "./module";
import { ENTITY_KEY_FIELDS, resetStubFields, STUB_TYPE_NAMES } from "./stubs";

/** Types every module may declare identically (they are @shareable, defined once in the SDK). */
const SHARED_TYPES = new Set([
  "PageInfo",
  "ReportFigure",
  "ReportSection",
  "ImportProblem",
  "ImportResult",
  "SpreadsheetFile",
]);

export interface ModuleInventory {
  module: string;
  kind: ModuleDefinition["kind"];
  tables: string[];
  /** Object, input, enum, interface and union types the module defines itself. */
  types: string[];
  /** `Query.x`, `Mutation.x`. */
  rootFields: string[];
  /** `Committee.x`, `Member.x`: fields on the shared entities, whoever owns the entity. */
  entityFields: string[];
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** Table names of a module's entities, as TypeORM will create them. */
export function entityTables(m: ModuleDefinition): string[] {
  const tables = getMetadataArgsStorage().tables.filter((t) => m.entities.includes(t.target as Function));
  return tables.map((t) => t.name ?? (typeof t.target === "function" ? t.target.name.toLowerCase() : String(t.target)));
}

/** What a module puts into the schema, built from its classes alone (no database). */
export async function inspectModule(m: ModuleDefinition): Promise<ModuleInventory> {
  const stubs = m.stubs ?? [];
  resetStubFields();
  const schema: GraphQLSchema = await buildSchema({
    resolvers: m.resolvers as [Function, ...Function[]],
    orphanedTypes: [...(m.types ?? []), ...stubs],
    skipCheck: true,
    validate: false,
  });
  const stubNames = new Set(stubs.map((s) => STUB_TYPE_NAMES.get(s)));
  const types: string[] = [];
  const rootFields: string[] = [];
  const entityFields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    const name = type.name;
    if (name.startsWith("__") || isScalarType(type)) continue;
    if (name === "Query" || name === "Mutation" || name === "Subscription") {
      if (isObjectType(type)) rootFields.push(...Object.keys(type.getFields()).map((f) => `${name}.${f}`));
      continue;
    }
    if (name in ENTITY_KEY_FIELDS && isObjectType(type)) {
      for (const f of Object.keys(type.getFields()))
        if (!ENTITY_KEY_FIELDS[name].includes(f)) entityFields.push(`${name}.${f}`);
      if (stubNames.has(name)) continue; // a stub is not a definition of the type
    }
    if (SHARED_TYPES.has(name)) continue;
    if (
      isObjectType(type) ||
      isInputObjectType(type) ||
      isEnumType(type) ||
      isInterfaceType(type) ||
      isUnionType(type)
    ) {
      types.push(name);
    }
  }
  return { module: m.name, kind: m.kind, tables: entityTables(m), types, rootFields, entityFields };
}

/**
 * The module contract, checked at startup and in CI (compose): unique names; a plugin's
 * tables, types and fields start with its name; nothing a module declares collides with
 * another module's. Messages name both modules, so a county's IT staff know where to look.
 */
export async function checkModules(modules: readonly ModuleDefinition[]): Promise<ModuleInventory[]> {
  const problems: string[] = [];
  const seenNames = new Map<string, number>();
  for (const m of modules) seenNames.set(m.name, (seenNames.get(m.name) ?? 0) + 1);
  for (const [name, n] of seenNames) if (n > 1) problems.push(`module name "${name}" is used by ${n} modules`);

  const inventories = await Promise.all(modules.map(inspectModule));
  const claims = new Map<string, string>();
  const claim = (what: string, module: string) => {
    const other = claims.get(what);
    if (other && other !== module) problems.push(`${what} is declared by both ${other} and ${module}`);
    else claims.set(what, module);
  };
  for (const inv of inventories) {
    for (const t of inv.tables) claim(`table ${t}`, inv.module);
    for (const t of inv.types) claim(`type ${t}`, inv.module);
    for (const f of [...inv.rootFields, ...inv.entityFields]) claim(`field ${f}`, inv.module);
    if (inv.kind !== "plugin") continue;
    const prefix = inv.module;
    for (const t of inv.tables) {
      if (!t.startsWith(`${prefix}_`)) problems.push(`table ${t} of plugin ${prefix} must be named ${prefix}_…`);
    }
    for (const t of inv.types) {
      if (!t.startsWith(pascal(prefix)))
        problems.push(`type ${t} of plugin ${prefix} must start with ${pascal(prefix)}`);
    }
    for (const f of [...inv.rootFields, ...inv.entityFields]) {
      const field = f.split(".")[1];
      if (!field.startsWith(prefix)) problems.push(`field ${f} of plugin ${prefix} must start with ${prefix}`);
    }
  }
  if (problems.length) throw new ModuleContractError(`module contract violated:\n  - ${problems.join("\n  - ")}`);
  return inventories;
}

/**
 * After migrations, every table in a plugin's own database must carry its prefix: the
 * check looks at the database itself, so a hand-written migration cannot slip one by.
 */
export async function checkModuleTables(m: ModuleDefinition, dataSource: DataSource): Promise<void> {
  if (m.kind !== "plugin") return;
  // Asked of the database itself (its own schema only), not of the entity classes.
  const rows: { name: string }[] =
    dataSource.options.type === "mysql"
      ? await dataSource.query(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()",
        )
      : await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'");
  const wrong = rows
    .map((r) => r.name)
    // SQLite's own bookkeeping (sqlite_sequence for AUTOINCREMENT) is not the plugin's.
    .filter((t) => !t.startsWith("sqlite_") && !t.startsWith(`${m.name}_`));
  if (wrong.length) {
    throw new ModuleContractError(`plugin ${m.name} created tables without its prefix: ${wrong.join(", ")}`);
  }
}
