import type { RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Committee, CommitteeLevel } from "./committee.entity";
import { childCommittees, getCommittee, listCommittees, memberStats } from "./committee.service";
import { MemberStats } from "./member-stats";

@Resolver(() => Committee)
export class CommitteeResolver {
  @Query(() => [Committee], { description: "政协列表(公开) / committees, public" })
  committees(
    @Ctx() ctx: RequestContext,
    @Arg("level", () => CommitteeLevel, { nullable: true }) level?: CommitteeLevel,
  ): Promise<Committee[]> {
    return listCommittees(ctx, level);
  }

  @Query(() => Committee, { nullable: true })
  committee(@Ctx() ctx: RequestContext, @Arg("code") code: string): Promise<Committee | null> {
    return getCommittee(ctx, code);
  }

  @FieldResolver(() => Committee, { nullable: true, description: "上级政协" })
  parent(@Root() c: Committee, @Ctx() ctx: RequestContext): Promise<Committee | null> | null {
    return c.parentCode ? getCommittee(ctx, c.parentCode) : null;
  }

  @FieldResolver(() => [Committee], { description: "下级政协" })
  children(@Root() c: Committee, @Ctx() ctx: RequestContext): Promise<Committee[]> {
    return childCommittees(ctx, c.code);
  }

  @FieldResolver(() => MemberStats, {
    nullable: true,
    description: "委员统计; year 给定时统计截至该年末 / member figures, as of the end of `year` when given",
  })
  memberStats(
    @Root() c: Committee,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { nullable: true }) year?: number,
    @Arg("includeDescendants", { defaultValue: false }) includeDescendants?: boolean,
  ): Promise<MemberStats> {
    return memberStats(ctx, c.code, { year, includeDescendants });
  }
}

/** Committees are public, so the reference needs no scope check; their figures check it. */
export const committeeReference = (ref: Record<string, unknown>, ctx: RequestContext) =>
  getCommittee(ctx, String(ref.code));
