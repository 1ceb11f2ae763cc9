/**
 * Extremes and calendar comparisons the articles use (pure functions, no I/O; the report reaches
 * them through facts/pure.ts):
 * - sameDayYtd: each year's year-to-date return as of the same calendar day as the as-of date;
 * - ratioExtreme: the relative-strength line (close_A / close_B) at its highest/lowest since a date;
 * - recordRuns: runs of record closes and the longest run since;
 * - winCount: sessions on which A beat B in a window;
 * - largestMoveSince: a daily move, and the last time one was at least as large in the same direction;
 * - driftWeight: an index weight carried from a holdings snapshot date to another date.
 * Conventions are stated on each function; every result names the dates it used.
 */
import { daysInMonth } from './calendar-math.ts';
import { lastIndexBefore, lastIndexOnOrBefore } from './session-search.ts';
import { lastAsExtreme, lastAtLeast, lastAtMost } from './since.ts';
import { streakRuns, summarizeRuns } from './streak-core.ts';

export interface YearPoint {
  year: number;
  /** Base session: the last close before 1 January of the year. */
  base: string;
  /** Last session on or before the same month and day as the as-of date (29 Feb → 28 Feb). */
  end: string;
  value: number;
}

/** The same month-day as `asOf` in `year`, clamped to the month's length. */
export function sameDay(asOf: string, year: number): string {
  const m = Number(asOf.slice(5, 7));
  const d = Math.min(Number(asOf.slice(8, 10)), daysInMonth(year, m));
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * For each calendar year up to asOf's, value = f(base index, end index) on `dates` (ascending),
 * with base = last session before 1 January and end = last session on or before the same day.
 * Years without a base session (the data's first partial year) are skipped.
 */
export function sameDayByYear(
  dates: readonly string[],
  asOf: string,
  f: (base: number, end: number) => number,
): YearPoint[] {
  const out: YearPoint[] = [];
  if (dates.length === 0) return out;
  const y0 = Number(dates[0].slice(0, 4));
  const y1 = Number(asOf.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    const s = lastIndexBefore(dates, `${y}-01-01`);
    const e = lastIndexOnOrBefore(dates, y === y1 ? asOf : sameDay(asOf, y));
    if (s < 0 || e <= s || dates[e] < `${y}-01-01`) continue;
    out.push({ year: y, base: dates[s], end: dates[e], value: f(s, e) });
  }
  return out;
}

/**
 * The most recent earlier year whose value was at least as extreme as the last year's, in the
 * direction of the last value (≥ for a positive value, ≤ for a negative one). null = none: the
 * most extreme in the data.
 */
export function mostExtremeSince(points: readonly YearPoint[]): YearPoint | null {
  const cur = points[points.length - 1];
  const j = lastAsExtreme((i) => points[i].value, points.length - 1, cur.value);
  return j < 0 ? null : points[j];
}

export interface RatioExtreme {
  direction: 'high' | 'low';
  /** Sessions of the ratio line compared (index of asOf + 1). */
  value: number;
  /** Last earlier session with the ratio at least as high (low); null = the extreme of the data. */
  since: string | null;
  /** Sessions between that session and asOf. */
  sessionsSince: number;
}

/** Where ratio[k] stands: at its highest (or lowest) since the last session it was as high (low). */
export function ratioExtreme(dates: readonly string[], ratio: ArrayLike<number>, k: number): RatioExtreme {
  const v = ratio[k];
  const hi = lastAtLeast(ratio, k, v);
  const lo = lastAtMost(ratio, k, v);
  // The side where today's value has gone longer without being matched is the story.
  const hiSpan = hi < 0 ? k + 1 : k - hi;
  const loSpan = lo < 0 ? k + 1 : k - lo;
  if (hiSpan >= loSpan)
    return { direction: 'high', value: v, since: hi < 0 ? null : dates[hi], sessionsSince: hiSpan };
  return { direction: 'low', value: v, since: lo < 0 ? null : dates[lo], sessionsSince: loSpan };
}

export interface RecordRuns {
  /** Consecutive record closes ending at asOf (0 when asOf is not a record). */
  current: number;
  start: string | null;
  /** Most recent earlier run at least as long; null when none (or no current run). */
  longestSince: { length: number; start: string; end: string } | null;
  /** Record closes in the calendar year of asOf, up to asOf. */
  thisYear: number;
}

/** Record closes: close > every earlier close (the first session is not a record), up to index k. */
export function recordRuns(dates: readonly string[], close: ArrayLike<number>, k: number): RecordRuns {
  const q = new Float64Array(k + 1);
  let max = close[0];
  let thisYear = 0;
  const y = dates[k].slice(0, 4);
  for (let i = 1; i <= k; i++) {
    if (close[i] > max) {
      q[i] = 1;
      max = close[i];
      if (dates[i].startsWith(y)) thisYear++;
    }
  }
  const runs = streakRuns(q, 'over', k);
  const s = summarizeRuns(runs, k);
  const span = (r: number) => ({
    length: runs.length[r],
    start: dates[runs.start[r]],
    end: dates[runs.start[r] + runs.length[r] - 1],
  });
  return {
    current: s.currentLength,
    start: s.current >= 0 ? dates[runs.start[s.current]] : null,
    longestSince: s.longestSince >= 0 ? span(s.longestSince) : null,
    thisYear,
  };
}

/** Sessions in (from, to] (indices into aligned returns) where rA > rB strictly, and the total with both returns known. */
export function winCount(
  ra: ArrayLike<number>,
  rb: ArrayLike<number>,
  from: number,
  to: number,
): { wins: number; sessions: number } {
  let wins = 0;
  let sessions = 0;
  for (let i = from + 1; i <= to; i++) {
    if (!Number.isFinite(ra[i]) || !Number.isFinite(rb[i])) continue;
    sessions++;
    if (ra[i] > rb[i]) wins++;
  }
  return { wins, sessions };
}

export interface MoveSince {
  date: string;
  ret: number;
  /** Last earlier session with a move at least as large in the same direction; null = largest in the data. */
  since: { date: string; ret: number } | null;
}

/** The close-to-close move on session i, and the last earlier session with a move as large (same sign). */
export function largestMoveSince(dates: readonly string[], close: ArrayLike<number>, i: number): MoveSince {
  const move = (j: number) => close[j] / close[j - 1] - 1;
  const r = move(i);
  const j = lastAsExtreme(move, i, r, 1);
  return { date: dates[i], ret: r, since: j < 0 ? null : { date: dates[j], ret: move(j) } };
}

/**
 * An index weight carried from the snapshot date to date t by relative performance, assuming no
 * rebalance or share-count change in between: w_t = w_snap × (P_i(t)/P_i(snap)) / (P_I(t)/P_I(snap)).
 */
export function driftWeight(
  wSnap: number,
  memberSnap: number,
  memberT: number,
  indexSnap: number,
  indexT: number,
): number {
  return (wSnap * (memberT / memberSnap)) / (indexT / indexSnap);
}

/** Years between two ISO dates (days / 365.25). */
export function yearsBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 86_400_000);
}
