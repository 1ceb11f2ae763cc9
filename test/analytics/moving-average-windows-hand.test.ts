import { describe, expect, it } from 'vitest';
import { smaSeries, trailingMean } from '../../src/analytics/moving-average.ts';

describe('simple moving averages', () => {
  const v = Float64Array.from([2, 4, 6, 8, 10]);

  it('trailingMean over the window ending at an index', () => {
    // (6 + 8 + 10)/3 = 8; (2 + 4)/2 = 3; whole array (2+4+6+8+10)/5 = 6
    expect(trailingMean(v, 4, 3)).toBe(8);
    expect(trailingMean(v, 1, 2)).toBe(3);
    expect(trailingMean(v, 4, 5)).toBe(6);
  });

  it('null when the window does not fit or holds a missing value', () => {
    expect(trailingMean(v, 1, 3)).toBeNull(); // would start at −1
    expect(trailingMean(v, 5, 1)).toBeNull(); // past the end
    expect(trailingMean(v, 4, 0)).toBeNull();
    expect(trailingMean(Float64Array.from([1, Number.NaN, 3]), 2, 3)).toBeNull();
  });

  it('smaSeries: NaN until the window is full', () => {
    // n = 2: NaN, (2+4)/2 = 3, 5, 7, 9
    expect(Array.from(smaSeries(v, 2))).toEqual([Number.NaN, 3, 5, 7, 9]);
  });
});
