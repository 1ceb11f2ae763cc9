/**
 * Fast streak core over a Float64Array of per-session differences (e.g. r_A − r_B, or a factor's
 * returns vs zero). No dates, no allocation beyond the run arrays: suitable for benchmarks over
 * ~26,000 sessions × many pairs.
 *
 * A session QUALIFIES when diff > 0 (direction `over`) or diff < 0 (`under`), strictly. A tie
 * (diff = 0) or an unknown value (NaN) does not qualify, so it ends a streak. For finite doubles
 * x − y > 0 exactly when x > y (IEEE 754 subtraction with gradual underflow never rounds a nonzero
 * difference to 0), so testing the difference is the same as comparing the two returns.
 */
import { lastAtLeast } from './since.ts';

export type Direction = 'over' | 'under';

/** Maximal runs of consecutive qualifying sessions, in time order. */
export interface Runs {
  /** Index of the first session of each run. */
  start: Int32Array;
  /** Length of each run (sessions). */
  length: Int32Array;
  count: number;
}

/** r_A − r_B per session (NaN where either is NaN). */
export function returnDiff(ra: Float64Array, rb: Float64Array): Float64Array {
  const n = Math.min(ra.length, rb.length);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = ra[i] - rb[i];
  return d;
}

/** All maximal qualifying runs within sessions 0..end (inclusive). O(n). */
export function streakRuns(diff: Float64Array, direction: Direction = 'over', end = diff.length - 1): Runs {
  const n = Math.min(end + 1, diff.length);
  const cap = (n >> 1) + 1;
  const start = new Int32Array(cap);
  const length = new Int32Array(cap);
  let count = 0;
  let runStart = -1;
  const over = direction === 'over';
  for (let i = 0; i < n; i++) {
    const v = diff[i];
    const q = over ? v > 0 : v < 0;
    if (q) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      start[count] = runStart;
      length[count] = i - runStart;
      count++;
      runStart = -1;
    }
  }
  if (runStart >= 0) {
    start[count] = runStart;
    length[count] = n - runStart;
    count++;
  }
  return { start, length, count };
}

export interface RunSummary {
  /** Index (into runs) of the run ending at `endIndex`, or -1 when that session does not qualify. */
  current: number;
  /** Length of that run (0 when none). */
  currentLength: number;
  /** Most recent earlier run with length ≥ currentLength, or -1 (also -1 when currentLength = 0). */
  longestSince: number;
  /** 1 + number of earlier runs strictly longer than the current one; 0 when currentLength = 0. */
  rank: number;
}

/** Summarises runs computed with `streakRuns(diff, dir, endIndex)` relative to session `endIndex`. */
export function summarizeRuns(runs: Runs, endIndex: number): RunSummary {
  const { start, length, count } = runs;
  let current = -1;
  if (count > 0 && start[count - 1] + length[count - 1] - 1 === endIndex) current = count - 1;
  const L = current >= 0 ? length[current] : 0;
  const earlier = current >= 0 ? current : count;
  let longestSince = -1;
  let rank = 0;
  if (L > 0) {
    longestSince = lastAtLeast(length, earlier, L);
    rank = 1;
    for (let r = 0; r < earlier; r++) if (length[r] > L) rank++;
  }
  return { current, currentLength: L, longestSince, rank };
}

/** Length of the qualifying run ending at `endIndex` (0 if that session does not qualify). O(run length). */
export function currentStreakLength(diff: Float64Array, direction: Direction, endIndex: number): number {
  let k = 0;
  const over = direction === 'over';
  for (let i = endIndex; i >= 0; i--) {
    const v = diff[i];
    if (over ? v > 0 : v < 0) k++;
    else break;
  }
  return k;
}
