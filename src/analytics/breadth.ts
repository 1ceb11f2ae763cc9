/**
 * Market breadth for a universe of members (a holdings snapshot's members or a panel of stocks).
 *
 * Conventions (all close-to-close, on the closes as given: price-only series give price breadth):
 * - Sessions = the union of the members' dates (or `calendar` when given). `asOf` resolves to the
 *   last session on or before it (an asOf after the last session in the data is an error). The
 *   period's base session comes from perf.ts `periodBounds` applied to that calendar, so breadth and
 *   performance agree: `ytd` = base is the last session before 1 January; `{from}` = base is the last
 *   session BEFORE `from` (the move on `from` is included); the period always ends at asOf.
 * - Period: a member "has data" when it has a close on both the base session and the asOf session.
 *   shareUp = members up (close_asOf > close_base) / members with data. Members without data are
 *   listed in `missing` with the reason; nothing is filled or guessed.
 * - Per session t (each session after the base, through asOf): a member advances when
 *   close_t > close_{t−1}, declines when lower, is unchanged when equal; t−1 is the previous session
 *   of the calendar. A member without a close on either of the two sessions is not counted that
 *   session (every universe member with both closes is counted, including members missing the
 *   period's base). The A/D line is the running sum of (advancers − decliners) from the first
 *   session after the base. The top-level advancers/decliners/unchanged are those of the asOf session.
 * - Moving averages use each member's own last N closes up to and including asOf (its trading days;
 *   a member with gaps spans more calendar sessions). A member needs a close on asOf and ≥ N closes
 *   to be eligible, else it is listed as insufficient. "Above" means close_asOf > SMA_N (strictly).
 * - New 52-week highs/lows, close basis: the asOf close is strictly above the highest (below the
 *   lowest) of the member's previous 251 closes, i.e. a 252-session window including asOf. Equalling
 *   the prior extreme is not a new high/low. Needs 252 closes, else insufficient. Intraday highs and
 *   lows (what exchanges publish) can differ from the close basis.
 */
import { UserError } from '../model/errors.ts';
import { checkDate } from './input-checks.ts';
import type { PeriodSpec } from './perf.ts';
import { periodBounds } from './perf.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import type { PriceSeries } from './series.ts';
import { indexOfDate, lastIndexOnOrBefore } from './session-search.ts';
import { trailingMean } from './moving-average.ts';

export interface BreadthInput {
  /** Label, e.g. `S&P 500 (2018 members)` or `IWM holdings 2026-05-05`. */
  universe: string;
  /** Member symbols. */
  members: readonly string[];
  /** Price series; members without one are listed as missing. Series of non-members are ignored. */
  series: readonly PriceSeries[];
  /** Period: a named period (`ytd`, `1m`, …) or `{from}`; it ends at asOf. */
  period: PeriodSpec;
  /** As-of date (period end; moving averages and 52-week highs/lows are taken on it). */
  asOf: string;
  /** Session calendar (ascending ISO dates); default: union of the members' dates. */
  calendar?: readonly string[];
}

export interface MaBreadth {
  window: number;
  count: number;
  eligible: number;
  /** count / eligible, null when no member is eligible. */
  share: number | null;
  /** Members with a close on asOf but fewer than `window` closes. */
  insufficient: string[];
}

export interface HighLowBreadth {
  count: number;
  symbols: string[];
  eligible: number;
  insufficient: string[];
}

export interface AdSession {
  date: string;
  advancers: number;
  decliners: number;
  unchanged: number;
  cumulative: number;
}

export interface MissingMember {
  symbol: string;
  reason: string;
}

export interface BreadthResult {
  universe: string;
  asOf: string;
  period: { start: string; end: string };
  requested: { period: string; asOf: string };
  members: number;
  withData: number;
  missing: MissingMember[];
  up: number;
  down: number;
  flat: number;
  shareUp: number | null;
  advancers: number;
  decliners: number;
  unchanged: number;
  adLine: AdSession[];
  above50: MaBreadth;
  above200: MaBreadth;
  newHighs: HighLowBreadth;
  newLows: HighLowBreadth;
  provenance: AnalyticProvenance;
}

