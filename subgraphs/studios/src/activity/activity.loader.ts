import { defineLoaders, groupBy } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { StudioActivity, StudioActivityParticipant } from "./activity.entity";

export const activityLoaders = defineLoaders((ctx) => ({
  /** By id, without a scope check: the studio's visibility decides. */
  byId: new DataLoader<number, StudioActivity | null>(async (ids) => {
    const rows = await ctx.repo(StudioActivity).findBy({ id: In([...ids]) });
    const map = new Map(rows.map((a) => [a.id, a]));
    return ids.map((id) => map.get(id) ?? null);
  }),
  participants: new DataLoader<number, number[]>(async (activityIds) => {
    const rows = await ctx.repo(StudioActivityParticipant).find({
      where: { activityId: In([...activityIds]) },
      order: { memberId: "ASC" },
    });
    const byActivity = groupBy(rows, (r) => r.activityId);
    return activityIds.map((id) => (byActivity.get(id) ?? []).map((r) => r.memberId));
  }),
}));
