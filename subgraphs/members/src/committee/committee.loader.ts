import { defineLoaders } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { Committee } from "./committee.entity";

export const committeeLoaders = defineLoaders((ctx) => ({
  byCode: new DataLoader<string, Committee | null>(async (codes) => {
    const rows = await ctx.repo(Committee).findBy({ code: In([...codes]) });
    const map = new Map(rows.map((c) => [c.code, c]));
    return codes.map((c) => map.get(c) ?? null);
  }),
  childrenOf: new DataLoader<string, Committee[]>(async (codes) => {
    const rows = await ctx.repo(Committee).find({
      where: { parentCode: In([...codes]) },
      order: { sortOrder: "ASC", code: "ASC" },
    });
    return codes.map((c) => rows.filter((r) => r.parentCode === c));
  }),
}));
