import { CommitteeRef, PageArgs, PageInfo, today, type RequestContext } from "@tongxin/sdk";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { onRosterAt } from "../roster/roster.sql";
import { MemberOutsideStudiosEdge, pageOfMembers } from "./member-page";

@ArgsType()
export class MembersOutsideStudiosArgs extends PageArgs {
  @Field({ description: "政协代码" })
  committee: string;
}

/**
 * The work list behind "委员全入室、界别全覆盖": today's active members of a committee
 * who are on no studio roster, and the sectors none of whose members is in a studio.
 * Its `totalCount` is `activeMembers - activeMembersInStudios` of today's studioStats.
 */
@ObjectType({ description: "尚未入室的在任委员 / active members on no studio roster today" })
export class MembersOutsideStudiosConnection {
  @Field(() => [MemberOutsideStudiosEdge])
  edges: MemberOutsideStudiosEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: "尚未入室的在任委员人数" })
  totalCount: number;

  @Field(() => CommitteeRef)
  committee: CommitteeRef;

  @Field({ description: "统计日期 (今天)" })
  asOf: string;

  @Field(() => Int, { description: "在任委员人数" })
  activeMembers: number;

  @Field(() => [String], { description: "有在任委员但无人入室的界别 / sectors with active members but none in a studio" })
  sectorsWithoutStudioMember: string[];
}

/** Members on any studio's roster on `day` (whichever committee runs the studio). */
export async function membersOnAnyRosterAt(ctx: RequestContext, day: string): Promise<Set<number>> {
  const rows = await ctx
    .repo(StudioRosterEntry)
    .createQueryBuilder("r")
    .select("DISTINCT r.member_id", "memberId")
    .where(onRosterAt("r"), { asOf: day })
    .getRawMany<{ memberId: number }>();
  return new Set(rows.map((r) => Number(r.memberId)));
}

export async function membersOutsideStudios(
  ctx: RequestContext,
  args: MembersOutsideStudiosArgs,
): Promise<MembersOutsideStudiosConnection> {
  await ctx.assertCanReadCommittee(args.committee);
  const asOf = today();
  const active = await ctx.runtime.members.activeIn([args.committee], asOf);
  const onRoster = await membersOnAnyRosterAt(ctx, asOf);
  const outside = active.filter((m) => !onRoster.has(Number(m.id)));
  const coveredSectors = new Set(active.filter((m) => onRoster.has(Number(m.id))).map((m) => m.sector));
  const uncovered = [...new Set(active.map((m) => m.sector))]
    .filter((s): s is string => !!s && !coveredSectors.has(s))
    .sort((a, b) => a.localeCompare(b, "zh-CN"));
  const ids = outside.map((m) => Number(m.id)).sort((a, b) => a - b);
  return {
    ...pageOfMembers(ids, args),
    committee: { code: args.committee },
    asOf,
    activeMembers: active.length,
    sectorsWithoutStudioMember: uncovered,
  };
}
