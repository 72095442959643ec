import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum OpinionReportStatus {
  SUBMITTED = "SUBMITTED",
  COMPILED = "COMPILED",
  FORWARDED = "FORWARDED",
  INSTRUCTED = "INSTRUCTED",
  DECLINED = "DECLINED",
}
registerEnumType(OpinionReportStatus, {
  name: "OpinionReportStatus",
  valuesConfig: {
    SUBMITTED: { description: "已收集, 待采编" },
    COMPILED: { description: "已采编入刊" },
    FORWARDED: { description: "已报送" },
    INSTRUCTED: { description: "领导已批示" },
    DECLINED: { description: "未采用" },
  },
});

/** 社情民意信息: collected → compiled into a bulletin → forwarded → leader instruction. */
@ObjectType("OpinionReport", { description: "社情民意信息 / a public-opinion report" })
@Directive('@key(fields: "id")')
@Entity("opinion_report")
export class OpinionReport {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field()
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field()
  @Column({ type: "text" })
  body: string;

  @Field({ description: "报送日期; 统计按此归属年度" })
  @Column({ name: "submitted_on", type: "date" })
  submittedOn: string;

  @Column({ name: "submitter_member_id", type: "int", nullable: true })
  submitterMemberId: number | null;

  @Field({ description: "反映人 (委员姓名或单位)" })
  @Column({ name: "submitter_name", type: "varchar", length: 100 })
  submitterName: string;

  @Column({ name: "source_proposal_id", type: "int", nullable: true })
  sourceProposalId: number | null;

  @Field(() => OpinionReportStatus)
  @Column({ type: "varchar", length: 16 })
  status: OpinionReportStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: "compiled_on", type: "date", nullable: true })
  compiledOn: string | null;

  @Field(() => String, { nullable: true, description: "刊载期号, 如 《昭通政协信息》2023年第12期" })
  @Column({ type: "varchar", length: 100, nullable: true })
  bulletin: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "forwarded_on", type: "date", nullable: true })
  forwardedOn: string | null;

  @Field(() => String, { nullable: true, description: "报送单位, 如 省政协、市委、市政府" })
  @Column({ name: "forwarded_to", type: "varchar", length: 200, nullable: true })
  forwardedTo: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "instructed_on", type: "date", nullable: true })
  instructedOn: string | null;

  @Field(() => String, { nullable: true, description: "批示领导" })
  @Column({ name: "instruction_leader", type: "varchar", length: 64, nullable: true })
  instructionLeader: string | null;

  @Field(() => String, { nullable: true, description: "批示内容" })
  @Column({ type: "varchar", length: 1000, nullable: true })
  instruction: string | null;

  @Field(() => String, { nullable: true, description: "未采用理由" })
  @Column({ name: "declined_reason", type: "varchar", length: 500, nullable: true })
  declinedReason: string | null;

  @Field(() => Int)
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}
