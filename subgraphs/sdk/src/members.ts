import DataLoader from "dataloader";
import type { RequestContext } from "./context";
import { internalGraphQL } from "./internal-http";

/**
 * What other modules may know about a member. The members subgraph owns the register and
 * the definition of "active" (a seat current on the day, DOMAIN.md); everyone else asks
 * it, through its GraphQL API, never its tables.
 */
export interface MemberInfo {
  id: string;
  name: string;
  status: "ACTIVE" | "RESIGNED" | "REVOKED";
  sector: string | null;
  /** Committees where the member holds a seat on the day asked about. */
  committees: string[];
}

/**
 * Who is active where on one day, as compactly as the figures need it: per committee the
 * ids of its active members, and each one's sector. A coverage figure of a whole tree
 * needs thousands of members, not their names or every seat as GraphQL objects.
 */
export interface ActiveRegister {
  /** Active member ids of each committee asked about (a member with two seats is under both). */
  byCommittee: Map<string, number[]>;
  /** Sector name of each of those members (null when none). */
  sectorOf: Map<number, string | null>;
}

export interface MembersSource {
  /** The members with these ids (unknown ids are simply absent). */
  lookup(ids: string[], asOf?: string): Promise<MemberInfo[]>;
  /** Active members of any of these committees on `asOf` (YYYY-MM-DD): the denominators of coverage figures. */
  activeIn(committees: string[], asOf: string): Promise<MemberInfo[]>;
  /** The same members as `activeIn`, as ids per committee: what statistics of many committees need. */
  activeRegister(committees: string[], asOf: string): Promise<ActiveRegister>;
}

/** Active members of any of `codes`, each once. */
export function activeIdsOf(register: ActiveRegister, codes: readonly string[]): number[] {
  if (codes.length === 1) return register.byCommittee.get(codes[0]) ?? [];
  const out = new Set<number>();
  for (const c of codes) for (const id of register.byCommittee.get(c) ?? []) out.add(id);
  return [...out];
}

/** Every member id of some registers, each once. */
export function allActiveIds(registers: Iterable<ActiveRegister>): Set<number> {
  const out = new Set<number>();
  for (const r of registers) for (const ids of r.byCommittee.values()) for (const id of ids) out.add(id);
  return out;
}

/** Builds the register from full entries (in-process sources and tests). */
export function registerFrom(members: readonly MemberInfo[], committees: readonly string[]): ActiveRegister {
  const wanted = new Set(committees);
  const byCommittee = new Map<string, number[]>(committees.map((c) => [c, []]));
  const sectorOf = new Map<number, string | null>();
  for (const m of members) {
    const id = Number(m.id);
    for (const c of m.committees) if (wanted.has(c)) byCommittee.get(c)!.push(id);
    sectorOf.set(id, m.sector);
  }
  return { byCommittee, sectorOf };
}

const DIRECTORY_QUERY = `query ($ids: [ID!], $committees: [String!], $asOf: String) {
  memberDirectory(ids: $ids, committees: $committees, asOf: $asOf) { id name status sector committees }
}`;

// Ids and sector names as parallel lists per committee: a few kilobytes for a city tree.
const REGISTER_QUERY = `query ($committees: [String!]!, $asOf: String!) {
  memberDirectoryRegister(committees: $committees, asOf: $asOf) { committees { code memberIds } memberIds sectors }
}`;

export interface RegisterAnswer {
  committees: { code: string; memberIds: number[] }[];
  memberIds: number[];
  sectors: (string | null)[];
}

/**
 * Asks the members subgraph over the internal network, as the platform itself. Look-ups
 * are reads: a reset kept-alive socket is retried once (internalGraphQL).
 */
export function httpMembersSource(membersUrl: string, internalSecret: string, timeoutMs = 15_000): MembersSource {
  const post = <T>(query: string, variables: Record<string, unknown>): Promise<T> =>
    internalGraphQL<T>(membersUrl, query, variables, {
      internalSecret,
      timeoutMs,
      retryOnReset: true,
      what: "member directory",
    });
  const ask = async (variables: Record<string, unknown>): Promise<MemberInfo[]> =>
    (await post<{ memberDirectory: MemberInfo[] }>(DIRECTORY_QUERY, variables)).memberDirectory;
  return {
    lookup: (ids, asOf) => (ids.length ? ask({ ids, asOf }) : Promise.resolve([])),
    activeIn: (committees, asOf) => (committees.length ? ask({ committees, asOf }) : Promise.resolve([])),
    async activeRegister(committees, asOf) {
      if (!committees.length) return { byCommittee: new Map(), sectorOf: new Map() };
      const r = (await post<{ memberDirectoryRegister: RegisterAnswer }>(REGISTER_QUERY, { committees, asOf }))
        .memberDirectoryRegister;
      return registerFromAnswer(r);
    },
  };
}

/** The register from the members subgraph's compact answer. */
export function registerFromAnswer(r: RegisterAnswer): ActiveRegister {
  return {
    byCommittee: new Map(r.committees.map((c) => [c.code, c.memberIds])),
    sectorOf: new Map(r.memberIds.map((id, i) => [id, r.sectors[i] ?? null])),
  };
}

/** A fixed register, for module tests that run without the members subgraph. */
export function staticMembersSource(members: MemberInfo[]): MembersSource {
  return {
    async lookup(ids) {
      const wanted = new Set(ids.map(String));
      return members.filter((m) => wanted.has(m.id));
    },
    async activeIn(committees) {
      const wanted = new Set(committees);
      return members.filter((m) => m.status === "ACTIVE" && m.committees.some((c) => wanted.has(c)));
    },
    async activeRegister(committees) {
      const wanted = new Set(committees);
      const active = members.filter((m) => m.status === "ACTIVE" && m.committees.some((c) => wanted.has(c)));
      return registerFrom(active, committees);
    },
  };
}

const LOOKUP = Symbol("memberLookup");

/** Per-request, batched look-up of members by id: one call to the members subgraph per tick. */
export function memberInfo(ctx: RequestContext, id: string | number): Promise<MemberInfo | null> {
  const loader = ctx.memo(
    LOOKUP,
    () =>
      new DataLoader<string, MemberInfo | null>(async (ids) => {
        const found = await ctx.runtime.members.lookup([...ids]);
        const byId = new Map(found.map((m) => [String(m.id), m]));
        return ids.map((i) => byId.get(i) ?? null);
      }),
  );
  return loader.load(String(id));
}

/** The committees where the calling member holds a seat today (none for other roles). */
export async function viewerCommittees(ctx: RequestContext): Promise<Set<string>> {
  if (ctx.identity.role !== "MEMBER" || !ctx.identity.memberId) return new Set();
  const me = await memberInfo(ctx, ctx.identity.memberId);
  return new Set(me?.status === "ACTIVE" ? me.committees : []);
}
