import type { RequestContext } from "@tongxin/sdk";
import { ProposalNumberCounter } from "./number-counter.entity";

/**
 * Makes sure the counter row of a committee and year exists, in its own statement
 * before the submitting transaction: inside it, an INSERT that meets a concurrent
 * insert's key would take a shared lock and later need an exclusive one, a deadlock
 * pattern on InnoDB.
 */
export async function ensureNumberCounter(ctx: RequestContext, committeeCode: string, year: number): Promise<void> {
  await ctx
    .manager(ProposalNumberCounter)
    .createQueryBuilder()
    .insert()
    .into(ProposalNumberCounter)
    .values({ committeeCode, year, lastSerial: 0 })
    .orIgnore()
    .execute();
}

/**
 * Issues the next case number (案号) of a committee and year inside the caller's
 * transaction. The increment is one UPDATE on the counter row: concurrent submissions
 * queue on its row lock, each reads back its own increment, and a rolled-back
 * submission gives its number back. The unique index on (committee, year, serial)
 * stands behind it.
 */
export async function issueSerial(tx: RequestContext, committeeCode: string, year: number): Promise<number> {
  const where = { committeeCode, year };
  const bumped = await tx
    .manager(ProposalNumberCounter)
    .createQueryBuilder()
    .update(ProposalNumberCounter)
    .set({ lastSerial: () => "last_serial + 1" })
    .where("committee_code = :committeeCode AND year = :year", where)
    .execute();
  if (bumped.affected !== 1) {
    // Only reachable when the row was never created (ensureNumberCounter not called).
    await tx.repo(ProposalNumberCounter).insert({ ...where, lastSerial: 1 });
    return 1;
  }
  const row = await tx.repo(ProposalNumberCounter).findOneByOrFail(where);
  return row.lastSerial;
}

/** 案号 as printed: year and a three-digit serial, e.g. 2023-017. */
export const formatNumber = (year: number, serial: number | null): string | null =>
  serial === null ? null : `${year}-${String(serial).padStart(3, "0")}`;
