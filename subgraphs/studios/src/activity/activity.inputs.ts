import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { StudioActivityType } from "./activity.entity";

@ArgsType()
export class StudioActivitiesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "只看该工作室" })
  studio?: string | null;

  @Field(() => String, { nullable: true, description: "政协代码" })
  committee?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "含下级政协" })
  includeDescendants?: boolean | null;

  @Field(() => Int, { nullable: true, description: "活动年份" })
  year?: number | null;

  @Field(() => StudioActivityType, { nullable: true })
  type?: StudioActivityType | null;
}

@InputType({ description: "登记工作室履职活动 / record a studio activity" })
export class RecordStudioActivityInput {
  @Field(() => ID)
  studioId: string;

  @Field({ description: "活动日期 YYYY-MM-DD" })
  heldOn: string;

  @Field(() => StudioActivityType)
  type: StudioActivityType;

  @Field()
  title: string;

  @Field(() => [ID], { description: "参加活动的委员 (活动当天在该政协任职)" })
  participantIds: string[];

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "服务群众人次" })
  peopleServed?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "形成社情民意信息篇数" })
  opinionReports?: number | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType({ description: "修改履职活动; 只改给出的字段, 给出 participantIds 时整体替换" })
export class UpdateStudioActivityInput {
  @Field(() => String, { nullable: true })
  heldOn?: string | null;

  @Field(() => StudioActivityType, { nullable: true })
  type?: StudioActivityType | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => [ID], { nullable: true })
  participantIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  peopleServed?: number | null;

  @Field(() => Int, { nullable: true })
  opinionReports?: number | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}
