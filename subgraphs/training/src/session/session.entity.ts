import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export enum TrainingKind {
  ONBOARDING = "ONBOARDING",
  EXTERNAL = "EXTERNAL",
  INVITED_EXPERT = "INVITED_EXPERT",
  ONLINE = "ONLINE",
  JOINT_CITY_COUNTY = "JOINT_CITY_COUNTY",
}
registerEnumType(TrainingKind, {
  name: "TrainingKind",
  description: "培训方式 / kind of training",
  valuesConfig: {
    ONBOARDING: { description: "初任培训" },
    EXTERNAL: { description: "送出去: 赴高校、干部学院培训" },
    INVITED_EXPERT: { description: "请进来: 邀请专家授课" },
    ONLINE: { description: "网络学习" },
    JOINT_CITY_COUNTY: { description: "市县联动培训" },
  },
});

/** DECIMAL comes back as a string from MySQL and as a number from SQLite. */
const decimalHours = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** 履职学习培训: one course or session, organised by a committee, attended by members of any committee. */
@ObjectType("TrainingSession", { description: "履职学习培训班次 / a training session" })
@Directive('@key(fields: "id")')
@Entity("training_session")
export class TrainingSession {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  /** The organising committee. */
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field({ description: "名称, 如 第五届市政协委员初任培训" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field(() => TrainingKind)
  @Column({ type: "varchar", length: 24 })
  kind: TrainingKind;

  @Field({ description: "承办方: 高校、干部学院或授课专家 / provider: university, college or expert" })
  @Column({ type: "varchar", length: 200, default: "" })
  provider: string;

  @Field({ description: "开始日期 YYYY-MM-DD; 班次按开始日期计入年度和届次" })
  @Column({ name: "starts_on", type: "date" })
  startsOn: string;

  @Field({ description: "结束日期 YYYY-MM-DD" })
  @Column({ name: "ends_on", type: "date" })
  endsOn: string;

  @Field({ description: "地点" })
  @Column({ type: "varchar", length: 200, default: "" })
  place: string;

  @Field(() => Float, { description: "学时" })
  @Column({ type: "decimal", precision: 6, scale: 1, transformer: decimalHours })
  hours: number;

  @Field(() => Int, { description: "修改时须回传的版本号" })
  @Column({ type: "int", default: 1 })
  version: number;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "datetime" })
  updatedAt: Date;
}
