import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { badInput } from "./errors";
import type { RequestContext } from "./context";

export const MAX_PAGE_SIZE = 100;

/** Relay's PageInfo. Every subgraph declares the same one, hence shareable. */
@ObjectType({ description: "Relay 分页信息 / Relay page info" })
@Directive("@shareable")
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionClass as ClassType<Connection<T>>;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "每页条数, 最多 100 / page size, at most 100" })
  first?: number;

  @Field(() => String, { nullable: true, description: "上一页最后一条的 cursor / cursor of the last edge seen" })
  after?: string | null;
}

// Cursors are opaque to clients; they encode the keyset position (the row id).
const CURSOR_PREFIX = "tx1:";
export const encodeCursor = (id: number | string): string =>
  Buffer.from(`${CURSOR_PREFIX}${id}`, "utf8").toString("base64url");

export function decodeCursor(cursor: string, field = "after"): number {
  const raw = Buffer.from(cursor, "base64url").toString("utf8");
  const id = raw.startsWith(CURSOR_PREFIX) ? Number(raw.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(id) || id < 0) {
    throw badInput(field, "分页游标无效", "not a cursor this API issued");
  }
  return id;
}

export function checkPageSize(first: number | undefined | null, field = "first"): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badInput(field, `必须是 0 到 ${MAX_PAGE_SIZE} 之间的整数`, `must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return n;
}

/**
 * Keyset pagination on an integer id column: two statements per page (the page and the
 * total), whatever the page size or position.
 */
export async function paginateById<T extends ObjectLiteral & { id: number }>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
): Promise<Connection<T>> {
  const first = checkPageSize(args.first);
  const afterId = args.after ? decodeCursor(args.after) : null;
  const alias = qb.alias;
  const totalCount = await qb.clone().getCount();
  const page = qb
    .clone()
    .orderBy(`${alias}.id`, "ASC")
    .limit(first + 1);
  if (afterId !== null) page.andWhere(`${alias}.id > :__afterId`, { __afterId: afterId });
  const rows = first === 0 ? [] : await page.getMany();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node.id) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * A list's `committee` argument (with `includeDescendants`): narrows the rows, already
 * restricted by their scope, to that committee or its subtree. An unknown code is
 * BAD_USER_INPUT naming the argument; a committee outside the caller's scope simply
 * leaves nothing, since the scope has already decided which rows remain.
 */
export async function filterByCommittee<T extends ObjectLiteral>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  column: string,
  args: { committee?: string | null; includeDescendants?: boolean | null },
  field = "committee",
): Promise<void> {
  if (!args.committee) return;
  const tree = await ctx.committees();
  if (!tree.has(args.committee)) {
    throw badInput(field, `没有代码为 ${args.committee} 的政协`, `no committee with code ${args.committee}`);
  }
  const codes = args.includeDescendants ? tree.subtree(args.committee) : [args.committee];
  qb.andWhere(`${column} IN (:...filterCodes)`, { filterCodes: codes });
}
