import { MemberRef, type RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { TrainingRecord, trainingRecord } from "./training-record";

@Resolver(() => MemberRef)
export class MemberTrainingResolver {
  @FieldResolver(() => TrainingRecord, {
    nullable: true,
    description: "个人培训记录; 给 year 为该年, 给 term (及 committee) 为该届, 都不给为全部",
  })
  trainingRecord(
    @Root() m: MemberRef,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { nullable: true }) year?: number | null,
    @Arg("term", () => Int, { nullable: true }) term?: number | null,
    @Arg("committee", () => String, { nullable: true, description: "届次所属政协" }) committee?: string | null,
  ): Promise<TrainingRecord> {
    return trainingRecord(ctx, m.id, { year, term, committee });
  }
}
