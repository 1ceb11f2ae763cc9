import { describe, expect, it } from 'vitest';
import { applyBasisSteps, stepFactorFromReference } from '../../src/analytics/basis-repair.ts';
import type { PriceSeries } from '../../src/model/series.ts';

const series = (symbol: string, source: string, dates: string[], close: number[]): PriceSeries => ({
  symbol, source, adjustment: 'split+dividend', dates, close: Float64Array.from(close), open: null, high: null, low: null, volume: null,
});

describe('adjustment-basis splice repair', () => {
  // 24 sessions: the reference is on one basis throughout; the primary's rows before day 12
  // carry an older basis 0.5% higher (ratio 1.005), then the ratio is 1.000.
  const dates = Array.from({ length: 24 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
  const ref = dates.map((_, i) => 100 + i);
  const primary = ref.map((v, i) => (i < 12 ? v * 1.005 : v));
  const P = series('ABC', 'market-lab', dates, primary);
  const R = series('ABC', 'dsturdy', dates, ref);

  it('measures the step factor as the ratio of median primary/reference ratios after vs before', () => {
    // after/before = 1.000 / 1.005
    expect(stepFactorFromReference(P, R, dates[12])).toBeCloseTo(1 / 1.005, 12);
  });

  it('rescales the rows before the splice so that returns across it match the reference', () => {
    const fixed = applyBasisSteps(P, [{ date: dates[12], factor: 1 / 1.005, how: 'test' }]);
    // return from day 0 to day 23: reference 123/100 − 1 = 23%; the unrepaired primary gives 123/100.5 − 1
    expect(fixed.close[23] / fixed.close[0] - 1).toBeCloseTo(0.23, 12);
    expect(P.close[23] / P.close[0] - 1).toBeCloseTo(123 / 100.5 - 1, 12);
    expect(fixed.notes?.[0]).toMatch(/ABC \(market-lab\): adjustment-basis splice on 2026-03-13 repaired/);
    // returns inside either segment are unchanged
    expect(fixed.close[5] / fixed.close[4]).toBeCloseTo(P.close[5] / P.close[4], 12);
  });

  it('needs 10 shared sessions on each side, else gives no factor', () => {
    expect(stepFactorFromReference(P, R, dates[5])).toBeNull();
  });
});
