import { Field, InputType, Int } from "type-graphql";
import { CommitteeLevel } from "./committee.entity";

@InputType({ description: "新建政协 / a new committee" })
export class CreateCommitteeInput {
  @Field({ description: "代码: 小写字母开头, 字母、数字、- 或 _, 如 zhenxiong / stable code" })
  code: string;

  @Field({ description: "名称, 如 镇雄县政协" })
  name: string;

  @Field(() => CommitteeLevel)
  level: CommitteeLevel;

  @Field(() => String, {
    nullable: true,
    description: "上级政协代码; 为空则为新的根 (仅平台管理员) / parent code; none makes a new root (ADMIN only)",
  })
  parent?: string | null;

  @Field(() => Int, { description: "当前届次, 如 5" })
  term: number;

  @Field({ description: "当前届开始日期 (首次全体会议), YYYY-MM-DD" })
  termStartedOn: string;

  @Field(() => Int, { nullable: true, description: "在上级下的排序 / order among siblings" })
  sortOrder?: number | null;
}

@InputType({ description: "修改政协名称或层级 / rename a committee" })
export class UpdateCommitteeInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => CommitteeLevel, { nullable: true })
  level?: CommitteeLevel;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@InputType({ description: "登记一届 (或更正其开始日期) / record a term or correct its first day" })
export class CommitteeTermInput {
  @Field()
  committee: string;

  @Field(() => Int)
  term: number;

  @Field({ description: "首次全体会议日期, YYYY-MM-DD" })
  startedOn: string;
}

@InputType({ description: "增加界别或党派 / add a sector or party" })
export class CatalogEntryInput {
  @Field({ description: "名称, 如 侨联; 党派为全称" })
  name: string;

  @Field({ nullable: true, description: "党派简称 (界别不填) / a party's short name" })
  shortName?: string;

  @Field(() => String, {
    nullable: true,
    description: "为空: 平台目录 (仅平台管理员); 否则为本政协增加 / none: the platform list (ADMIN only)",
  })
  committee?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}
