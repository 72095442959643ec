import { defineLoaders, groupBy } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { DutyActivity, DutyActivityParticipant } from "./activity.entity";

/** One statement per kind of look-up per request, whatever the page size (rule 3). */
export const activityLoaders = defineLoaders((ctx) => ({
  /** By id, without a scope check: callers check with `canSeeActivity`. */
  byId: new DataLoader<number, DutyActivity | null>(async (ids) => {
    const rows = await ctx.repo(DutyActivity).findBy({ id: In([...ids]) });
    const map = new Map(rows.map((a) => [a.id, a]));
    return ids.map((id) => map.get(id) ?? null);
  }),
  participants: new DataLoader<number, DutyActivityParticipant[]>(async (ids) => {
    const rows = await ctx
      .repo(DutyActivityParticipant)
      .find({ where: { activityId: In([...ids]) }, order: { memberId: "ASC" } });
    const grouped = groupBy(rows, (r) => r.activityId);
    return ids.map((id) => grouped.get(id) ?? []);
  }),
  /** Trips carried out for each topic. */
  tripsOf: new DataLoader<number, DutyActivity[]>(async (topicIds) => {
    const rows = await ctx
      .repo(DutyActivity)
      .find({ where: { topicId: In([...topicIds]) }, order: { startsOn: "ASC" } });
    const grouped = groupBy(rows, (r) => r.topicId!);
    return topicIds.map((id) => grouped.get(id) ?? []);
  }),
}));
