import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum TrainingAttendance {
  ATTENDED = "ATTENDED",
  ABSENT = "ABSENT",
  EXCUSED = "EXCUSED",
}
registerEnumType(TrainingAttendance, {
  name: "TrainingAttendance",
  description: "出勤 / attendance at a session",
  valuesConfig: {
    ATTENDED: { description: "参加" },
    ABSENT: { description: "缺席" },
    EXCUSED: { description: "请假" },
  },
});

/** A member enrolled in a session, and (once marked) whether they attended. One row per member and session. */
@ObjectType("TrainingEnrolment", { description: "参训登记 / a member's enrolment in a session" })
@Entity("training_enrolment")
export class TrainingEnrolment {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "session_id", type: "int" })
  sessionId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field(() => TrainingAttendance, { nullable: true, description: "出勤; null 为尚未登记 / not marked yet" })
  @Column({ type: "varchar", length: 16, nullable: true })
  attendance: TrainingAttendance | null;

  @Field(() => Date, { nullable: true, description: "登记出勤的时间" })
  @Column({ name: "marked_at", type: "datetime", nullable: true })
  markedAt: Date | null;

  @Column({ name: "marked_by", type: "varchar", length: 100, nullable: true })
  markedBy: string | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
