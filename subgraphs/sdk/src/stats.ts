/** Rates are fractions in [0, 1], null when the denominator is zero (API.md). */
export function rate(numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  return numerator / denominator;
}
