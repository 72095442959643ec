import { Field, ID, InputType, Int } from "type-graphql";
import { MembershipEndReason, Position } from "./membership.entity";

@InputType({ description: "为已有委员增加任职 (如同时担任市、县政协委员)" })
export class AddMembershipInput {
  @Field(() => ID)
  memberId: string;

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
