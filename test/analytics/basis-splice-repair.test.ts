import { describe, expect, it } from 'vitest';
import { applyRepairs, repairFromDocumentedStep, repairsFromReference } from '../../src/analytics/basis-repair.ts';
import type { PriceSeries } from '../../src/model/series.ts';

const series = (symbol: string, source: string, dates: string[], close: number[]): PriceSeries => ({
  symbol, source, adjustment: 'split+dividend', dates, close: Float64Array.from(close), open: null, high: null, low: null, volume: null,
});

describe('adjustment-basis splice repair, compared day by day against a reference', () => {
  // 24 sessions: the reference is on one basis throughout; the primary's rows before day 12
  // carry an older basis 0.5% higher (ratio 1.005), then the ratio is 1.000.
  const dates = Array.from({ length: 24 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
  const ref = dates.map((_, i) => 100 + i);
  const R = series('ABC', 'dsturdy', dates, ref);

  it('a permanent step: rows before it × 1/1.005, returns across it match the reference', () => {
    const P = series('ABC', 'market-lab', dates, ref.map((v, i) => (i < 12 ? v * 1.005 : v)));
    const r = repairsFromReference(P, R);
    expect(r.repairs).toHaveLength(1);
    expect(r.repairs[0]).toMatchObject({
      kind: 'splice-repair', series: 'ABC', source: 'market-lab', from: dates[0], to: dates[11], sessions: 12,
      reference: { series: 'ABC', source: 'dsturdy' }, method: 'reference-day-by-day',
    });
    expect(r.repairs[0].factor).toBeCloseTo(1 / 1.005, 12);
    const fixed = applyRepairs(P, r.repairs);
    // day 0 → day 23: reference 123/100 − 1 = 23%; the unrepaired primary gives 123/100.5 − 1
    expect(fixed.close[23] / fixed.close[0] - 1).toBeCloseTo(0.23, 12);
    expect(P.close[23] / P.close[0] - 1).toBeCloseTo(123 / 100.5 - 1, 12);
    // returns inside either segment are unchanged; the repair travels typed on the series
    expect(fixed.close[5] / fixed.close[4]).toBeCloseTo(P.close[5] / P.close[4], 12);
    expect(fixed.notes).toEqual(r.repairs);
  });

  // Short steps that reverse: sessions [8, 8+len) sit +0.1165% above the reference, then back to 1.0.
  for (const len of [1, 3, 10]) {
    it(`a ${len}-session step that reverses is found and only those rows are rescaled`, () => {
      const P = series('ABC', 'market-lab', dates, ref.map((v, i) => (i >= 8 && i < 8 + len ? v * 1.001165 : v)));
      const r = repairsFromReference(P, R);
      expect(r.repairs).toHaveLength(1);
      expect(r.repairs[0].from).toBe(dates[8]);
      expect(r.repairs[0].to).toBe(dates[8 + len - 1]);
      expect(r.repairs[0].sessions).toBe(len);
      expect(r.repairs[0].factor).toBeCloseTo(1 / 1.001165, 12);
      const fixed = applyRepairs(P, r.repairs);
      // Every close now equals the reference (the primary was the reference × a step), so every
      // period return does, e.g. day 7 → day 8 (into the step) = 108/107 − 1.
      for (let i = 0; i < dates.length; i++) expect(fixed.close[i]).toBeCloseTo(ref[i], 9);
      expect(fixed.close[8] / fixed.close[7] - 1).toBeCloseTo(108 / 107 - 1, 12);
    });
  }

  it('the old 10-session medians could not see a 3-session reversing step (why the method changed)', () => {
    const P = series('ABC', 'market-lab', dates, ref.map((v, i) => (i >= 8 && i < 11 ? v * 1.001165 : v)));
    const ratios = dates.map((_, i) => P.close[i] / ref[i]);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    // median of the 10 ratios from day 8 on: 3 at 1.001165, 7 at 1.0 → 1.0: no step seen
    expect(med(ratios.slice(8, 18))).toBe(1);
  });

  it('leaves a series alone when the ratio is flat, and refuses jumps too large to be a basis step', () => {
    const flat = series('ABC', 'market-lab', dates, ref.map((v) => v * 1.00000005));
    expect(repairsFromReference(flat, R).repairs).toEqual([]);
    const bad = series('ABC', 'market-lab', dates, ref.map((v, i) => (i === 9 ? v * 1.1 : v)));
    const r = repairsFromReference(bad, R);
    expect(r.repairs).toEqual([]);
    expect(r.rejected).toEqual([dates[9], dates[10]]); // the jump in and the jump out
  });

  it('without a reference, the documented step rescales the rows before its date', () => {
    const P = series('ABC', 'market-lab', dates, ref);
    const rep = repairFromDocumentedStep(P, { date: dates[12], approxPct: -0.24 });
    expect(rep).toMatchObject({ from: dates[0], to: dates[11], sessions: 12, reference: null, method: 'documented-step', documented: { date: dates[12], approxPct: -0.24 } });
    expect(rep?.factor).toBeCloseTo(0.9976, 12);
  });
});
