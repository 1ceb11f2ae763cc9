import { describe, expect, it } from 'vitest';
import { currentStreakLength, returnDiff, streakRuns, summarizeRuns } from '../../src/analytics/streak.ts';

/** A deliberately naive reference: walk the signs, collect [start, length] pairs. */
function naiveRuns(diff: number[], over: boolean, end: number): [number, number][] {
  const out: [number, number][] = [];
  let cur: [number, number] | null = null;
  for (let i = 0; i <= end; i++) {
    const ok = over ? diff[i] > 0 : diff[i] < 0;
    if (ok) {
      if (cur) cur[1]++;
      else cur = [i, 1];
    } else if (cur) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('fast streak core over Float64Array', () => {
  it('hand case: NaN and 0 end runs; end cuts a running streak', () => {
    //           0    1  2  3    4  5  6   7
    const d = Float64Array.from([Number.NaN, 1, 2, 0, 3, -1, 4, 5]);
    const r = streakRuns(d, 'over');
    expect(r.count).toBe(3);
    expect(Array.from(r.start.subarray(0, r.count))).toEqual([1, 4, 6]);
    expect(Array.from(r.length.subarray(0, r.count))).toEqual([2, 1, 2]);
    const cut = streakRuns(d, 'over', 6);
    expect(Array.from(cut.length.subarray(0, cut.count))).toEqual([2, 1, 1]);
    expect(summarizeRuns(r, 7)).toEqual({ current: 2, currentLength: 2, longestSince: 0, rank: 1 });
    expect(summarizeRuns(streakRuns(d, 'over', 5), 5)).toEqual({
      current: -1,
      currentLength: 0,
      longestSince: -1,
      rank: 0,
    });
    expect(currentStreakLength(d, 'over', 7)).toBe(2);
    expect(currentStreakLength(d, 'under', 5)).toBe(1);
    expect(Array.from(returnDiff(Float64Array.from([0.1, 0.2]), Float64Array.from([0.1, 0.1])))).toEqual([
      0, 0.1,
    ]);
  });

  it('matches a naive walk on random data with many ties (26,000 sessions)', () => {
    const rnd = lcg(42);
    const n = 26_000;
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rnd();
      d[i] = u < 0.05 ? 0 : u < 0.06 ? Number.NaN : u - 0.53;
    }
    for (const over of [true, false]) {
      for (const end of [n - 1, 12_345, 0]) {
        const r = streakRuns(d, over ? 'over' : 'under', end);
        const ref = naiveRuns(Array.from(d), over, end);
        expect(r.count).toBe(ref.length);
        for (let k = 0; k < ref.length; k++) {
          expect(r.start[k]).toBe(ref[k][0]);
          expect(r.length[k]).toBe(ref[k][1]);
        }
        const s = summarizeRuns(r, end);
        const last = ref[ref.length - 1];
        const cur = last && last[0] + last[1] - 1 === end ? last[1] : 0;
        expect(s.currentLength).toBe(cur);
        expect(currentStreakLength(d, over ? 'over' : 'under', end)).toBe(cur);
        if (cur > 0) {
          const earlier = ref.slice(0, -1);
          expect(s.rank).toBe(1 + earlier.filter(([, l]) => l > cur).length);
          const since = [...earlier].reverse().find(([, l]) => l >= cur);
          expect(s.longestSince).toBe(since ? earlier.indexOf(since) : -1);
        }
      }
    }
  });

  it('runs 26,000 sessions × 200 pairs quickly', () => {
    const rnd = lcg(7);
    const n = 26_000;
    const diffs = Array.from({ length: 200 }, () => Float64Array.from({ length: n }, () => rnd() - 0.5));
    const t0 = performance.now();
    let total = 0;
    for (const d of diffs) total += summarizeRuns(streakRuns(d), n - 1).rank;
    const ms = performance.now() - t0;
    expect(total).toBeGreaterThan(0);
    expect(ms).toBeLessThan(2000); // typically well under 100 ms
  });
});
