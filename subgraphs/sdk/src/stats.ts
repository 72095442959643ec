import DataLoader from "dataloader";
import { defineLoaders, type RequestContext } from "./context";

/** Rates are fractions in [0, 1], null when the denominator is zero (API.md). */
export function rate(numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  return numerator / denominator;
}

interface FigureKey {
  codes: string[];
  period: string;
}

/**
 * Figures that add up across committees (sessions held, readings taken …): one grouped
 * query per period answers every committee a request asks about, whatever the number of
 * committees on the page, and "including descendants" is the sum over the subtree.
 * (Figures that count distinct people across committees cannot be summed; compute those
 * with their own query.)
 *
 * `perCommittee` must return an entry for every code it is given (zeros included).
 */
export function additiveFigures<F, P>(
  perCommittee: (ctx: RequestContext, codes: string[], period: P) => Promise<Map<string, F>>,
  combine: (parts: F[]) => F,
): (ctx: RequestContext, codes: string[], period: P) => Promise<F> {
  const periods = new Map<string, P>();
  const loaders = defineLoaders(
    (ctx) =>
      new DataLoader<FigureKey, F, string>(
        async (keys) => {
          const byPeriod = new Map<string, FigureKey[]>();
          for (const k of keys) byPeriod.set(k.period, [...(byPeriod.get(k.period) ?? []), k]);
          const results = new Map<FigureKey, F>();
          for (const [period, group] of byPeriod) {
            const codes = [...new Set(group.flatMap((k) => k.codes))];
            const figures = await perCommittee(ctx, codes, periods.get(period)!);
            for (const k of group) results.set(k, combine(k.codes.map((c) => figures.get(c)!)));
          }
          return keys.map((k) => results.get(k)!);
        },
        { cacheKeyFn: (k) => `${k.period}|${[...k.codes].sort().join(",")}` },
      ),
  );
  return (ctx, codes, period) => {
    const key = JSON.stringify(period);
    periods.set(key, period);
    return loaders(ctx).load({ codes, period: key });
  };
}
