import type { RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ChishuiReadingsInput, ChishuiSectionInput } from "./section.inputs";
import { ChishuiReading, ChishuiSection } from "./section.entity";
import { addSection, getSection, listSections, readingsOf, recordReadings } from "./section.service";

@Resolver(() => ChishuiSection)
export class ChishuiSectionResolver {
  @Query(() => [ChishuiSection], { description: "赤水河流域监测断面" })
  chishuiSections(
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String, { nullable: true }) committee?: string,
  ): Promise<ChishuiSection[]> {
    return listSections(ctx, committee);
  }

  @Query(() => ChishuiSection, { nullable: true })
  chishuiSection(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<ChishuiSection> {
    return getSection(ctx, id);
  }

  @Mutation(() => ChishuiSection, { description: "新增监测断面" })
  chishuiAddSection(@Ctx() ctx: RequestContext, @Arg("input") input: ChishuiSectionInput): Promise<ChishuiSection> {
    return addSection(ctx, input);
  }

  @Mutation(() => [ChishuiReading], { description: "批量登记水质监测结果" })
  chishuiRecordReadings(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: ChishuiReadingsInput,
  ): Promise<ChishuiReading[]> {
    return recordReadings(ctx, input);
  }

  @FieldResolver(() => [ChishuiReading], { description: "监测结果; 给定 year 时只列该年" })
  readings(
    @Root() s: ChishuiSection,
    @Ctx() ctx: RequestContext,
    @Arg("year", () => Int, { nullable: true }) year?: number,
  ): Promise<ChishuiReading[]> {
    return readingsOf(ctx, s, year);
  }
}
