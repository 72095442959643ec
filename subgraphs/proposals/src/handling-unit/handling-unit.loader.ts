import { defineLoaders } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { HandlingUnit } from "./handling-unit.entity";

export const unitLoaders = defineLoaders((ctx) => ({
  /** Any unit by id; callers decide whether the viewer may see it. */
  byId: new DataLoader<number, HandlingUnit | null>(async (ids) => {
    const rows = new Map((await ctx.repo(HandlingUnit).findBy({ id: In([...ids]) })).map((u) => [u.id, u]));
    return ids.map((id) => rows.get(id) ?? null);
  }),
}));
