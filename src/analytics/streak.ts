/**
 * Relative-strength streaks: "IWM beat SPY for N straight sessions, the longest since YEAR".
 *
 * Definitions (all on the COMMON sessions of the pair, up to and including `asOf`):
 * - Daily returns are simple returns on the aligned closes (see align.ts): a day missing in one
 *   series is reported in provenance.excludedDates, and the next common session's paired return is
 *   UNKNOWN (it would bridge the gap), so it ends the streak — the same rule as a tie.
 * - A session qualifies for `over` when r_A > r_B strictly, for `under` when r_A < r_B strictly.
 *   A tie, or an unknown return, does not qualify: it ENDS the streak.
 * - A streak is a maximal run of consecutive qualifying sessions; start/end are its first/last session.
 *   A streak still running at `asOf` is cut at `asOf` (later data is never looked at).
 * - `current` is the streak whose last session is `asOf`. When `asOf` itself does not qualify there is
 *   no current streak: `{ length: 0, start: null, end: null }`, `longestSince` = null and `rank` = null.
 * - `longestSince` is the MOST RECENT earlier streak with length ≥ current length: "the longest since
 *   <longestSince.end>". null when no earlier streak is as long, i.e. the current one is the longest
 *   since `dataStart` (the first session with a comparison).
 * - `rank` uses competition ranking ("1224") among the current and all earlier streaks: 1 + the number
 *   of earlier streaks STRICTLY longer than the current one. A current streak tying the record is
 *   rank 1; ties share a rank and are SAID: `tiedWith` lists the earlier streaks of exactly the same
 *   length (most recent first) and `rankText` reads "rank 2, tied with 2003-05-19..2003-06-02".
 * - Exact zeros: a session whose difference is exactly 0 (a tie; in two-decimal factor data such as
 *   the French files, a 0.00 day) does not qualify, so it ENDS a streak. Because rounding makes exact
 *   zeros common in such data, the alternative count is offered whenever zeros occur up to asOf:
 *   `ifZerosSkipped` recomputes current/longestSince/rank with those sessions left out (a zero
 *   neither ends nor extends a streak).
 * - `history` lists every streak (including the current one) with length ≥ `min` (default 1), most recent first.
 */
import { UserError } from '../model/errors.ts';
import type { AnySeries } from './input-checks.ts';
import { checkDate, checkSeries, isPriceSeries, validView } from './input-checks.ts';
import { alignedReturns, dailyReturns } from './align.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { seriesEntry } from './provenance-util.ts';
import { indexOfDate, neighbourSessions } from './session-search.ts';
import type { ReturnSeries } from './series.ts';
import type { Direction } from './streak-core.ts';
import { returnDiff, streakRuns, summarizeRuns } from './streak-core.ts';

export type { Direction, Runs, RunSummary } from './streak-core.ts';
export { currentStreakLength, returnDiff, streakRuns, summarizeRuns } from './streak-core.ts';

export interface Streak {
  length: number;
  start: string;
  end: string;
}

export interface StreakResult {
  a: string;
  /** The benchmark symbol, or '0' for a streak versus zero. */
  b: string;
  asOf: string;
  current: { length: number; start: string | null; end: string | null };
  longestSince: Streak | null;
  rank: number | null;
  /** Earlier streaks of exactly the current length (they share its rank), most recent first, at most 10. */
  tiedWith: Streak[];
  /** How many earlier streaks have exactly the current length. */
  tiedCount: number;
  /** e.g. "rank 2, tied with 2003-05-19..2003-06-02"; null without a current streak. */
  rankText: string | null;
  /** Sessions up to asOf whose difference is exactly zero (each ends a streak). */
  zeroSessions: number;
  /** The alternative count with exact-zero sessions skipped; present only when zeroSessions > 0. */
  ifZerosSkipped?: {
    rule: string;
    current: { length: number; start: string | null; end: string | null };
    longestSince: Streak | null;
    rank: number | null;
  };
  history: Streak[];
  /** First session with a comparison: streaks cannot start earlier. */
  dataStart: string;
  provenance: AnalyticProvenance;
}

export interface StreakOptions {
  asOf?: string;
  direction?: Direction;
  min?: number;
}