export const HIGH_LOW_WINDOW = 252;

/** A member's finite closes only (NaN = missing is dropped), dates ascending. */
interface Clean {
  s: PriceSeries;
  dates: string[];
  close: Float64Array;
}

function clean(s: PriceSeries): Clean {
  if (s.dates.length !== s.close.length) {
    throw new UserError(`${s.symbol}: ${s.dates.length} dates but ${s.close.length} closes`);
  }
  const dates: string[] = [];
  const vals: number[] = [];
  for (let i = 0; i < s.dates.length; i++) {
    if (i > 0 && !(s.dates[i] > s.dates[i - 1])) {
      throw new UserError(`${s.symbol}: dates are not strictly ascending at ${s.dates[i]}`);
    }
    const c = s.close[i];
    if (Number.isFinite(c)) {
      dates.push(s.dates[i]);
      vals.push(c);
    }
  }
  return { s, dates, close: Float64Array.from(vals) };
}

function unionDates(list: Clean[]): string[] {
  const set = new Set<string>();
  for (const m of list) for (const d of m.dates) set.add(d);
  return [...set].sort();
}

function closeOn(m: Clean, date: string): number | null {
  const i = indexOfDate(m.dates, date);
  return i < 0 ? null : m.close[i];
}

type Members = { memberList: string[]; bySymbol: Map<string, Clean> };

/** The members (each once) and their cleaned series (members' only). */
function membersOf(input: BreadthInput): Members {
  const { universe } = input;
  if (!input.members || input.members.length === 0)
    throw new UserError(`universe ${universe}: no members given`);
  const memberList: string[] = [];
  const memberSet = new Set<string>();
  for (const m of input.members) {
    if (memberSet.has(m)) throw new UserError(`universe ${universe}: member ${m} is listed twice`);
    memberSet.add(m);
    memberList.push(m);
  }
  const bySymbol = new Map<string, Clean>();
  for (const s of input.series) {
    if (!memberSet.has(s.symbol)) continue;
    if (bySymbol.has(s.symbol)) throw new UserError(`universe ${universe}: two price series for ${s.symbol}`);
    bySymbol.set(s.symbol, clean(s));
  }
  return { memberList, bySymbol };
}

/** The session calendar, and the period's base and end sessions on it. */
function periodOn(input: BreadthInput, bySymbol: Map<string, Clean>) {
  const { universe, asOf } = input;
  const cal = input.calendar ? [...input.calendar] : unionDates([...bySymbol.values()]);
  if (cal.length === 0) throw new UserError(`universe ${universe}: no member has any price data`);
  for (let i = 1; i < cal.length; i++) {
    if (!(cal[i] > cal[i - 1])) throw new UserError(`calendar is not strictly ascending at ${cal[i]}`);
  }
  const last = cal[cal.length - 1];
  if (asOf > last) {
    throw new UserError(`asOf ${asOf} is after the last session in the data (${last})`, 'bad_input');
  }
  const asOfIdx = lastIndexOnOrBefore(cal, asOf);
  if (asOfIdx < 0)
    throw new UserError(`asOf ${asOf} is before the first session in the data (${cal[0]})`, 'not_found');
  const period = input.period;
  let spec: PeriodSpec;
  let periodLabel: string;
  if (typeof period === 'object' && period !== null) {
    if (period.to !== undefined && period.to !== asOf) {
      throw new UserError(`breadth: the period ends at asOf (${asOf}); got to = ${period.to}`);
    }
    spec = { from: period.from, to: cal[asOfIdx] };
    periodLabel = `${period.from}..${asOf}`;
  } else {
    spec = period;
    periodLabel = String(period);
  }
  const bounds = periodBounds(spec, cal[asOfIdx], cal, `universe ${universe}`);
  return { cal, bounds, periodLabel, startIdx: bounds.startIndex, endIdx: bounds.endIndex, baseDate: cal[bounds.startIndex], endDate: cal[bounds.endIndex] };
}

