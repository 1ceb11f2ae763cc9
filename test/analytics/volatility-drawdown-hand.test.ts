import { describe, expect, it } from 'vitest';
import {
  annualise,
  drawdown,
  drawdowns,
  maxDrawdown,
  rollingStdev,
  rollingVolatility,
  stdevSample,
  volatility,
} from '../../src/analytics/volatility.ts';
import { price, rets, weekdays } from './helpers/build.ts';

describe('sample standard deviation and annualisation', () => {
  it('stdev of [0.01, −0.01, 0.02, 0] = sqrt(500e−6 / 3) = 0.0129099', () => {
    // mean 0.005; squared deviations 25e-6 + 225e-6 + 225e-6 + 25e-6 = 500e-6; / (n − 1 = 3)
    expect(stdevSample(Float64Array.from([0.01, -0.01, 0.02, 0]))).toBeCloseTo(Math.sqrt(500e-6 / 3), 15);
    expect(annualise(0.01)).toBeCloseTo(0.01 * Math.sqrt(252), 15); // 0.158745
    expect(Number.isNaN(stdevSample(Float64Array.from([0.01])))).toBe(true);
  });
  it('volatility of a price series: closes 100, 110, 99, 108.9 → returns +10%, −10%, +10%', () => {
    // mean 1/30; deviations 2/30, −4/30, 2/30 → squares sum 24/900; /2 → 0.0133333; sqrt = 0.1154701
    const P = price('P', weekdays('2026-01-05', 4), [100, 110, 99, 108.9]);
    const v = volatility(P);
    expect(v.n).toBe(3);
    expect(v.dailyStdev).toBeCloseTo(Math.sqrt(0.04 / 3), 12);
    expect(v.annualised).toBeCloseTo(Math.sqrt(0.04 / 3) * Math.sqrt(252), 12);
    expect(v).toMatchObject({ start: P.dates[0], end: P.dates[3] });
  });
  it('a return series uses its returns as given (all of them with max)', () => {
    const R = rets('R', weekdays('2026-01-05', 4), [0.01, -0.01, 0.02, 0]);
    expect(volatility(R).dailyStdev).toBeCloseTo(Math.sqrt(500e-6 / 3), 15);
    expect(volatility(R).n).toBe(4);
  });
  it('a window: returns after the base close only; empty → UserError', () => {
    const d = ['2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05', '2026-01-06'];
    const P = price('P', d, [50, 100, 110, 99, 108.9]);
    const v = volatility(P, { period: 'ytd' }); // base 2025-12-31: returns +10%, −10%, +10%
    expect(v.n).toBe(3);
    expect(v.dailyStdev).toBeCloseTo(Math.sqrt(0.04 / 3), 12);
    expect(() => volatility(P, { from: '2026-01-06', to: '2026-01-06' })).toThrow(/at least 2 returns/);
    expect(() => volatility(P, { from: '2026-01-10', to: '2026-01-11' })).toThrow(/empty range/);
    expect(() => volatility(P, { asOf: '2026-01-03' })).toThrow(/not a session of P/);
  });
});

describe('rolling windows', () => {
  it('NaN until the window is full (the first return is NaN)', () => {
    const r = rollingStdev(Float64Array.from([Number.NaN, 0.01, -0.01, 0.02, 0]), 2);
    expect(Number.isNaN(r[0]) && Number.isNaN(r[1])).toBe(true);
    expect(r[2]).toBeCloseTo(Math.sqrt(2e-4), 15); // (0.01, −0.01): mean 0, sum sq 2e-4, /1
    expect(r[3]).toBeCloseTo(Math.sqrt(2 * 0.015 ** 2), 15); // (−0.01, 0.02): mean 0.005
    expect(r[4]).toBeCloseTo(Math.sqrt(2e-4), 15); // (0.02, 0): mean 0.01
    expect(() => rollingStdev(new Float64Array(3), 1)).toThrow(/window/);
  });
  it('rollingVolatility on a price series; a NaN close is skipped', () => {
    const P = price('P', weekdays('2026-01-05', 5), [100, 110, Number.NaN, 99, 108.9]);
    const r = rollingVolatility(P, { window: 2 });
    expect(r.dates).toEqual([P.dates[0], P.dates[1], P.dates[3], P.dates[4]]);
    expect(Number.isNaN(r.daily[1])).toBe(true);
    expect(r.daily[2]).toBeCloseTo(Math.sqrt(2 * 0.1 ** 2), 12); // +10%, −10%
    expect(r.annualised[3]).toBeCloseTo(r.daily[3] * Math.sqrt(252), 12);
  });
});

describe('drawdowns', () => {
  // closes 100 120 90 110 125 100 130 → dd 0 0 −25% −8.33% 0 −20% 0
  const d = weekdays('2026-02-02', 7);
  const P = price('P', d, [100, 120, 90, 110, 125, 100, 130]);
  it('per session from the running peak', () => {
    const dd = drawdowns(P.close);
    expect(Array.from(dd).map((x) => Number(x.toFixed(6)))).toEqual([0, 0, -0.25, -0.083333, 0, -0.2, 0]);
  });
  it('max drawdown with peak, trough and recovery', () => {
    expect(maxDrawdown(d, P.close)).toEqual({
      drawdown: -0.25,
      peak: { date: d[1], value: 120 },
      trough: { date: d[2], value: 90 },
      recovery: d[4], // 125 ≥ 120
    });
    const r = drawdown(P, { asOf: d[5] });
    expect(r.current.drawdown).toBeCloseTo(-0.2, 15);
    expect(r.current.peak).toEqual({ date: d[4], value: 125 });
    expect(r.max.drawdown).toBe(-0.25);
  });
  it('no recovery yet; no drawdown at all', () => {
    expect(maxDrawdown(['a', 'b', 'c'], Float64Array.from([100, 80, 90]))).toEqual({
      drawdown: expect.closeTo(-0.2, 15),
      peak: { date: 'a', value: 100 },
      trough: { date: 'b', value: 80 },
      recovery: null,
    });
    expect(maxDrawdown(['a', 'b'], Float64Array.from([1, 2]))).toEqual({
      drawdown: 0,
      peak: null,
      trough: null,
      recovery: null,
    });
  });
  it('window from a date: the running peak starts there', () => {
    const r = drawdown(P, { from: d[3], to: d[6] }); // base = d[2] (90): 90 110 125 100 130
    expect(r.start).toBe(d[2]);
    expect(r.max.drawdown).toBeCloseTo(-0.2, 15);
    expect(r.max.peak?.date).toBe(d[4]);
  });
});
