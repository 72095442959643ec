import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "@tongxin/sdk";
import { Position } from "../membership/membership.entity";
import { Gender, MemberStatus } from "./member.entity";

@ArgsType()
export class MembersArgs extends PageArgs {
  @Field({ nullable: true, description: "政协代码: 在该政协任职(或任过职)的委员" })
  committee?: string;

  @Field({ nullable: true, description: "界别名称, 如 教育" })
  sector?: string;

  @Field(() => MemberStatus, { nullable: true })
  status?: MemberStatus;

  @Field({ nullable: true, description: "按姓名或工作单位搜索" })
  search?: string;
}

@InputType({ description: "新增委员 / a new member and their first seat" })
export class CreateMemberInput {
  @Field({ nullable: true, description: "任职的政协, 默认为操作人所在政协" })
  committee?: string;

  @Field()
  name: string;

  @Field(() => Gender)
  gender: Gender;

  @Field({
    nullable: true,
    description: "身份证号: 只保存其密钥散列, 从不返回 / stored only as a keyed hash, never returned",
  })
  idCard?: string;

  @Field({ nullable: true, description: "出生日期 YYYY-MM-DD; 给出身份证号时可省略" })
  birthDate?: string;

  @Field({ nullable: true, defaultValue: "汉族" })
  ethnicity?: string;

  @Field({ nullable: true, description: "党派简称或全称, 如 民盟; 群众可不填" })
  party?: string;

  @Field({ description: "界别名称" })
  sector: string;

  @Field({ nullable: true })
  workplace?: string;

  @Field({ nullable: true })
  jobTitle?: string;

  @Field(() => Position, { nullable: true, defaultValue: Position.MEMBER })
  position?: Position;

  @Field(() => Int, { nullable: true, description: "届次, 默认为当前届" })
  term?: number;

  @Field({ nullable: true, description: "任职开始日期, 默认为今天" })
  startedOn?: string;

  @Field({ nullable: true })
  commitmentSignedOn?: string;
}

@InputType({ description: "修改委员信息; 只改给出的字段 / only the fields given change" })
export class UpdateMemberInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => Gender, { nullable: true })
  gender?: Gender;

  @Field({ nullable: true, description: "身份证号 (只保存散列)" })
  idCard?: string;

  @Field({ nullable: true })
  birthDate?: string;

  @Field({ nullable: true })
  ethnicity?: string;

  @Field({ nullable: true })
  party?: string;

  @Field({ nullable: true })
  sector?: string;

  @Field({ nullable: true })
  workplace?: string;

  @Field({ nullable: true })
  jobTitle?: string;
}

@InputType()
export class RecordCommitmentInput {
  @Field(() => ID)
  memberId: string;

  @Field({ description: "签订日期 YYYY-MM-DD" })
  signedOn: string;
}
