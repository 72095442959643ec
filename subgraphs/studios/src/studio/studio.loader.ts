import { defineLoaders, groupBy, today, yearRange } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { StudioActivity } from "../activity/activity.entity";
import { StudioRosterEntry } from "../roster/roster-entry.entity";
import { onRosterAt } from "../roster/roster.sql";
import { Studio } from "./studio.entity";

/** One statement per kind of look-up per request, whatever the page size (rule 3). */
export const studioLoaders = defineLoaders((ctx) => {
  /** By id, without a scope check: callers check with `canSeeStudio`. */
  const byId = new DataLoader<number, Studio | null>(async (ids) => {
    const rows = await ctx.repo(Studio).findBy({ id: In([...ids]) });
    const map = new Map(rows.map((s) => [s.id, s]));
    return ids.map((id) => map.get(id) ?? null);
  });
  return {
    byId,
    /** Every stay on the studio's roster, past ones included, oldest first. */
    roster: new DataLoader<number, StudioRosterEntry[]>(async (studioIds) => {
      const rows = await ctx.repo(StudioRosterEntry).find({
        where: { studioId: In([...studioIds]) },
        order: { joinedOn: "ASC", id: "ASC" },
      });
      const byStudio = groupBy(rows, (r) => r.studioId);
      return studioIds.map((id) => byStudio.get(id) ?? []);
    }),
    /** Studios a member is on today. */
    currentStudiosOf: new DataLoader<number, Studio[]>(async (memberIds) => {
      const entries = await ctx
        .repo(StudioRosterEntry)
        .createQueryBuilder("r")
        .where("r.member_id IN (:...memberIds)", { memberIds: [...memberIds] })
        .andWhere(onRosterAt("r"), { asOf: today() })
        .getMany();
      const studios = await byId.loadMany([...new Set(entries.map((e) => e.studioId))].sort((a, b) => a - b));
      const found = studios.filter((s): s is Studio => s !== null && !(s instanceof Error));
      const byMember = groupBy(entries, (e) => e.memberId);
      return memberIds.map((m) => {
        const mine = new Set((byMember.get(m) ?? []).map((e) => e.studioId));
        return found.filter((s) => mine.has(s.id));
      });
    }),
    /** Ids of the studios whose roster a member is or was on (a member's own read scope). */
    studioIdsEverJoined: new DataLoader<number, Set<number>>(async (memberIds) => {
      const rows = await ctx.repo(StudioRosterEntry).find({
        select: { memberId: true, studioId: true },
        where: { memberId: In([...memberIds]) },
      });
      const byMember = groupBy(rows, (r) => r.memberId);
      return memberIds.map((m) => new Set((byMember.get(m) ?? []).map((r) => r.studioId)));
    }),
    /** Activities of a studio, in a year or ever: grouped, one statement per year asked. */
    activityCount: new DataLoader<string, number>(async (keys) => {
      const byYear = new Map<string, number[]>();
      for (const k of keys) {
        const [id, year] = k.split("|");
        byYear.set(year, [...(byYear.get(year) ?? []), Number(id)]);
      }
      const counts = new Map<string, number>();
      for (const [year, ids] of byYear) {
        const qb = ctx
          .repo(StudioActivity)
          .createQueryBuilder("a")
          .select("a.studio_id", "studioId")
          .addSelect("COUNT(*)", "n")
          .where("a.studio_id IN (:...ids)", { ids })
          .groupBy("a.studio_id");
        if (year) qb.andWhere("a.held_on >= :from AND a.held_on <= :to", yearRange(Number(year)));
        for (const r of await qb.getRawMany<{ studioId: number; n: number | string }>()) {
          counts.set(`${Number(r.studioId)}|${year}`, Number(r.n));
        }
      }
      return keys.map((k) => counts.get(k) ?? 0);
    }),
  };
});

export const activityCountKey = (studioId: number, year?: number | null) => `${studioId}|${year ?? ""}`;
