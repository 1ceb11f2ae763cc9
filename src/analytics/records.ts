/**
 * Record-high streaks: "the S&P 500 closed at a record for the 5th straight session".
 *
 * Conventions:
 * - basis `close`: a session is a record when its close exceeds (strictly) the highest close of all
 *   earlier sessions in the data; basis `high`: the same with intraday highs.
 * - The very first session of the data is NOT a record (there is nothing earlier to beat), so a
 *   series that only rises has records on every session but the first.
 * - Only data up to and including asOf is used ("all-time" = all data up to asOf).
 * - A session whose basis value is missing (NaN) is unknown: it is not a record, ends any record run,
 *   does not move the running maximum, and is listed in the notes.
 * - `current` = the run of consecutive record sessions ending at asOf; length 0 (start/end null) when
 *   asOf is not a record.
 * - `allTimeHigh` = the highest basis value up to asOf and the first session it was reached.
 * - `distanceFromHigh` = close[asOf] / allTimeHigh − 1 (a fraction, ≤ 0). With basis `high` the asOf
 *   CLOSE is compared with the intraday-high record, so it is below 0 even on a record day unless the
 *   session closed at its high.
 */
import { UserError } from '../model/errors.ts';
import { checkDate, checkSeries, isPriceSeries } from './input-checks.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { seriesEntry } from './provenance-util.ts';
import type { PriceSeries } from './series.ts';
import { indexOfDate, neighbourSessions } from './session-search.ts';

export type RecordBasis = 'high' | 'close';

export interface RecordHighsResult {
  symbol: string;
  basis: RecordBasis;
  asOf: string;
  current: { length: number; start: string | null; end: string | null };
  allTimeHigh: { value: number; date: string };
  /** close[asOf]/allTimeHigh − 1, a fraction ≤ 0. */
  distanceFromHigh: number;
  /** First session with a basis value (never itself a record). */
  dataStart: string;
  provenance: AnalyticProvenance;
}

export interface RecordHighsOptions {
  basis: RecordBasis;
  asOf?: string;
}

export function recordHighs(series: PriceSeries, opts: RecordHighsOptions): RecordHighsResult {
  checkSeries(series);
  if (!isPriceSeries(series))
    throw new UserError(`${(series as { symbol: string }).symbol}: record highs need prices`);
  const basis = opts?.basis ?? 'close';
  if (basis !== 'high' && basis !== 'close')
    throw new UserError(`basis must be 'high' or 'close', got '${String(basis)}'`);
  const sym = series.symbol;
  let values: Float64Array;
  if (basis === 'high') {
    const h = series.high;
    if (h === null || !h.some((x) => Number.isFinite(x)))
      throw new UserError(`${sym} has closes only (no intraday highs): use basis 'close'`);
    values = h;
  } else values = series.close;
  const dates = series.dates;
  let k = dates.length - 1;
  while (k >= 0 && !Number.isFinite(series.close[k])) k--;
  if (opts?.asOf !== undefined) {
    const asOf = checkDate('asOf', opts.asOf);
    k = indexOfDate(dates, asOf);
    if (k < 0) {
      if (asOf < dates[0])
        throw new UserError(`asOf ${asOf} is before the data of ${sym} (first date ${dates[0]})`);
      if (asOf > dates[dates.length - 1])
        throw new UserError(
          `asOf ${asOf} is after the data of ${sym} (last date ${dates[dates.length - 1]})`,
        );
      throw new UserError(`asOf ${asOf} is not a session of ${sym}${neighbourSessions(dates, asOf)}`);
    }
    if (!Number.isFinite(series.close[k])) throw new UserError(`${sym} has no close on asOf ${asOf}`);
  }
  if (k < 0) throw new UserError(`${sym}: no closes`, 'not_found');
  let first = -1;
  for (let i = 0; i <= k; i++) {
    if (Number.isFinite(values[i])) {
      first = i;
      break;
    }
  }
  if (first < 0) throw new UserError(`${sym}: no ${basis} values on or before ${dates[k]}`, 'not_found');

  let max = values[first];
  let maxAt = first;
  let run = 0;
  const unknown: string[] = [];
  for (let i = first + 1; i <= k; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      unknown.push(dates[i]);
      run = 0;
    } else if (v > max) {
      max = v;
      maxAt = i;
      run++;
    } else run = 0;
  }
  const notes: string[] = [
    'the first session of the data is not counted as a record',
    ...(basis === 'high' ? ['distanceFromHigh compares the asOf close with the intraday-high record'] : []),
  ];
  if (unknown.length > 0)
    notes.push(
      `${unknown.length} session(s) without a ${basis} value end any record run: ${unknown.slice(0, 5).join(', ')}`,
    );
  return {
    symbol: sym,
    basis,
    asOf: dates[k],
    current:
      run > 0
        ? { length: run, start: dates[k - run + 1], end: dates[k] }
        : { length: 0, start: null, end: null },
    allTimeHigh: { value: max, date: dates[maxAt] },
    distanceFromHigh: series.close[k] / max - 1,
    dataStart: dates[first],
    provenance: {
      series: [seriesEntry(series, dates[first], dates[k])],
      formula: `record[t] = ${basis}[t] > max(${basis}[first..t−1]); distanceFromHigh = close[asOf]/max(${basis}[first..asOf]) − 1`,
      excludedDates: [],
      notes,
    },
  };
}