/** Streaks of A's daily return strictly above (`over`) or below (`under`) B's on the common sessions. */
export function streaks(a: AnySeries, b: AnySeries, opts: StreakOptions = {}): StreakResult {
  checkSeries(a, 'series A');
  checkSeries(b, 'series B');
  const direction = checkDirection(opts.direction);
  const min = checkMin(opts.min);
  const ar = alignedReturns(a, b);
  let k = ar.dates.length - 1;
  if (opts.asOf !== undefined) {
    const asOf = checkDate('asOf', opts.asOf);
    k = indexOfDate(ar.dates, asOf);
    if (k < 0) throw new UserError(pairAsOfProblem(a, b, asOf, ar.dates));
  }
  const diff = returnDiff(ar.ra, ar.rb);
  const cmp = direction === 'over' ? '>' : '<';
  const asOf = ar.dates[k];
  const notes: string[] = [];
  const unknown = ar.unknown.filter((d) => d <= asOf);
  if (unknown.length > 0)
    notes.push(
      `${unknown.length} session(s) with an unknown paired return end any streak: ${preview(unknown)}`,
    );
  const excludedDates = ar.excluded
    .map((e) => ({ symbol: e.symbol, missing: e.missing.filter((d) => d <= asOf) }))
    .filter((e) => e.missing.length > 0);
  for (const e of excludedDates)
    notes.push(
      `${e.symbol} lacks ${e.missing.length} session(s) the other series has (${preview(e.missing)}); the next common session's return is unknown and ends any streak`,
    );
  const kind = (s: AnySeries) => (isPriceSeries(s) ? 'close[t]/close[t−1] − 1 on common sessions' : 'return');
  const formula =
    `r_A = ${kind(a)}; r_B = ${kind(b)}; a session qualifies when r_A ${cmp} r_B strictly ` +
    '(a tie or unknown return ends the streak); streak = maximal run of qualifying sessions ending on or before asOf';
  return buildResult(ar.a, ar.b, ar.dates, diff, k, direction, min, {
    series: [seriesEntry(a, ar.overlap.first, asOf), seriesEntry(b, ar.overlap.first, asOf)],
    formula,
    excludedDates,
    notes,
  });
}

export interface VsZeroOptions {
  asOf?: string;
  /** true (default): streaks of returns > 0; false: returns < 0. Zero ends a streak either way. */
  positive?: boolean;
  min?: number;
}

/**
 * Streaks of one series' returns strictly above zero (`positive: true`) or below zero, e.g. FF.SMB > 0.
 * For a ReturnSeries the returns are used as given (a NaN return is unknown and ends a streak); for a
 * PriceSeries they are close-to-close returns over its sessions. Output as `streaks` with b = '0'.
 */
export function streakVsZero(series: ReturnSeries | AnySeries, opts: VsZeroOptions = {}): StreakResult {
  checkSeries(series, 'series');
  const min = checkMin(opts.min);
  const positive = opts.positive ?? true;
  if (typeof positive !== 'boolean') throw new UserError(`positive must be true or false`);
  const direction: Direction = positive ? 'over' : 'under';
  let dates: string[];
  let diff: Float64Array;
  const notes: string[] = [];
  if (isPriceSeries(series)) {
    const v = validView(series);
    dates = v.dates;
    diff = dailyReturns(v.values);
    const gaps = series.dates.length - v.dates.length;
    if (gaps > 0) notes.push(`${gaps} date(s) without a close were skipped; returns span them`);
  } else {
    dates = series.dates;
    diff = series.ret;
  }
  let k = dates.length - 1;
  if (opts.asOf !== undefined) {
    const asOf = checkDate('asOf', opts.asOf);
    k = indexOfDate(dates, asOf);
    if (k < 0) throw new UserError(singleAsOfProblem(series.symbol, asOf, dates));
  }
  const asOf = dates[k];
  if (!isPriceSeries(series)) {
    const unknown: string[] = [];
    for (let i = 0; i <= k; i++) if (!Number.isFinite(diff[i])) unknown.push(dates[i]);
    if (unknown.length > 0)
      notes.push(`${unknown.length} session(s) without a value end any streak: ${preview(unknown)}`);
  }
  const r = isPriceSeries(series) ? 'close[t]/close[t−1] − 1' : 'return[t]';
  return buildResult(series.symbol, '0', dates, diff, k, direction, min, {
    series: [seriesEntry(series, dates[0], asOf)],
    formula: `a session qualifies when ${r} ${positive ? '>' : '<'} 0 strictly (zero or unknown ends the streak)`,
    excludedDates: [],
    notes,
  });
}

