import { describe, expect, it } from 'vitest';
import { analogs } from '../../src/analytics/analogs.ts';
import { closesFromPattern, price, weekdays } from './helpers/build.ts';

// A closes (index 0..11): 100 101 102 103 102 103 104 105 106 105 106 107 ; B flat at 100.
// Returns: + + + - + + + + - + +  → streaks idx1..3 (3), idx5..8 (4), idx10..11 (2, still running at the end).
const closes = closesFromPattern('+++-++++-++');
const d = weekdays('2026-05-04', closes.length);
const A = price('A', d, closes);
const B = price(
  'B',
  d,
  closes.map(() => 100),
);

describe('analogs: one episode per streak, dated when it reaches N', () => {
  it('minStreak 2, horizons 2 and 5 sessions', () => {
    const r = analogs(A, B, { minStreak: 2, horizons: [2, 5] });
    expect(r.episodes.map((e) => [e.reachedOn, e.streakStart, e.streakLength, e.ongoing])).toEqual([
      [d[2], d[1], 3, false], // reached 2 at idx 2 (close 102)
      [d[6], d[5], 4, false], // idx 6 (close 104); counted once although it ran to 4
      [d[11], d[10], 2, true], // idx 11: the last session, no forward data
    ]);
    const [e1, e2, e3] = r.episodes;
    // e1: h2 → idx4 102/102−1 = 0; h5 → idx7 105/102−1 = 2.941176%
    expect(e1.forward[0]).toEqual({ horizon: 2, end: d[4], aFwdPct: 0, bFwdPct: 0, spreadPts: 0 });
    expect(e1.forward[1].aFwdPct).toBeCloseTo((105 / 102 - 1) * 100, 12);
    // e2: h2 → idx8 106/104−1 = 1.923077%; h5 → idx11 107/104−1 = 2.884615%
    expect(e2.forward[0].spreadPts).toBeCloseTo((106 / 104 - 1) * 100, 12);
    expect(e2.forward[1].spreadPts).toBeCloseTo((107 / 104 - 1) * 100, 12);
    expect(e3.forward).toEqual([
      { horizon: 2, end: null, aFwdPct: null, bFwdPct: null, spreadPts: null },
      { horizon: 5, end: null, aFwdPct: null, bFwdPct: null, spreadPts: null },
    ]);
    // h2 spreads [0, 1.923077]: mean = median = 0.961538; hit rate 1/2 (a tie is not a hit)
    const [s2, s5] = r.summary;
    // the current episode (e3, still running) is not a past one: not in the summary at all
    expect(s2).toMatchObject({ horizon: 2, count: 2, hitRate: 0.5, min: 0, excludedIncomplete: 0 });
    expect(s2.meanSpreadPts).toBeCloseTo(((106 / 104 - 1) * 100) / 2, 12);
    expect(s2.medianSpreadPts).toBeCloseTo(((106 / 104 - 1) * 100) / 2, 12);
    expect(s2.max).toBeCloseTo((106 / 104 - 1) * 100, 12);
    // h5 spreads [2.941176, 2.884615]
    expect(s5).toMatchObject({ horizon: 5, count: 2, hitRate: 1, excludedIncomplete: 0 });
    expect(r.current).toBe(e3);
    expect(s5.meanSpreadPts).toBeCloseTo(((105 / 102 + 107 / 104 - 2) * 100) / 2, 12);
    expect(s5.min).toBeCloseTo((107 / 104 - 1) * 100, 12);
    expect(s5.max).toBeCloseTo((105 / 102 - 1) * 100, 12);
  });
  it('minStreak 4: one episode (idx 8); h5 runs past the data → no statistics', () => {
    const r = analogs(A, B, { minStreak: 4, horizons: [2, 5] });
    expect(r.episodes.map((e) => e.reachedOn)).toEqual([d[8]]);
    expect(r.episodes[0].forward[0].spreadPts).toBe(0); // 106 → 106
    expect(r.summary[1]).toEqual({
      horizon: 5,
      count: 0,
      meanSpreadPts: null,
      medianSpreadPts: null,
      hitRate: null,
      min: null,
      max: null,
      excludedIncomplete: 1,
    });
  });
  it('B moves too: spread = A − B in points', () => {
    // B: 100 100 100 100 100 100 100 100 100 100 100 100 except idx 8 = 101
    const B2 = price(
      'B',
      d,
      closes.map((_, i) => (i === 8 ? 101 : 100)),
    );
    const r = analogs(A, B2, { minStreak: 2, horizons: [2] });
    const e = r.episodes.find((x) => x.reachedOn === d[6]);
    expect(e?.forward[0].bFwdPct).toBeCloseTo(1, 12); // 101/100 − 1
    expect(e?.forward[0].spreadPts).toBeCloseTo((106 / 104 - 1) * 100 - 1, 12);
  });
  it('default horizons 21/63/126/252 and UserErrors', () => {
    expect(analogs(A, B, { minStreak: 2 }).summary.map((s) => s.horizon)).toEqual([21, 63, 126, 252]);
    expect(() => analogs(A, B, { minStreak: 0 })).toThrow(/minStreak/);
    expect(() => analogs(A, B, { minStreak: 2, horizons: [] })).toThrow(/horizons/);
    expect(() => analogs(A, B, { minStreak: 2, horizons: [5, 5] })).toThrow(/listed twice/);
    expect(() => analogs(A, B, { minStreak: 2, horizons: [1.5] })).toThrow(/whole number/);
  });
});
