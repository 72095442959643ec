import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ActivityKind } from "./activity.entity";

@ArgsType()
export class DutyActivitiesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "组织活动的政协代码; 不填为你可见的全部" })
  committee?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "含下级政协组织的活动" })
  includeDescendants?: boolean | null;

  @Field(() => Int, { nullable: true, description: "开始于该年的活动" })
  year?: number | null;

  @Field(() => ActivityKind, { nullable: true })
  kind?: ActivityKind | null;
}

@InputType({ description: "参加活动的一名委员 / one participant" })
export class ParticipantInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "牵头 (课题负责人、带队)" })
  leads?: boolean | null;
}

/** Fields shared by creation and change; on change only those given change. */
@InputType({ description: "修改履职活动; 只改给出的字段 / only the fields given change" })
export class UpdateDutyActivityInput {
  @Field(() => String, { nullable: true })
  organiserBody?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  ledBy?: string | null;

  @Field(() => String, { nullable: true })
  reportTitle?: string | null;

  @Field(() => String, { nullable: true })
  reportSubmittedOn?: string | null;

  @Field(() => Int, { nullable: true })
  expertsContacted?: number | null;

  @Field(() => Int, { nullable: true })
  visits?: number | null;

  @Field(() => Int, { nullable: true })
  peopleServed?: number | null;

  @Field(() => Int, { nullable: true })
  mattersDone?: number | null;
}

@InputType({ description: "登记履职活动 (含补录往年活动) / a duty activity, past ones included" })
export class CreateDutyActivityInput extends UpdateDutyActivityInput {
  @Field(() => String, { nullable: true, description: "组织活动的政协, 默认为操作人所在政协" })
  committee?: string | null;

  @Field(() => ActivityKind)
  kind: ActivityKind;

  @Field(() => ID, { nullable: true, description: "所属课题 (深入调研、视察、考察可填)" })
  topicId?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: "参加委员 (最多 500 人)" })
  participants?: ParticipantInput[] | null;
}
