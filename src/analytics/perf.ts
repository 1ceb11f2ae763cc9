/**
 * Period performance: "IWM is up 9.60% year to date, SPY 1.04%: a gap of 8.56 points".
 *
 * Conventions (return = endPrice/startPrice − 1, where startPrice is the BASE close):
 * - ytd / mtd / qtd: base = the last close BEFORE 1 January / the 1st of the month / the 1st of the
 *   quarter of asOf (normally the previous year's / month's / quarter's last close); end = asOf.
 * - 1w: base = the last close on or before asOf − 7 calendar days.
 * - 1m / 3m / 6m / 1y / 3y / 5y: base = the last close on or before asOf − 1/3/6/12/36/60 calendar months,
 *   same day of month, clamped to the month's last day (2026-03-31 − 1m = 2026-02-28; 2024-02-29 − 1y
 *   = 2023-02-28).
 * - max: base = the first close in the data.
 * - explicit range {from, to}: base = the last close BEFORE `from` (so the return includes the move on
 *   `from` itself); if the data has none, the first close on or after `from`, and a note says so;
 *   end = the last close on or before `to` (`to` defaults to asOf).
 * A period whose base cannot be found, or whose end is not after its base, is a UserError.
 * A "session" is a date present in the series with a finite close.
 */
import { UserError } from '../model/errors.ts';
import { addDays, addMonthsClamped, startOfMonth, startOfQuarter, startOfYear } from './calendar-math.ts';
import type { AnySeries } from './input-checks.ts';
import { checkDate, checkSeries, isPriceSeries, validView } from './input-checks.ts';
import type { AnalyticProvenance, ReturnType } from './provenance-util.ts';
import { returnType, seriesEntry } from './provenance-util.ts';
import type { PriceSeries } from './series.ts';
import { firstIndexOnOrAfter, indexOfDate, lastIndexBefore, lastIndexOnOrBefore, neighbourSessions } from './session-search.ts';

export const NAMED_PERIODS = ['ytd', 'mtd', 'qtd', '1w', '1m', '3m', '6m', '1y', '3y', '5y', 'max'] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];
export type PeriodSpec = NamedPeriod | { from: string; to?: string };

export interface PeriodBounds {
  /** Index of the base close in `dates`. */
  startIndex: number;
  endIndex: number;
  start: string;
  end: string;
  /** Conventions applied and fallbacks taken, in words. */
  notes: string[];
}

const MONTHS: Partial<Record<NamedPeriod, number>> = {
  '1m': 1,
  '3m': 3,
  '6m': 6,
  '1y': 12,
  '3y': 36,
  '5y': 60,
};

/**
 * Base and end sessions of a period within ascending `dates`. For a named period `asOf` must be one of
 * `dates`; for an explicit range `asOf` is only the default `to`. `symbol` names the series in errors.
 */
