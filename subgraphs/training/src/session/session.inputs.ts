import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, Float, Int, InputType } from "type-graphql";
import { TrainingKind } from "./session.entity";

@ArgsType()
export class TrainingSessionsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "主办政协代码; 不填为你可见的全部" })
  committee?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "含下级政协主办的班次" })
  includeDescendants?: boolean | null;

  @Field(() => Int, { nullable: true, description: "开始于该年的班次" })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: "开始于该政协该届内的班次 (须同时给出 committee)" })
  term?: number | null;

  @Field(() => TrainingKind, { nullable: true })
  kind?: TrainingKind | null;
}

@InputType({ description: "新建培训班次 / a new training session" })
export class CreateTrainingSessionInput {
  @Field(() => String, { nullable: true, description: "主办政协, 默认为操作人所在政协" })
  committee?: string | null;

  @Field()
  title: string;

  @Field(() => TrainingKind)
  kind: TrainingKind;

  @Field(() => String, { nullable: true, description: "承办高校、干部学院或授课专家; 送出去、请进来必填" })
  provider?: string | null;

  @Field({ description: "开始日期 YYYY-MM-DD" })
  startsOn: string;

  @Field(() => String, { nullable: true, description: "结束日期, 默认与开始日期相同" })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => Float, { description: "学时, 如 6 或 2.5" })
  hours: number;
}

@InputType({ description: "修改培训班次; 只改给出的字段 / only the fields given change" })
export class UpdateTrainingSessionInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => TrainingKind, { nullable: true })
  kind?: TrainingKind | null;

  @Field(() => String, { nullable: true })
  provider?: string | null;

  @Field(() => String, { nullable: true })
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => Float, { nullable: true })
  hours?: number | null;
}
