import { defineLoaders } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { Membership } from "../membership/membership.entity";
import { Party } from "../party/party.entity";
import { Sector } from "../sector/sector.entity";
import { Member } from "./member.entity";
import { memberScope } from "./member.scope";

const byKey = <K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] => {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
};

/** One statement per kind of look-up per request, whatever the page size (rule 3). */
export const memberLoaders = defineLoaders((ctx) => ({
  /** The member if the viewer may see them, else null. */
  visibleMember: new DataLoader<number, Member | null>(async (ids) => {
    const qb = ctx
      .repo(Member)
      .createQueryBuilder("m")
      .where("m.id IN (:...ids)", { ids: [...ids] });
    await memberScope.restrict(ctx, qb, "m", "lookup");
    return byKey(ids, await qb.getMany(), (m) => m.id);
  }),
  membershipsOf: new DataLoader<number, Membership[]>(async (memberIds) => {
    const rows = await ctx.repo(Membership).find({
      where: { memberId: In([...memberIds]) },
      order: { startedOn: "ASC", id: "ASC" },
    });
    return memberIds.map((id) => rows.filter((r) => r.memberId === id));
  }),
  sector: new DataLoader<number, Sector | null>(async (ids) =>
    byKey(ids, await ctx.repo(Sector).findBy({ id: In([...ids]) }), (s) => s.id),
  ),
  party: new DataLoader<number, Party | null>(async (ids) =>
    byKey(ids, await ctx.repo(Party).findBy({ id: In([...ids]) }), (p) => p.id),
  ),
}));
