import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from "typeorm";
import type { CommitteeDirectory, CommitteeTree } from "./directory";
import { AppError, badInput, deadlineExceeded, forbidden, notFound, unauthenticated } from "./errors";
import type { Identity } from "./identity";
import type { MembersSource } from "./members";
import type { Permission } from "./module";

/** What a running subgraph process shares across requests. */
export interface SubgraphRuntime {
  /** Entity class → the data source of the module that declared it. */
  dataSourceOf(entity: EntityTarget<ObjectLiteral>): DataSource;
  directory: CommitteeDirectory;
  /** The member register, as the members subgraph answers for it. */
  members: MembersSource;
  internalSecret: string;
  membersUrl: string;
  /** Committees where a module is switched on; null means everywhere (core modules). */
  enabledCommittees(moduleName: string): ReadonlySet<string> | null;
  /** Keys of the permissions the served modules declare (`permissions` in `defineModule`). */
  declaredPermissions?(): ReadonlySet<string>;
}

/** What the request brought besides the identity; shared by the request and its transactions. */
export interface RequestScope {
  /** Epoch ms after which the caller (the gateway) has given up: nothing may commit later. */
  deadline?: number;
  /** Runs inside each outermost transaction just before it commits (idempotency bookkeeping). */
  beforeCommit?: (ds: DataSource, em: EntityManager) => Promise<void>;
  /** Runs after an outermost transaction committed. */
  afterCommit?: (ds: DataSource) => void;
}

/**
 * One per request. Services take it first: identity, scope, loaders and the current
 * transaction all ride along, so a service cannot forget them.
 */
export class RequestContext {
  private readonly memos = new Map<unknown, unknown>();
  private treePromise?: Promise<CommitteeTree>;

  constructor(
    readonly identity: Identity,
    readonly runtime: SubgraphRuntime,
    readonly requestId: string = randomUUID(),
    private readonly managers: ReadonlyMap<DataSource, EntityManager> = new Map(),
    readonly scope: RequestScope = {},
  ) {}

  /** A write that would land after the caller gave up is refused: the caller was told it failed. */
  private assertBeforeDeadline(): void {
    if (this.scope.deadline !== undefined && Date.now() > this.scope.deadline) throw deadlineExceeded();
  }

