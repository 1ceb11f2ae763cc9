/**
 * Bounded breadth (facts/breadth-bounded.ts), hand cases: members read from a bound date keep the
 * answer only when no row before the bound counts. A member trading every third session has fewer
 * than 252 closes after the bound but more in its whole history: it must be read whole (its 52-week
 * high/low and averages change otherwise). A period whose base lies before the bound: the whole
 * universe is read. Second method: computeBreadth on the whole series.
 */
import { describe, expect, it } from 'vitest';
import { type BreadthResult, computeBreadth } from '../../src/analytics/breadth.ts';
import { boundedOrWhole, breadthBound, type Universe } from '../../src/facts/breadth-bounded.ts';
import type { PriceSeries } from '../../src/model/series.ts';
import type { MarketStore, SourceInfo } from '../../src/store/store.ts';

/** Weekdays from 2022-01-03 on, n of them. */
function weekdays(n: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2022, 0, 3); out.length < n; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const CAL = weekdays(1100);
const series = (symbol: string, dates: string[], f: (i: number) => number): PriceSeries => ({
  symbol, source: 'hand', adjustment: 'split+dividend', dates, close: Float64Array.from(dates, (_, i) => f(i)), open: null, high: null, low: null, volume: null,
});
// A: every session, a slow rise with a wobble. B: every third session, falling then at a new high on the last session.
const A = series('A', CAL, (i) => 100 + i * 0.1 + Math.sin(i));
const bDates = CAL.filter((_, i) => i % 3 === 0 || i === CAL.length - 1);
const B = series('B', bDates, (i) => (i === bDates.length - 1 ? 500 : 300 - i * 0.5));
const ASOF = CAL[CAL.length - 1];

const from = (s: PriceSeries, d: string): PriceSeries => {
  const k = s.dates.findIndex((x) => x >= d);
  return { ...s, dates: s.dates.slice(k), close: s.close.slice(k) };
};

/** A store that answers the whole series for the re-reads, counting them. */
function wholeStore(reads: string[][]): MarketStore {
  const info = (s: PriceSeries): SourceInfo => ({ symbol: s.symbol, source: 'hand', priority: 1, adjustment: 'split+dividend', preferred: true, first: s.dates[0], last: s.dates.at(-1)!, rows: s.dates.length });
  return {
    listSourcesMany: async (names: string[]) => Object.fromEntries(names.map((n) => [n, [info(n === 'A' ? A : B)]])),
    getPreferredSeriesMany: async (names: string[]) => {
      reads.push(names);
      return names.map((n) => (n === 'A' ? A : B));
    },
  } as unknown as MarketStore;
}

const compute = (period: 'ytd' | '1m') => (u: Universe): BreadthResult => computeBreadth({ universe: u.label, members: u.members, series: u.series, period, asOf: ASOF });

describe('bounded breadth: rows before the bound that count are read', () => {
  it('the bound is two years before as-of (or a month before the period start when earlier)', () => {
    expect(breadthBound('ytd', '2026-08-21')).toBe('2024-08-19');
    expect(breadthBound({ from: '2020-03-02' }, '2026-08-21')).toBe('2020-01-31');
    expect(breadthBound('max', '2026-08-21')).toBeUndefined();
  });

  it('a gappy member with too few closes after the bound is read whole; the answer equals the whole read', async () => {
    const bound = breadthBound('1m', ASOF)!;
    const reads: string[][] = [];
    const u: Universe = { label: 'hand', members: ['A', 'B'], series: [from(A, bound), from(B, bound)], bounded: { from: bound, truncated: new Set(['A', 'B']) } };
    let wholeCalls = 0;
    const r = await boundedOrWhole(wholeStore(reads), u, compute('1m'), async () => {
      wholeCalls++;
      return { label: 'hand', members: ['A', 'B'], series: [A, B] };
    });
    const want = compute('1m')({ label: 'hand', members: ['A', 'B'], series: [A, B] });
    expect(r).toEqual(want);
    expect(want.newHighs.symbols).toEqual(['B']);
    expect(reads).toEqual([['B']]);
    expect(wholeCalls).toBe(0);
    // Without the re-read B would be "insufficient" (fewer than 252 closes after the bound): the check is what keeps the answer.
    expect(compute('1m')(u).newHighs.insufficient).toContain('B');
  });

  it('a base session before the bound: the whole universe is read', async () => {
    const bound = CAL[CAL.length - 10];
    const u: Universe = { label: 'hand', members: ['A'], series: [from(A, bound)], bounded: { from: bound, truncated: new Set(['A']) } };
    let wholeCalls = 0;
    const r = await boundedOrWhole(wholeStore([]), u, compute('ytd'), async () => {
      wholeCalls++;
      return { label: 'hand', members: ['A'], series: [A] };
    });
    expect(wholeCalls).toBe(1);
    expect(r).toEqual(compute('ytd')({ label: 'hand', members: ['A'], series: [A] }));
  });
});
