import { ConnectionType, MemberRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Studio } from "../studio/studio.entity";
import { studioLoaders } from "../studio/studio.loader";
import { StudioActivity } from "./activity.entity";
import { RecordStudioActivityInput, StudioActivitiesArgs, UpdateStudioActivityInput } from "./activity.inputs";
import { activityLoaders } from "./activity.loader";
import {
  deleteStudioActivity,
  getActivity,
  listStudioActivities,
  recordStudioActivity,
  updateStudioActivity,
} from "./activity.service";

export const StudioActivityConnection = ConnectionType("StudioActivity", StudioActivity);

@Resolver(() => StudioActivity)
export class StudioActivityResolver {
  @Query(() => StudioActivity, { nullable: true })
  studioActivity(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<StudioActivity> {
    return getActivity(ctx, id);
  }

  @Query(() => StudioActivityConnection, { description: "工作室履职活动 / activities of studios you may see" })
  studioActivities(@Ctx() ctx: RequestContext, @Args() args: StudioActivitiesArgs) {
    return listStudioActivities(ctx, args);
  }

  @Mutation(() => StudioActivity, { description: "登记履职活动 (本级政协办公室, 或该工作室的在室委员)" })
  recordStudioActivity(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: RecordStudioActivityInput,
  ): Promise<StudioActivity> {
    return recordStudioActivity(ctx, input);
  }

  @Mutation(() => StudioActivity, { description: "修改履职活动 (本级政协办公室, 或登记该活动的委员)" })
  updateStudioActivity(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input") input: UpdateStudioActivityInput,
  ): Promise<StudioActivity> {
    return updateStudioActivity(ctx, id, version, input);
  }

  @Mutation(() => Boolean, { description: "删除履职活动 (本级政协办公室)" })
  deleteStudioActivity(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
  ): Promise<boolean> {
    return deleteStudioActivity(ctx, id, version);
  }

  @FieldResolver(() => Studio)
  async studio(@Root() a: StudioActivity, @Ctx() ctx: RequestContext): Promise<Studio> {
    return (await studioLoaders(ctx).byId.load(a.studioId))!;
  }

  @FieldResolver(() => [MemberRef], { description: "参加委员" })
  async participants(@Root() a: StudioActivity, @Ctx() ctx: RequestContext): Promise<MemberRef[]> {
    return (await activityLoaders(ctx).participants.load(a.id)).map((id) => ({ id: String(id) }));
  }

  @FieldResolver(() => Int)
  async participantCount(@Root() a: StudioActivity, @Ctx() ctx: RequestContext): Promise<number> {
    return (await activityLoaders(ctx).participants.load(a.id)).length;
  }
}
