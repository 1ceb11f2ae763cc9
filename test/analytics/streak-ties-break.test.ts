import { describe, expect, it } from 'vitest';
import { streaks, streakVsZero } from '../../src/analytics/streak.ts';
import { UserError } from '../../src/model/errors.ts';
import { closesFromPattern, price, rets, weekdays } from './helpers/build.ts';

// B is flat at 100, so its return is exactly 0 every session; A follows a pattern
// ('+' = A beats B, '0' = exact tie, '-' = A trails B).
function pair(pattern: string) {
  const closes = closesFromPattern(pattern);
  const dates = weekdays('2026-01-05', closes.length);
  return {
    A: price('A', dates, closes),
    B: price(
      'B',
      dates,
      closes.map(() => 100),
    ),
    dates,
  };
}

describe('streaks: a tie breaks the streak', () => {
  // sessions s1..s10; returns from s2: + + 0 + + + - + +
  // qualifying (over): s2 s3 | s5 s6 s7 | s9 s10  → runs of 2, 3, 2 (the last runs to the end of the data)
  const { A, B, dates } = pair('++0+++-++');
  const s = (i: number) => dates[i - 1];

  it('as of the last session: current 2 (s9..s10), longest since = the 3-session run, rank 2', () => {
    const r = streaks(A, B, { direction: 'over' });
    expect(r.asOf).toBe(s(10));
    expect(r.current).toEqual({ length: 2, start: s(9), end: s(10) });
    expect(r.longestSince).toEqual({ length: 3, start: s(5), end: s(7) });
    expect(r.rank).toBe(2); // one earlier run (3) is strictly longer
    expect(r.history).toEqual([
      { length: 2, start: s(9), end: s(10) },
      { length: 3, start: s(5), end: s(7) },
      { length: 2, start: s(2), end: s(3) },
    ]);
    expect(r.dataStart).toBe(s(2));
    expect(r.a).toBe('A');
    expect(r.b).toBe('B');
  });
  it('as of s7: current 3 is the longest in the data (longestSince null, rank 1)', () => {
    const r = streaks(A, B, { asOf: s(7) });
    expect(r.current).toEqual({ length: 3, start: s(5), end: s(7) });
    expect(r.longestSince).toBeNull();
    expect(r.rank).toBe(1);
    expect(r.history.map((h) => h.length)).toEqual([3, 2]); // data after asOf never used
  });
  it('as of the tie (s4): no current streak', () => {
    const r = streaks(A, B, { asOf: s(4) });
    expect(r.current).toEqual({ length: 0, start: null, end: null });
    expect(r.longestSince).toBeNull();
    expect(r.rank).toBeNull();
    expect(r.history).toEqual([{ length: 2, start: s(2), end: s(3) }]);
  });
  it('min filters the history only', () => {
    const r = streaks(A, B, { min: 3 });
    expect(r.history).toEqual([{ length: 3, start: s(5), end: s(7) }]);
    expect(r.current.length).toBe(2);
  });
  it("direction 'under': A strictly below B (s8 only; the tie at s4 does not count)", () => {
    const r = streaks(A, B, { direction: 'under' });
    expect(r.current.length).toBe(0);
    expect(r.history).toEqual([{ length: 1, start: s(8), end: s(8) }]);
    const r8 = streaks(A, B, { direction: 'under', asOf: s(8) });
    expect(r8.current).toEqual({ length: 1, start: s(8), end: s(8) });
    expect(r8.rank).toBe(1);
  });
});

describe('streaks: rank ties share a rank (competition ranking)', () => {
  // returns: + + + 0 + + - + + +   → runs 3, 2, 3 (current)
  it('a current streak equal to the record is rank 1; longestSince is the equal earlier one', () => {
    const { A, B, dates } = pair('+++0++-+++');
    const r = streaks(A, B, {});
    expect(r.current).toEqual({ length: 3, start: dates[8], end: dates[10] });
    expect(r.rank).toBe(1);
    expect(r.longestSince).toEqual({ length: 3, start: dates[1], end: dates[3] });
  });
  // returns: + + + - + + - + + + - + +  → runs 3, 2, 3, 2 (current)
  it('current 2 with earlier runs 3, 2, 3: rank 3 (two strictly longer), longestSince = most recent ≥ 2', () => {
    const { A, B, dates } = pair('+++-++-+++-++');
    const r = streaks(A, B, {});
    expect(r.current).toEqual({ length: 2, start: dates[12], end: dates[13] });
    expect(r.rank).toBe(3);
    expect(r.longestSince).toEqual({ length: 3, start: dates[8], end: dates[10] });
  });
});

