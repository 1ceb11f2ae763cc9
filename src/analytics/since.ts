/**
 * "Longest since" and "biggest since", in one place: the most recent earlier position whose value
 * is at least as large (lastAtLeast) or at most as small (lastAtMost) as a reference value. Every
 * "since" figure is one of these calls: streak runs (streak-core summarizeRuns), records runs,
 * year-to-date extremes and the ratio line (extremes.ts), the largest daily move, this year's
 * longest streak (report), and fund flows' largest window since (flows.ts).
 *
 * Conventions: ties count (a value equal to the reference is "as large"); positions are searched
 * from `before − 1` down to `lowest` (inclusive); −1 means none: the reference is the extreme of
 * everything compared. NaN never matches.
 */
export type Values = ArrayLike<number> | ((i: number) => number);

const at = (v: Values, i: number): number => (typeof v === 'function' ? v(i) : v[i]);

/** Greatest j in [lowest, before) with values[j] ≥ value, or −1. */
export function lastAtLeast(values: Values, before: number, value: number, lowest = 0): number {
  for (let j = before - 1; j >= lowest; j--) if (at(values, j) >= value) return j;
  return -1;
}

/** Greatest j in [lowest, before) with values[j] ≤ value, or −1. */
export function lastAtMost(values: Values, before: number, value: number, lowest = 0): number {
  for (let j = before - 1; j >= lowest; j--) if (at(values, j) <= value) return j;
  return -1;
}

/**
 * "As extreme, in the same direction": lastAtLeast for a value ≥ 0 (a gain, an inflow), lastAtMost
 * for a negative one (a loss, an outflow).
 */
export function lastAsExtreme(values: Values, before: number, value: number, lowest = 0): number {
  return value >= 0 ? lastAtLeast(values, before, value, lowest) : lastAtMost(values, before, value, lowest);
}
