import { type Random } from "@tongxin/sdk";
/**
 * How many items of each kind a committee gets in a demo year. The city's 2023 numbers
 * are DOMAIN.md's (the source report's); other committees are scaled by their size
 * against the city above them; 2024 is a year still in progress, spread over every
 * state of the workflow.
 */

/** DOMAIN.md, "2023 figures from the source document (city committee)". */
export const CITY_2023 = {
  received: 225,
  filed: 221,
  notFiled: 2,
  merged: 2,
  solvedOrBasicallySolved: 205,
  keyProposals: 13,
  keyProposalsExcellent: 10,
  collective: 36,
  reportsCollected: 281,
  reportsCompiled: 239,
  reportsInstructed: 179,
} as const;

/** A little more business in 2024 than in 2023. */
const GROWTH_2024 = 1.03;

export type Outcome =
  | "DRAFT"
  | "SUBMITTED"
  | "NOT_FILED"
  | "MERGED"
  | "FILED"
  | "ASSIGNED_PENDING"
  | "ASSIGNED_ACCEPTED"
  | "REOPENED"
  | "REPLIED"
  | "CLOSED";

export interface YearPlan {
  /** Outcomes of the received proposals, then the drafts, in no particular order. */
  outcomes: Outcome[];
  collective: number;
  converted: number;
  /** Filed proposals whose latest lead reply is A or B; null: drawn proposal by proposal. */
  solved: number | null;
  keyProposals: number;
  keyExcellent: number;
  /** Proposals (re)assigned after their first lead unit returned them. */
  returned: number;
  /** Closed proposals that went through one re-handling after an UNSATISFIED evaluation. */
  reopenedThenClosed: number;
  closedByOffice: number;
  reports: { collected: number; compiled: number; forwarded: number; instructed: number };
}

const repeat = (o: Outcome, n: number): Outcome[] => Array.from({ length: Math.max(0, n) }, () => o);

export function planYear(year: number, isCity: boolean, ratio: number, rng: Random): YearPlan {
  const finished = year < 2024;
  const exact = finished && isCity;
  const scale = (n: number) => Math.max(1, Math.round(n * ratio * (finished ? 1 : GROWTH_2024)));
  const received = exact ? CITY_2023.received : scale(CITY_2023.received);
  const collective = exact ? CITY_2023.collective : Math.round(received * (0.12 + rng.next() * 0.05));
  const reportsCollected = exact ? CITY_2023.reportsCollected : scale(CITY_2023.reportsCollected);
  const compiled = exact ? CITY_2023.reportsCompiled : Math.round(reportsCollected * (0.82 + rng.next() * 0.06));
  const instructed = exact ? CITY_2023.reportsInstructed : Math.round(reportsCollected * (0.6 + rng.next() * 0.06));
  const reports = {
    collected: reportsCollected,
    compiled,
    forwarded: instructed + Math.round((compiled - instructed) * 0.5),
    instructed,
  };

  if (finished) {
    const notFiled = exact ? CITY_2023.notFiled : Math.round(received * 0.012);
    const merged = exact ? CITY_2023.merged : Math.round(received * 0.01);
    const filed = received - notFiled - merged;
    const keyProposals = exact ? CITY_2023.keyProposals : Math.max(1, Math.round(filed * 0.06));
    return {
      outcomes: [
        ...repeat("NOT_FILED", notFiled),
        ...repeat("MERGED", merged),
        // A finished year: every filed proposal was replied to and closed.
        ...repeat("CLOSED", filed),
      ],
      collective,
      converted: Math.ceil(notFiled / 2),
      solved: exact ? CITY_2023.solvedOrBasicallySolved : Math.round(filed * (0.88 + rng.next() * 0.06)),
      keyProposals,
      keyExcellent: exact ? CITY_2023.keyProposalsExcellent : Math.round(keyProposals * 0.7),
      returned: Math.round(filed * 0.02),
      reopenedThenClosed: Math.round(filed * 0.015),
      closedByOffice: Math.round(filed * 0.03),
      reports,
    };
  }

  const share = (p: number) => Math.round(received * p);
  const counts = {
    SUBMITTED: share(0.05),
    NOT_FILED: Math.max(1, share(0.015)),
    MERGED: share(0.01),
    FILED: Math.max(1, share(0.03)),
    ASSIGNED_PENDING: Math.max(1, share(0.03)),
    ASSIGNED_ACCEPTED: Math.max(1, share(0.05)),
    REOPENED: Math.max(1, share(0.01)),
    REPLIED: Math.max(1, share(0.1)),
  };
  const open = Object.values(counts).reduce((a, b) => a + b, 0);
  const filed = received - counts.SUBMITTED - counts.NOT_FILED - counts.MERGED;
  const keyProposals = Math.max(1, Math.round(filed * 0.06));
  return {
    outcomes: [
      ...(Object.entries(counts) as [Outcome, number][]).flatMap(([o, n]) => repeat(o, n)),
      ...repeat("CLOSED", received - open),
      ...repeat("DRAFT", Math.max(1, share(0.03))),
    ],
    collective,
    converted: Math.ceil(counts.NOT_FILED / 2),
    solved: null,
    keyProposals,
    keyExcellent: Math.round(keyProposals * 0.5),
    returned: Math.max(1, Math.round(filed * 0.02)),
    reopenedThenClosed: share(0.01),
    closedByOffice: share(0.02),
    reports,
  };
}