function buildResult(
  a: string,
  b: string,
  dates: string[],
  diff: Float64Array,
  k: number,
  direction: Direction,
  min: number,
  provenance: AnalyticProvenance,
): StreakResult {
  let first = -1;
  for (let i = 0; i < diff.length; i++) {
    if (!Number.isNaN(diff[i])) {
      first = i;
      break;
    }
  }
  if (first < 0) throw new UserError(`${a} vs ${b}: no session has a comparable return`, 'not_found');
  if (k < first)
    throw new UserError(
      `asOf ${dates[k]} is before the first comparable session of ${a} vs ${b} (${dates[first]})`,
    );
  const runs = streakRuns(diff, direction, k);
  const s = summarizeRuns(runs, k);
  const toStreak = (r: number): Streak => ({
    length: runs.length[r],
    start: dates[runs.start[r]],
    end: dates[runs.start[r] + runs.length[r] - 1],
  });
  const history: Streak[] = [];
  for (let r = runs.count - 1; r >= 0; r--) if (runs.length[r] >= min) history.push(toStreak(r));
  const tiedWith: Streak[] = [];
  let tiedCount = 0;
  if (s.current >= 0)
    for (let r = s.current - 1; r >= 0; r--)
      if (runs.length[r] === s.currentLength && tiedCount++ < 10) tiedWith.push(toStreak(r));
  const span = (x: Streak) => (x.start === x.end ? x.start : `${x.start}..${x.end}`);
  const rankText =
    s.rank > 0
      ? `rank ${s.rank}${tiedCount ? `, tied with ${tiedWith.slice(0, 3).map(span).join(', ')}${tiedCount > 3 ? ` and ${tiedCount - 3} more` : ''}` : ''}`
      : null;
  let zeroSessions = 0;
  for (let i = first; i <= k; i++) if (diff[i] === 0) zeroSessions++;
  const out: StreakResult = {
    a,
    b,
    asOf: dates[k],
    current: s.current >= 0 ? toStreak(s.current) : { length: 0, start: null, end: null },
    longestSince: s.longestSince >= 0 ? toStreak(s.longestSince) : null,
    rank: s.rank > 0 ? s.rank : null,
    tiedWith,
    tiedCount,
    rankText,
    zeroSessions,
    history,
    dataStart: dates[first],
    provenance,
  };
  if (zeroSessions > 0) {
    out.ifZerosSkipped = zerosSkipped(dates, diff, k, direction);
    provenance.notes.push(
      `${zeroSessions} session(s) with a difference of exactly 0 end a streak (a tie; two-decimal data round small moves to 0.00); with them skipped instead the current streak would be ${out.ifZerosSkipped.current.length} session(s)${out.ifZerosSkipped.rank ? `, rank ${out.ifZerosSkipped.rank}` : ''}`,
    );
  }
  return out;
}

/** The same summary with exact-zero sessions left out (they neither end nor extend a streak). */
function zerosSkipped(dates: string[], diff: Float64Array, k: number, direction: Direction): NonNullable<StreakResult['ifZerosSkipped']> {
  const keep: number[] = [];
  for (let i = 0; i <= k; i++) if (diff[i] !== 0) keep.push(i);
  const d2 = Float64Array.from(keep, (i) => diff[i]);
  const k2 = keep.length - 1;
  const rule = 'a session with a difference of exactly 0 neither ends nor extends a streak (skipped)';
  if (k2 < 0) return { rule, current: { length: 0, start: null, end: null }, longestSince: null, rank: null };
  const runs = streakRuns(d2, direction, k2);
  const s = summarizeRuns(runs, k2);
  // a run's dates span the skipped zeros inside it; its length counts the non-zero sessions only
  const toStreak = (r: number): Streak => ({
    length: runs.length[r],
    start: dates[keep[runs.start[r]]],
    end: dates[keep[runs.start[r] + runs.length[r] - 1]],
  });
  // (when asOf itself is a zero, the streak running into it is still the current one under this rule)
  return {
    rule,
    current: s.current >= 0 ? toStreak(s.current) : { length: 0, start: null, end: null },
    longestSince: s.longestSince >= 0 ? toStreak(s.longestSince) : null,
    rank: s.rank > 0 ? s.rank : null,
  };
}

export function checkDirection(d: unknown): Direction {
  if (d === undefined) return 'over';
  if (d !== 'over' && d !== 'under')
    throw new UserError(`direction must be 'over' or 'under', got '${String(d)}'`);
  return d;
}

function checkMin(min: unknown): number {
  if (min === undefined) return 1;
  if (typeof min !== 'number' || !Number.isInteger(min) || min < 1)
    throw new UserError(`min must be a whole number of sessions ≥ 1, got ${String(min)}`);
  return min;
}

/** Explains why `asOf` is not a common session of the pair. */
export function pairAsOfProblem(a: AnySeries, b: AnySeries, asOf: string, common: string[]): string {
  if (common.length > 0 && asOf < common[0])
    return `asOf ${asOf} is before the common data of ${a.symbol} and ${b.symbol} (first common session ${common[0]})`;
  if (common.length > 0 && asOf > common[common.length - 1])
    return `asOf ${asOf} is after the common data of ${a.symbol} and ${b.symbol} (last common session ${common[common.length - 1]})`;
  const lacking = [a, b].filter((s) => indexOfDate(s.dates, asOf) < 0).map((s) => s.symbol);
  if (lacking.length === 2) return `asOf ${asOf} is not a session in the data of ${a.symbol} or ${b.symbol}${neighbourSessions(common, asOf)}`;
  if (lacking.length === 1) return `asOf ${asOf} is not a session of ${lacking[0]}${neighbourSessions(common, asOf)}`;
  return `asOf ${asOf} has no value in ${a.symbol} or ${b.symbol}`;
}

function singleAsOfProblem(symbol: string, asOf: string, dates: string[]): string {
  if (asOf < dates[0]) return `asOf ${asOf} is before the data of ${symbol} (first date ${dates[0]})`;
  if (asOf > dates[dates.length - 1])
    return `asOf ${asOf} is after the data of ${symbol} (last date ${dates[dates.length - 1]})`;
  return `asOf ${asOf} is not a session of ${symbol}${neighbourSessions(dates, asOf)}`;
}

function preview(ds: string[]): string {
  return ds.length <= 5 ? ds.join(', ') : `${ds.slice(0, 5).join(', ')}, … (+${ds.length - 5} more)`;
}
