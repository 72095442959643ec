import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** 届: one term of a committee, from its first plenary session until the next term's. */
@ObjectType("CommitteeTerm", { description: "政协届次 / a term of a committee" })
@Entity("committee_term")
export class CommitteeTerm {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field(() => Int, { description: "届次, 如 5 (第五届)" })
  @Column({ type: "int" })
  term: number;

  @Field({ description: "开始日期 (首次全体会议) / first plenary session" })
  @Column({ name: "started_on", type: "date" })
  startedOn: string;

  @Field(() => String, { nullable: true, description: "结束日期 (下一届开始), 本届为空 / the next term's start" })
  endsOn?: string | null;
}
