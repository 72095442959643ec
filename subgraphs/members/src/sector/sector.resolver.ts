import type { RequestContext } from "@tongxin/sdk";
import { Ctx, Query, Resolver } from "type-graphql";
import { Party } from "../party/party.entity";
import { listParties } from "../party/party.service";
import { Sector } from "./sector.entity";
import { listSectors } from "./sector.service";

@Resolver()
export class CatalogResolver {
  @Query(() => [Sector], { description: "界别目录 / the sectors members represent" })
  sectors(@Ctx() ctx: RequestContext): Promise<Sector[]> {
    return listSectors(ctx);
  }

  @Query(() => [Party], { description: "党派目录 / political affiliations" })
  parties(@Ctx() ctx: RequestContext): Promise<Party[]> {
    return listParties(ctx);
  }
}
