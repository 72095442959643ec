import {
  getNamedType,
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
import { SDK_TABLES } from "./idempotency";
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
  /** For each `Committee` field the module's `stats` declare: the fields its type has (null: no such field). */
  statFields: Record<string, string[] | null>;
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
  const committee = schema.getType("Committee");
  const statFields: Record<string, string[] | null> = {};
  for (const stat of m.stats ?? []) {
    const field = isObjectType(committee) ? committee.getFields()[stat.field] : undefined;
    const type = field ? getNamedType(field.type) : undefined;
    statFields[stat.field] = type && isObjectType(type) ? Object.keys(type.getFields()) : null;
  }
  return { module: m.name, kind: m.kind, tables: entityTables(m), types, rootFields, entityFields, statFields };
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

  for (const m of modules) problems.push(...ownershipProblems(m));
  const inventories = await Promise.all(modules.map(inspectModule));
  for (const inv of inventories)
    problems.push(
      ...statsProblems(
        modules.find((m) => m.name === inv.module)!,
        inv,
      ),
    );
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
    // SQLite's own bookkeeping (sqlite_sequence for AUTOINCREMENT) is not the plugin's, nor
    // are the tables the SDK keeps in every module database (idempotency keys): named here,
    // one by one, so that no other unprefixed table slips through.
    .filter((t) => !t.startsWith("sqlite_") && !t.startsWith(`${m.name}_`) && !SDK_TABLES.includes(t));
  if (wrong.length) {
    throw new ModuleContractError(`plugin ${m.name} created tables without its prefix: ${wrong.join(", ")}`);
  }
}

/** The module that owns committees and the member register; nobody else may provide them. */
export const REGISTER_OWNER = "members";

/**
 * Only the members module may provide the committee tree and the member register: a
 * plugin that did would hand its own tree to every module on its host (and a county
 * clerk could read the city's figures through it).
 */
function ownershipProblems(m: ModuleDefinition): string[] {
  const owner = m.name === REGISTER_OWNER && m.kind === "core";
  const out: string[] = [];
  if (m.committeeSource && !owner) {
    out.push(
      `module ${m.name} declares committeeSource: only the ${REGISTER_OWNER} module provides the committee tree`,
    );
  }
  if (m.membersSource && !owner) {
    out.push(`module ${m.name} declares membersSource: only the ${REGISTER_OWNER} module provides the member register`);
  }
  // Declared permissions are checked by the SDK: a scope's permissions must be among them.
  const declared = new Set((m.permissions ?? []).map((p) => p.key));
  for (const r of m.scoped ?? []) {
    for (const p of [r.scope.spec.readPermission, r.scope.spec.writePermission]) {
      if (p && !declared.has(p.key)) {
        out.push(
          `module ${m.name}: scope ${r.scope.spec.name} checks permission ${p.key}, which the module does not declare`,
        );
      }
    }
  }
  return out;
}

/** Each statistics field and figure key a module declares must exist in its schema, or the dashboard loses it silently. */
function statsProblems(m: ModuleDefinition, inv: ModuleInventory): string[] {
  const out: string[] = [];
  for (const stat of m.stats ?? []) {
    const fields = inv.statFields[stat.field];
    if (!fields) {
      out.push(`module ${m.name}: statistics field Committee.${stat.field} is not in its schema`);
      continue;
    }
    for (const f of stat.figures) {
      if (!fields.includes(f.key)) {
        out.push(`module ${m.name}: figure key ${f.key} of Committee.${stat.field} is not a field of its type`);
      }
    }
  }
  return out;
}
