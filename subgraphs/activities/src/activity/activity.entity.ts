import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum ActivityKind {
  TOPIC = "TOPIC",
  RESEARCH_TRIP = "RESEARCH_TRIP",
  INSPECTION = "INSPECTION",
  STUDY_TOUR = "STUDY_TOUR",
  DEMOCRATIC_APPRAISAL = "DEMOCRATIC_APPRAISAL",
  GRASSROOTS_VISIT = "GRASSROOTS_VISIT",
  PUBLICITY = "PUBLICITY",
}
registerEnumType(ActivityKind, {
  name: "ActivityKind",
  description: "履职活动类别 / kind of duty activity",
  valuesConfig: {
    TOPIC: { description: "调研视察课题 (主席会议确定的年度课题, 可附调研报告)" },
    RESEARCH_TRIP: { description: "深入调研 (一次调研活动, 可属于某一课题)" },
    INSPECTION: { description: "视察" },
    STUDY_TOUR: { description: "考察 (赴外地学习考察)" },
    DEMOCRATIC_APPRAISAL: { description: "民主评议" },
    GRASSROOTS_VISIT: { description: "千名委员走基层 (记联系专家、深入基层人次、服务群众人次、办实事件数)" },
    PUBLICITY: { description: "宣传 (宣讲、稿件等)" },
  },
});

/** Kinds that are a trip out (调研、视察、考察): the report's "深入开展调研 N 次". */
export const FIELD_TRIP_KINDS = [ActivityKind.RESEARCH_TRIP, ActivityKind.INSPECTION, ActivityKind.STUDY_TOUR];

/** A duty activity organised by a committee (or one of its special committees); its organiser records it. */
@ObjectType("DutyActivity", { description: "履职活动 / a duty activity organised by a committee" })
@Directive('@key(fields: "id")')
@Entity("activities_activity")
export class DutyActivity {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field(() => String, { nullable: true, description: "承办的专门委员会, 如 提案委员会; 空为政协本身" })
  @Column({ name: "organiser_body", type: "varchar", length: 100, nullable: true })
  organiserBody: string | null;

  @Field(() => ActivityKind)
  @Column({ type: "varchar", length: 24 })
  kind: ActivityKind;

  @Field({ description: "名称或课题" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field({ description: "开始日期 YYYY-MM-DD; 按开始日期计入年度 (课题为确定日期)" })
  @Column({ name: "starts_on", type: "date" })
  startsOn: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  @Column({ name: "ends_on", type: "date" })
  endsOn: string;

  @Field(() => String, { nullable: true, description: "带队领导, 如 主席会议成员 张某某" })
  @Column({ name: "led_by", type: "varchar", length: 100, nullable: true })
  ledBy: string | null;

  /** A trip carried out for a topic (调研课题 → 深入调研). */
  @Column({ name: "topic_id", type: "int", nullable: true })
  topicId: number | null;

  @Field(() => String, { nullable: true, description: "形成的调研报告或成果 (课题)" })
  @Column({ name: "report_title", type: "varchar", length: 200, nullable: true })
  reportTitle: string | null;

  @Field(() => String, { nullable: true, description: "报告报送日期" })
  @Column({ name: "report_submitted_on", type: "date", nullable: true })
  reportSubmittedOn: string | null;

  @Field(() => Int, { description: "走基层: 联系专家 (名)" })
  @Column({ name: "experts_contacted", type: "int", default: 0 })
  expertsContacted: number;

  @Field(() => Int, { description: "走基层: 深入基层 (人次)" })
  @Column({ name: "visits", type: "int", default: 0 })
  visits: number;

  @Field(() => Int, { description: "走基层: 服务群众 (人次)" })
  @Column({ name: "people_served", type: "int", default: 0 })
  peopleServed: number;

  @Field(() => Int, { description: "走基层: 为民办实事 (件)" })
  @Column({ name: "matters_done", type: "int", default: 0 })
  mattersDone: number;

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

/** A member who took part; one row per member and activity. */
@ObjectType("DutyActivityParticipant", { description: "参加履职活动的委员 / a member who took part" })
@Entity("activities_participant")
export class DutyActivityParticipant {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "activity_id", type: "int" })
  activityId: number;

  @Column({ name: "member_id", type: "int" })
  memberId: number;

  @Field({ description: "是否牵头 (课题负责人、带队)" })
  @Column({ type: "boolean", default: false })
  leads: boolean;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
