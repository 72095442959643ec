import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Surface water quality classes (GB 3838-2002), Ⅰ best … Ⅴ worst; stored as 1…5. */
export enum ChishuiWaterClass {
  I = 1,
  II = 2,
  III = 3,
  IV = 4,
  V = 5,
}
registerEnumType(ChishuiWaterClass, {
  name: "ChishuiWaterClass",
  description: "地表水水质类别 (GB 3838-2002)",
  valuesConfig: {
    I: { description: "Ⅰ类" },
    II: { description: "Ⅱ类" },
    III: { description: "Ⅲ类" },
    IV: { description: "Ⅳ类" },
    V: { description: "Ⅴ类" },
  },
});

/** A monitoring section (监测断面) on the Chishui or a tributary, with its target class. */
@ObjectType({ description: "监测断面 / a water-quality monitoring section" })
@Entity("chishui_section")
export class ChishuiSection {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ name: "committee_code", type: "varchar", length: 64 })
  committeeCode: string;

  @Field({ description: "断面名称" })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field({ description: "河流, 如 赤水河、铜车河" })
  @Column({ type: "varchar", length: 50 })
  river: string;

  @Field({ description: "位置" })
  @Column({ type: "varchar", length: 200, default: "" })
  location: string;

  @Field(() => ChishuiWaterClass, { description: "水质目标类别" })
  @Column({ name: "target_class", type: "int" })
  targetClass: ChishuiWaterClass;
}

@ObjectType({ description: "一次水质监测结果 / one reading" })
@Entity("chishui_reading")
export class ChishuiReading {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: "section_id", type: "integer" })
  sectionId: number;

  @Field({ description: "采样日期" })
  @Column({ name: "sampled_on", type: "date" })
  sampledOn: string;

  @Field(() => ChishuiWaterClass)
  @Column({ name: "water_class", type: "int" })
  waterClass: ChishuiWaterClass;
}
