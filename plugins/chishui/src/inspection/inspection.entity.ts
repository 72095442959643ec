import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ChishuiProblemStatus {
  OPEN = "OPEN",
  RECTIFYING = "RECTIFYING",
  CLOSED = "CLOSED",
}
registerEnumType(ChishuiProblemStatus, {
  name: "ChishuiProblemStatus",
  valuesConfig: {
    OPEN: { description: "待整改" },
    RECTIFYING: { description: "整改中" },
    CLOSED: { description: "已整改销号" },
  },
});

/** A supervision inspection, alone or jointly with committees upstream and downstream. */
@ObjectType({ description: "监督视察 / an inspection, joint when partners are named" })
@Entity("chishui_inspection")
export class ChishuiInspection {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field()
  @Column({ name: "held_on", type: "date" })
  heldOn: string;

  @Field()
  @Column({ type: "varchar", length: 200 })
  title: string;

  /** Names of partner committees, "|"-separated (some sit in Guizhou and Sichuan, outside our tree). */
  @Column({ type: "varchar", length: 500, default: "" })
  partners: string;

  @Field(() => Int, { description: "参加人数" })
  @Column({ type: "int", default: 0 })
  participants: number;

  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}

@ObjectType({ description: "发现的问题及整改情况 / a problem found, and its rectification" })
@Entity("chishui_problem")
export class ChishuiProblem {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Column({ name: "inspection_id", type: "integer", nullable: true })
  inspectionId: number | null;

  @Column({ name: "section_id", type: "integer", nullable: true })
  sectionId: number | null;

  @Field()
  @Column({ name: "found_on", type: "date" })
  foundOn: string;

  @Field()
  @Column({ type: "varchar", length: 500 })
  description: string;

  @Field(() => ChishuiProblemStatus)
  @Column({ type: "varchar", length: 16 })
  status: ChishuiProblemStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: "closed_on", type: "date", nullable: true })
  closedOn: string | null;

  @Field(() => String, { nullable: true, description: "整改情况" })
  @Column({ type: "varchar", length: 500, nullable: true })
  rectification: string | null;
}
