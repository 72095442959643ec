import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum CoSignerStatus {
  INVITED = "INVITED",
  SIGNED = "SIGNED",
  LAPSED = "LAPSED",
}
registerEnumType(CoSignerStatus, {
  name: "ProposalCoSignerStatus",
  valuesConfig: {
    INVITED: { description: "已邀请, 待联名" },
    SIGNED: { description: "已联名" },
    LAPSED: { description: "提交时仍未联名, 邀请失效" },
  },
});

/** 联名: a member invited by the lead proposer; counts only once signed before the deadline. */
@ObjectType("ProposalCoSigner", { description: "联名人 / a co-signer of a proposal" })
@Entity("proposal_co_signer")
export class ProposalCoSigner {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "proposal_id", type: "int" })
  proposalId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field(() => CoSignerStatus)
  @Column({ type: "varchar", length: 16 })
  status: CoSignerStatus;

  @Field()
  @Column({ name: "invited_at", type: "datetime" })
  invitedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "signed_at", type: "datetime", nullable: true })
  signedAt: Date | null;
}
