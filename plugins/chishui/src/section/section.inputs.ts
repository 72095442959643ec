import { Field, ID, InputType } from "type-graphql";
import { ChishuiWaterClass } from "./section.entity";

@InputType({ description: "新增监测断面" })
export class ChishuiSectionInput {
  @Field(() => String, { nullable: true, description: "默认为操作人所在政协" })
  committee?: string;

  @Field()
  name: string;

  @Field()
  river: string;

  @Field(() => String, { nullable: true })
  location?: string;

  @Field(() => ChishuiWaterClass)
  targetClass: ChishuiWaterClass;
}

@InputType()
export class ChishuiReadingInput {
  @Field(() => ID)
  sectionId: string;

  @Field()
  sampledOn: string;

  @Field(() => ChishuiWaterClass)
  waterClass: ChishuiWaterClass;
}

@InputType({ description: "批量登记水质监测结果(全部成功或全部不写入)" })
export class ChishuiReadingsInput {
  @Field(() => [ChishuiReadingInput])
  readings: ChishuiReadingInput[];
}

export const MAX_READINGS = 500;
