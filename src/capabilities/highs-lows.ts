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

/** The counts for the last `sessions` sessions ending at `asOf` (pure; `series` as loaded). */
export function newHighsLows(
  series: readonly PriceSeries[],
  opts: { window: number; sessions: number; asOf: string; universe: string; members: number },
): HighsLowsResult {
  const n = opts.window;
  const clean = series.map((s) => {
    const dates: string[] = [];
    const close: number[] = [];
    s.dates.forEach((d, i) => {
      if (Number.isFinite(s.close[i])) {
        dates.push(d);
        close.push(s.close[i]);
      }
    });
    return { s, dates, close, at: new Map(dates.map((d, i) => [d, i])) };
  });
  const calendar = [...new Set(clean.flatMap((c) => c.dates))].filter((d) => d <= opts.asOf).sort();
  if (calendar.length === 0) throw new UserError(`no member of ${opts.universe} has a close on or before ${opts.asOf}`, 'not_found');
  const days = calendar.slice(-opts.sessions);
  const latest = { date: days[days.length - 1], highs: [] as string[], lows: [] as string[] };
  const rows = days.map((date): HighsLowsRow => {
    const row = { date, highs: 0, lows: 0, eligible: 0, insufficient: 0 };
    for (const c of clean) {
      const i = c.at.get(date);
      if (i === undefined) continue;
      if (i < n - 1) {
        row.insufficient++;
        continue;
      }
      row.eligible++;
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      for (let k = i - n + 1; k < i; k++) {
        if (c.close[k] > hi) hi = c.close[k];
        if (c.close[k] < lo) lo = c.close[k];
      }
      const high = c.close[i] > hi;
      const low = c.close[i] < lo;
      if (high) row.highs++;
      if (low) row.lows++;
      if (date === latest.date && high) latest.highs.push(c.s.symbol);
      if (date === latest.date && low) latest.lows.push(c.s.symbol);
    }
    return row;
  });
  latest.highs.sort();
  latest.lows.sort();
  return {
    universe: opts.universe,
    window: n,
    asOf: latest.date,
    members: opts.members,
    withData: clean.filter((c) => c.dates.length > 0).length,
    rows,
    latest,
    provenance: {
      series: clean
        .filter((c) => c.dates.length > 0)
        .map((c) => ({ symbol: c.s.symbol, source: c.s.source, adjustment: c.s.adjustment, first: c.dates[0], last: c.dates[c.dates.length - 1] })),
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
