/**
 * Relative rotation worked by hand: a flat benchmark, a member whose RS steps up then down,
 * window 2 and momentum 2 on daily points; the weekly sampling picks the last session of each week.
 */
import { describe, expect, it } from 'vitest';
import { quadrantOf, relativeRotation } from '../../src/analytics/rrg.ts';

const dates = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'];
const bench = { symbol: 'B', dates, close: [50, 50, 50, 50, 50] };

describe('relative rotation (RS-Ratio / RS-Momentum)', () => {
  it('daily, window 2, momentum 2: every figure by hand', () => {
    // closes 50, 50, 60, 66, 55 → RS = 100, 100, 120, 132, 110
    const m = { symbol: 'A', dates, close: [50, 50, 60, 66, 55] };
    const r = relativeRotation(bench, [m], { freq: 'D', window: 2, momentum: 2, tail: 10 });
    // RS-Ratio from the 2nd point: 100·100/100 = 100; 100·120/110 = 109.0909…; 100·132/126 = 104.7619…; 100·110/121 = 90.9090…
    // RS-Momentum from the 3rd point: 100·109.0909/((100+109.0909)/2) = 104.3478…; 100·104.7619/((109.0909+104.7619)/2) = 97.9757…;
    // 100·90.9090/((104.7619+90.9090)/2) = 92.9203…
    const t = r.members[0].tail;
    expect(t.map((p) => p.date)).toEqual(['2026-01-07', '2026-01-08', '2026-01-09']);
    expect(t[0].rsRatio).toBeCloseTo(109.090909, 5);
    expect(t[0].rsMomentum).toBeCloseTo(104.347826, 5);
    expect(t[1].rsRatio).toBeCloseTo(104.761905, 5);
    expect(t[1].rsMomentum).toBeCloseTo(97.975708, 5);
    expect(t[2].rsRatio).toBeCloseTo(90.909091, 5);
    expect(t[2].rsMomentum).toBeCloseTo(92.920354, 5);
    expect(r.members[0].quadrant).toBe('lagging');
    expect(r.asOf).toBe('2026-01-09');
    expect(r.method).toMatch(/RS-Ratio = 100·RS/);
  });

  it('the tail keeps the last points; asOf cuts the data', () => {
    const m = { symbol: 'A', dates, close: [50, 50, 60, 66, 55] };
    const r = relativeRotation(bench, [m], { freq: 'D', window: 2, momentum: 2, tail: 1, asOf: '2026-01-08' });
    expect(r.members[0].tail).toHaveLength(1);
    expect(r.members[0].tail[0].date).toBe('2026-01-08');
    expect(r.members[0].quadrant).toBe('weakening'); // 104.76 ≥ 100, 97.98 < 100
  });

  it('weekly points are the last session of each week (Friday, or the last one before a holiday)', () => {
    const d = ['2026-01-08', '2026-01-09', '2026-01-12', '2026-01-15', '2026-01-20', '2026-01-23'];
    const b = { symbol: 'B', dates: d, close: d.map(() => 10) };
    const m = { symbol: 'A', dates: d, close: [10, 11, 12, 12, 13, 14] };
    // weekly RS: 110 (01-09), 120 (01-15), 140 (01-23); momentum 1 → every RS-Momentum is 100
    const r = relativeRotation(b, [m], { freq: 'W', window: 2, momentum: 1, tail: 5 });
    // window 2: ratio(01-15) = 100·120/115 = 104.3478; ratio(01-23) = 100·140/130 = 107.6923
    expect(r.members[0].tail.map((p) => p.date)).toEqual(['2026-01-15', '2026-01-23']);
    expect(r.members[0].tail[1].rsRatio).toBeCloseTo(107.692308, 5);
    expect(r.members[0].tail[1].rsMomentum).toBeCloseTo(100, 10);
  });

  it('quadrants and bad options', () => {
    expect(quadrantOf(101, 101)).toBe('leading');
    expect(quadrantOf(99, 101)).toBe('improving');
    expect(() => relativeRotation(bench, [], { window: 0 })).toThrow(/window/);
  });
});
