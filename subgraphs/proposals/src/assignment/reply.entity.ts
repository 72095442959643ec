import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { AssignmentRole } from "./assignment.entity";

export enum ReplyClass {
  A = "A",
  B = "B",
  C = "C",
  D = "D",
}
registerEnumType(ReplyClass, {
  name: "ReplyClass",
  description: "答复类别",
  valuesConfig: {
    A: { description: "解决或采纳" },
    B: { description: "正在解决" },
    C: { description: "列入计划" },
    D: { description: "留作参考" },
  },
});

/** 答复: a unit's written answer in one handling round. */
@ObjectType("ProposalReply", { description: "答复 / a handling unit's reply" })
@Entity("proposal_reply")
export class ProposalReply {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "proposal_id", type: "int" })
  proposalId: number;

  @Column({ name: "assignment_id", type: "int" })
  assignmentId: number;

  @Column({ name: "unit_id", type: "int" })
  unitId: number;

  @Field(() => Int)
  @Column({ type: "int" })
  round: number;

  @Field(() => AssignmentRole, { description: "主办单位的答复决定提案是否已办复" })
  @Column({ type: "varchar", length: 16 })
  role: AssignmentRole;

  @Field(() => ReplyClass)
  @Column({ name: "reply_class", type: "varchar", length: 1 })
  replyClass: ReplyClass;

  @Field()
  @Column({ type: "text" })
  body: string;

  @Field()
  @Column({ name: "replied_on", type: "date" })
  repliedOn: string;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
