import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum AssignmentRole {
  LEAD = "LEAD",
  ASSISTING = "ASSISTING",
}
registerEnumType(AssignmentRole, {
  name: "ProposalAssignmentRole",
  valuesConfig: { LEAD: { description: "主办" }, ASSISTING: { description: "协办" } },
});

export enum AssignmentStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  RETURNED = "RETURNED",
  REPLIED = "REPLIED",
  CANCELLED = "CANCELLED",
}
registerEnumType(AssignmentStatus, {
  name: "ProposalAssignmentStatus",
  valuesConfig: {
    PENDING: { description: "待签收" },
    ACCEPTED: { description: "已签收, 办理中" },
    RETURNED: { description: "已退回" },
    REPLIED: { description: "已答复" },
    CANCELLED: { description: "因退回改办而撤销" },
  },
});

/** 交办: one unit's share of one handling round of a proposal. */
@ObjectType("ProposalAssignment", { description: "交办记录 / a handling unit's assignment" })
@Entity("proposal_assignment")
export class ProposalAssignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "proposal_id", type: "int" })
  proposalId: number;

  @Column({ name: "unit_id", type: "int" })
  unitId: number;

  @Field(() => AssignmentRole)
  @Column({ type: "varchar", length: 16 })
  role: AssignmentRole;

  @Field(() => Int, { description: "办理轮次" })
  @Column({ type: "int" })
  round: number;

  @Field(() => AssignmentStatus)
  @Column({ type: "varchar", length: 16 })
  status: AssignmentStatus;

  @Field()
  @Column({ name: "assigned_on", type: "date" })
  assignedOn: string;

  @Field({ description: "答复期限" })
  @Column({ name: "due_on", type: "date" })
  dueOn: string;

  @Field(() => String, { nullable: true })
  @Column({ name: "accepted_on", type: "date", nullable: true })
  acceptedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "returned_on", type: "date", nullable: true })
  returnedOn: string | null;

  @Field(() => String, { nullable: true, description: "退回理由" })
  @Column({ name: "return_reason", type: "varchar", length: 500, nullable: true })
  returnReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "replied_on", type: "date", nullable: true })
  repliedOn: string | null;
}
