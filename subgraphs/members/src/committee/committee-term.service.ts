import { badInput, defineLoaders, requireDate, today, type RequestContext } from "@tongxin/sdk";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { Committee } from "./committee.entity";
import { CommitteeTerm } from "./committee-term.entity";

export interface TermSpan {
  term: number;
  startedOn: string;
  /** The next recorded term's first day; null for the latest term. */
  endsOn: string | null;
}

/**
 * A committee's terms in order. Committees written before the terms table (or inserted by
 * hand in a test) have none there: their `current_term` / `term_started_on` columns stand
 * in as a single term, so nothing older needs rewriting.
 */
export function spansOf(
  committee: Pick<Committee, "currentTerm" | "termStartedOn">,
  rows: CommitteeTerm[],
): TermSpan[] {
  const sorted = rows.length
    ? [...rows].sort((a, b) => a.term - b.term)
    : [{ term: committee.currentTerm, startedOn: committee.termStartedOn }];
  return sorted.map((t, i) => ({ term: t.term, startedOn: t.startedOn, endsOn: sorted[i + 1]?.startedOn ?? null }));
}

/** The term running on `day`: the latest one already begun, else (all in the future) the first. */
export function currentSpan(spans: TermSpan[], day = today()): TermSpan {
  const begun = spans.filter((s) => s.startedOn <= day);
  return begun[begun.length - 1] ?? spans[0];
}

export const termLoaders = defineLoaders((ctx) => ({
  byCommittee: new DataLoader<string, CommitteeTerm[]>(async (codes) => {
    const rows = await ctx
      .repo(CommitteeTerm)
      .find({ where: { committeeCode: In([...codes]) }, order: { term: "ASC" } });
    return codes.map((c) => rows.filter((r) => r.committeeCode === c));
  }),
}));

export async function termSpans(ctx: RequestContext, committee: Committee): Promise<TermSpan[]> {
  return spansOf(committee, await termLoaders(ctx).byCommittee.load(committee.code));
}

/**
 * A seat belongs to a term the committee has recorded and starts inside it (on or after the
 * term's first plenary session, before the next term's). Returns the term to store.
 */
export async function assertSeatInTerm(
  ctx: RequestContext,
  committee: Committee,
  term: number | null | undefined,
  startedOn: string,
  prefix = "input",
): Promise<number> {
  const spans = await termSpans(ctx, committee);
  const wanted = term ?? currentSpan(spans, startedOn).term;
  const span = spans.find((s) => s.term === wanted);
  if (!span) {
    const list = spans.map((s) => s.term).join("、");
    throw badInput(
      `${prefix}.term`,
      `${committee.name}没有第 ${wanted} 届的记录 (已登记: ${list})`,
      `committee ${committee.code} has no term ${wanted} recorded (recorded: ${list})`,
    );
  }
  if (startedOn < span.startedOn || (span.endsOn && startedOn >= span.endsOn)) {
    const until = span.endsOn ? `${span.endsOn} 之前` : "之后";
    throw badInput(
      `${prefix}.startedOn`,
      `第 ${wanted} 届始于 ${span.startedOn}, 任职开始日期应在 ${span.startedOn}${span.endsOn ? ` 至 ${until}` : " 或之后"}`,
      `term ${wanted} runs from ${span.startedOn}${span.endsOn ? ` until ${span.endsOn}` : ""}; ${startedOn} is outside it`,
    );
  }
  return wanted;
}

/** Validates a term number and its first day; both are required. */
export function parseTerm(
  input: { term: number; startedOn: string },
  prefix: string,
): { term: number; startedOn: string } {
  if (!Number.isInteger(input.term) || input.term < 1 || input.term > 99) {
    throw badInput(`${prefix}.term`, "届次应为 1 到 99 的整数", "must be an integer from 1 to 99");
  }
  return { term: input.term, startedOn: requireDate(input.startedOn, `${prefix}.startedOn`) };
}

/**
 * Terms are numbered in date order: a new or corrected term must start after the one
 * before it and before the one after it.
 */
export function assertTermOrder(existing: TermSpan[], term: number, startedOn: string, prefix: string): void {
  const before = existing.filter((s) => s.term < term).pop();
  const after = existing.find((s) => s.term > term);
  if ((before && startedOn <= before.startedOn) || (after && startedOn >= after.startedOn)) {
    throw badInput(
      `${prefix}.startedOn`,
      `第 ${term} 届的开始日期应在第 ${before?.term ?? "-"} 届 (${before?.startedOn ?? "-"}) 之后、第 ${after?.term ?? "-"} 届 (${after?.startedOn ?? "-"}) 之前`,
      `term ${term} must start after term ${before?.term ?? "-"} (${before?.startedOn ?? "-"}) and before term ${after?.term ?? "-"} (${after?.startedOn ?? "-"})`,
    );
  }
}
