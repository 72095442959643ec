import DataLoader from "dataloader";
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { RequestContext } from "./context";
import { today } from "./dates";
import { forbidden, notFound, unauthenticated } from "./errors";
import type { Role } from "./identity";
import { parseId } from "./input";
import { viewerCommittees } from "./members";
import type { Permission } from "./module";

/**
 * How one kind of record belongs to a committee, a member or a unit: the only place a
 * module writes down who may read and write it. `defineScope` turns it into the SQL every
 * list, by-id read, reference and write of that record goes through.
 *
 * SQL fragments receive the query's alias and may use these parameters, which the helper binds:
 * `:...scopeCodes` (committee codes the caller may read), `:scopeMember` (the caller's member
 * id), `:scopeUnit` (the caller's unit id), `:scopeOwn` (a STAFF caller's own committee),
 * `:scopeToday` (today, YYYY-MM-DD).
 */
export interface ScopeSpec<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /** English and Chinese names of the record, for NOT_FOUND messages ("studio", "委员工作室"). */
  name: string;
  nameZh: string;
  /** Primary key column; default `id`. */
  idColumn?: string;
  /**
   * How a record belongs to a committee: its committee column, or a condition over
   * `:...scopeCodes` (a member belongs to every committee where they hold or held a seat).
   */
  committee?: { column: string } | { where: (alias: string) => string };
  /**
   * Instead of `committee` and the role rules: the record is visible and writable exactly
   * when its parent is (an activity and its studio, an issue and its session).
   */
  parent?: { scope: AnyScope; column: string; of: (row: T) => number };
  /** The committee whose office writes the record; without it STAFF never write through the helper. */
  committeeOf?: (row: T) => string;
  /** Extra condition for STAFF reads (proposals keep other people's drafts private); may use `:scopeOwn`. */
  staff?: { where: (alias: string) => string };
  /** Omitted: members have no access to the record at all. */
  member?: {
    /** The member's own records; uses `:scopeMember`. */
    own?: (alias: string) => string;
    /** Members also read the records of committees where they hold a seat today. */
    seatCommittees?: boolean;
    /** Which readable records the member may also change (default: none). */
    writes?: (ctx: RequestContext, row: T) => boolean | Promise<boolean>;
  };
  /** Omitted: units have no access to the record at all. */
  unit?: {
    /** Records assigned to the unit; uses `:scopeUnit`. */
    assigned?: (alias: string) => string;
    /** Any record by id (a unit reads the proposer named on its proposal), never as a list. */
    lookupAny?: boolean;
    writes?: (ctx: RequestContext, row: T) => boolean | Promise<boolean>;
  };
  /**
   * The permission a write needs besides scope. Declared here, the module's `permissions`
   * are checked by the SDK itself: `defineModule` refuses a declared permission no scope uses.
   */
  writePermission?: Permission;
  /** The permission any read needs (a role without it has no access to the record). */
  readPermission?: Permission;
}

export type ScopePurpose = "list" | "lookup";

