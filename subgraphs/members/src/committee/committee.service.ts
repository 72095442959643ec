import { yearRange, type CommitteeSource, type RequestContext } from "@tongxin/sdk";
import type { DataSource } from "typeorm";
import { Committee, CommitteeLevel } from "./committee.entity";
import { committeeLoaders } from "./committee.loader";
import { CommitteeTerm } from "./committee-term.entity";
import { currentSpan, spansOf } from "./committee-term.service";
import { memberStatsLoaders, type MemberStats } from "./member-stats";

/** Committee names and the tree are public: the explorer and the login page list them. */
export async function listCommittees(ctx: RequestContext, level?: CommitteeLevel | null): Promise<Committee[]> {
  return ctx.repo(Committee).find({
    where: level ? { level } : {},
    order: { sortOrder: "ASC", code: "ASC" },
  });
}

export function getCommittee(ctx: RequestContext, code: string): Promise<Committee | null> {
  return committeeLoaders(ctx).byCode.load(code);
}

export function childCommittees(ctx: RequestContext, code: string): Promise<Committee[]> {
  return committeeLoaders(ctx).childrenOf.load(code);
}

/** Statistics are for the committee's office and those above it (STAFF scope). */
export async function memberStats(
  ctx: RequestContext,
  code: string,
  opts: { year?: number | null; includeDescendants?: boolean | null },
): Promise<MemberStats> {
  await ctx.assertCanReadCommittee(code);
  if (opts.year !== undefined && opts.year !== null) yearRange(opts.year);
  const codes = opts.includeDescendants ? (await ctx.committees()).subtree(code) : [code];
  return memberStatsLoaders(ctx).stats.load({ code, codes, year: opts.year ?? null });
}

/** The members module is the owner of committees: it serves the tree from its own table. */
export const committeeSourceFrom = (dataSource: DataSource): CommitteeSource => ({
  async load() {
    const rows = await dataSource.getRepository(Committee).find({ order: { sortOrder: "ASC" } });
    const terms = await dataSource.getRepository(CommitteeTerm).find();
    return rows.map((c) => {
      const now = currentSpan(
        spansOf(
          c,
          terms.filter((t) => t.committeeCode === c.code),
        ),
      );
      return {
        code: c.code,
        name: c.name,
        level: c.level,
        parentCode: c.parentCode,
        currentTerm: now.term,
        termStartedOn: now.startedOn,
      };
    });
  },
});