describe('streaks: a missing day in one series ends the streak and is reported', () => {
  // A: 10, 11, 10.5, 12, 11, 13 on d1..d6; B flat 100 but has no d3.
  // Common sessions d1 d2 d4 d5 d6. d2: 11/10 − 1 > 0 qualifies; d4 would span d3 (12/11 − 1, where
  // A fell on d3): unknown, it ends the streak; d5: 11/12 − 1 < 0; d6: 13/11 − 1 > 0.
  const d = weekdays('2026-02-02', 6);
  const A = price('A', d, [10, 11, 10.5, 12, 11, 13]);
  const B = price('B', [d[0], d[1], d[3], d[4], d[5]], [100, 100, 100, 100, 100]);
  it('d2 and d6 are one-session streaks; d4 (after the missing d3) is unknown; d3 is listed as excluded', () => {
    const r = streaks(A, B, {});
    expect(r.history).toEqual([
      { length: 1, start: d[5], end: d[5] },
      { length: 1, start: d[1], end: d[1] },
    ]);
    expect(r.provenance.excludedDates).toEqual([{ symbol: 'B', missing: [d[2]] }]);
    expect(r.provenance.notes.join(' ')).toMatch(/B lacks 1 session/);
  });
  it('asOf on the missing day, on a weekend, before the data, or malformed is a UserError', () => {
    expect(() => streaks(A, B, { asOf: d[2] })).toThrow(/not a session of B/);
    expect(() => streaks(A, B, { asOf: '2026-02-07' })).toThrow(/not a session in the data of A or B/);
    expect(() => streaks(A, B, { asOf: '2025-01-02' })).toThrow(/before the common data/);
    expect(() => streaks(A, B, { asOf: '2026-02-30' })).toThrow(UserError);
    expect(() => streaks(A, B, { asOf: d[0] })).toThrow(/before the first comparable session/);
    expect(() => streaks(A, B, { min: 0 })).toThrow(/min must be/);
    expect(() => streaks(A, B, { direction: 'up' as never })).toThrow(/direction/);
  });
});

describe('streakVsZero: one return series vs 0', () => {
  // r: .01 .02 0 .01 NaN .03 .01 -.01 .02 .01 → positive runs: d1-d2 (2), d4 (1), d6-d7 (2), d9-d10 (2)
  const d = weekdays('2026-03-02', 10);
  const S = rets('FF.SMB', d, [0.01, 0.02, 0, 0.01, Number.NaN, 0.03, 0.01, -0.01, 0.02, 0.01]);
  it('zero and NaN both end a streak; b is "0"', () => {
    const r = streakVsZero(S, { positive: true });
    expect(r.b).toBe('0');
    expect(r.current).toEqual({ length: 2, start: d[8], end: d[9] });
    expect(r.longestSince).toEqual({ length: 2, start: d[5], end: d[6] });
    expect(r.rank).toBe(1);
    expect(r.history.map((h) => [h.start, h.length])).toEqual([
      [d[8], 2],
      [d[5], 2],
      [d[3], 1],
      [d[0], 2],
    ]);
    expect(r.dataStart).toBe(d[0]);
    expect(r.provenance.notes.join(' ')).toMatch(/1 session\(s\) without a value/);
  });
  it('negative streaks; asOf within the data', () => {
    expect(streakVsZero(S, { positive: false }).current.length).toBe(0);
    const r = streakVsZero(S, { positive: false, asOf: d[7] });
    expect(r.current).toEqual({ length: 1, start: d[7], end: d[7] });
    expect(() => streakVsZero(S, { asOf: '2026-03-07' })).toThrow(/not a session of FF.SMB/);
    expect(() => streakVsZero(rets('X', [], []))).toThrow(/empty/);
  });
  it('a price series: up-day streaks of close-to-close returns', () => {
    const P = price('P', weekdays('2026-03-02', 5), [10, 11, 12, 12, 13]);
    const r = streakVsZero(P);
    expect(r.current.length).toBe(1);
    expect(r.history.map((h) => h.length)).toEqual([1, 2]);
    expect(r.dataStart).toBe(P.dates[1]);
  });
});

describe('streaks between two return series (e.g. SMB vs HML)', () => {
  // same-day returns compared as given; the first session already counts (no base close needed)
  // S: .01 .02 .00 .03 ; H: .00 .01 .00 .04 → S>H, S>H, tie, S<H
  const d = weekdays('2026-03-02', 4);
  it('ties break; dataStart is the first date', () => {
    const r = streaks(rets('S', d, [0.01, 0.02, 0, 0.03]), rets('H', d, [0, 0.01, 0, 0.04]), { asOf: d[1] });
    expect(r.current).toEqual({ length: 2, start: d[0], end: d[1] });
    expect(r.dataStart).toBe(d[0]);
    const last = streaks(rets('S', d, [0.01, 0.02, 0, 0.03]), rets('H', d, [0, 0.01, 0, 0.04]), {
      direction: 'under',
    });
    expect(last.current).toEqual({ length: 1, start: d[3], end: d[3] });
  });
});