/** A scope whatever its record type (a parent scope, the module's list of scoped records). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- row types differ per record; each scope checks its own
export type AnyScope = Scope<any>;

/** The rule of one kind of record, applied by the SDK in every kind of read and write. */
export interface Scope<T extends ObjectLiteral> {
  readonly spec: ScopeSpec<T>;
  /** The caller's condition over `alias` (the SQL `restrict` adds); for a child record's scope. */
  condition(
    ctx: RequestContext,
    alias: string,
    purpose: ScopePurpose,
  ): Promise<{ where: string; params: Record<string, unknown> } | "all" | "none">;
  /** Which roles have any access to the record (the others get FORBIDDEN). */
  roleHasAccess(role: Role, purpose: ScopePurpose): boolean;
  /**
   * Adds the caller's WHERE to a query builder over the record (`alias`). ANONYMOUS:
   * UNAUTHENTICATED; a role with no access to this kind of record: FORBIDDEN.
   */
  restrict<Q extends ObjectLiteral>(
    ctx: RequestContext,
    qb: SelectQueryBuilder<Q>,
    alias: string,
    purpose?: ScopePurpose,
  ): Promise<SelectQueryBuilder<Q>>;
  /**
   * Narrows a list to one committee the caller asked for. Committees are public, so a STAFF
   * caller asking for one outside their subtree is told FORBIDDEN (and NOT_FOUND for an
   * unknown code); for other roles the scope already decides which rows remain.
   */
  inCommittee<Q extends ObjectLiteral>(
    ctx: RequestContext,
    qb: SelectQueryBuilder<Q>,
    alias: string,
    code: string,
  ): Promise<SelectQueryBuilder<Q>>;
  /** The records with these ids the caller may read (unreadable ids → null); batched per request. */
  load(ctx: RequestContext, id: number): Promise<T | null>;
  /** A by-id read: NOT_FOUND when missing or not the caller's to know about. */
  get(ctx: RequestContext, rawId: string | number, field?: string): Promise<T>;
  /** `__resolveReference`: the record, or null when the caller may not read it (or sent no token). */
  reference(ctx: RequestContext, rawId: unknown): Promise<T | null>;
  /** Rows already loaded (through a join or another loader), keeping those the caller may read. */
  readable(ctx: RequestContext, rows: readonly T[]): Promise<T[]>;
  /** True when the caller may change this readable record. */
  canWrite(ctx: RequestContext, row: T): Promise<boolean>;
  /**
   * A write to an existing record: NOT_FOUND when the caller may not read it, FORBIDDEN when
   * they may read but not change it (the city reading a county's record).
   */
  getForWrite(ctx: RequestContext, rawId: string | number, field?: string): Promise<T>;
  /** Forgets what this request read of the record (after a write in the same request). */
  clear(ctx: RequestContext, id: number): void;
  /** Same as `getForWrite` for a row the caller already read through this scope. */
  assertWritable(ctx: RequestContext, row: T): Promise<void>;
  /** Creating a record of `committee`: the committee's own office (or the platform). */
  assertCanCreate(ctx: RequestContext, committee: string, field?: string): Promise<void>;
}

/** The member id a token carries, or null when it carries none we understand (never NaN). */
export function tokenMemberId(ctx: RequestContext): number | null {
  return ctx.identity.role === "MEMBER" ? positiveInt(ctx.identity.memberId) : null;
}

/** The unit id a token carries, or null. */
export function tokenUnitId(ctx: RequestContext): number | null {
  return ctx.identity.role === "UNIT" ? positiveInt(ctx.identity.unitId) : null;
}

function positiveInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Every scope defined, so the module contract can find which permissions are enforced. */
const SCOPES = new Set<Scope<ObjectLiteral>>();

