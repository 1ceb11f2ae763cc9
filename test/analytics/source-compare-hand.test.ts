import { describe, expect, it } from 'vitest';
import { compareSources } from '../../src/analytics/source-compare.ts';
import type { PriceSeries } from '../../src/model/series.ts';

const s = (source: string, dates: string[], close: number[]): PriceSeries => ({
  symbol: 'X', source, adjustment: 'split+dividend', dates, close: Float64Array.from(close), open: null, high: null, low: null, volume: null,
});

describe('compare two sources of one symbol', () => {
  it('lists the dates beyond tolerance, the dates only one has, and the ratio steps', () => {
    const a = s('a', ['d1', 'd2', 'd3', 'd4', 'd5'], [100, 101, 102, 103, 104]);
    // b: equal on d1, d2; 0.5% lower from d3 on (a step), missing d5, has d6
    const b = s('b', ['d1', 'd2', 'd3', 'd4', 'd6'], [100, 101, 102 / 1.005, 103 / 1.005, 99]);
    const c = compareSources(a, b, 0.001);
    expect(c.sharedDates).toBe(4);
    expect(c.onlyInA).toBe(1);
    expect(c.onlyInB).toBe(1);
    expect(c.disagreements.map((d) => d.date)).toEqual(['d3', 'd4']);
    expect(c.disagreements[0].relDiff).toBeCloseTo(0.005, 12); // 102 / (102/1.005) − 1
    expect(c.ratioSteps).toHaveLength(1);
    expect(c.ratioSteps[0]).toMatchObject({ date: 'd3' });
    expect(c.ratioSteps[0].change).toBeCloseTo(0.005, 12);
  });
});
