import { internalGraphQL } from "./internal-http";

export type CommitteeLevelName = "NATIONAL" | "PROVINCE" | "CITY" | "COUNTY";

export interface CommitteeNode {
  code: string;
  name: string;
  level: CommitteeLevelName;
  parentCode: string | null;
  /** Current term (届) and the day it began; terms last five years. */
  currentTerm?: number;
  termStartedOn?: string;
}

/**
 * The committee tree as every module sees it. The members subgraph owns committees;
 * the others need the tree for scope checks ("STAFF reads its committee and its
 * descendants") and for `includeDescendants`. Depth is not assumed: a province or the
 * whole country is the same structure.
 */
export class CommitteeTree {
  private readonly byCode = new Map<string, CommitteeNode>();
  private readonly childrenOf = new Map<string, string[]>();

  constructor(nodes: CommitteeNode[]) {
    for (const n of nodes) this.byCode.set(n.code, n);
    for (const n of nodes) {
      if (n.parentCode === null) continue;
      const list = this.childrenOf.get(n.parentCode) ?? [];
      list.push(n.code);
      this.childrenOf.set(n.parentCode, list);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get(code: string): CommitteeNode | undefined {
    return this.byCode.get(code);
  }

  all(): CommitteeNode[] {
    return [...this.byCode.values()];
  }

  children(code: string): string[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The committee itself and every descendant, breadth first. */
  subtree(code: string): string[] {
    if (!this.byCode.has(code)) return [];
    const out: string[] = [];
    const queue = [code];
    const seen = new Set<string>();
    while (queue.length) {
      const c = queue.shift()!;
      if (seen.has(c)) continue; // defensive against a cycle in bad data
      seen.add(c);
      out.push(c);
      queue.push(...this.children(c));
    }
    return out;
  }

  /** Root first, the committee itself last. */
  path(code: string): string[] {
    const out: string[] = [];
    let node = this.byCode.get(code);
    while (node && !out.includes(node.code)) {
      out.unshift(node.code);
      node = node.parentCode ? this.byCode.get(node.parentCode) : undefined;
    }
    return out;
  }

  /**
   * The days of term `term` of a committee, [from, to): terms last five years (CPPCC
   * practice), counted back from the current term's first plenary session.
   */
  termPeriod(code: string, term?: number | null): { term: number; from: string; to: string } | null {
    const node = this.byCode.get(code);
    if (!node?.currentTerm || !node.termStartedOn) return null;
    const t = term ?? node.currentTerm;
    const startYear = Number(node.termStartedOn.slice(0, 4)) - 5 * (node.currentTerm - t);
    const rest = node.termStartedOn.slice(4);
    return { term: t, from: `${startYear}${rest}`, to: `${startYear + 5}${rest}` };
  }

  /** True when `code` is `ancestor` or lies below it. */
  isWithin(code: string, ancestor: string): boolean {
    return this.path(code).includes(ancestor);
  }
}

/** Where a module gets the committee tree from. */
export interface CommitteeSource {
  load(): Promise<CommitteeNode[]>;
}

/**
 * Caches the tree for a short while: committees change a few times a term, while every
 * request checks scope. A failed refresh keeps serving the last good tree.
 */
export class CommitteeDirectory {
  private cached?: { tree: CommitteeTree; at: number };
  private inflight?: Promise<CommitteeTree>;

  constructor(
    private readonly source: CommitteeSource,
    private readonly ttlMs = 30_000,
  ) {}

  async tree(): Promise<CommitteeTree> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.tree;
    this.inflight ??= this.source
      .load()
      .then((nodes) => {
        const tree = new CommitteeTree(nodes);
        this.cached = { tree, at: Date.now() };
        return tree;
      })
      .catch((e) => {
        if (this.cached) return this.cached.tree;
        throw e;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** Drop the cache, e.g. after the owner changed a committee. */
  invalidate(): void {
    this.cached = undefined;
  }
}

export const staticCommitteeSource = (nodes: CommitteeNode[]): CommitteeSource => ({ load: async () => nodes });

/**
 * Asks the members subgraph over the internal network, as the SYSTEM identity, through
 * its public `committees` query: no module reads another module's tables. A read, so a
 * reset kept-alive socket is retried once (internalGraphQL).
 */
export function httpCommitteeSource(membersUrl: string, internalSecret: string, timeoutMs = 15_000): CommitteeSource {
  return {
    async load() {
      const data = await internalGraphQL<{
        committees: (Omit<CommitteeNode, "parentCode"> & { parent: { code: string } | null })[];
      }>(membersUrl, "{ committees { code name level currentTerm termStartedOn parent { code } } }", undefined, {
        internalSecret,
        timeoutMs,
        retryOnReset: true,
        what: "committee directory",
      });
      return data.committees.map((c) => ({
        code: c.code,
        name: c.name,
        level: c.level,
        parentCode: c.parent?.code ?? null,
        currentTerm: c.currentTerm,
        termStartedOn: c.termStartedOn,
      }));
    },
  };
}