export function defineScope<T extends ObjectLiteral>(spec: ScopeSpec<T>): Scope<T> {
  const idColumn = spec.idColumn ?? "id";
  const loaderKey = Symbol(`scope:${spec.name}`);
  if (!spec.committee === !spec.parent) throw new Error(`scope ${spec.name}: give exactly one of committee and parent`);
  const committeeWhere = (alias: string) => {
    const c = spec.committee!;
    return "column" in c ? `${alias}.${c.column} IN (:...scopeCodes)` : c.where(alias);
  };

  const roleHasAccess = (role: Role, purpose: ScopePurpose): boolean => {
    if (spec.parent) return spec.parent.scope.roleHasAccess(role, purpose);
    if (spec.readPermission && role !== "SYSTEM" && !spec.readPermission.roles.includes(role)) return false;
    switch (role) {
      case "SYSTEM":
      case "STAFF":
        return true;
      case "MEMBER":
        return !!spec.member && (!!spec.member.own || !!spec.member.seatCommittees);
      case "UNIT":
        return !!spec.unit && (!!spec.unit.assigned || (purpose === "lookup" && !!spec.unit.lookupAny));
      default:
        return false;
    }
  };

  /** Refuses the request outright, or says the caller may read nothing (null) or this condition. */
  async function condition(
    ctx: RequestContext,
    alias: string,
    purpose: ScopePurpose,
  ): Promise<{ where: string; params: Record<string, unknown> } | "all" | "none"> {
    const id = ctx.requireAuthenticated();
    if (!roleHasAccess(id.role, purpose)) throw forbidden(`${spec.name} records`);
    if (spec.parent) {
      const parent = spec.parent.scope;
      const c = await parent.condition(ctx, `${alias}_up`, purpose);
      if (c === "all" || c === "none") return c;
      const table = ctx.repo(parent.spec.entity).metadata.tableName;
      const pid = parent.spec.idColumn ?? "id";
      return {
        where: `EXISTS (SELECT 1 FROM ${table} ${alias}_up WHERE ${alias}_up.${pid} = ${alias}.${spec.parent.column} AND ${c.where})`,
        params: c.params,
      };
    }
    switch (id.role) {
      case "SYSTEM":
        return "all";
      case "STAFF": {
        const codes = [...(await ctx.readableCommittees())];
        if (codes.length === 0) return "none";
        const parts = [committeeWhere(alias)];
        if (spec.staff) parts.push(spec.staff.where(alias));
        return {
          where: parts.map((p) => `(${p})`).join(" AND "),
          params: { scopeCodes: codes, scopeOwn: id.committee, scopeToday: today() },
        };
      }
      case "MEMBER": {
        const me = tokenMemberId(ctx);
        if (me === null) return "none";
        const parts: string[] = [];
        const params: Record<string, unknown> = { scopeMember: me, scopeToday: today() };
        if (spec.member?.own) parts.push(spec.member.own(alias));
        if (spec.member?.seatCommittees) {
          const codes = [...(await viewerCommittees(ctx))];
          if (codes.length) {
            parts.push(committeeWhere(alias));
            params.scopeCodes = codes;
          }
        }
        return parts.length ? { where: parts.map((p) => `(${p})`).join(" OR "), params } : "none";
      }
      case "UNIT": {
        if (purpose === "lookup" && spec.unit?.lookupAny) return "all";
        const unit = tokenUnitId(ctx);
        if (unit === null || !spec.unit?.assigned) return "none";
        return { where: spec.unit.assigned(alias), params: { scopeUnit: unit, scopeToday: today() } };
      }
      default:
        throw unauthenticated();
    }
  }

  async function restrict<Q extends ObjectLiteral>(
    ctx: RequestContext,
    qb: SelectQueryBuilder<Q>,
    alias: string,
    purpose: ScopePurpose = "list",
  ): Promise<SelectQueryBuilder<Q>> {
    const c = await condition(ctx, alias, purpose);
    if (c === "none") qb.andWhere("1 = 0");
    else if (c !== "all") qb.andWhere(`(${c.where})`, c.params);
    return qb;
  }

  const loader = (ctx: RequestContext) =>
    ctx.memo(
      loaderKey,
      () =>
        new DataLoader<number, T | null>(async (ids) => {
          const qb = ctx
            .repo(spec.entity)
            .createQueryBuilder("scoped")
            .where(`scoped.${idColumn} IN (:...scopeIds)`, { scopeIds: [...ids] });
          await restrict(ctx, qb, "scoped", "lookup");
          const rows = await qb.getMany();
          const byId = new Map(rows.map((r) => [Number((r as Record<string, unknown>)[idProperty(r)]), r]));
          return ids.map((i) => byId.get(i) ?? null);
        }),
    );

  // The entity property mapped to the id column: `id` for every Tongxin entity so far.
  const idProperty = (_row: T) => (idColumn === "id" ? "id" : camel(idColumn));

  async function load(ctx: RequestContext, id: number): Promise<T | null> {
    ctx.requireAuthenticated();
    if (!roleHasAccess(ctx.identity.role, "lookup")) return null;
    return loader(ctx).load(id);
  }

  async function get(ctx: RequestContext, rawId: string | number, field = "id"): Promise<T> {
    const id = parseId(rawId, field);
    ctx.requireAuthenticated();
    if (!roleHasAccess(ctx.identity.role, "lookup")) throw forbidden(`${spec.name} records`);
    const row = await loader(ctx).load(id);
    if (!row) throw notFound(spec.name, id, spec.nameZh);
    return row;
  }

  async function canWrite(ctx: RequestContext, row: T): Promise<boolean> {
    const id = ctx.identity;
    if (spec.parent) {
      const up = await spec.parent.scope.load(ctx, spec.parent.of(row));
      return !!up && (!spec.writePermission || ctx.has(spec.writePermission)) && spec.parent.scope.canWrite(ctx, up);
    }
    if (spec.writePermission && !ctx.has(spec.writePermission)) return false;
    switch (id.role) {
      case "SYSTEM":
        return true;
      case "STAFF":
        return !!spec.committeeOf && spec.committeeOf(row) === id.committee;
      case "MEMBER":
        return !!spec.member?.writes && (await spec.member.writes(ctx, row));
      case "UNIT":
        return !!spec.unit?.writes && (await spec.unit.writes(ctx, row));
      default:
        return false;
    }
  }

  async function assertWritable(ctx: RequestContext, row: T): Promise<void> {
    if (!(await canWrite(ctx, row))) throw forbidden(`changing this ${spec.name}`);
  }

  const scope: Scope<T> = {
    spec,
    roleHasAccess,
    condition,
    restrict,
    async inCommittee(ctx, qb, alias, code) {
      if (ctx.identity.role === "STAFF" || ctx.identity.role === "SYSTEM") await ctx.assertCanReadCommittee(code);
      if (!spec.committee || !("column" in spec.committee))
        throw new Error(`scope ${spec.name}: inCommittee needs a committee column`);
      return qb.andWhere(`${alias}.${spec.committee.column} = :scopeWanted`, { scopeWanted: code });
    },
    load,
    get,
    async reference(ctx, rawId) {
      const id = Number(rawId);
      if (!ctx.isAuthenticated || !Number.isSafeInteger(id) || id <= 0) return null;
      return load(ctx, id);
    },
    async readable(ctx, rows) {
      if (!ctx.isAuthenticated || !roleHasAccess(ctx.identity.role, "lookup")) return [];
      const seen = await Promise.all(rows.map((r) => loader(ctx).load(Number(r[idProperty(r)]))));
      return rows.filter((_, i) => seen[i] !== null);
    },
    canWrite,
    clear(ctx, id) {
      loader(ctx).clear(id);
    },
    async getForWrite(ctx, rawId, field = "id") {
      const row = await get(ctx, rawId, field);
      await assertWritable(ctx, row);
      return row;
    },
    assertWritable,
    async assertCanCreate(ctx, committee, field = "input.committee") {
      ctx.requireAuthenticated();
      if (spec.writePermission) ctx.require(spec.writePermission);
      if (spec.parent) throw new Error(`scope ${spec.name}: a child record is created through its parent`);
      await ctx.assertStaffOf(committee, field);
    },
  };
  SCOPES.add(scope as unknown as Scope<ObjectLiteral>);
  return scope;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Permissions some scope checks on writes. */
export function scopedPermissions(): Set<Permission> {
  const used = new Set<Permission>();
  for (const s of SCOPES) {
    if (s.spec.writePermission) used.add(s.spec.writePermission);
    if (s.spec.readPermission) used.add(s.spec.readPermission);
  }
  return used;
}

/**
 * What a module tells the cross-tenant contract test (test/src/scope.e2e.test.ts) about one
 * scoped record: the public operations that read it. The test runs the same matrix against
 * every module the platform composes; a module that reads around its scope fails it.
 */
export interface ScopedRecord {
  scope: Scope<ObjectLiteral>;
  /** The federation type, when other subgraphs reach the record through `_entities`. */
  typename?: string;
  /** A list query; `ids` is the dotted path to the ids in its answer (`studios.edges.node.id`). */
  list?: { query: string; ids: string };
  /** A by-id read with `$id: ID!`. */
  byId?: { query: string };
  /** A write to an existing record with `$id: ID!`; the test only sends it where it must be refused. */
  write?: { query: string; variables?: Record<string, unknown> };
}

export function scopedRecord<T extends ObjectLiteral>(scope: Scope<T>, ops: Omit<ScopedRecord, "scope">): ScopedRecord {
  return { scope: scope as unknown as Scope<ObjectLiteral>, ...ops };
}
