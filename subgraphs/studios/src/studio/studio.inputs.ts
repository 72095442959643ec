import { PageArgs } from "@tongxin/sdk";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { StudioStatus } from "./studio.entity";

@ArgsType()
export class StudiosArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "政协代码; 不填为你可见的全部" })
  committee?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "含下级政协" })
  includeDescendants?: boolean | null;

  @Field(() => StudioStatus, { nullable: true })
  status?: StudioStatus | null;

  @Field(() => String, { nullable: true, description: "按名称、主题或界别搜索" })
  search?: string | null;
}

@InputType({ description: "新建委员工作室 / a new studio" })
export class CreateStudioInput {
  @Field(() => String, { nullable: true, description: "所属政协, 默认为操作人所在政协" })
  committee?: string | null;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: "主题; 主题与界别至少填一项" })
  theme?: string | null;

  @Field(() => String, { nullable: true, description: "依托的界别" })
  sector?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field({ description: "成立日期 YYYY-MM-DD" })
  establishedOn: string;

  @Field(() => ID, { nullable: true, description: "领衔委员; 自成立之日起入室" })
  leadMemberId?: string | null;
}

@InputType({ description: "修改工作室信息; 只改给出的字段 / only the fields given change" })
export class UpdateStudioInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  theme?: string | null;

  @Field(() => String, { nullable: true })
  sector?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: "领衔委员, 须为当前入室委员" })
  leadMemberId?: string | null;
}

@InputType({ description: "撤销工作室; 在室委员同日离室" })
export class CloseStudioInput {
  @Field(() => ID)
  studioId: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true, description: "撤销日期, 默认为今天" })
  closedOn?: string | null;
}
