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
  @Column({ type: "varchar", length: 32, unique: true })
  name: string;

  @Field(() => Int)
  @Column({ name: "sort_order", type: "int", default: 0 })
  sortOrder: number;
}
