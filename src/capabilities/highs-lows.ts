/**
 * New highs / new lows: per session, how many members of a universe closed at a new N-session high
 * or low. Conventions (the same as breadth's 52-week highs/lows, breadth.ts):
 * - sessions = dates on which at least one member has a finite close, up to the as-of date;
 * - a member counts on a session only with a close that day and at least N finite closes up to it
 *   (its own closes: a missing day is skipped, not filled);
 * - new high: the close is strictly above the highest of the member's previous N − 1 closes (new low:
 *   strictly below the lowest); equalling the prior extreme is neither. Close basis, not intraday.
 */
import { z } from 'zod';
import type { ResultProvenance } from '../analytics/series.ts';
import { checkAsOfInData } from '../facts/load.ts';
import { universeMembers } from '../facts/market.ts';
import { parseParams } from '../facts/params.ts';
import { table } from '../format/table.ts';
import { UserError } from '../model/errors.ts';
import type { PriceSeries } from '../model/series.ts';
import type { MarketStore } from '../store/store.ts';
import { capability, notes } from './types.ts';

export const HighsLowsParams = z.object({
  universe: z.string().min(1),
  window: z.coerce.number().int().min(2).max(2520).default(252),
  sessions: z.coerce.number().int().min(1).max(2520).default(21),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine((s) => {
      const t = Date.parse(`${s}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
    }, 'not a real calendar date')
    .optional(),
});

export interface HighsLowsRow {
  date: string;
  highs: number;
  lows: number;
  /** Members with a close that day and a full window of closes. */
  eligible: number;
  /** Members with a close that day but fewer than N closes so far. */
  insufficient: number;
}

export interface HighsLowsResult {
  universe: string;
  window: number;
  asOf: string;
  members: number;
  withData: number;
  rows: HighsLowsRow[];
  /** The as-of session's members at a new high / low, by symbol. */
  latest: { date: string; highs: string[]; lows: string[] };
  provenance: ResultProvenance & { notes?: string[] };
}

/** A member's finite closes, in date order (a missing or non-finite close is skipped, not filled). */
interface Closes {
  s: PriceSeries;
  dates: string[];
  close: Float64Array;
}

function finiteCloses(s: PriceSeries): Closes {
  if (s.close.every(Number.isFinite)) return { s, dates: s.dates, close: s.close };
  const dates: string[] = [];
  const close = new Float64Array(s.close.length);
  for (let i = 0; i < s.close.length; i++) {
    if (Number.isFinite(s.close[i])) {
      close[dates.length] = s.close[i];
      dates.push(s.dates[i]);
    }
  }
  return { s, dates, close: close.subarray(0, dates.length) };
}

/** First index of the sorted `dates` whose date is > `d` (`orEqual`: ≥ `d`). */
function bound(dates: string[], d: string, orEqual: boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < d || (!orEqual && dates[mid] === d)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The last `count` sessions on or before `asOf` (dates on which at least one member has a close). Only
 * each member's last `count` dates up to `asOf` are needed: a session among the last `count` of the
 * union has, in the member that holds it, fewer than `count` later dates up to `asOf`.
 */
function lastSessions(members: Closes[], asOf: string, count: number): string[] {
  const seen = new Set<string>();
  for (const c of members) {
    const end = bound(c.dates, asOf, false);
    for (let i = Math.max(0, end - count); i < end; i++) seen.add(c.dates[i]);
  }
  return [...seen].sort().slice(-count);
}

/**
 * For each of the ascending positions `at[0..count)` (each ≥ w): bit 1 when `values` there is above the
 * highest of the w values before it, bit 2 when below the lowest. The window's extremes are kept in two
 * monotonic queues of positions, each value entering and leaving each once: the same extremes as a
 * scan of the w values, in time linear in the positions covered rather than w per position.
 */
function marks(values: Float64Array, at: Int32Array, count: number, w: number, out: Uint8Array): void {
  const maxQ = new Int32Array(values.length);
  const minQ = new Int32Array(values.length);
  let maxHead = 0;
  let maxTail = 0;
  let minHead = 0;
  let minTail = 0;
  let next = 0;
  for (let k = 0; k < count; k++) {
    const i = at[k];
    const from = i - w;
    if (next < from) {
      maxHead = maxTail = minHead = minTail = 0;
      next = from;
    }
    for (; next < i; next++) {
      const v = values[next];
      while (maxTail > maxHead && values[maxQ[maxTail - 1]] <= v) maxTail--;
      maxQ[maxTail++] = next;
      while (minTail > minHead && values[minQ[minTail - 1]] >= v) minTail--;
      minQ[minTail++] = next;
    }
    while (maxQ[maxHead] < from) maxHead++;
    while (minQ[minHead] < from) minHead++;
    out[k] = (values[i] > values[maxQ[maxHead]] ? 1 : 0) | (values[i] < values[minQ[minHead]] ? 2 : 0);
  }
}

/**
 * The counts for the last `sessions` sessions ending at `asOf` (pure; `series` as loaded). Each member's
 * closes are walked once, with the window's extremes kept in queues, rather than its N − 1 previous
 * closes read again for every session (the panel's 505 members × 252 sessions × 251 closes).
 */
export function newHighsLows(
  series: readonly PriceSeries[],
  opts: { window: number; sessions: number; asOf: string; universe: string; members: number },
): HighsLowsResult {
  const n = opts.window;
  const clean = series.map(finiteCloses);
  const days = lastSessions(clean, opts.asOf, opts.sessions);
  if (days.length === 0) throw new UserError(`no member of ${opts.universe} has a close on or before ${opts.asOf}`, 'not_found');
  const latest = { date: days[days.length - 1], highs: [] as string[], lows: [] as string[] };
  const rows = days.map((date): HighsLowsRow => ({ date, highs: 0, lows: 0, eligible: 0, insufficient: 0 }));
  const at = new Int32Array(days.length);
  const row = new Int32Array(days.length);
  const mark = new Uint8Array(days.length);
  for (const c of clean) {
    // The member's positions on the listed sessions (both in date order): a merge walk.
    let count = 0;
    let i = bound(c.dates, days[0], true);
    for (let r = 0; r < days.length && i < c.dates.length; r++) {
      // No close on this session: the member's next date is a later listed one (each of its dates up to as-of is a session).
      if (c.dates[i] !== days[r]) continue;
      if (i < n - 1) rows[r].insufficient++;
      else {
        at[count] = i;
        row[count++] = r;
      }
      i++;
    }
    marks(c.close, at, count, n - 1, mark);
    for (let k = 0; k < count; k++) {
      const x = rows[row[k]];
      x.eligible++;
      if (mark[k] & 1) x.highs++;
      if (mark[k] & 2) x.lows++;
      if (row[k] === days.length - 1 && mark[k] & 1) latest.highs.push(c.s.symbol);
      if (row[k] === days.length - 1 && mark[k] & 2) latest.lows.push(c.s.symbol);
    }
  }
  latest.highs.sort();
  latest.lows.sort();
  const withData = clean.filter((c) => c.dates.length > 0);
  return {
    universe: opts.universe,
    window: n,
    asOf: latest.date,
    members: opts.members,
    withData: withData.length,
    rows,
    latest,
    provenance: {
      series: withData.map((c) => ({ symbol: c.s.symbol, source: c.s.source, adjustment: c.s.adjustment, first: c.dates[0], last: c.dates[c.dates.length - 1] })),
      formula: `new high on t: close_t > max(previous ${n - 1} closes of the member); new low: close_t < min(same); needs a close on t and ${n} closes`,
    },
  };
}

export async function highsLowsFacts(store: MarketStore, raw: unknown): Promise<HighsLowsResult> {
  const p = parseParams(HighsLowsParams, raw);
  const u = await universeMembers(store, p.universe);
  if (u.series.length === 0) throw new UserError(`no price data for any member of ${u.label}`, 'not_found');
  checkAsOfInData(p.asOf, u.series, u.label);
  const asOf = p.asOf ?? u.series.map((s) => s.dates[s.dates.length - 1]).sort().at(-1)!;
  return newHighsLows(u.series, { window: p.window, sessions: p.sessions, asOf, universe: u.label, members: u.members.length });
}

export default capability<HighsLowsResult>({
  name: 'highs-lows',
  summary: 'New N-session highs and lows per session across a universe',
  description: 'per session, the number of members at a new N-session closing high / low: panel (5-year S&P panel) or a holdings fund',
  params: HighsLowsParams,
  args: [{ field: 'universe' }],
  help: {
    window: 'sessions in the high/low window, the session itself included',
    sessions: 'how many sessions to list, ending at the as-of date',
  },
  facts: highsLowsFacts,
  render: (r) =>
    [
      `${r.universe}: new ${r.window}-session closing highs and lows, ${r.rows[0].date} → ${r.asOf}`,
      table(['session', 'new highs', 'new lows', 'eligible', 'too short'], r.rows.map((x) => [x.date, x.highs, x.lows, x.eligible, x.insufficient])),
      '',
      `${r.latest.date}: highs ${r.latest.highs.join(', ') || '—'}; lows ${r.latest.lows.join(', ') || '—'}`,
      '',
      notes(r.provenance),
    ].join('\n'),
  examples: {
    contract: { universe: 'IWM', window: '63', sessions: '5', asOf: '2026-05-05' },
    symbolField: 'universe',
    bench: [{ query: { universe: 'panel', window: '252', sessions: '252' }, slow: true }],
  },
});
