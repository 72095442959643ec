import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum SpeechForm {
  ORAL = "ORAL",
  WRITTEN = "WRITTEN",
}
registerEnumType(SpeechForm, {
  name: "SpeechForm",
  description: "发言形式 / form of a speech",
  valuesConfig: { ORAL: { description: "口头发言" }, WRITTEN: { description: "书面发言" } },
});

/** 大会发言 and speeches at other meetings, written or oral, recorded by the organiser's office. */
@ObjectType("MeetingSpeech", { description: "会议发言 / a speech at a meeting" })
@Entity("meetings_speech")
export class MeetingSpeech {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "meeting_id", type: "int" })
  meetingId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field({ description: "题目" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field(() => SpeechForm)
  @Column({ type: "varchar", length: 16 })
  form: SpeechForm;

  @Column({ name: "recorded_by", type: "varchar", length: 100 })
  recordedBy: string;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
