import type { GraphQLResolveInfo } from "graphql";
import type { DataSource } from "typeorm";
import type { RequestContext } from "./context";
import type { CommitteeSource } from "./directory";
import type { Role } from "./identity";
import type { MembersSource } from "./members";
import type { ScopedRecord } from "./scope";

/** `__resolveReference` of an entity the module owns; must check scope itself (rule 2). */
export type ReferenceResolver = (
  reference: Record<string, unknown>,
  ctx: RequestContext,
  info: GraphQLResolveInfo,
) => unknown;

/** A named capability and the roles that hold it; services check values, not strings. */
export interface Permission {
  key: string;
  title: string;
  roles: readonly Role[];
}

export function definePermission(key: string, title: string, roles: readonly Role[]): Permission {
  return Object.freeze({ key, title, roles: Object.freeze([...roles]) });
}

/** One figure a module contributes to `Committee`, with the definition DOMAIN.md gives it. */
export interface FigureDefinition {
  /** Field name inside the stats type, e.g. `filingRate`. */
  key: string;
  title: string;
  titleEn: string;
  definition: string;
  kind: "count" | "rate";
}

export interface StatDefinition {
  /** The `Committee` field, e.g. `proposalStats`. */
  field: string;
  title: string;
  titleEn: string;
  /** Arguments the field takes besides `includeDescendants`: drives the dashboard's queries. */
  period: "none" | "year" | "term-or-year";
  figures: FigureDefinition[];
}

export interface SeedContext {
  ctx: RequestContext;
  dataSource: DataSource;
  log: (message: string) => void;
}

export interface ModuleDefinition {
  /** Unique; lowercase letters and digits. A plugin's tables, types and fields start with it. */
  name: string;
  /** Chinese title shown to staff. */
  title: string;
  kind: "core" | "plugin";
  /** Committees where the module is enabled; undefined means everywhere. */
  committees?: readonly string[];
  entities: Function[];
  migrations: Function[];
  /** type-graphql resolver classes, including field resolvers on shared stubs. */
  resolvers: Function[];
  /** Object types reachable only through `_entities`, so type-graphql would not emit them. */
  types?: Function[];
  /** Shared entity stubs (from this SDK) this module contributes fields to. */
  stubs?: Function[];
  references?: Record<string, ReferenceResolver>;
  permissions?: Permission[];
  /**
   * The records the module keeps per committee, member or unit, each with its scope and the
   * operations that read it: the cross-tenant contract test runs its matrix over these.
   */
  scoped?: ScopedRecord[];
  stats?: StatDefinition[];
  seed?: (s: SeedContext) => Promise<void>;
  /** Only the owner of committees provides this; everyone else asks the owner. */
  committeeSource?: (dataSource: DataSource) => CommitteeSource;
  /** Likewise for the member register. */
  membersSource?: (dataSource: DataSource) => MembersSource;
}

export class ModuleContractError extends Error {}

const NAME = /^[a-z][a-z0-9]{1,30}$/;

/** Declares a module. Shape errors surface at import time, long before a request arrives. */
export function defineModule(def: ModuleDefinition): ModuleDefinition {
  if (!NAME.test(def.name)) {
    throw new ModuleContractError(
      `module name ${JSON.stringify(def.name)} must be 2-31 lowercase letters or digits, starting with a letter`,
    );
  }
  if (!def.title?.trim()) throw new ModuleContractError(`module ${def.name}: title is required`);
  if (def.kind !== "core" && def.kind !== "plugin") {
    throw new ModuleContractError(`module ${def.name}: kind must be "core" or "plugin"`);
  }
  if (!Array.isArray(def.resolvers) || def.resolvers.length === 0) {
    throw new ModuleContractError(`module ${def.name}: at least one resolver class is required`);
  }
  if (def.committees && def.committees.length === 0) {
    throw new ModuleContractError(`module ${def.name}: committees, when given, must name at least one committee`);
  }
  return Object.freeze({ ...def });
}
