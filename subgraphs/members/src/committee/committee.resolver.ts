import type { RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { createCommittee, moveCommittee, recordCommitteeTerm, updateCommittee } from "./committee.admin";
import { Committee, CommitteeLevel } from "./committee.entity";
import { CommitteeTerm } from "./committee-term.entity";
import { currentSpan, termSpans } from "./committee-term.service";
import { CommitteeTermInput, CreateCommitteeInput, UpdateCommitteeInput } from "./committee.inputs";
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

  @FieldResolver(() => Int, { description: "当前届次, 如 5 (第五届) / current term number" })
  async currentTerm(@Root() c: Committee, @Ctx() ctx: RequestContext): Promise<number> {
    return currentSpan(await termSpans(ctx, c)).term;
  }

  @FieldResolver(() => String, {
    description: "本届开始日期 (首次全体会议) / first plenary session of the current term",
  })
  async termStartedOn(@Root() c: Committee, @Ctx() ctx: RequestContext): Promise<string> {
    return currentSpan(await termSpans(ctx, c)).startedOn;
  }

  @FieldResolver(() => [CommitteeTerm], { description: "已登记的届次 (公开) / the recorded terms, oldest first" })
  async terms(@Root() c: Committee, @Ctx() ctx: RequestContext): Promise<CommitteeTerm[]> {
    return (await termSpans(ctx, c)).map((s) => Object.assign(new CommitteeTerm(), { committeeCode: c.code, ...s }));
  }

  @Mutation(() => Committee, {
    description:
      "新建政协: 本级及下级办公室可在本辖区内新建下级; 平台管理员可在任何位置 (含新的根) / create a committee under a parent",
  })
  createCommittee(@Ctx() ctx: RequestContext, @Arg("input") input: CreateCommitteeInput): Promise<Committee> {
    return createCommittee(ctx, input);
  }

  @Mutation(() => Committee, { description: "修改政协名称、层级或排序 / rename a committee" })
  updateCommittee(
    @Ctx() ctx: RequestContext,
    @Arg("code") code: string,
    @Arg("input") input: UpdateCommitteeInput,
  ): Promise<Committee> {
    return updateCommittee(ctx, code, input);
  }

  @Mutation(() => Committee, {
    description: "把政协 (连同其下级) 移到另一上级之下; parent 为空则成为根 (仅平台管理员); 不能形成环",
  })
  moveCommittee(
    @Ctx() ctx: RequestContext,
    @Arg("code") code: string,
    @Arg("parent", () => String, { nullable: true }) parent: string | null,
  ): Promise<Committee> {
    return moveCommittee(ctx, code, parent ?? null);
  }

  @Mutation(() => Committee, { description: "登记一届及其开始日期, 或更正日期 (本级办公室) / record a term" })
  recordCommitteeTerm(@Ctx() ctx: RequestContext, @Arg("input") input: CommitteeTermInput): Promise<Committee> {
    return recordCommitteeTerm(ctx, input);
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
