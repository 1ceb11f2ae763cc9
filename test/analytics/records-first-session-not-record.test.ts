import { describe, expect, it } from 'vitest';
import { recordHighs } from '../../src/analytics/records.ts';
import { price, weekdays } from './helpers/build.ts';

// closes d1..d8: 10, 9, 11, 12, 12, 13, 14, 15
// records (close > max of all earlier closes): d3 (11>10), d4 (12), d5 no (12 = 12, a tie), d6, d7, d8
// d1 is the first session: not a record.
const d = weekdays('2026-04-06', 8);
const S = price('S', d, [10, 9, 11, 12, 12, 13, 14, 15], {
  high: [10.5, 9.5, 11.5, 12.5, 12.2, 13.5, 14.5, 15.5],
});

describe('recordHighs, basis close', () => {
  it('a record run that lasts to the end of the data', () => {
    const r = recordHighs(S, { basis: 'close' });
    expect(r.asOf).toBe(d[7]);
    expect(r.current).toEqual({ length: 3, start: d[5], end: d[7] });
    expect(r.allTimeHigh).toEqual({ value: 15, date: d[7] });
    expect(r.distanceFromHigh).toBe(0);
    expect(r.dataStart).toBe(d[0]);
    expect(r.provenance.series[0]).toMatchObject({ symbol: 'S', first: d[0], last: d[7] });
  });
  it('a tie with the high is not a record; distance is 0 there', () => {
    const r = recordHighs(S, { basis: 'close', asOf: d[4] });
    expect(r.current).toEqual({ length: 0, start: null, end: null });
    expect(r.allTimeHigh).toEqual({ value: 12, date: d[3] }); // first session at the high
    expect(r.distanceFromHigh).toBe(0);
  });
  it('below the high: distance = close/ATH − 1 = 9/10 − 1 = −10%', () => {
    const r = recordHighs(S, { basis: 'close', asOf: d[1] });
    expect(r.distanceFromHigh).toBeCloseTo(-0.1, 15);
    expect(r.allTimeHigh).toEqual({ value: 10, date: d[0] });
  });
  it('the first session is not a record', () => {
    const r = recordHighs(S, { basis: 'close', asOf: d[0] });
    expect(r.current.length).toBe(0);
    expect(r.allTimeHigh).toEqual({ value: 10, date: d[0] });
  });
  it('asOf not a session, before or after the data → UserError', () => {
    expect(() => recordHighs(S, { basis: 'close', asOf: '2026-04-11' })).toThrow(/not a session of S/);
    expect(() => recordHighs(S, { basis: 'close', asOf: '2026-01-02' })).toThrow(/before the data of S/);
    expect(() => recordHighs(S, { basis: 'close', asOf: '2027-01-04' })).toThrow(/after the data of S/);
    expect(() => recordHighs(S, { basis: 'open' as never })).toThrow(/basis must be/);
  });
});

describe('recordHighs, basis high', () => {
  it('intraday highs; distance compares the close with the high record', () => {
    // highs: 10.5, 9.5, 11.5, 12.5, 12.2, 13.5, 14.5, 15.5 → records d3 d4 d6 d7 d8
    const r = recordHighs(S, { basis: 'high' });
    expect(r.current).toEqual({ length: 3, start: d[5], end: d[7] });
    expect(r.allTimeHigh).toEqual({ value: 15.5, date: d[7] });
    expect(r.distanceFromHigh).toBeCloseTo(15 / 15.5 - 1, 15); // −3.23% although d8 is a record day
    expect(recordHighs(S, { basis: 'high', asOf: d[4] }).current.length).toBe(0); // 12.2 < 12.5
  });
  it('a missing high ends the run and is noted', () => {
    const G = price('G', d, [10, 9, 11, 12, 12, 13, 14, 15], {
      high: [10.5, 9.5, 11.5, 12.5, 12.2, 13.5, Number.NaN, 15.5],
    });
    const r = recordHighs(G, { basis: 'high' });
    expect(r.current).toEqual({ length: 1, start: d[7], end: d[7] });
    expect(r.provenance.notes.join(' ')).toMatch(/1 session\(s\) without a high value/);
  });
  it('a close-only series → UserError', () => {
    const C = price('MAGS', d, [10, 9, 11, 12, 12, 13, 14, 15]);
    expect(() => recordHighs(C, { basis: 'high' })).toThrow(/MAGS has closes only/);
    expect(() => recordHighs(price('E', [], []), { basis: 'close' })).toThrow(/empty/);
  });
});
