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

export interface MembersSource {
  /** The members with these ids (unknown ids are simply absent). */
  lookup(ids: string[], asOf?: string): Promise<MemberInfo[]>;
  /** Active members of any of these committees on `asOf` (YYYY-MM-DD): the denominators of coverage figures. */
  activeIn(committees: string[], asOf: string): Promise<MemberInfo[]>;
}

const DIRECTORY_QUERY = `query ($ids: [ID!], $committees: [String!], $asOf: String) {
  memberDirectory(ids: $ids, committees: $committees, asOf: $asOf) { id name status sector committees }
}`;

/**
 * Asks the members subgraph over the internal network, as the platform itself. Look-ups
 * are reads: a reset kept-alive socket is retried once (internalGraphQL).
 */
export function httpMembersSource(membersUrl: string, internalSecret: string, timeoutMs = 15_000): MembersSource {
  const ask = async (variables: Record<string, unknown>): Promise<MemberInfo[]> =>
    (
      await internalGraphQL<{ memberDirectory: MemberInfo[] }>(membersUrl, DIRECTORY_QUERY, variables, {
        internalSecret,
        timeoutMs,
        retryOnReset: true,
        what: "member directory",
      })
    ).memberDirectory;
  return {
    lookup: (ids, asOf) => (ids.length ? ask({ ids, asOf }) : Promise.resolve([])),
    activeIn: (committees, asOf) => (committees.length ? ask({ committees, asOf }) : Promise.resolve([])),
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
