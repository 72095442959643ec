import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** 界别: the constituency a member represents (中共, 民革, 教育, 医药卫生 …). */
@ObjectType({ description: "界别 / sector a member represents" })
@Entity("sector")
export class Sector {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ type: "varchar", length: 32 })
  name: string;

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
