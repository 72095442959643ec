import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ChishuiProblemStatus } from "./inspection.entity";

@InputType()
export class ChishuiProblemInput {
  @Field()
  description: string;

  @Field(() => ID, { nullable: true, description: "涉及的监测断面" })
  sectionId?: string;
}

@InputType({ description: "登记一次监督视察及发现的问题" })
export class ChishuiInspectionInput {
  @Field(() => String, { nullable: true })
  committee?: string;

  @Field()
  heldOn: string;

  @Field()
  title: string;

  @Field(() => [String], { nullable: true, description: "联合视察的其他政协, 如 七星关区政协、古蔺县政协" })
  partners?: string[];

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  participants?: number;

  @Field(() => [ChishuiProblemInput], { nullable: true })
  problems?: ChishuiProblemInput[];
}

@InputType({ description: "更新问题整改情况" })
export class ChishuiProblemUpdateInput {
  @Field(() => ID)
  problemId: string;

  @Field(() => ChishuiProblemStatus)
  status: ChishuiProblemStatus;

  @Field(() => String, { nullable: true })
  rectification?: string;

  @Field(() => String, { nullable: true, description: "销号日期, 状态为 CLOSED 时默认为今天" })
  closedOn?: string;
}

@ArgsType()
export class ChishuiProblemsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  committee?: string;

  @Field(() => ChishuiProblemStatus, { nullable: true })
  status?: ChishuiProblemStatus;
}
