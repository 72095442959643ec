import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { OpinionReportStatus } from "./opinion-report.entity";

@ArgsType()
export class OpinionReportsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  committee?: string | null;

  @Field(() => Int, { nullable: true, description: "报送年度" })
  year?: number | null;

  @Field(() => OpinionReportStatus, { nullable: true })
  status?: OpinionReportStatus | null;
}

@InputType()
export class SubmitOpinionReportInput {
  @Field(() => String, { nullable: true, description: "政协代码; 委员默认为其唯一任职的政协, 机关默认为本级" })
  committee?: string | null;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => String, { nullable: true, description: "反映人 (机关录入时必填, 如 某专委会)" })
  submitterName?: string | null;
}

@InputType()
export class LeaderInstructionInput {
  @Field({ description: "批示领导" })
  leader: string;

  @Field({ description: "批示内容" })
  instruction: string;

  @Field(() => String, { nullable: true, description: "批示日期, 默认为今天" })
  instructedOn?: string | null;
}
