/**
 * Volatility and drawdowns.
 *
 * Conventions:
 * - Daily returns are simple close-to-close returns over the series' sessions (a date without a
 *   close is skipped, so the next return spans it). For a ReturnSeries the returns are used as given
 *   (NaN returns are skipped and counted in the notes).
 * - Daily volatility = SAMPLE standard deviation of the daily returns (divisor n − 1).
 *   Annualised volatility = daily × √252 (252 sessions a year, i.i.d. scaling), a fraction.
 * - Windows follow perf.ts: the returns used are those AFTER the period's base close up to its end
 *   (e.g. 1y = the returns of the sessions after the close on or before asOf − 12 months). `max`
 *   (the default) uses every return in the data.
 * - Rolling windows: value[i] = sample stdev of returns[i−w+1..i]; NaN until the window is full and
 *   whenever a return in the window is NaN (the first return of a close series is NaN).
 * - Drawdown[i] = close[i] / max(close[start..i]) − 1 (≤ 0), from the running peak since the first
 *   session of the window. Maximum drawdown = the lowest drawdown; peak = the session of the running
 *   peak at that point (first session it was reached), trough = the first session with the lowest
 *   drawdown, recovery = the first later session whose close is ≥ the peak close (null if none by asOf).
 */
import { UserError } from '../model/errors.ts';
import { dailyReturns } from './align.ts';
import type { AnySeries } from './input-checks.ts';
import { checkDate, checkSeries, isPriceSeries, validView } from './input-checks.ts';
import type { NamedPeriod } from './perf.ts';
import { periodBounds } from './perf.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { seriesEntry } from './provenance-util.ts';
import type { PriceSeries } from './series.ts';
import { indexOfDate, neighbourSessions } from './session-search.ts';

export const ANNUALISATION_SESSIONS = 252;

/** Sample standard deviation (n − 1) of x[from..to); NaN when fewer than 2 values or any NaN. */
export function stdevSample(x: Float64Array, from = 0, to = x.length): number {
  const n = to - from;
  if (n < 2) return Number.NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  const m = s / n;
  let ss = 0;
  for (let i = from; i < to; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Daily volatility → annualised: × √252. */
export function annualise(dailyStdev: number): number {
  return dailyStdev * Math.sqrt(ANNUALISATION_SESSIONS);
}

/** Rolling sample stdev over `window` returns; NaN until the window is full or when it holds a NaN. */
export function rollingStdev(returns: Float64Array, window: number): Float64Array {
  if (!Number.isInteger(window) || window < 2)
    throw new UserError(`window must be a whole number ≥ 2, got ${window}`);
  const n = returns.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let lastNaN = -1; // index of the most recent NaN seen
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(returns[i])) lastNaN = i;
    if (i >= window - 1 && lastNaN <= i - window) out[i] = stdevSample(returns, i - window + 1, i + 1);
  }
  return out;
}

/** Drawdown from the running peak per session: close[i]/max(close[0..i]) − 1. */
export function drawdowns(close: Float64Array): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (close[i] > peak) peak = close[i];
    out[i] = close[i] / peak - 1;
  }
  return out;
}

export interface MaxDrawdown {
  /** Fraction ≤ 0; 0 when the closes never fell below a running peak. */
  drawdown: number;
  peak: { date: string; value: number } | null;
  trough: { date: string; value: number } | null;
  /** First session after the trough closing at or above the peak close; null if not (yet) recovered. */
  recovery: string | null;
}

/** Maximum drawdown over `close` (parallel to `dates`). */
export function maxDrawdown(dates: readonly string[], close: Float64Array): MaxDrawdown {
  const n = close.length;
  let peak = 0;
  let worst = 0;
  let worstPeak = -1;
  let worstTrough = -1;
  for (let i = 0; i < n; i++) {
    if (close[i] > close[peak]) peak = i;
    const dd = close[i] / close[peak] - 1;
    if (dd < worst) {
      worst = dd;
      worstPeak = peak;
      worstTrough = i;
    }
  }
  if (worstTrough < 0) return { drawdown: 0, peak: null, trough: null, recovery: null };
  let recovery: string | null = null;
  for (let i = worstTrough + 1; i < n; i++) {
    if (close[i] >= close[worstPeak]) {
      recovery = dates[i];
      break;
    }
  }
  return {
    drawdown: worst,
    peak: { date: dates[worstPeak], value: close[worstPeak] },
    trough: { date: dates[worstTrough], value: close[worstTrough] },
    recovery,
  };
}

export interface WindowOptions {
  /** Default `max`. */
  period?: NamedPeriod;
  from?: string;
  to?: string;
  /** Default: the series' last session. */
  asOf?: string;
}

interface Window {
  dates: string[];
  values: Float64Array;
  /** Index of the base session (first close of the window) and of the end session in dates/values. */
  s: number;
  e: number;
  notes: string[];
}

