import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum LeaveStatus {
  REQUESTED = "REQUESTED",
  APPROVED = "APPROVED",
  REFUSED = "REFUSED",
}
registerEnumType(LeaveStatus, {
  name: "LeaveStatus",
  description: "请假状态 / state of a leave request",
  valuesConfig: {
    REQUESTED: { description: "已提交, 待审批" },
    APPROVED: { description: "已批准" },
    REFUSED: { description: "未批准" },
  },
});

/**
 * 请假: asked in writing before the meeting, approved (for plenary and standing-committee
 * meetings by the chair; the office records the decision and who took it).
 */
@ObjectType("MeetingLeaveRequest", { description: "请假申请 / a request for leave from a meeting" })
@Entity("meetings_leave")
export class MeetingLeaveRequest {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "meeting_id", type: "int" })
  meetingId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field({ description: "事由" })
  @Column({ type: "varchar", length: 500 })
  reason: string;

  @Field({ description: "提出日期 YYYY-MM-DD (须在会议开始之前或当天)" })
  @Column({ name: "requested_on", type: "date" })
  requestedOn: string;

  @Field(() => LeaveStatus)
  @Column({ type: "varchar", length: 16 })
  status: LeaveStatus;

  @Field(() => String, { nullable: true, description: "批准人, 如 主席 张某某 (全体会议、常委会议由主席批准)" })
  @Column({ type: "varchar", length: 100, nullable: true })
  approver: string | null;

  @Field(() => String, { nullable: true, description: "审批日期" })
  @Column({ name: "decided_on", type: "date", nullable: true })
  decidedOn: string | null;

  /** Who entered the request: the member themselves, or the office typing in a paper form (代录). */
  @Field({ description: "录入人 (委员本人或代录的办公室)" })
  @Column({ name: "entered_by", type: "varchar", length: 100 })
  enteredBy: string;

  @Column({ name: "decided_by", type: "varchar", length: 100, nullable: true })
  decidedBy: string | null;

  @Field(() => Int)
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
