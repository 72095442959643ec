import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { CourtyardIssueStatus, CourtyardTheme } from "./session.entity";

@ArgsType()
export class CourtyardSessionsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "县级政协代码; 不填为可见范围内全部" })
  committee?: string;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => CourtyardTheme, { nullable: true })
  theme?: CourtyardTheme;
}

@InputType({ description: "登记一次院坝协商" })
export class CourtyardSessionInput {
  @Field(() => String, { nullable: true, description: "默认为操作人所在政协" })
  committee?: string;

  @Field({ description: "日期 YYYY-MM-DD" })
  heldOn: string;

  @Field()
  township: string;

  @Field()
  village: string;

  @Field(() => CourtyardTheme)
  theme: CourtyardTheme;

  @Field()
  topic: string;

  @Field(() => Int)
  participants: number;

  @Field(() => [ID], { description: "组织协商的委员(至少一名, 须为本级政协在任委员)" })
  organiserIds: string[];

  @Field(() => [String], { nullable: true, description: "群众提出的问题, 每条一项" })
  issues?: string[];

  @Field(() => String, { nullable: true })
  outcome?: string;
}

@InputType({ description: "更新问题办理情况" })
export class CourtyardIssueUpdateInput {
  @Field(() => ID)
  issueId: string;

  @Field(() => CourtyardIssueStatus)
  status: CourtyardIssueStatus;

  @Field(() => String, { nullable: true, description: "解决日期, 状态为 RESOLVED 时默认为今天" })
  resolvedOn?: string;

  @Field(() => String, { nullable: true })
  note?: string;
}
