import { defineLoaders } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { CourtyardIssue, CourtyardOrganiser, CourtyardSession } from "./session.entity";
import { sessionScope } from "./session.scope";

export const sessionLoaders = defineLoaders((ctx) => ({
  issuesOf: new DataLoader<number, CourtyardIssue[]>(async (ids) => {
    const rows = await ctx.repo(CourtyardIssue).find({ where: { sessionId: In([...ids]) }, order: { id: "ASC" } });
    return ids.map((id) => rows.filter((r) => r.sessionId === id));
  }),
  organisersOf: new DataLoader<number, number[]>(async (ids) => {
    const rows = await ctx.repo(CourtyardOrganiser).find({ where: { sessionId: In([...ids]) } });
    return ids.map((id) => rows.filter((r) => r.sessionId === id).map((r) => r.memberId));
  }),
  /** Visible sessions organised by each member, newest first. */
  byOrganiser: new DataLoader<number, CourtyardSession[]>(async (memberIds) => {
    const pairs = await ctx.repo(CourtyardOrganiser).find({ where: { memberId: In([...memberIds]) } });
    if (pairs.length === 0) return memberIds.map(() => []);
    const qb = ctx
      .repo(CourtyardSession)
      .createQueryBuilder("s")
      .where("s.id IN (:...ids)", { ids: [...new Set(pairs.map((p) => p.sessionId))] })
      .orderBy("s.held_on", "DESC");
    await sessionScope.restrict(ctx, qb, "s", "lookup");
    const sessions = await qb.getMany();
    return memberIds.map((m) => {
      const mine = new Set(pairs.filter((p) => p.memberId === m).map((p) => p.sessionId));
      return sessions.filter((s) => mine.has(s.id));
    });
  }),
}));
