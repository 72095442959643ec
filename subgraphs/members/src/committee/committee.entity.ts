import { Directive, Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum CommitteeLevel {
  NATIONAL = "NATIONAL",
  PROVINCE = "PROVINCE",
  CITY = "CITY",
  COUNTY = "COUNTY",
}
registerEnumType(CommitteeLevel, {
  name: "CommitteeLevel",
  description: "政协层级 / level of a committee",
  valuesConfig: {
    NATIONAL: { description: "全国政协" },
    PROVINCE: { description: "省级政协" },
    CITY: { description: "市级政协" },
    COUNTY: { description: "县级政协(县、区、县级市)" },
  },
});

/** A CPPCC committee: a node of the tree the whole platform is scoped by. */
@ObjectType("Committee", { description: "政协(市、县) / a CPPCC committee" })
// The spine of federation: every module contributes its figures to Committee by this key.
@Directive('@key(fields: "code")')
@Entity("committee")
export class Committee {
  @Field({ description: "代码, 如 zhaotong, zhenxiong / stable code" })
  @PrimaryColumn({ type: "varchar", length: 64 })
  code: string;

  @Field({ description: "名称, 如 镇雄县政协" })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => CommitteeLevel)
  @Column({ type: "varchar", length: 16 })
  level: CommitteeLevel;

  @Column({ name: "parent_code", type: "varchar", length: 64, nullable: true })
  parentCode: string | null;

  /** Mirrors the term running when last written; readers derive it from `committee_term` (the resolver). */
  @Column({ name: "current_term", type: "int" })
  currentTerm: number;

  @Column({ name: "term_started_on", type: "date" })
  termStartedOn: string;

  @Column({ name: "sort_order", type: "int", default: 0 })
  sortOrder: number;
}