export function periodBounds(
  period: PeriodSpec,
  asOf: string,
  dates: readonly string[],
  symbol = 'series',
): PeriodBounds {
  if (dates.length === 0) throw new UserError(`${symbol}: no data`, 'not_found');
  checkDate('asOf', asOf);
  const notes: string[] = [];
  if (typeof period === 'object' && period !== null) {
    const from = checkDate('from', period.from);
    const to = checkDate('to', period.to ?? asOf);
    if (from > to) throw new UserError(`empty range: from ${from} is after to ${to}`);
    let s = lastIndexBefore(dates, from);
    if (s < 0) {
      s = firstIndexOnOrAfter(dates, from);
      if (s < 0)
        throw new UserError(`${symbol}: no data on or after ${from} (data ends ${dates[dates.length - 1]})`);
      notes.push(
        `${symbol}: no close before ${from} (data starts ${dates[0]}); base is the first close on or after it, ${dates[s]}`,
      );
    }
    const e = lastIndexOnOrBefore(dates, to);
    if (e <= s)
      throw new UserError(
        `empty range: ${symbol} has no session after its base close ${dates[s]} up to ${to} (range ${from}..${to})`,
      );
    return { startIndex: s, endIndex: e, start: dates[s], end: dates[e], notes };
  }
  if (!(NAMED_PERIODS as readonly string[]).includes(period as string))
    throw new UserError(
      `unknown period '${String(period)}' (expected one of ${NAMED_PERIODS.join(', ')} or from/to)`,
    );
  const e = indexOfDate(dates, asOf);
  if (e < 0) {
    if (asOf < dates[0])
      throw new UserError(`asOf ${asOf} is before the data of ${symbol} (first date ${dates[0]})`);
    throw new UserError(
      `asOf ${asOf} is not a session of ${symbol}${asOf > dates[dates.length - 1] ? ` (last date ${dates[dates.length - 1]})` : neighbourSessions(dates, asOf)}`,
    );
  }
  let s: number;
  let describe: string;
  if (period === 'max') {
    s = 0;
    describe = 'max: base = first close in the data';
  } else if (period === 'ytd' || period === 'mtd' || period === 'qtd') {
    const boundary =
      period === 'ytd' ? startOfYear(asOf) : period === 'mtd' ? startOfMonth(asOf) : startOfQuarter(asOf);
    s = lastIndexBefore(dates, boundary);
    if (s < 0)
      throw new UserError(
        `${symbol}: ${period} needs a close before ${boundary}, but the data starts ${dates[0]}`,
        'not_found',
      );
    describe = `${period}: base = last close before ${boundary}`;
    if (addDays(dates[s], 10) < boundary)
      notes.push(`${symbol}: the ${period} base close ${dates[s]} is more than 10 days before ${boundary}`);
  } else {
    const target = period === '1w' ? addDays(asOf, -7) : addMonthsClamped(asOf, -(MONTHS[period] as number));
    s = lastIndexOnOrBefore(dates, target);
    if (s < 0)
      throw new UserError(
        `${symbol}: ${period} needs a close on or before ${target}, but the data starts ${dates[0]}`,
        'not_found',
      );
    describe =
      period === '1w'
        ? `1w: base = last close on or before ${target} (asOf − 7 calendar days)`
        : `${period}: base = last close on or before ${target} (asOf − ${MONTHS[period]} calendar month(s), clamped to month end)`;
    if (addDays(dates[s], 10) < target)
      notes.push(`${symbol}: the ${period} base close ${dates[s]} is more than 10 days before ${target}`);
  }
  if (s >= e)
    throw new UserError(
      `empty range: ${symbol} has no session after its base close ${dates[s]} up to ${asOf}`,
    );
  notes.unshift(describe);
  return { startIndex: s, endIndex: e, start: dates[s], end: dates[e], notes };
}

export interface PerfRow {
  symbol: string;
  /** Base session (its close is startPrice). */
  start: string;
  end: string;
  startPrice: number;
  endPrice: number;
  /** Fraction: 0.096 = +9.6%. */
  return: number;
  returnType: ReturnType;
}

export interface PerfResult {
  asOf: string;
  /** The period as asked: a named period or `from..to`. */
  period: string;
  rows: PerfRow[];
  /** (return_a − return_b) × 100, percentage points, for every pair with a before b in input order. */
  spreads: { a: string; b: string; spreadPts: number }[];
  /**
   * Symbols asked for that have no data for the period (only with `partial`): each with its data
   * range and why, so one short series does not sink the whole answer.
   */
  unavailable: { symbol: string; first: string | null; last: string | null; reason: string }[];
  provenance: AnalyticProvenance & { returnType: ReturnType | 'mixed' };
}

export interface PerfOptions {
  period?: NamedPeriod;
  from?: string;
  to?: string;
  /** Default: the latest session common to all series. */
  asOf?: string;
  /**
   * Answer for every series that has data for the period and list the others in `unavailable`
   * (with their last date) instead of failing as a whole. Fails only when no series has data.
   */
  partial?: boolean;
}