/** Up/down over the period: members with a close on the base and the end session; the others listed as missing. */
function upDown({ memberList, bySymbol }: Members, baseDate: string, endDate: string) {
  const missing: MissingMember[] = [];
  let up = 0;
  let down = 0;
  let flat = 0;
  let withData = 0;
  for (const sym of memberList) {
    const m = bySymbol.get(sym);
    if (!m) {
      missing.push({ symbol: sym, reason: 'no price series' });
      continue;
    }
    const c0 = closeOn(m, baseDate);
    const c1 = closeOn(m, endDate);
    if (c0 === null || c1 === null) {
      const why: string[] = [];
      if (c0 === null) why.push(`no close on ${baseDate}`);
      if (c1 === null) why.push(`no close on ${endDate}`);
      missing.push({ symbol: sym, reason: why.join('; ') });
      continue;
    }
    withData++;
    if (c1 > c0) up++;
    else if (c1 < c0) down++;
    else flat++;
  }
  return { missing, up, down, flat, withData };
}

/** Advancers/decliners per calendar session from the one after the base to the end, and their running sum. */
function adLineOf(bySymbol: Map<string, Clean>, cal: string[], startIdx: number, endIdx: number): AdSession[] {
  const baseDate = cal[startIdx];
  const span = endIdx - startIdx + 1;
  const adv = new Int32Array(span);
  const dec = new Int32Array(span);
  const unch = new Int32Array(span);
  for (const m of bySymbol.values()) {
    // member closes mapped onto calendar sessions startIdx..endIdx (NaN = none)
    const row = new Float64Array(span).fill(Number.NaN);
    let j = lastIndexOnOrBefore(m.dates, baseDate);
    if (j < 0) j = 0;
    for (let k = 0; k < span && j < m.dates.length; k++) {
      const d = cal[startIdx + k];
      while (j < m.dates.length && m.dates[j] < d) j++;
      if (j < m.dates.length && m.dates[j] === d) row[k] = m.close[j];
    }
    for (let k = 1; k < span; k++) {
      const a = row[k - 1];
      const b = row[k];
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      if (b > a) adv[k]++;
      else if (b < a) dec[k]++;
      else unch[k]++;
    }
  }
  const adLine: AdSession[] = [];
  let cum = 0;
  for (let k = 1; k < span; k++) {
    cum += adv[k] - dec[k];
    adLine.push({ date: cal[startIdx + k], advancers: adv[k], decliners: dec[k], unchanged: unch[k], cumulative: cum });
  }
  return adLine;
}

/** Members above their N-session average on the end session; `noteFirst` records the first close each used. */
function maBreadth({ memberList, bySymbol }: Members, endDate: string, n: number, noteFirst: (sym: string, d: string) => void): MaBreadth {
  let count = 0;
  let eligible = 0;
  const insufficient: string[] = [];
  for (const sym of memberList) {
    const m = bySymbol.get(sym);
    if (!m) continue;
    const k = indexOfDate(m.dates, endDate);
    if (k < 0) continue;
    const mean = trailingMean(m.close, k, n);
    if (mean === null) {
      insufficient.push(sym);
      continue;
    }
    noteFirst(sym, m.dates[k - n + 1]);
    eligible++;
    if (m.close[k] > mean) count++;
  }
  return { window: n, count, eligible, share: eligible > 0 ? count / eligible : null, insufficient };
}

