import { CommitteeRef, ConnectionType, MemberRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { DutyActivity, DutyActivityParticipant } from "./activity.entity";
import {
  CreateDutyActivityInput,
  DutyActivitiesArgs,
  ParticipantInput,
  UpdateDutyActivityInput,
} from "./activity.inputs";
import { activityLoaders } from "./activity.loader";
import {
  addParticipants,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from "./activity.service";
import { activityScope } from "./activity.scope";

export const DutyActivityConnection = ConnectionType("DutyActivity", DutyActivity);

@Resolver(() => DutyActivity)
export class DutyActivityResolver {
  @Query(() => DutyActivity, { nullable: true, description: "按编号查询履职活动 / one activity, if you may see it" })
  dutyActivity(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<DutyActivity> {
    return getActivity(ctx, id);
  }

  @Query(() => DutyActivityConnection, { description: "履职活动 / activities you may see, filtered and paged" })
  dutyActivities(@Ctx() ctx: RequestContext, @Args() args: DutyActivitiesArgs) {
    return listActivities(ctx, args);
  }

  @Mutation(() => DutyActivity, { description: "登记履职活动, 含补录往年活动 (组织活动的政协办公室)" })
  createDutyActivity(@Ctx() ctx: RequestContext, @Arg("input") input: CreateDutyActivityInput): Promise<DutyActivity> {
    return createActivity(ctx, input);
  }

  @Mutation(() => DutyActivity, { description: "修改履职活动; version 过期时返回 CONFLICT" })
  updateDutyActivity(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: UpdateDutyActivityInput,
  ): Promise<DutyActivity> {
    return updateActivity(ctx, id, version, input);
  }

  @Mutation(() => DutyActivity, { description: "添加参加委员 (已列入者不变), 全部成功或全部不写" })
  addDutyActivityParticipants(
    @Ctx() ctx: RequestContext,
    @Arg("activityId", () => ID) activityId: string,
    @Arg("participants", () => [ParticipantInput]) participants: ParticipantInput[],
  ): Promise<DutyActivity> {
    return addParticipants(ctx, activityId, participants);
  }

  @Mutation(() => Boolean, { description: "删除误登记的活动 (尚无参加委员和下属调研时)" })
  deleteDutyActivity(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
  ): Promise<boolean> {
    return deleteActivity(ctx, id, version);
  }

  @FieldResolver(() => CommitteeRef, { description: "组织活动的政协" })
  committee(@Root() a: DutyActivity): CommitteeRef {
    return { code: a.committeeCode };
  }

  @FieldResolver(() => [DutyActivityParticipant], { description: "参加委员" })
  participants(@Root() a: DutyActivity, @Ctx() ctx: RequestContext): Promise<DutyActivityParticipant[]> {
    return activityLoaders(ctx).participants.load(a.id);
  }

  @FieldResolver(() => DutyActivity, { nullable: true, description: "所属课题" })
  async topic(@Root() a: DutyActivity, @Ctx() ctx: RequestContext): Promise<DutyActivity | null> {
    if (!a.topicId) return null;
    return activityScope.load(ctx, a.topicId);
  }

  @FieldResolver(() => [DutyActivity], { description: "为本课题开展的调研、视察、考察" })
  async trips(@Root() a: DutyActivity, @Ctx() ctx: RequestContext): Promise<DutyActivity[]> {
    return activityScope.readable(ctx, await activityLoaders(ctx).tripsOf.load(a.id));
  }
}

@Resolver(() => DutyActivityParticipant)
export class DutyActivityParticipantResolver {
  @FieldResolver(() => MemberRef)
  member(@Root() p: DutyActivityParticipant): MemberRef {
    return { id: String(p.memberId) };
  }
}

/** Federation entry for `DutyActivity`: the same visibility rule as every other read (rule 2). */
export function activityReference(ref: Record<string, unknown>, ctx: RequestContext): Promise<DutyActivity | null> {
  return activityScope.reference(ctx, ref.id);
}
