/** Binary searches over an ascending array of ISO date strings (string order = date order). */

/** Index of `d` in `dates`, or -1. */
export function indexOfDate(dates: readonly string[], d: string): number {
  const i = firstIndexOnOrAfter(dates, d);
  return i >= 0 && dates[i] === d ? i : -1;
}

/** First index with dates[i] >= d, or -1 when every date is before d. */
export function firstIndexOnOrAfter(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo < dates.length ? lo : -1;
}

/** Last index with dates[i] <= d, or -1 when every date is after d. */
export function lastIndexOnOrBefore(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Last index with dates[i] < d, or -1 when no date is before d. */
export function lastIndexBefore(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * For a date that is not in `dates`: " (sessions before and after: D1, D2)", naming the nearest
 * session on each side ("none" past either end), so an error tells the user what to ask for instead.
 */
export function neighbourSessions(dates: readonly string[], d: string): string {
  const before = lastIndexBefore(dates, d);
  const after = firstIndexOnOrAfter(dates, d);
  const b = before >= 0 ? dates[before] : 'none';
  const a = after >= 0 ? dates[after] : 'none';
  return ` (sessions before and after: ${b}, ${a})`;
}
