import { badInput, today, yearRange, type RequestContext } from "@tongxin/sdk";

/** The days a training figure covers: [from, to), named by a term of the committee or a calendar year. */
export interface TrainingPeriod {
  from: string;
  /** Exclusive. */
  to: string;
  /** The last day, inclusive. */
  until: string;
  term: number | null;
  year: number | null;
  /** Whose active members count: the end of the period, or today when it is not over. */
  asOf: string;
}

export const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

function period(from: string, to: string, term: number | null, year: number | null): TrainingPeriod {
  const until = addDays(to, -1);
  const t = today();
  return { from, to, until, term, year, asOf: until < t ? until : t };
}

/**
 * A year is the calendar year; a term is the committee's own (terms last five years from
 * the first plenary session, so a county's term 11 and the city's term 5 differ in days);
 * neither means the committee's current term. With descendants, the asked committee's
 * period applies to the whole subtree.
 */
export async function trainingPeriod(
  ctx: RequestContext,
  code: string,
  args: { term?: number | null; year?: number | null },
  fields: { term: string; year: string } = { term: "term", year: "year" },
): Promise<TrainingPeriod> {
  const { term, year } = args;
  if (term !== undefined && term !== null && year !== undefined && year !== null) {
    throw badInput(fields.year, "届次和年份只能给出一个", "give a term or a year, not both");
  }
  if (year !== undefined && year !== null) {
    const { from, to } = yearRange(year, fields.year);
    return period(from, addDays(to, 1), null, year);
  }
  const tree = await ctx.committees();
  const current = tree.get(code)?.currentTerm;
  // The next term may already have sessions planned (as members may hold seats for it).
  const last = current ? current + 1 : Number.MAX_SAFE_INTEGER;
  if (term !== undefined && term !== null && (!Number.isInteger(term) || term < 1 || term > last)) {
    throw badInput(fields.term, `届次应在 1 到 ${last} 之间`, `must be from 1 to ${last}`);
  }
  const p = tree.termPeriod(code, term);
  if (!p) throw badInput(fields.term, "该政协未登记届次", `committee ${code} has no term on record`);
  return period(p.from, p.to, p.term, null);
}
