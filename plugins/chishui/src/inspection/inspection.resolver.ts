import { ConnectionType, type RequestContext } from "@tongxin/sdk";
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ChishuiInspectionInput, ChishuiProblemsArgs, ChishuiProblemUpdateInput } from "./inspection.inputs";
import { ChishuiInspection, ChishuiProblem } from "./inspection.entity";
import {
  listInspections,
  listProblems,
  partnersOf,
  problemsOf,
  recordInspection,
  updateProblem,
} from "./inspection.service";

export const ChishuiProblemConnection = ConnectionType("ChishuiProblem", ChishuiProblem);

@Resolver(() => ChishuiInspection)
export class ChishuiInspectionResolver {
  @Query(() => [ChishuiInspection], { description: "监督视察记录" })
  chishuiInspections(
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String, { nullable: true }) committee?: string,
    @Arg("year", () => Int, { nullable: true }) year?: number,
  ): Promise<ChishuiInspection[]> {
    return listInspections(ctx, committee, year);
  }

  @Query(() => ChishuiProblemConnection, { description: "发现的问题及整改情况" })
  chishuiProblems(@Ctx() ctx: RequestContext, @Args() args: ChishuiProblemsArgs) {
    return listProblems(ctx, args);
  }

  @Mutation(() => ChishuiInspection, { description: "登记监督视察(含联合视察)及发现的问题" })
  chishuiRecordInspection(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: ChishuiInspectionInput,
  ): Promise<ChishuiInspection> {
    return recordInspection(ctx, input);
  }

  @Mutation(() => ChishuiProblem, { description: "更新问题整改情况" })
  chishuiUpdateProblem(
    @Ctx() ctx: RequestContext,
    @Arg("input") input: ChishuiProblemUpdateInput,
  ): Promise<ChishuiProblem> {
    return updateProblem(ctx, input);
  }

  @FieldResolver(() => [String], { description: "联合视察的其他政协" })
  partners(@Root() i: ChishuiInspection): string[] {
    return partnersOf(i);
  }

  @FieldResolver(() => Boolean, { description: "是否为联合视察" })
  joint(@Root() i: ChishuiInspection): boolean {
    return partnersOf(i).length > 0;
  }

  @FieldResolver(() => [ChishuiProblem])
  problems(@Root() i: ChishuiInspection, @Ctx() ctx: RequestContext): Promise<ChishuiProblem[]> {
    return problemsOf(ctx, i);
  }
}