/** Period performance of one or more price series, with spreads between them. */
export function perf(series: PriceSeries[], opts: PerfOptions): PerfResult {
  if (!Array.isArray(series) || series.length === 0)
    throw new UserError('perf needs at least one series', 'not_found');
  const seen = new Set<string>();
  for (const s of series) {
    checkSeries(s as AnySeries);
    if (!isPriceSeries(s))
      throw new UserError(`${(s as AnySeries).symbol}: performance needs closes (a price series)`);
    if (seen.has(s.symbol)) throw new UserError(`${s.symbol} is listed twice`);
    seen.add(s.symbol);
  }
  if (opts.period !== undefined && (opts.from !== undefined || opts.to !== undefined))
    throw new UserError('give either a period or from/to, not both');
  if (opts.period === undefined && opts.from === undefined)
    throw new UserError(opts.to !== undefined ? 'to needs a from date' : 'give a period or a from date');
  const views = series.map((s) => validView(s));
  // Default asOf: the latest session common to all series; with `partial`, common to the series
  // that reach the latest date (the others are then listed in `unavailable` if they lack it).
  const lastOf = (v: { dates: string[] }) => v.dates[v.dates.length - 1] ?? '';
  const maxLast = views.reduce((m, v) => (lastOf(v) > m ? lastOf(v) : m), '');
  const reaching = opts.partial ? views.filter((v) => lastOf(v) === maxLast) : views;
  const asOf =
    opts.asOf !== undefined
      ? checkDate('asOf', opts.asOf)
      : latestCommon(
          reaching.map((v) => v.dates),
          series,
        );
  const spec: PeriodSpec = opts.period ?? { from: opts.from as string, to: opts.to };
  const named = opts.period !== undefined;
  // asOf is used as the end session (named periods) or as the default `to`: it must be a session of every series.
  const mustHaveAsOf = named || opts.to === undefined;
  const checkAsOf = (v: { symbol: string; dates: string[] }) => {
    if (asOf < v.dates[0]) throw new UserError(`asOf ${asOf} is before the data of ${v.symbol} (first date ${v.dates[0]})`);
    if (indexOfDate(v.dates, asOf) < 0)
      throw new UserError(
        `asOf ${asOf} is not a session of ${v.symbol}${asOf > v.dates[v.dates.length - 1] ? ` (last date ${v.dates[v.dates.length - 1]})` : neighbourSessions(v.dates, asOf)}`,
      );
  };
  // Without `partial`, every series must have asOf before any period is looked at.
  if (mustHaveAsOf && !opts.partial) for (const v of views) checkAsOf(v);
  const unavailable: PerfResult['unavailable'] = [];
  const notes: string[] = [];
  const rows: PerfRow[] = [];
  const used: PriceSeries[] = [];
  let firstError: UserError | undefined;
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const v = views[i];
    try {
      if (mustHaveAsOf) checkAsOf(v);
      const b = periodBounds(spec, asOf, v.dates, s.symbol);
      for (const n of b.notes) if (!notes.includes(n)) notes.push(n);
      const startPrice = v.values[b.startIndex];
      const endPrice = v.values[b.endIndex];
      rows.push({
        symbol: s.symbol,
        start: b.start,
        end: b.end,
        startPrice,
        endPrice,
        return: endPrice / startPrice - 1,
        returnType: returnType(s),
      });
      used.push(s);
    } catch (e) {
      if (!opts.partial || !(e instanceof UserError)) throw e;
      firstError ??= e;
      const first = v.dates[0] ?? null;
      const last = v.dates[v.dates.length - 1] ?? null;
      unavailable.push({ symbol: s.symbol, first, last, reason: e.message });
    }
  }
  if (rows.length === 0 && firstError) {
    // One series, or one reason for all (an as-of that is not a session of any): that error as it is.
    const sameReason = unavailable.every((u) => u.reason.replace(u.symbol, '') === unavailable[0].reason.replace(unavailable[0].symbol, ''));
    if (unavailable.length === 1 || sameReason) throw firstError;
    throw new UserError(`no series has data for the period: ${unavailable.map((u) => u.reason).join('; ')}`, firstError.code);
  }
  if (unavailable.length > 0)
    notes.push(
      `left out, no data for the period as of ${asOf}: ${unavailable.map((u) => `${u.symbol} (data ${u.first}..${u.last})`).join(', ')}`,
    );
  const spreads: PerfResult['spreads'] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      spreads.push({
        a: rows[i].symbol,
        b: rows[j].symbol,
        spreadPts: (rows[i].return - rows[j].return) * 100,
      });
      if (rows[i].start !== rows[j].start || rows[i].end !== rows[j].end)
        notes.push(
          `${rows[i].symbol} (${rows[i].start}..${rows[i].end}) and ${rows[j].symbol} (${rows[j].start}..${rows[j].end}) are measured over different sessions`,
        );
    }
  }
  const types = new Set(rows.map((r) => r.returnType));
  const rt = types.size === 1 ? rows[0].returnType : 'mixed';
  if (rt === 'mixed')
    notes.push('some series are total return (dividends included) and some price return: not comparable');
  return {
    asOf: named ? asOf : (opts.to ?? asOf),
    period: named ? (opts.period as string) : `${opts.from}..${opts.to ?? asOf}`,
    rows,
    spreads,
    unavailable,
    provenance: {
      series: used.map((s, i) => seriesEntry(s, rows[i].start, rows[i].end)),
      formula: 'return = close[end]/close[base] − 1; spreadPts = (return_a − return_b) × 100',
      excludedDates: [],
      notes,
      returnType: rt,
    },
  };
}

/** The latest date on which every series has a session. */
function latestCommon(dateLists: string[][], series: PriceSeries[]): string {
  let cand = dateLists[0][dateLists[0].length - 1];
  for (const d of dateLists) if (d[d.length - 1] <= cand) cand = d[d.length - 1];
  for (;;) {
    let next = cand;
    for (const d of dateLists) {
      const k = lastIndexOnOrBefore(d, cand);
      if (k < 0)
        throw new UserError(
          `${series.map((s) => s.symbol).join(', ')} have no session in common`,
          'not_found',
        );
      if (d[k] < next) next = d[k];
    }
    if (next === cand) return cand;
    cand = next;
  }
}
