/**
 * A small seeded PRNG (mulberry32) for demo data: the same seed gives the same data on
 * every machine and in every test run.
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[] | string): T => list[Math.floor(next() * list.length)] as T;
  const chance = (p: number) => next() < p;
  const weighted = <T extends { weight: number }>(list: readonly T[]): T => {
    let r = next() * list.reduce((n, x) => n + x.weight, 0);
    for (const x of list) if ((r -= x.weight) < 0) return x;
    return list[list.length - 1];
  };
  /** Fisher–Yates, in place. */
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };
  return { next, int, pick, chance, weighted, shuffle };
}
export type Random = ReturnType<typeof seededRandom>;
