import { CommitteeRef, ConnectionType, PageArgs, type RequestContext } from "@tongxin/sdk";
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { ProposalAssignment } from "../assignment/assignment.entity";
import { overdueAssignments } from "../assignment/handling.service";
import { HandlingUnit } from "./handling-unit.entity";
import {
  createHandlingUnit,
  getHandlingUnit,
  listHandlingUnits,
  updateHandlingUnit,
  visibleUnit,
} from "./handling-unit.service";

export const AssignmentConnection = ConnectionType("ProposalAssignment", ProposalAssignment);

@InputType()
export class CreateHandlingUnitInput {
  @Field(() => String, { nullable: true, description: "政协代码, 默认为本级" })
  committee?: string | null;

  @Field()
  name: string;
}

@InputType()
export class UpdateHandlingUnitInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: "false: 停用" })
  active?: boolean | null;
}

@ArgsType()
export class OverdueAssignmentsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "政协代码 (机关); 默认为本级及下级" })
  committee?: string | null;
}

@Resolver(() => HandlingUnit)
export class HandlingUnitResolver {
  @Query(() => [HandlingUnit], { description: "某政协的承办单位名录 (机关) / a committee's handling units" })
  handlingUnits(
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String) committee: string,
    @Arg("includeInactive", () => Boolean, { nullable: true, defaultValue: false }) includeInactive: boolean,
  ): Promise<HandlingUnit[]> {
    return listHandlingUnits(ctx, committee, includeInactive);
  }

  @Query(() => HandlingUnit, { nullable: true })
  handlingUnit(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<HandlingUnit> {
    return getHandlingUnit(ctx, id);
  }

  @Query(() => AssignmentConnection, {
    description: "逾期未答复的交办: 机关查本级及下级, 承办单位查本单位 / overdue assignments",
  })
  overdueAssignments(@Ctx() ctx: RequestContext, @Args() args: OverdueAssignmentsArgs) {
    return overdueAssignments(ctx, args);
  }

  @Mutation(() => HandlingUnit, { description: "新增承办单位 (本级机关)" })
  createHandlingUnit(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => CreateHandlingUnitInput) input: CreateHandlingUnitInput,
  ): Promise<HandlingUnit> {
    return createHandlingUnit(ctx, input);
  }

  @Mutation(() => HandlingUnit, { description: "修改或停用承办单位 (本级机关)" })
  updateHandlingUnit(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateHandlingUnitInput) input: UpdateHandlingUnitInput,
  ): Promise<HandlingUnit> {
    return updateHandlingUnit(ctx, id, input);
  }

  @FieldResolver(() => CommitteeRef, { nullable: true, description: "所属政协" })
  committee(@Root() u: HandlingUnit): CommitteeRef {
    return { code: u.committeeCode };
  }
}

/** Federation entry: the same visibility as `handlingUnit(id)`. */
export const handlingUnitReference = (ref: Record<string, unknown>, ctx: RequestContext) => {
  const id = Number(ref.id);
  return Number.isSafeInteger(id) ? visibleUnit(ctx, id) : null;
};
