import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** 承办单位: a government department a committee sends proposals to; one list per committee. */
@ObjectType("HandlingUnit", { description: "承办单位 / a department that handles proposals" })
@Directive('@key(fields: "id")')
@Entity("handling_unit")
export class HandlingUnit {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field({ description: "单位名称, 如 昭通市教育体育局" })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field({ description: "停用的单位不再接受交办" })
  @Column({ type: "boolean", default: true })
  active: boolean;

  @Column({ name: "sort_order", type: "int", default: 0 })
  sortOrder: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;
}
