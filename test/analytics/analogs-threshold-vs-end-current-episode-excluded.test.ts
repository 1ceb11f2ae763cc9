/**
 * Issue 15, item 7: analogs say from which session forward returns are measured and give both
 * conventions (from the session the threshold was reached, from the session the streak ended); the
 * current, unfinished episode is never counted among the past ones. Worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { analogs } from '../../src/analytics/analogs.ts';
import { closesFromPattern, price, weekdays } from './helpers/build.ts';

// A: + + + − + − + + + +  from 100 → closes 100 101 102 103 102 103 102 103 104 105 106 on d0..d10;
// B flat (every return 0), so '+' is a session A beats B. minStreak 2:
//   past streak d1..d3 reaches 2 sessions on d2 (t = 2, close 102), ends on d3 (close 103);
//   current streak d7..d10 reaches 2 on d8 (close 104) and is still running on d10.
const d = weekdays('2026-03-02', 11);
const A = price('A', d, closesFromPattern('+++-+-++++'));
const B = price('B', d, d.map(() => 50));

describe('analogs: two conventions, past episodes only', () => {
  const r = analogs(A, B, { minStreak: 2, horizons: [1, 2] });

  it('from the threshold session: +1 = 103/102 − 1, +2 = 102/102 − 1, over the one past episode', () => {
    expect(r.measuredFrom.summary).toBe('threshold session (reachedOn)');
    expect(r.summary[0]).toMatchObject({ horizon: 1, count: 1, hitRate: 1 });
    expect(r.summary[0].meanSpreadPts).toBeCloseTo((103 / 102 - 1) * 100, 12);
    expect(r.summary[1].meanSpreadPts).toBeCloseTo(0, 12);
  });

  it('from the session the streak ended: +1 = 102/103 − 1, +2 = 103/103 − 1', () => {
    expect(r.measuredFrom.summaryFromEnd).toBe('last session of the streak (streakEnd)');
    expect(r.summaryFromEnd[0]).toMatchObject({ horizon: 1, count: 1, hitRate: 0 });
    expect(r.summaryFromEnd[0].meanSpreadPts).toBeCloseTo((102 / 103 - 1) * 100, 12);
    expect(r.summaryFromEnd[1].meanSpreadPts).toBeCloseTo(0, 12);
    expect(r.episodes[0]).toMatchObject({ streakStart: d[1], reachedOn: d[2], streakEnd: d[3], streakLength: 3, ongoing: false });
  });

  it('the current streak is reported apart, although its +1 from the threshold (105/104 − 1) exists', () => {
    expect(r.current).toMatchObject({ streakStart: d[7], reachedOn: d[8], streakEnd: d[10], ongoing: true, forwardFromEnd: [] });
    expect(r.current?.forward[0].spreadPts).toBeCloseTo((105 / 104 - 1) * 100, 12);
    // …and is not in the count: 1 past episode, not 2
    expect(r.summary[0].count).toBe(1);
    expect(r.provenance.notes.join(' ')).toMatch(/the current streak \(4 sessions since 2026-03-11, still running on 2026-03-16\) is not one of the past episodes/);
  });
});
