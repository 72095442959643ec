import { Field, ID, InputType, Int } from "type-graphql";
import { MembershipEndReason, Position } from "./membership.entity";

@InputType({
  description:
    "为已有委员增加任职 (如同时担任市、县政协委员); 他级政协登记的委员用身份证号或姓名加出生日期找到 / a person registered by another committee is found by ID card, or name and birth date",
})
export class AddMembershipInput {
  @Field(() => ID, { nullable: true, description: "本级可见的委员编号" })
  memberId?: string;

  @Field({ nullable: true, description: "身份证号 (跨政协查找同一人)" })
  idCard?: string;

  @Field({ nullable: true, description: "姓名, 与 birthDate 一起查找同一人" })
  name?: string;

  @Field({ nullable: true, description: "出生日期 YYYY-MM-DD" })
  birthDate?: string;

  @Field({ nullable: true, description: "默认为操作人所在政协" })
  committee?: string;

  @Field(() => Int, { nullable: true, description: "默认为当前届" })
  term?: number;

  @Field(() => Position, { nullable: true, defaultValue: Position.MEMBER })
  position?: Position;

  @Field({ nullable: true, description: "默认为今天" })
  startedOn?: string;
}

@InputType({ description: "结束任职(届满、辞职、调离、去世); 撤销资格请用 revokeMember" })
export class EndMembershipInput {
  @Field(() => ID)
  membershipId: string;

  @Field({ nullable: true, description: "默认为今天" })
  endedOn?: string;

  @Field(() => MembershipEndReason)
  reason: MembershipEndReason;

  @Field({ nullable: true })
  note?: string;
}

@InputType({ description: "撤销委员资格 / revoke a member's seat" })
export class RevokeMemberInput {
  @Field(() => ID)
  memberId: string;

  @Field({ nullable: true, description: "默认为操作人所在政协" })
  committee?: string;

  @Field({ nullable: true, description: "默认为今天" })
  revokedOn?: string;

  @Field({ description: "依据, 如 常委会决定文号" })
  note: string;
}
