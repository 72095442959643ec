import { MemberRef, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { READ_STUDIOS } from "../permissions";
import { Studio } from "../studio/studio.entity";
import { studioLoaders } from "../studio/studio.loader";
import { studioScope } from "../studio/studio.scope";

@Resolver(() => MemberRef)
export class MemberStudiosResolver {
  @FieldResolver(() => [Studio], {
    nullable: true,
    description: "今天所在的委员工作室 (你可见的) / studios the member is on today, those you may see",
  })
  async studios(@Root() m: MemberRef, @Ctx() ctx: RequestContext): Promise<Studio[]> {
    ctx.require(READ_STUDIOS);
    const id = Number(m.id);
    if (!Number.isSafeInteger(id) || id <= 0) return [];
    return studioScope.readable(ctx, await studioLoaders(ctx).currentStudiosOf.load(id));
  }
}
