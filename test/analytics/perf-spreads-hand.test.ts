import { describe, expect, it } from 'vitest';
import { perf } from '../../src/analytics/perf.ts';
import { price } from './helpers/build.ts';

// X: 2024-12-30 90, 2024-12-31 100, 2025-01-02 105, 2025-01-03 110  → YTD 110/100 − 1 = +10%
// Y: same dates 200, 200, 190, 210 (price return only)               → YTD 210/200 − 1 = +5%
// Z: no 2024-12-31: 2024-12-30 50, 2025-01-02 55, 2025-01-03 60      → base 12-30: 60/50 − 1 = +20%
const dates = ['2024-12-30', '2024-12-31', '2025-01-02', '2025-01-03'];
const X = price('X', dates, [90, 100, 105, 110]);
const Y = price('Y', dates, [200, 200, 190, 210], { adjustment: 'none' });
const Z = price('Z', ['2024-12-30', '2025-01-02', '2025-01-03'], [50, 55, 60]);

describe('perf: rows and spreads', () => {
  it('YTD rows, spreads for each ordered pair, in points', () => {
    const r = perf([X, Y, Z], { period: 'ytd' });
    expect(r.asOf).toBe('2025-01-03'); // latest common session
    expect(r.rows.map((x) => [x.symbol, x.start, x.end, x.startPrice, x.endPrice])).toEqual([
      ['X', '2024-12-31', '2025-01-03', 100, 110],
      ['Y', '2024-12-31', '2025-01-03', 200, 210],
      ['Z', '2024-12-30', '2025-01-03', 50, 60],
    ]);
    expect(r.rows[0].return).toBeCloseTo(0.1, 14);
    expect(r.rows[1].return).toBeCloseTo(0.05, 14);
    expect(r.rows[2].return).toBeCloseTo(0.2, 14);
    expect(r.spreads.map((s) => [s.a, s.b])).toEqual([
      ['X', 'Y'],
      ['X', 'Z'],
      ['Y', 'Z'],
    ]);
    expect(r.spreads[0].spreadPts).toBeCloseTo(5, 12);
    expect(r.spreads[1].spreadPts).toBeCloseTo(-10, 12);
    expect(r.spreads[2].spreadPts).toBeCloseTo(-15, 12);
  });
  it('provenance: return type per row, mixed overall, different windows noted', () => {
    const r = perf([X, Y, Z], { period: 'ytd' });
    expect(r.rows.map((x) => x.returnType)).toEqual(['total return', 'price return', 'total return']);
    expect(r.provenance.returnType).toBe('mixed');
    expect(r.provenance.series[2]).toEqual({
      symbol: 'Z',
      source: 'test',
      adjustment: 'split+dividend',
      first: '2024-12-30',
      last: '2025-01-03',
    });
    const notes = r.provenance.notes.join('\n');
    expect(notes).toMatch(
      /X \(2024-12-31..2025-01-03\) and Z \(2024-12-30..2025-01-03\) are measured over different sessions/,
    );
    expect(notes).toMatch(/not comparable/);
    expect(perf([X], { period: 'ytd' }).provenance.returnType).toBe('total return');
    expect(perf([X], { period: 'ytd' }).spreads).toEqual([]);
  });
  it('default asOf is the latest date common to all series', () => {
    const W = price('W', ['2024-12-31', '2025-01-02'], [10, 11]);
    expect(perf([X, W], { period: 'ytd' }).asOf).toBe('2025-01-02');
  });
  it('from/to', () => {
    const r = perf([X, Y], { from: '2025-01-03', to: '2025-01-05' });
    expect(r.rows[0]).toMatchObject({
      start: '2025-01-02',
      end: '2025-01-03',
      startPrice: 105,
      endPrice: 110,
    });
    expect(r.period).toBe('2025-01-03..2025-01-05');
  });
  it('UserErrors', () => {
    expect(() => perf([X, Y], { period: 'ytd', asOf: '2025-01-01' })).toThrow(
      /asOf 2025-01-01 is not a session of X/,
    );
    expect(() => perf([X, Y], { period: 'ytd', asOf: '2024-01-02' })).toThrow(
      /before the data of X \(first date 2024-12-30\)/,
    );
    expect(() => perf([X, Z], { period: 'ytd', asOf: '2024-12-31' })).toThrow(/not a session of Z/);
    expect(() => perf([], { period: 'ytd' })).toThrow(/at least one series/);
    expect(() => perf([X, X], { period: 'ytd' })).toThrow(/listed twice/);
    expect(() => perf([X], { period: 'ytd', from: '2025-01-01' })).toThrow(/either a period or from\/to/);
    expect(() => perf([X], {})).toThrow(/give a period or a from date/);
    expect(() => perf([X], { to: '2025-01-01' })).toThrow(/to needs a from/);
    expect(() => perf([X], { from: '2025-01-04', to: '2025-01-05' })).toThrow(/empty range/);
    expect(() => perf([X], { period: '2y' as never })).toThrow(/unknown period/);
    expect(() => perf([price('E', [], [])], { period: 'ytd' })).toThrow(/E: the series is empty/);
    expect(() => perf([X, price('N', ['2026-01-02'], [1])], { period: 'ytd' })).toThrow(
      /no session in common/,
    );
  });
});
