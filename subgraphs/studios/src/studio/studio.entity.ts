import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum StudioStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
registerEnumType(StudioStatus, {
  name: "StudioStatus",
  description: "工作室状态 / whether a studio is in use",
  valuesConfig: { OPEN: { description: "运行中" }, CLOSED: { description: "已撤销" } },
});

/** 委员工作室: a standing workplace where a group of members meet people and do duty work. */
@ObjectType("Studio", { description: "委员工作室 / a members' studio" })
@Directive('@key(fields: "id")')
@Entity("studio")
export class Studio {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field({ description: "名称, 如 医者仁心委员工作室" })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => String, { nullable: true, description: "主题, 如 乡村振兴、基层医疗" })
  @Column({ type: "varchar", length: 200, nullable: true })
  theme: string | null;

  @Field(() => String, { nullable: true, description: "依托的界别, 如 医药卫生" })
  @Column({ type: "varchar", length: 32, nullable: true })
  sector: string | null;

  @Field({ description: "地址" })
  @Column({ type: "varchar", length: 200, default: "" })
  address: string;

  @Field({ description: "成立日期 YYYY-MM-DD" })
  @Column({ name: "established_on", type: "date" })
  establishedOn: string;

  @Column({ name: "lead_member_id", type: "int", nullable: true })
  leadMemberId: number | null;

  @Field(() => StudioStatus)
  @Column({ type: "varchar", length: 16 })
  status: StudioStatus;

  @Field(() => String, { nullable: true, description: "撤销日期 (当天起不再运行) / first day no longer open" })
  @Column({ name: "closed_on", type: "date", nullable: true })
  closedOn: string | null;

  @Field(() => Int, { description: "修改时须回传的版本号; 名单变动也会使其递增 / roster changes move it too" })
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}
