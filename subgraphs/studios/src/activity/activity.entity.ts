import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum StudioActivityType {
  STUDY = "STUDY",
  MICRO_CONSULTATION = "MICRO_CONSULTATION",
  INSPECTION = "INSPECTION",
  PUBLIC_SERVICE = "PUBLIC_SERVICE",
  RESEARCH = "RESEARCH",
}
registerEnumType(StudioActivityType, {
  name: "StudioActivityType",
  description: "履职活动类型 / kind of duty activity",
  valuesConfig: {
    STUDY: { description: "学习" },
    MICRO_CONSULTATION: { description: "微协商" },
    INSPECTION: { description: "视察" },
    PUBLIC_SERVICE: { description: "服务群众" },
    RESEARCH: { description: "调研" },
  },
});

/** 履职活动 held by a studio. */
@ObjectType("StudioActivity", { description: "工作室履职活动 / a duty activity of a studio" })
@Entity("studio_activity")
export class StudioActivity {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "studio_id", type: "int" })
  studioId: number;

  @Field({ description: "活动日期 YYYY-MM-DD" })
  @Column({ name: "held_on", type: "date" })
  heldOn: string;

  @Field(() => StudioActivityType)
  @Column({ type: "varchar", length: 24 })
  type: StudioActivityType;

  @Field()
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field(() => Int, { description: "服务群众人次" })
  @Column({ name: "people_served", type: "int", default: 0 })
  peopleServed: number;

  @Field(() => Int, { description: "形成社情民意信息篇数" })
  @Column({ name: "opinion_reports", type: "int", default: 0 })
  opinionReports: number;

  @Field({ description: "备注" })
  @Column({ type: "varchar", length: 2000, default: "" })
  notes: string;

  /** The subject of the identity that recorded it (staff office or member). */
  @Column({ name: "recorded_by", type: "varchar", length: 100 })
  recordedBy: string;

  @Column({ name: "recorded_by_member_id", type: "int", nullable: true })
  recordedByMemberId: number | null;

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

/** A member who took part in an activity. */
@Entity("studio_activity_participant")
export class StudioActivityParticipant {
  @PrimaryColumn({ name: "activity_id", type: "int" })
  activityId: number;

  @PrimaryColumn({ name: "member_id", type: "int" })
  memberId: number;
}