function resolveWindow(series: AnySeries, opts: WindowOptions): Window {
  checkSeries(series);
  const v = validView(series);
  const dates = v.dates;
  if (opts.period !== undefined && (opts.from !== undefined || opts.to !== undefined))
    throw new UserError('give either a period or from/to, not both');
  if (opts.to !== undefined && opts.from === undefined) throw new UserError('to needs a from date');
  let asOf = dates[dates.length - 1];
  if (opts.asOf !== undefined) {
    asOf = checkDate('asOf', opts.asOf);
    if (asOf < dates[0])
      throw new UserError(`asOf ${asOf} is before the data of ${series.symbol} (first date ${dates[0]})`);
    if (indexOfDate(dates, asOf) < 0)
      throw new UserError(`asOf ${asOf} is not a session of ${series.symbol}${neighbourSessions(dates, asOf)}`);
  }
  if (opts.from !== undefined) {
    const b = periodBounds({ from: opts.from, to: opts.to }, asOf, dates, series.symbol);
    return { dates, values: v.values, s: b.startIndex, e: b.endIndex, notes: b.notes };
  }
  const b = periodBounds(opts.period ?? 'max', asOf, dates, series.symbol);
  return { dates, values: v.values, s: b.startIndex, e: b.endIndex, notes: b.notes };
}

export interface VolatilityResult {
  symbol: string;
  /** Base session (the first return used is on the session after it). */
  start: string;
  end: string;
  /** Number of daily returns used. */
  n: number;
  dailyStdev: number;
  /** dailyStdev × √252. */
  annualised: number;
  provenance: AnalyticProvenance;
}

/** Daily and annualised volatility of a series over a window (default: all data). */
export function volatility(series: PriceSeries | AnySeries, opts: WindowOptions = {}): VolatilityResult {
  const w = resolveWindow(series, opts);
  // Returns after the base session up to the end: for closes r[i] = close[i]/close[i−1] − 1, i in (s, e].
  // For a return series, the returns dated in (s, e]; with `max` the first return (on the base date) is kept too.
  const price = isPriceSeries(series);
  const all = price ? dailyReturns(w.values) : w.values;
  const from = !price && (opts.period ?? 'max') === 'max' && opts.from === undefined ? w.s : w.s + 1;
  const r = all.subarray(from, w.e + 1);
  const notes = [...w.notes];
  const skipped = series.dates.length - w.dates.length;
  if (skipped > 0) notes.push(`${skipped} date(s) without a value skipped`);
  if (r.length < 2)
    throw new UserError(`${series.symbol}: volatility needs at least 2 returns, got ${r.length}`);
  const sd = stdevSample(r);
  return {
    symbol: series.symbol,
    start: w.dates[w.s],
    end: w.dates[w.e],
    n: r.length,
    dailyStdev: sd,
    annualised: annualise(sd),
    provenance: {
      series: [seriesEntry(series, w.dates[w.s], w.dates[w.e])],
      formula: `${price ? 'r[t] = close[t]/close[t−1] − 1; ' : ''}daily = sqrt(Σ(r − mean)² / (n − 1)); annualised = daily × √252`,
      excludedDates: [],
      notes,
    },
  };
}

export interface RollingVolatilityResult {
  symbol: string;
  window: number;
  dates: string[];
  /** Rolling daily stdev; NaN until the window is full. */
  daily: Float64Array;
  annualised: Float64Array;
  provenance: AnalyticProvenance;
}

/** Rolling volatility over `window` daily returns (close-to-close, or as given for a return series), up to asOf. */
export function rollingVolatility(
  series: PriceSeries | AnySeries,
  opts: { window: number; asOf?: string },
): RollingVolatilityResult {
  const w = resolveWindow(series, { asOf: opts.asOf });
  const dates = w.dates.slice(0, w.e + 1);
  const upto = w.values.subarray(0, w.e + 1);
  const daily = rollingStdev(isPriceSeries(series) ? dailyReturns(upto) : upto, opts.window);
  const annualised = daily.map((x) => annualise(x));
  return {
    symbol: series.symbol,
    window: opts.window,
    dates,
    daily,
    annualised,
    provenance: {
      series: [seriesEntry(series, dates[0], dates[dates.length - 1])],
      formula: `${isPriceSeries(series) ? 'r[t] = close[t]/close[t−1] − 1' : 'r[t] = return[t]'}; daily[t] = sample stdev(r[t−${opts.window - 1}..t]); annualised = daily × √252`,
      excludedDates: [],
      notes: [],
    },
  };
}

export interface DrawdownResult {
  symbol: string;
  asOf: string;
  /** First session of the window (the running peak starts there). */
  start: string;
  current: { drawdown: number; peak: { date: string; value: number } };
  max: MaxDrawdown;
  provenance: AnalyticProvenance;
}

/** Current and maximum drawdown of a price series over a window (default: all data up to asOf). */
export function drawdown(series: PriceSeries, opts: WindowOptions = {}): DrawdownResult {
  if (!isPriceSeries(series as AnySeries))
    throw new UserError(`${series.symbol}: drawdowns need closes (a price series)`);
  const w = resolveWindow(series, opts);
  const dates = w.dates.slice(w.s, w.e + 1);
  const close = w.values.subarray(w.s, w.e + 1);
  let peak = 0;
  for (let i = 1; i < close.length; i++) if (close[i] > close[peak]) peak = i;
  const last = close.length - 1;
  return {
    symbol: series.symbol,
    asOf: dates[last],
    start: dates[0],
    current: { drawdown: close[last] / close[peak] - 1, peak: { date: dates[peak], value: close[peak] } },
    max: maxDrawdown(dates, close),
    provenance: {
      series: [seriesEntry(series, dates[0], dates[last])],
      formula: 'drawdown[t] = close[t]/max(close[start..t]) − 1; max drawdown = min over t',
      excludedDates: [],
      notes: w.notes,
    },
  };
}
