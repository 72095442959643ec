import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum MeetingPresence {
  PRESENT = "PRESENT",
  LATE = "LATE",
  ABSENT = "ABSENT",
  ON_LEAVE = "ON_LEAVE",
}
registerEnumType(MeetingPresence, {
  name: "MeetingPresence",
  description: "出席情况 / attendance of an expected member",
  valuesConfig: {
    PRESENT: { description: "出席" },
    LATE: { description: "迟到 (计为出席)" },
    ABSENT: { description: "缺席 (未请假或请假未获批准)" },
    ON_LEAVE: { description: "请假 (已获批准)" },
  },
});

/**
 * One line of a meeting's roll (应到委员): the member is expected; `presence` is null
 * until the office marks the sheet. One row per member and meeting.
 */
@ObjectType("MeetingAttendance", { description: "会议应到名单中的一名委员及其出席情况 / one line of the roll" })
@Entity("meetings_attendance")
export class MeetingAttendance {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "meeting_id", type: "int" })
  meetingId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field(() => MeetingPresence, { nullable: true, description: "出席情况; null 为尚未登记 / not marked yet" })
  @Column({ type: "varchar", length: 16, nullable: true })
  presence: MeetingPresence | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "marked_at", type: "datetime", nullable: true })
  markedAt: Date | null;

  @Column({ name: "marked_by", type: "varchar", length: 100, nullable: true })
  markedBy: string | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
