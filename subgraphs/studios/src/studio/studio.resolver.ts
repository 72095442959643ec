import { CommitteeRef, ConnectionType, MemberRef, today, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { AddStudioMemberInput, RemoveStudioMemberInput } from "../roster/roster.inputs";
import { entryCurrentAt } from "../roster/roster.sql";
import { addStudioMember, removeStudioMember } from "../roster/roster.service";
import { Studio } from "./studio.entity";
import { CloseStudioInput, CreateStudioInput, StudiosArgs, UpdateStudioInput } from "./studio.inputs";
import { activityCountKey, studioLoaders } from "./studio.loader";
import { closeStudio, createStudio, getStudio, listStudios, updateStudio } from "./studio.service";
import { studioScope } from "./studio.scope";

export const StudioConnection = ConnectionType("Studio", Studio);

@Resolver(() => Studio)
export class StudioResolver {
  @Query(() => Studio, { nullable: true, description: "按编号查询委员工作室 / one studio, if you may see it" })
  studio(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<Studio> {
    return getStudio(ctx, id);
  }

  @Query(() => StudioConnection, { description: "委员工作室 / studios you may see, filtered and paged" })
  studios(@Ctx() ctx: RequestContext, @Args() args: StudiosArgs) {
    return listStudios(ctx, args);
  }

  @Mutation(() => Studio, { description: "新建委员工作室 (本级政协办公室)" })
  createStudio(@Ctx() ctx: RequestContext, @Arg("input") input: CreateStudioInput): Promise<Studio> {
    return createStudio(ctx, input);
  }

  @Mutation(() => Studio, { description: "修改工作室信息; version 过期时返回 CONFLICT" })
  updateStudio(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: UpdateStudioInput,
  ): Promise<Studio> {
    return updateStudio(ctx, id, version, input);
  }

  @Mutation(() => Studio, { description: "撤销工作室" })
  closeStudio(@Ctx() ctx: RequestContext, @Arg("input") input: CloseStudioInput): Promise<Studio> {
    return closeStudio(ctx, input);
  }

  @Mutation(() => Studio, { description: "委员入室" })
  addStudioMember(@Ctx() ctx: RequestContext, @Arg("input") input: AddStudioMemberInput): Promise<Studio> {
    return addStudioMember(ctx, input);
  }

  @Mutation(() => Studio, { description: "委员离室" })
  removeStudioMember(@Ctx() ctx: RequestContext, @Arg("input") input: RemoveStudioMemberInput): Promise<Studio> {
    return removeStudioMember(ctx, input);
  }

  @FieldResolver(() => CommitteeRef, { description: "所属政协" })
  committee(@Root() s: Studio): CommitteeRef {
    return { code: s.committeeCode };
  }

  @FieldResolver(() => MemberRef, { nullable: true, description: "领衔委员" })
  leadMember(@Root() s: Studio): MemberRef | null {
    return s.leadMemberId ? { id: String(s.leadMemberId) } : null;
  }

  @FieldResolver(() => [StudioRosterEntry], { description: "入室名单; includePast: true 含已离室的记录" })
  async roster(
    @Root() s: Studio,
    @Ctx() ctx: RequestContext,
    @Arg("includePast", () => Boolean, { nullable: true, defaultValue: false }) includePast?: boolean | null,
  ): Promise<StudioRosterEntry[]> {
    const stays = await studioLoaders(ctx).roster.load(s.id);
    return includePast ? stays : stays.filter((e) => entryCurrentAt(e, today()));
  }

  @FieldResolver(() => Int, { description: "当前在室委员人数" })
  async memberCount(@Root() s: Studio, @Ctx() ctx: RequestContext): Promise<number> {
    const stays = await studioLoaders(ctx).roster.load(s.id);
    return new Set(stays.filter((e) => entryCurrentAt(e, today())).map((e) => e.memberId)).size;
  }

  @FieldResolver(() => Int, { description: "履职活动次数; 给定 year 时为当年" })
  activityCount(
    @Root() s: Studio,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { nullable: true }) year?: number | null,
  ): Promise<number> {
    return studioLoaders(ctx).activityCount.load(activityCountKey(s.id, year));
  }
}

@Resolver(() => StudioRosterEntry)
export class StudioRosterEntryResolver {
  @FieldResolver(() => MemberRef)
  member(@Root() e: StudioRosterEntry): MemberRef {
    return { id: String(e.memberId) };
  }

  @FieldResolver(() => Boolean, { description: "今天是否在室" })
  current(@Root() e: StudioRosterEntry): boolean {
    return entryCurrentAt(e, today());
  }
}

/** Federation entry for `Studio`: the same visibility rule as every other read (rule 2). */
export async function studioReference(ref: Record<string, unknown>, ctx: RequestContext): Promise<Studio | null> {
  return studioScope.reference(ctx, ref.id);
}
