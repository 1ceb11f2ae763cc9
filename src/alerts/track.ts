/**
 * A compiled condition atom: per session of its own calendar, whether it holds and its value, each
 * computed from data up to and including that session only (causal by construction: no look-ahead).
 * `detail(i)` gives the message and the facts (with provenance) for an event on session i.
 */
import type { PriceSeries, ReturnSeries } from '../analytics/series.ts';
import type { Adjustment } from '../model/types.ts';

export interface SeriesRef {
  symbol: string;
  source: string;
  adjustment?: Adjustment;
  first: string;
  last: string;
}

/** One number behind an event, traceable like every MarketDash fact. */
export interface AlertFact {
  label: string;
  value: number | string | null;
  unit: string;
  formula: string;
  dates: Record<string, string | null | undefined>;
  series: SeriesRef[];
  notes?: string[];
}

export interface Track {
  dates: string[];
  holds: Uint8Array;
  value: Float64Array;
  detail(i: number): { message: string; facts: AlertFact[] };
}

export function ref(s: PriceSeries | ReturnSeries, last: string): SeriesRef {
  return {
    symbol: s.symbol,
    source: s.source,
    ...('adjustment' in s ? { adjustment: s.adjustment } : {}),
    first: s.dates[0],
    last,
  };
}

export function notesOf(...series: object[]): string[] | undefined {
  const n = series.flatMap((s) => (s as { notes?: string[] }).notes ?? []);
  return n.length ? n : undefined;
}

/** A series cut at `asOf` (inclusive): what the data looked like at the end of that session. */
export function cutPrice(s: PriceSeries, asOf: string): PriceSeries {
  let n = s.dates.length;
  while (n > 0 && s.dates[n - 1] > asOf) n--;
  if (n === s.dates.length) return s;
  const sl = (a: Float64Array | null) => (a ? a.slice(0, n) : null);
  return { ...s, dates: s.dates.slice(0, n), close: s.close.slice(0, n), open: sl(s.open), high: sl(s.high), low: sl(s.low), volume: sl(s.volume) };
}

export function cutReturns(s: ReturnSeries, asOf: string): ReturnSeries {
  let n = s.dates.length;
  while (n > 0 && s.dates[n - 1] > asOf) n--;
  return n === s.dates.length ? s : { ...s, dates: s.dates.slice(0, n), ret: s.ret.slice(0, n) };
}

/** Finite closes only (NaN = missing is dropped), as the analytics do. */
export function finiteCloses(s: PriceSeries, values: Float64Array = s.close): { dates: string[]; v: Float64Array; close: Float64Array } {
  const dates: string[] = [];
  const v: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < s.dates.length; i++) {
    if (Number.isFinite(values[i])) {
      dates.push(s.dates[i]);
      v.push(values[i]);
      c.push(s.close[i]);
    }
  }
  return { dates, v: Float64Array.from(v), close: Float64Array.from(c) };
}

export const pct = (x: number, d = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}%`;
export const num = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
export const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${n % 10 > 3 ? 'th' : s}`;
};
