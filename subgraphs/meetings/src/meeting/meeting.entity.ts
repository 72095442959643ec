import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum MeetingKind {
  PLENARY = "PLENARY",
  STANDING = "STANDING",
  CHAIR = "CHAIR",
  CONSULTATION = "CONSULTATION",
}
registerEnumType(MeetingKind, {
  name: "MeetingKind",
  description: "会议类别 / kind of meeting",
  valuesConfig: {
    PLENARY: { description: "全体会议 (每年一次)" },
    STANDING: { description: "常务委员会会议" },
    CHAIR: { description: "主席会议" },
    CONSULTATION: { description: "协商会议 (专题协商、对口协商等)" },
  },
});

/** A meeting organised by a committee. Whoever organises it records it (谁组织谁记录). */
@ObjectType("Meeting", { description: "会议 / a meeting of a committee" })
@Directive('@key(fields: "id")')
@Entity("meetings_meeting")
export class Meeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  /** The organising committee. */
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field(() => MeetingKind)
  @Column({ type: "varchar", length: 16 })
  kind: MeetingKind;

  @Field({ description: "名称, 如 政协第五届昭通市委员会第二次会议" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field({ description: "开始日期 YYYY-MM-DD; 会议按开始日期计入年度" })
  @Column({ name: "starts_on", type: "date" })
  startsOn: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  @Column({ name: "ends_on", type: "date" })
  endsOn: string;

  @Field(() => Int, { description: "会期 (半天数); 全体会议按半天计分" })
  @Column({ name: "half_days", type: "int", default: 1 })
  halfDays: number;

  @Field({ description: "地点" })
  @Column({ type: "varchar", length: 200, default: "" })
  place: string;

  /** Who entered it (a subject), for back-entered meetings of past years as for live ones. */
  @Column({ name: "recorded_by", type: "varchar", length: 100 })
  recordedBy: string;

  @Field(() => Int, { description: "修改时须回传的版本号" })
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}
