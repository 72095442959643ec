import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** 党派: political affiliation, kept apart from the sector (a 中共 member may sit for 教育). */
@ObjectType({ description: "政治面貌(党派) / political affiliation" })
@Entity("party")
export class Party {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "全称, 如 中国国民党革命委员会" })
  @Column({ type: "varchar", length: 64 })
  name: string;

  @Field({ description: "简称, 如 民革" })
  @Column({ name: "short_name", type: "varchar", length: 32 })
  shortName: string;

  @Field(() => Int)
  @Column({ name: "sort_order", type: "int", default: 0 })
  sortOrder: number;

  /** null: the platform's list; a code: an addition of that committee (seen by it and below). */
  @Field(() => String, {
    name: "committee",
    nullable: true,
    description: "null: 平台目录; 否则为该政协自行增加的代码 / the committee that added it",
  })
  @Column({ name: "committee_code", type: "varchar", length: 64, nullable: true })
  committeeCode: string | null;
}
