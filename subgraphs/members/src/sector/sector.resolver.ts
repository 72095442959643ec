import type { RequestContext } from "@tongxin/sdk";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { CatalogEntryInput } from "../committee/committee.inputs";
import { Party } from "../party/party.entity";
import { addParty, listParties } from "../party/party.service";
import { Sector } from "./sector.entity";
import { addSector, listSectors } from "./sector.service";

@Resolver()
export class CatalogResolver {
  @Query(() => [Sector], {
    description: "界别目录: 平台目录及该政协 (默认本人所在政协) 与其上级增加的 / sectors seen by a committee",
  })
  sectors(
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String, { nullable: true }) committee?: string | null,
  ): Promise<Sector[]> {
    return listSectors(ctx, committee);
  }

  @Query(() => [Party], { description: "党派目录 (含 群众) / political affiliations seen by a committee" })
  parties(
    @Ctx() ctx: RequestContext,
    @Arg("committee", () => String, { nullable: true }) committee?: string | null,
  ): Promise<Party[]> {
    return listParties(ctx, committee);
  }

  @Mutation(() => Sector, { description: "增加界别: 平台目录 (平台管理员) 或本政协增加 (本级办公室)" })
  addSector(@Ctx() ctx: RequestContext, @Arg("input") input: CatalogEntryInput): Promise<Sector> {
    return addSector(ctx, input);
  }

  @Mutation(() => Party, { description: "增加党派: 平台目录 (平台管理员) 或本政协增加 (本级办公室)" })
  addParty(@Ctx() ctx: RequestContext, @Arg("input") input: CatalogEntryInput): Promise<Party> {
    return addParty(ctx, input);
  }
}
