import { describe, expect, it } from 'vitest';
import { alignPair, alignedReturns, dailyReturns } from '../../src/analytics/align.ts';
import { UserError } from '../../src/model/errors.ts';
import { price, rets } from './helpers/build.ts';

// A: 01-02 100, 01-03 101, 01-06 103, 01-07 102, 01-08 104
// B: 2025-12-31 49 (before the overlap), 01-02 50, 01-03 50.5, (no 01-06), 01-07 52, 01-08 51, 01-09 52 (after)
const A = price(
  'A',
  ['2026-01-02', '2026-01-03', '2026-01-06', '2026-01-07', '2026-01-08'],
  [100, 101, 103, 102, 104],
);
const B = price(
  'B',
  ['2025-12-31', '2026-01-02', '2026-01-03', '2026-01-07', '2026-01-08', '2026-01-09'],
  [49, 50, 50.5, 52, 51, 52],
);

describe('alignPair: intersection, with the missing day reported', () => {
  it('keeps the common dates and their values', () => {
    const p = alignPair(A, B);
    expect(p.dates).toEqual(['2026-01-02', '2026-01-03', '2026-01-07', '2026-01-08']);
    expect(Array.from(p.aValues)).toEqual([100, 101, 102, 104]);
    expect(Array.from(p.bValues)).toEqual([50, 50.5, 52, 51]);
    expect(p.overlap).toEqual({ first: '2026-01-02', last: '2026-01-08' });
  });
  it('lists 01-06 as missing from B; dates outside the overlap are only counted', () => {
    const p = alignPair(A, B);
    expect(p.excluded).toEqual([{ symbol: 'B', missing: ['2026-01-06'] }]);
    expect(p.outsideOverlap).toEqual([
      { symbol: 'A', before: 0, after: 0 },
      { symbol: 'B', before: 1, after: 1 },
    ]);
  });
  it('treats a NaN value as a missing day of that series', () => {
    const A2 = price('A', A.dates, [100, 101, Number.NaN, 102, 104]);
    const B2 = price('B', A.dates, [50, Number.NaN, 51, 52, 53]);
    const p = alignPair(A2, B2);
    expect(p.dates).toEqual(['2026-01-02', '2026-01-07', '2026-01-08']);
    expect(p.excluded).toEqual([
      { symbol: 'A', missing: ['2026-01-06'] },
      { symbol: 'B', missing: ['2026-01-03'] },
    ]);
  });
  it('rejects empty, unsorted, self-paired and non-overlapping series', () => {
    expect(() => alignPair(price('E', [], []), B)).toThrow(/E: the series is empty/);
    expect(() => alignPair(price('U', ['2026-01-03', '2026-01-02'], [1, 2]), B)).toThrow(
      /not strictly ascending/,
    );
    expect(() => alignPair(A, A)).toThrow(UserError);
    const late = price('L', ['2027-01-04'], [1]);
    expect(() => alignPair(A, late)).toThrow(/no dates in common/);
    expect(() => alignPair(A, undefined as never)).toThrow(/missing second series/);
  });
});

describe('dailyReturns / alignedReturns: returns on the ALIGNED closes', () => {
  it('dailyReturns: first NaN, then close[i]/close[i-1]-1', () => {
    const r = dailyReturns(Float64Array.from([100, 110, 99]));
    expect(Number.isNaN(r[0])).toBe(true);
    expect(r[1]).toBeCloseTo(0.1, 15);
    expect(r[2]).toBeCloseTo(-0.1, 15);
    expect(dailyReturns(new Float64Array(0)).length).toBe(0);
  });
  it('the return after the gap (01-03 → 01-07) would bridge it: unknown for both, listed', () => {
    const r = alignedReturns(A, B);
    // A: 101/100-1 = 0.01, then 01-07 unknown, 104/102-1 = 0.01960784
    // B: 50.5/50-1 = 0.01 (a tie with A), then 01-07 unknown, 51/52-1 = -0.01923077
    expect(Number.isNaN(r.ra[0]) && Number.isNaN(r.rb[0])).toBe(true);
    expect(r.ra[1]).toBe(r.rb[1]);
    expect(Number.isNaN(r.ra[2]) && Number.isNaN(r.rb[2])).toBe(true);
    expect(r.ra[3]).toBeCloseTo(104 / 102 - 1, 15);
    expect(r.rb[3]).toBeCloseTo(51 / 52 - 1, 15);
    expect(r.unknown).toEqual(['2026-01-07']);
    expect(r.bridged).toEqual(['2026-01-07']);
  });
  it('a return series over a day the price series lacks: the same rule, unknown', () => {
    // F has 01-05, 01-06, 01-07; P lacks 01-06: F's 01-07 return is known, but the pair's is not.
    const F = rets('F', ['2026-01-05', '2026-01-06', '2026-01-07'], [0.005, 0.01, 0.02]);
    const P = price('P', ['2026-01-05', '2026-01-07'], [10, 10.5]);
    const r = alignedReturns(F, P);
    expect(r.dates).toEqual(['2026-01-05', '2026-01-07']);
    expect(Number.isNaN(r.ra[1]) && Number.isNaN(r.rb[1])).toBe(true);
    expect(r.unknown).toEqual(['2026-01-07']);
    expect(r.excluded).toEqual([{ symbol: 'P', missing: ['2026-01-06'] }]);
  });
  it('a return series lacking a day the other has gives an unknown return there', () => {
    // G lacks 01-06 which P has: G's return over 01-05 → 01-07 is not known.
    const G = rets('G', ['2026-01-05', '2026-01-07'], [0.005, 0.02]);
    const P = price('P', ['2026-01-05', '2026-01-06', '2026-01-07'], [10, 10.2, 10.5]);
    const r = alignedReturns(G, P);
    expect(Number.isNaN(r.ra[1]) && Number.isNaN(r.rb[1])).toBe(true);
    expect(r.unknown).toEqual(['2026-01-07']);
  });
});
