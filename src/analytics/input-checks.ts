/**
 * Input validation shared by the analytics in this folder (align, perf, streak, records, analogs,
 * volatility). Every problem a user can cause (an unknown or empty series, a malformed date, an
 * unsorted series) becomes a UserError with a message naming the series and the problem.
 */
import { UserError } from '../model/errors.ts';
import { IsoDate } from '../model/types.ts';
import type { PriceSeries, ReturnSeries } from './series.ts';

export type AnySeries = PriceSeries | ReturnSeries;

export function isPriceSeries(s: AnySeries): s is PriceSeries {
  return (s as PriceSeries).close instanceof Float64Array;
}

/** The series' main values: closes for a PriceSeries, returns for a ReturnSeries. */
export function valuesOf(s: AnySeries): Float64Array {
  return isPriceSeries(s) ? s.close : s.ret;
}

/** Throws a UserError unless `d` is a real calendar date `YYYY-MM-DD`. */
export function checkDate(label: string, d: unknown): string {
  if (typeof d !== 'string' || !IsoDate.safeParse(d).success)
    throw new UserError(`${label} '${String(d)}' is not a valid date (expected YYYY-MM-DD)`);
  return d;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Structural check of one series: present, named, non-empty, dates `YYYY-MM-DD` strictly ascending,
 * every numeric array as long as `dates`. Prices must be positive where present (NaN = missing).
 */
export function checkSeries(s: AnySeries | null | undefined, role = 'series'): AnySeries {
  if (s === null || s === undefined || typeof s !== 'object')
    throw new UserError(`missing ${role}`, 'not_found');
  if (typeof s.symbol !== 'string' || s.symbol.trim() === '') throw new UserError(`${role} has no symbol`);
  const sym = s.symbol;
  if (!Array.isArray(s.dates) || s.dates.length === 0)
    throw new UserError(`${sym}: the series is empty (no dates)`, 'not_found');
  const isPrice = isPriceSeries(s);
  if (!isPrice && !((s as ReturnSeries).ret instanceof Float64Array))
    throw new UserError(`${sym}: not a price series (close) nor a return series (ret)`);
  const n = s.dates.length;
  const arrays: [string, Float64Array | null][] = isPrice
    ? [
        ['close', s.close],
        ['open', s.open],
        ['high', s.high],
        ['low', s.low],
        ['volume', s.volume],
      ]
    : [['ret', (s as ReturnSeries).ret]];
  for (const [name, arr] of arrays) {
    if (arr !== null && arr !== undefined && arr.length !== n)
      throw new UserError(`${sym}: ${name} has ${arr.length} values for ${n} dates`);
  }
  let prev = '';
  for (let i = 0; i < n; i++) {
    const d = s.dates[i];
    if (typeof d !== 'string' || !DATE_RE.test(d))
      throw new UserError(`${sym}: bad date '${String(d)}' at row ${i + 1}`);
    if (d <= prev) throw new UserError(`${sym}: dates not strictly ascending at ${d} (after ${prev})`);
    prev = d;
  }
  if (isPrice) {
    const c = s.close;
    for (let i = 0; i < n; i++) {
      if (c[i] <= 0 || c[i] === Number.POSITIVE_INFINITY)
        throw new UserError(`${sym}: close ${c[i]} on ${s.dates[i]} is not a positive price`);
    }
  }
  return s;
}

/**
 * A series restricted to the dates whose value is a finite number ("valid sessions").
 * `orig[k]` is the index in the series' own arrays of valid session k.
 */
export interface ValidView {
  symbol: string;
  dates: string[];
  values: Float64Array;
  orig: Int32Array;
}

export function validView(s: AnySeries, values: Float64Array = valuesOf(s)): ValidView {
  const n = s.dates.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) m++;
  if (m === 0) throw new UserError(`${s.symbol}: the series has no valid values`, 'not_found');
  const dates: string[] = new Array(m);
  const vals = new Float64Array(m);
  const orig = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(values[i])) {
      dates[k] = s.dates[i];
      vals[k] = values[i];
      orig[k] = i;
      k++;
    }
  }
  return { symbol: s.symbol, dates, values: vals, orig };
}
