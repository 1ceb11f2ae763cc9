import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.ts';
import { averageRanks, spearman } from '../../src/analytics/rank-correlation.ts';

describe('average ranks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    // sorted: 10 → 1, 20,20 → ranks 2 and 3 → 2.5 each, 30 → 4
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    // unsorted input keeps positions: 30 → 4, 10 → 1, 20 → 2.5, 20 → 2.5
    expect(Array.from(averageRanks([30, 10, 20, 20]))).toEqual([4, 1, 2.5, 2.5]);
    // all equal: ranks 1,2,3 → mean 2
    expect(Array.from(averageRanks([5, 5, 5]))).toEqual([2, 2, 2]);
  });
});

describe('spearman rho', () => {
  it('without ties matches 1 − 6Σd²/(n(n²−1)) worked by hand', () => {
    // x ranks 1,2,3,4; y = 10,30,20,40 → ranks 1,3,2,4; d = 0,−1,1,0; Σd² = 2
    // rho = 1 − 6·2/(4·15) = 1 − 12/60 = 0.8
    const r = spearman([1, 2, 3, 4], [10, 30, 20, 40]);
    expect(r.rho).toBeCloseTo(0.8, 12);
    expect(r.n).toBe(4);
  });

  it('with ties uses Pearson on average ranks (not the no-ties shortcut)', () => {
    // x ranks 1..5 (mean 3); y = 1,2,2,3,5 → ranks 1,2.5,2.5,4,5 (mean 3)
    // dx = −2,−1,0,1,2; dy = −2,−0.5,−0.5,1,2
    // Σdxdy = 4 + 0.5 + 0 + 1 + 4 = 9.5; Σdx² = 10; Σdy² = 4 + .25 + .25 + 1 + 4 = 9.5
    // rho = 9.5/√(10·9.5) = √0.95 = 0.9746794344808963 (the shortcut would say 0.975)
    const r = spearman([1, 2, 3, 4, 5], [1, 2, 2, 3, 5]);
    expect(r.rho).toBeCloseTo(Math.sqrt(0.95), 12);
    expect(r.rho).not.toBeCloseTo(0.975, 6);
  });

  it('is exactly ±1 for monotone data', () => {
    expect(spearman([1, 2, 3], [3, 2, 1]).rho).toBe(-1);
    expect(spearman([1, 2, 3, 4], [0.1, 5, 7, 100]).rho).toBe(1);
  });

  it('n < 3 gives null with a reason', () => {
    const r = spearman([1, 2], [3, 4]);
    expect(r.rho).toBeNull();
    expect(r.reason).toMatch(/at least 3/);
  });

  it('drops pairs with a missing value and counts them', () => {
    const r = spearman([1, 2, Number.NaN, 4], [1, 2, 3, Number.NaN]);
    expect(r.n).toBe(2);
    expect(r.dropped).toBe(2);
    expect(r.rho).toBeNull();
  });

  it('a side with no variation gives null with a reason', () => {
    const r = spearman([1, 2, 3], [7, 7, 7]);
    expect(r.rho).toBeNull();
    expect(r.reason).toMatch(/all y values are equal/);
  });

  it('mismatched lengths are a UserError', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(UserError);
  });
});
