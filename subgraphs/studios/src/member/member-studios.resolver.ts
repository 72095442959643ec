import { MemberRef, type RequestContext } from "@tongxin/sdk";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { READ_STUDIOS } from "../permissions";
import { Studio } from "../studio/studio.entity";
import { studioLoaders } from "../studio/studio.loader";
import { canSeeStudio } from "../studio/studio.visibility";

@Resolver(() => MemberRef)
export class MemberStudiosResolver {
  @FieldResolver(() => [Studio], {
    nullable: true,
    description: "今天所在的委员工作室 (你可见的) / studios the member is on today, those you may see",
  })
  async studios(@Root() m: MemberRef, @Ctx() ctx: RequestContext): Promise<Studio[]> {
    ctx.require(READ_STUDIOS);
    const id = Number(m.id);
    if (!Number.isSafeInteger(id)) return [];
    const studios = await studioLoaders(ctx).currentStudiosOf.load(id);
    const visible = await Promise.all(studios.map((s) => canSeeStudio(ctx, s)));
    return studios.filter((_s, i) => visible[i]);
  }
}
