/**
 * Issue 15, item 9: ties in ranks are shared AND said ("rank 2, tied with …"); exact zeros (common in
 * two-decimal factor data) end a streak, and the alternative count with zeros skipped is offered.
 * Every expected value below is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { streaks, streakVsZero } from '../../src/analytics/streak.ts';
import { closesFromPattern, price, rets, weekdays } from './helpers/build.ts';

describe('a tied rank is shared and said', () => {
  // A vs flat B: + + + − + + − + +  → runs d1..d3 (3), d5..d6 (2), d8..d9 (2, current)
  const d = weekdays('2026-06-01', 10);
  const A = price('A', d, closesFromPattern('+++-++-++'));
  const B = price('B', d, d.map(() => 10));
  it('current 2: one earlier run strictly longer → rank 2, tied with d5..d6', () => {
    const r = streaks(A, B);
    expect(r.current).toEqual({ length: 2, start: d[8], end: d[9] });
    expect(r.rank).toBe(2);
    expect(r.tiedWith).toEqual([{ length: 2, start: d[5], end: d[6] }]);
    expect(r.tiedCount).toBe(1);
    expect(r.rankText).toBe(`rank 2, tied with ${d[5]}..${d[6]}`);
    // the longest since: the most recent earlier run at least as long, i.e. the tied one
    expect(r.longestSince).toEqual({ length: 2, start: d[5], end: d[6] });
    expect(r.zeroSessions).toBe(0);
    expect(r.ifZerosSkipped).toBeUndefined();
  });
});

describe('exact zeros end a positive streak; the other count is offered', () => {
  //         d0    d1    d2  d3    d4    d5     d6    d7    d8  d9
  const v = [0.01, 0.02, 0, 0.01, 0.03, -0.01, 0.02, 0.01, 0, 0.02];
  const d = weekdays('2026-06-01', v.length);
  const r = streakVsZero(rets('FF.X', d, v), { positive: true });

  it('zeros end streaks: runs d0..d1, d3..d4, d6..d7 (2 each), current d9 alone, rank 4', () => {
    expect(r.current).toEqual({ length: 1, start: d[9], end: d[9] });
    expect(r.rank).toBe(4); // three earlier runs of 2 are strictly longer
    expect(r.tiedWith).toEqual([]);
    expect(r.zeroSessions).toBe(2);
    expect(r.provenance.notes.join(' ')).toMatch(/2 session\(s\) with a difference of exactly 0 end a streak/);
  });

  it('zeros skipped: d0 d1 d3 d4 run (4), then d6 d7 d9 (3, current), rank 2', () => {
    expect(r.ifZerosSkipped?.rule).toMatch(/neither ends nor extends/);
    expect(r.ifZerosSkipped?.current).toEqual({ length: 3, start: d[6], end: d[9] });
    expect(r.ifZerosSkipped?.longestSince).toEqual({ length: 4, start: d[0], end: d[4] });
    expect(r.ifZerosSkipped?.rank).toBe(2);
  });
});
