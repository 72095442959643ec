import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum Gender {
  MALE = "MALE",
  FEMALE = "FEMALE",
}
registerEnumType(Gender, {
  name: "Gender",
  valuesConfig: { MALE: { description: "男" }, FEMALE: { description: "女" } },
});

export enum MemberStatus {
  ACTIVE = "ACTIVE",
  RESIGNED = "RESIGNED",
  REVOKED = "REVOKED",
}
registerEnumType(MemberStatus, {
  name: "MemberStatus",
  description: "委员状态 / member status",
  valuesConfig: {
    ACTIVE: { description: "在任" },
    RESIGNED: { description: "辞去委员职务" },
    REVOKED: { description: "撤销委员资格" },
  },
});

/** 委员: a person appointed to one or more committees (see Membership). */
@ObjectType("Member", { description: "政协委员 / a CPPCC member" })
@Directive('@key(fields: "id")')
@Entity("member")
export class Member {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "姓名" })
  @Column({ type: "varchar", length: 64 })
  name: string;

  @Field(() => Gender, { description: "性别" })
  @Column({ type: "varchar", length: 8 })
  gender: Gender;

  @Field({ description: "民族, 如 汉族、彝族、回族" })
  @Column({ type: "varchar", length: 16 })
  ethnicity: string;

  @Column({ name: "party_id", type: "int", nullable: true })
  partyId: number | null;

  @Column({ name: "sector_id", type: "int" })
  sectorId: number;

  @Field({ description: "工作单位" })
  @Column({ type: "varchar", length: 200, default: "" })
  workplace: string;

  @Field({ description: "职务或职称" })
  @Column({ name: "job_title", type: "varchar", length: 100, default: "" })
  jobTitle: string;

  @Field(() => MemberStatus, { description: "状态" })
  @Column({ type: "varchar", length: 16 })
  status: MemberStatus;

  @Field(() => String, { nullable: true, description: "履职尽责承诺书签订日期 / duty letter signed on (YYYY-MM-DD)" })
  @Column({ name: "commitment_signed_on", type: "date", nullable: true })
  commitmentSignedOn: string | null;

  /** HMAC of the ID-card number (see id-card.ts); never a GraphQL field. */
  @Column({ name: "id_card_hash", type: "varchar", length: 64, nullable: true, select: true })
  idCardHash: string | null;

  @Field(() => String, { nullable: true, description: "出生日期 (YYYY-MM-DD) / birth date" })
  @Column({ name: "birth_date", type: "date", nullable: true })
  birthDate: string | null;

  /** The committee whose office keeps the personal profile (the first to register the person). */
  @Column({ name: "registered_by", type: "varchar", length: 64, nullable: true })
  registeredBy: string | null;

  @Field(() => Int, { description: "修改时须回传的版本号 / pass back when updating" })
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}
