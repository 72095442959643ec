import { checkPageSize, decodeCursor, encodeCursor, MemberRef, PageInfo, type PageArgs } from "@tongxin/sdk";
import { Field, ObjectType } from "type-graphql";

@ObjectType("MemberOutsideStudiosEdge")
export class MemberOutsideStudiosEdge {
  @Field(() => MemberRef)
  node: MemberRef;

  @Field()
  cursor: string;
}

/**
 * A page of a member list computed here (the register lives in the members subgraph,
 * so there is no table to page with SQL): keyset on the member id, like `paginateById`.
 */
export function pageOfMembers(sortedIds: readonly number[], args: PageArgs) {
  const first = checkPageSize(args.first);
  const after = args.after ? decodeCursor(args.after) : null;
  const rest = after === null ? sortedIds : sortedIds.filter((id) => id > after);
  const edges = rest.slice(0, first).map((id) => ({ node: { id: String(id) }, cursor: encodeCursor(id) }));
  const pageInfo: PageInfo = {
    hasNextPage: rest.length > first,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo, totalCount: sortedIds.length };
}
