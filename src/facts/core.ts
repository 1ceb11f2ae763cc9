/**
 * Facts: store → pure analytics → the JSON each CLI command and API endpoint returns.
 * Every function validates its parameters with the shared zod schemas, loads only what it needs,
 * and returns the analytics result (with provenance) unchanged in shape.
 */
import { analogs } from '../analytics/analogs.ts';
import { perf } from '../analytics/perf.ts';
import { recordHighs } from '../analytics/records.ts';
import { streaks, streakVsZero } from '../analytics/streak.ts';
import { technicalLevels } from '../analytics/levels.ts';
import { drawdown, rollingVolatility, volatility } from '../analytics/volatility.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore } from '../store/store.ts';
import { latestCommonDate, loadAny, loadPriceLike, withSeriesNotes } from './load.ts';
import {
  AnalogsParams,
  LevelsParams,
  PerfParams,
  parseParams,
  RecordsParams,
  StreakParams,
  VolatilityParams,
} from './params.ts';

export async function perfFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(PerfParams, raw);
  const series = [];
  for (const s of p.symbols) series.push(await loadPriceLike(store, s));
  const r = perf(series, {
    period: p.period ?? (p.from ? undefined : 'ytd'),
    from: p.from,
    to: p.to,
    asOf: p.asOf,
    partial: true,
  });
  // Notes only for the series that entered the answer.
  const answered = new Set(r.rows.map((x) => x.symbol));
  return withSeriesNotes(r, series.filter((s) => answered.has(s.symbol)));
}

export async function streakFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(StreakParams, raw);
  const a = await loadAny(store, p.a);
  if (!p.b) {
    return streakVsZero(a.series, { asOf: p.asOf, positive: p.positive ?? p.direction === 'over', min: p.min });
  }
  const b = await loadAny(store, p.b);
  return withSeriesNotes(streaks(a.series, b.series, { asOf: p.asOf, direction: p.direction, min: p.min }), [a.series, b.series]);
}

export async function recordsFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(RecordsParams, raw);
  const s = await loadPriceLike(store, p.symbol);
  return withSeriesNotes(recordHighs(s, { basis: p.basis, asOf: p.asOf }), [s]);
}

export async function analogsFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(AnalogsParams, raw);
  let a = await loadPriceLike(store, p.a);
  let b = await loadPriceLike(store, p.b);
  if (p.asOf) {
    const last = latestCommonDate([a, b]);
    if (p.asOf > last) throw new UserError(`asOf ${p.asOf} is after the last common session of ${a.symbol} and ${b.symbol} (${last})`, 'bad_input');
    const cut = (s: typeof a) => {
      const n = s.dates.findIndex((d) => d > p.asOf!);
      if (n < 0) return s;
      const sl = <T extends Float64Array | null>(x: T) => (x ? (x.subarray(0, n) as T) : x);
      return { ...s, dates: s.dates.slice(0, n), close: s.close.subarray(0, n), open: sl(s.open), high: sl(s.high), low: sl(s.low), volume: sl(s.volume) };
    };
    a = cut(a);
    b = cut(b);
  }
  return withSeriesNotes(analogs(a, b, { minStreak: p.minStreak, horizons: p.horizons, direction: p.direction }), [a, b]);
}

export async function volatilityFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(VolatilityParams, raw);
  const s = await loadPriceLike(store, p.symbol);
  const win = { period: p.period ?? (p.from ? undefined : '1y'), from: p.from, to: p.to, asOf: p.asOf };
  const vol = volatility(s, win);
  const dd = drawdown(s, win);
  const r = rollingVolatility(s, { window: p.window, asOf: p.asOf });
  // The window's sessions as columns (one array per field, like /api/bars): over all of SPY's history
  // the rows' repeated keys made 1 MB of JSON, the columns 0.45 MB, with the same numbers.
  const from = dd.start;
  const dates: string[] = [];
  const daily: number[] = [];
  const annualised: number[] = [];
  for (let i = 0; i < r.dates.length; i++) {
    if (r.dates[i] < from || !Number.isFinite(r.daily[i])) continue;
    dates.push(r.dates[i]);
    daily.push(r.daily[i]);
    annualised.push(r.annualised[i]);
  }
  return { symbol: s.symbol, volatility: vol, drawdown: dd, rolling: { window: p.window, dates, daily, annualised, provenance: r.provenance } };
}

export async function levelsFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(LevelsParams, raw);
  const s = await loadPriceLike(store, p.symbol);
  const asOf = p.asOf ?? latestCommonDate([s]);
  return withSeriesNotes(technicalLevels(s, asOf, { lookback: p.lookback, minInside: p.minInside }), [s]);
}

