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
  @Column({ type: "varchar", length: 64, unique: true })
  name: string;

  @Field({ description: "简称, 如 民革" })
  @Column({ name: "short_name", type: "varchar", length: 32, unique: true })
  shortName: string;

  @Field(() => Int)
  @Column({ name: "sort_order", type: "int", default: 0 })
  sortOrder: number;
}
