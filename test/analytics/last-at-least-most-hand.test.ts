/** The one "since" primitive (analytics/since.ts), by hand, and the callers that now share it. */
import { describe, expect, it } from 'vitest';
import { largestMoveSince, mostExtremeSince, ratioExtreme } from '../../src/analytics/extremes.ts';
import { lastAsExtreme, lastAtLeast, lastAtMost } from '../../src/analytics/since.ts';
import { streakRuns, summarizeRuns } from '../../src/analytics/streak-core.ts';

describe('lastAtLeast / lastAtMost', () => {
  //                 0  1  2  3  4  5  6
  const v = [5, 9, 3, 7, 7, 2, 6];
  it('the most recent earlier position at least as large; ties count', () => {
    expect(lastAtLeast(v, 6, 6)).toBe(4); // 7 at index 4 (before 6), not 3
    expect(lastAtLeast(v, 4, 7)).toBe(3); // a tie counts
    expect(lastAtLeast(v, 6, 10)).toBe(-1); // the largest of everything compared
    expect(lastAtLeast(v, 6, 6, 5)).toBe(-1); // only [5, 6) is searched
  });
  it('the most recent earlier position at most as small', () => {
    expect(lastAtMost(v, 6, 6)).toBe(5);
    expect(lastAtMost(v, 5, 2)).toBe(-1);
    expect(lastAtMost(v, 3, 3)).toBe(2);
  });
  it('as extreme in the same direction: ≥ for a value ≥ 0, ≤ for a negative one', () => {
    const m = [0.01, -0.03, 0.02, -0.01, 0.015];
    expect(lastAsExtreme(m, 4, 0.015)).toBe(2);
    expect(lastAsExtreme(m, 4, -0.02)).toBe(1);
    expect(lastAsExtreme(m, 4, -0.05)).toBe(-1);
    expect(lastAsExtreme((i) => m[i], 4, 0.015)).toBe(2); // an accessor works like an array
  });
  it('NaN never matches', () => {
    expect(lastAtLeast([Number.NaN, 4, Number.NaN], 3, 1)).toBe(1);
    expect(lastAtMost([Number.NaN], 1, 1)).toBe(-1);
  });
});

describe('every "since" caller gives the hand answer', () => {
  it('summarizeRuns: runs 3, 1, 2, then current 2 → longest since the run of 2', () => {
    // qualifying sessions: 0-2 (3), 4 (1), 6-7 (2), 9-10 (2, current)
    const diff = Float64Array.from([1, 1, 1, -1, 1, -1, 1, 1, -1, 1, 1]);
    const s = summarizeRuns(streakRuns(diff, 'over'), 10);
    expect(s).toEqual({ current: 3, currentLength: 2, longestSince: 2, rank: 2 });
  });
  it('mostExtremeSince over year values', () => {
    const p = (year: number, value: number) => ({ year, base: '', end: '', value });
    expect(mostExtremeSince([p(2020, 0.2), p(2021, -0.1), p(2022, 0.05), p(2023, 0.1)])?.year).toBe(2020);
    expect(mostExtremeSince([p(2020, -0.2), p(2021, 0.1), p(2022, -0.15)])?.year).toBe(2020);
    expect(mostExtremeSince([p(2020, 0.1), p(2021, 0.3)])).toBeNull();
  });
  it('ratioExtreme: highest since the last session at least as high', () => {
    const d = ['d0', 'd1', 'd2', 'd3', 'd4'];
    // 1.05 at d4: last ≥ is d1 (1.1) → 3 sessions; last ≤ is d3 (1.0) → 1 session; the high side wins.
    expect(ratioExtreme(d, [1.0, 1.1, 0.9, 1.0, 1.05], 4)).toEqual({ direction: 'high', value: 1.05, since: 'd1', sessionsSince: 3 });
  });
  it('largestMoveSince: closes 100, 110, 99, 103.95, 108.1 → +4% move, last ≥ was +10%', () => {
    const d = ['d0', 'd1', 'd2', 'd3', 'd4'];
    const r = largestMoveSince(d, [100, 110, 99, 103.95, 108.108], 4);
    expect(r.ret).toBeCloseTo(0.04, 12);
    expect(r.since?.date).toBe('d3'); // +5% on d3 ≥ +4%
    const down = largestMoveSince(d, [100, 110, 99, 103.95, 98.7525], 4); // −5%: last ≤ −5% is d2 (−10%)
    expect(down.since?.date).toBe('d2');
  });
});