  /** Per-request memo; `defineLoaders` uses it so DataLoaders never outlive a request. */
  memo<T>(key: unknown, make: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, make());
    return this.memos.get(key) as T;
  }

  manager(entity: EntityTarget<ObjectLiteral>): EntityManager {
    const ds = this.runtime.dataSourceOf(entity);
    return this.managers.get(ds) ?? ds.manager;
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager(entity).getRepository(entity);
  }

  /**
   * Runs `work` in a transaction of the module that owns `entity`. The context handed to
   * `work` routes every repository of that module through the transaction, so services
   * called inside need no extra parameter. Nested calls reuse the open transaction.
   * Past the request's deadline nothing commits: `work`'s writes are rolled back and the
   * request answers TIMEOUT, so a write the client was told failed does not land later.
   * Re-read what the caller should see inside `work`, not after: after the commit a
   * failing read would answer an error for a write that happened.
   */
  async transaction<T>(entity: EntityTarget<ObjectLiteral>, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    const ds = this.runtime.dataSourceOf(entity);
    if (this.managers.has(ds)) return work(this);
    if (ds.options.type === "better-sqlite3") return oneAtATime(ds, () => this.runTransaction(ds, work));
    return this.runTransaction(ds, work);
  }

  private async runTransaction<T>(ds: DataSource, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    this.assertBeforeDeadline();
    const result = await ds.transaction(async (em) => {
      const managers = new Map(this.managers);
      managers.set(ds, em);
      const tx = new RequestContext(this.identity, this.runtime, this.requestId, managers, this.scope);
      tx.treePromise = this.treePromise;
      const value = await work(tx);
      // Thrown inside the transaction: TypeORM rolls back what `work` wrote.
      this.assertBeforeDeadline();
      await this.scope.beforeCommit?.(ds, em);
      return value;
    });
    this.scope.afterCommit?.(ds);
    return result;
  }

  /** The committee tree, fetched at most once per request. */
  committees(): Promise<CommitteeTree> {
    this.treePromise ??= this.runtime.directory.tree();
    return this.treePromise;
  }

  get isAuthenticated(): boolean {
    return this.identity.role !== "ANONYMOUS";
  }

  requireAuthenticated(): Identity {
    if (!this.isAuthenticated) throw unauthenticated();
    return this.identity;
  }

  has(permission: Permission): boolean {
    return this.identity.role === "SYSTEM" || permission.roles.includes(this.identity.role);
  }

  require(permission: Permission): void {
    // A permission no served module declares is a programming error, not the caller's:
    // the module's `permissions` list is the one place that says what it checks.
    if (this.runtime.declaredPermissions && !this.runtime.declaredPermissions().has(permission.key)) {
      throw new Error(`permission ${permission.key} is checked but no module of this subgraph declares it`);
    }
    this.requireAuthenticated();
    if (!this.has(permission)) throw forbidden(permission.key);
  }

  /**
   * Committees whose figures and records this identity may read: STAFF read their
   * committee and its descendants, SYSTEM reads everything, other roles no committee as
   * a whole (their own records are decided by each module).
   */
  async readableCommittees(): Promise<Set<string>> {
    if (this.identity.role === "SYSTEM") return new Set((await this.committees()).all().map((c) => c.code));
    if (this.identity.role === "STAFF" && this.identity.committee) {
      return new Set((await this.committees()).subtree(this.identity.committee));
    }
    return new Set();
  }

  async canReadCommittee(code: string): Promise<boolean> {
    if (this.identity.role === "SYSTEM") return true;
    if (this.identity.role !== "STAFF" || !this.identity.committee) return false;
    return (await this.committees()).isWithin(code, this.identity.committee);
  }

  /** Unknown committee → NOT_FOUND; outside the reader's scope → FORBIDDEN. */
  async assertCanReadCommittee(code: string): Promise<void> {
    this.requireAuthenticated();
    const tree = await this.committees();
    if (!tree.has(code)) throw notFound("committee", code, "政协");
    if (!(await this.canReadCommittee(code))) throw forbidden(`committee ${code}`);
  }

  /**
   * Writes belong to the committee's own office: STAFF of exactly that committee
   * (the city reads its counties but does not edit their registers).
   */
  async assertStaffOf(code: string, field = "committee"): Promise<void> {
    this.requireAuthenticated();
    const tree = await this.committees();
    if (!tree.has(code)) throw badInput(field, `没有代码为 ${code} 的政协`, `no committee with code ${code}`);
    const id = this.identity;
    if (id.role === "SYSTEM") return;
    if (id.role !== "STAFF" || id.committee !== code) throw forbidden(`writing data of committee ${code}`);
  }
}

export interface ModuleEnablement {
  /** True when the module is switched on for the committee. */
  isEnabled(code: string): boolean;
  /** The committees (the one given, or with its descendants) where the module is on. */
  within(code: string, includeDescendants: boolean): Promise<string[]>;
  /** Writes to a plugin's data are allowed only where it is enabled. */
  assertEnabled(code: string, field?: string): void;
}

/** Where a module (usually a county plugin) is enabled, as configuration says now. */
export function moduleEnablement(ctx: RequestContext, moduleName: string): ModuleEnablement {
  const isEnabled = (code: string) => {
    const set = ctx.runtime.enabledCommittees(moduleName);
    return set === null || set.has(code);
  };
  return {
    isEnabled,
    async within(code, includeDescendants) {
      const codes = includeDescendants ? (await ctx.committees()).subtree(code) : [code];
      return codes.filter(isEnabled);
    },
    assertEnabled(code, field = "committee") {
      if (!isEnabled(code)) {
        throw new AppError(
          "FORBIDDEN",
          `${moduleName} 模块未在 ${code} 启用`,
          `module ${moduleName} is not enabled for committee ${code}`,
          { field },
        );
      }
    },
  };
}

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * better-sqlite3 gives TypeORM one connection: two transactions that overlap (one awaits
 * I/O, another request starts) become savepoints of each other, and one's rollback undoes
 * the other's writes. Queue them per database instead; MySQL has a connection each.
 */
export function oneAtATime<T>(ds: DataSource, run: () => Promise<T>): Promise<T> {
  const result = (sqliteQueues.get(ds) ?? Promise.resolve()).then(run, run);
  sqliteQueues.set(
    ds,
    result.catch(() => undefined),
  );
  return result;
}

/**
 * Declares a module's per-request loaders. Call the returned function with the request
 * context to get that request's instances (created on first use).
 */
export function defineLoaders<L>(factory: (ctx: RequestContext) => L): (ctx: RequestContext) => L {
  const key = Symbol("loaders");
  return (ctx) => ctx.memo(key, () => factory(ctx));
}
