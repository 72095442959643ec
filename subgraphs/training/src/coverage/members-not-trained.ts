import { checkPageSize, CommitteeRef, decodeCursor, encodeCursor, MemberRef, PageArgs, PageInfo, type RequestContext } from "@tongxin/sdk";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { trainingPeriod } from "../period";
import { membersTrainedIn } from "./training-stats";

@ArgsType()
export class MembersNotTrainedArgs extends PageArgs {
  @Field({ description: "政协代码" })
  committee: string;

  @Field(() => Int, { nullable: true, description: "届次; 与 year 都不给时为当前届" })
  term?: number | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

@ObjectType("MemberNotTrainedEdge")
export class MemberNotTrainedEdge {
  @Field(() => MemberRef)
  node: MemberRef;

  @Field()
  cursor: string;
}

/**
 * The work list behind "确保每位委员届内至少参加1次履职学习培训": the committee's active
 * members who attended no session of any organiser in the period. Its `totalCount` is
 * `activeMembers - activeMembersTrained` of trainingStats for the same period.
 */
@ObjectType({ description: "期间内尚未参加培训的在任委员 / active members not yet trained in the period" })
export class MembersNotTrainedConnection {
  @Field(() => [MemberNotTrainedEdge])
  edges: MemberNotTrainedEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;

  @Field(() => CommitteeRef)
  committee: CommitteeRef;

  @Field()
  from: string;

  @Field()
  until: string;

  @Field({ description: "在任委员的统计日" })
  asOf: string;

  @Field(() => Int)
  activeMembers: number;
}

export async function membersNotTrained(ctx: RequestContext, args: MembersNotTrainedArgs): Promise<MembersNotTrainedConnection> {
  await ctx.assertCanReadCommittee(args.committee);
  const period = await trainingPeriod(ctx, args.committee, args);
  const first = checkPageSize(args.first);
  const after = args.after ? decodeCursor(args.after) : null;
  const active = await ctx.runtime.members.activeIn([args.committee], period.asOf);
  const trained = await membersTrainedIn(ctx, period.from, period.to);
  const ids = active
    .map((m) => Number(m.id))
    .filter((id) => !trained.has(id))
    .sort((a, b) => a - b);
  // Keyset on the member id, like paginateById: the register is not ours to page in SQL.
  const rest = after === null ? ids : ids.filter((id) => id > after);
  const edges = rest.slice(0, first).map((id) => ({ node: { id: String(id) }, cursor: encodeCursor(id) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rest.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: ids.length,
    committee: { code: args.committee },
    from: period.from,
    until: period.until,
    asOf: period.asOf,
    activeMembers: active.length,
  };
}
