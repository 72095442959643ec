import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { ProposalStatus } from "./proposal.entity";

/** Every step a proposal takes; the timeline is this table in order. */
export enum ProposalAction {
  DRAFT = "DRAFT",
  INVITE_COSIGNERS = "INVITE_COSIGNERS",
  WITHDRAW_INVITATION = "WITHDRAW_INVITATION",
  COSIGN = "COSIGN",
  SUBMIT = "SUBMIT",
  RECLASSIFY = "RECLASSIFY",
  FILE = "FILE",
  NOT_FILE = "NOT_FILE",
  MERGE = "MERGE",
  CONVERT = "CONVERT",
  ASSIGN = "ASSIGN",
  ACCEPT = "ACCEPT",
  RETURN = "RETURN",
  REPLY = "REPLY",
  MARK_KEY = "MARK_KEY",
  RATE_EXCELLENT = "RATE_EXCELLENT",
  EVALUATE = "EVALUATE",
  CLOSE = "CLOSE",
}
registerEnumType(ProposalAction, {
  name: "ProposalAction",
  valuesConfig: {
    DRAFT: { description: "起草" },
    INVITE_COSIGNERS: { description: "邀请联名" },
    WITHDRAW_INVITATION: { description: "撤回联名邀请" },
    COSIGN: { description: "联名" },
    SUBMIT: { description: "提交 (编发案号)" },
    RECLASSIFY: { description: "调整分类" },
    FILE: { description: "立案" },
    NOT_FILE: { description: "不予立案" },
    MERGE: { description: "并案" },
    CONVERT: { description: "转社情民意" },
    ASSIGN: { description: "交办" },
    ACCEPT: { description: "承办单位签收" },
    RETURN: { description: "承办单位退回" },
    REPLY: { description: "答复" },
    MARK_KEY: { description: "确定为重点提案" },
    RATE_EXCELLENT: { description: "重点提案办复评为优秀" },
    EVALUATE: { description: "评价答复" },
    CLOSE: { description: "办结" },
  },
});

@ObjectType("ProposalEvent", { description: "提案流转记录 / one step of a proposal's timeline" })
@Entity("proposal_event")
export class ProposalEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "proposal_id", type: "int" })
  proposalId: number;

  @Field(() => ProposalAction)
  @Column({ type: "varchar", length: 24 })
  action: ProposalAction;

  @Field(() => ProposalStatus, { nullable: true, description: "之前的状态; 起草时为空" })
  @Column({ name: "from_status", type: "varchar", length: 16, nullable: true })
  from: ProposalStatus | null;

  @Field(() => ProposalStatus)
  @Column({ name: "to_status", type: "varchar", length: 16 })
  to: ProposalStatus;

  @Field({ description: "操作人角色: MEMBER / STAFF / UNIT / SYSTEM" })
  @Column({ name: "actor_role", type: "varchar", length: 16 })
  actorRole: string;

  @Field({ description: "操作人标识 (令牌的 subject)" })
  @Column({ name: "actor_subject", type: "varchar", length: 128 })
  actorSubject: string;

  @Column({ name: "actor_member_id", type: "int", nullable: true })
  actorMemberId: number | null;

  @Column({ name: "actor_unit_id", type: "int", nullable: true })
  actorUnitId: number | null;

  @Column({ name: "actor_committee", type: "varchar", length: 64, nullable: true })
  actorCommittee: string | null;

  @Field()
  @Column({ type: "datetime" })
  at: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 1000, nullable: true })
  note: string | null;
}