/** New 52-week closing highs and lows on the end session. */
function highsLowsOn({ memberList, bySymbol }: Members, endDate: string, noteFirst: (sym: string, d: string) => void) {
  const highs: string[] = [];
  const lows: string[] = [];
  const insufficient: string[] = [];
  let eligible = 0;
  for (const sym of memberList) {
    const m = bySymbol.get(sym);
    if (!m) continue;
    const k = indexOfDate(m.dates, endDate);
    if (k < 0) continue;
    if (k + 1 < HIGH_LOW_WINDOW) {
      insufficient.push(sym);
      continue;
    }
    eligible++;
    noteFirst(sym, m.dates[k - HIGH_LOW_WINDOW + 1]);
    let hi = -Infinity;
    let lo = Infinity;
    for (let i = k - HIGH_LOW_WINDOW + 1; i < k; i++) {
      if (m.close[i] > hi) hi = m.close[i];
      if (m.close[i] < lo) lo = m.close[i];
    }
    if (m.close[k] > hi) highs.push(sym);
    if (m.close[k] < lo) lows.push(sym);
  }
  return {
    newHighs: { count: highs.length, symbols: highs, eligible, insufficient },
    newLows: { count: lows.length, symbols: lows, eligible, insufficient },
  };
}

/** The series used, each from its first close used (period base, average or high/low window) to the end. */
function seriesUsed({ memberList, bySymbol }: Members, baseDate: string, endDate: string, firstUsed: Map<string, string>) {
  const series: AnalyticProvenance['series'] = [];
  const adjustments = new Set<string>();
  for (const sym of memberList) {
    const m = bySymbol.get(sym);
    if (!m || m.dates.length === 0) continue;
    const from = lastIndexOnOrBefore(m.dates, baseDate);
    const to = lastIndexOnOrBefore(m.dates, endDate);
    if (to < 0) continue;
    let first = m.dates[Math.max(0, from)];
    const f = firstUsed.get(sym);
    if (f !== undefined && f < first) first = f;
    series.push({ symbol: sym, source: m.s.source, adjustment: m.s.adjustment, first, last: m.dates[to] });
    adjustments.add(m.s.adjustment);
  }
  return { series, adjustments };
}

export function computeBreadth(input: BreadthInput): BreadthResult {
  const { universe, asOf } = input;
  checkDate('asOf', asOf);
  const members = membersOf(input);
  const { cal, bounds, periodLabel, startIdx, endIdx, baseDate, endDate } = periodOn(input, members.bySymbol);
  const period = upDown(members, baseDate, endDate);
  const adLine = adLineOf(members.bySymbol, cal, startIdx, endIdx);
  const lastAd = adLine[adLine.length - 1];

  // moving averages and 52-week highs/lows on asOf, members' own closes
  const firstUsed = new Map<string, string>();
  const noteFirst = (sym: string, d: string) => {
    const f = firstUsed.get(sym);
    if (f === undefined || d < f) firstUsed.set(sym, d);
  };
  const above50 = maBreadth(members, endDate, 50, noteFirst);
  const above200 = maBreadth(members, endDate, 200, noteFirst);
  const { newHighs, newLows } = highsLowsOn(members, endDate, noteFirst);
  const { series, adjustments } = seriesUsed(members, baseDate, endDate, firstUsed);
  const notes: string[] = [...bounds.notes];
  if (adjustments.size > 0 && !(adjustments.size === 1 && adjustments.has('split+dividend'))) {
    notes.push(`closes are adjusted as: ${[...adjustments].join(', ')}; price-only closes ignore dividends`);
  }
  if (endDate !== asOf) notes.push(`asOf ${asOf} is not a session; used ${endDate}`);

  return {
    universe,
    asOf: endDate,
    period: { start: baseDate, end: endDate },
    requested: { period: periodLabel, asOf },
    members: members.memberList.length,
    withData: period.withData,
    missing: period.missing,
    up: period.up,
    down: period.down,
    flat: period.flat,
    shareUp: period.withData > 0 ? period.up / period.withData : null,
    advancers: lastAd.advancers,
    decliners: lastAd.decliners,
    unchanged: lastAd.unchanged,
    adLine,
    above50,
    above200,
    newHighs,
    newLows,
    provenance: {
      series,
      formula:
        'shareUp = #(close_end > close_base)/#with data; A/D per session: close_t vs close_{t-1}; ' +
        'above MA: close_asOf > mean(last N closes); 52w high/low: close_asOf vs max/min of previous 251 closes',
      notes,
    },
  };
}
