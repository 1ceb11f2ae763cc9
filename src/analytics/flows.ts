/**
 * Fund flows over a window of N sessions ending at asOf, and "largest since".
 *
 * - Sessions = the union of the dates present in the selected funds' flow rows (or `calendar`).
 *   `asOf` resolves to the last session on or before it; an asOf after the last session is an error.
 * - A fund's window total = Σ of its daily flows over the N sessions. A session without a row for
 *   the fund makes that window incomplete (total null, the dates listed) — never filled — unless
 *   `missingAsZero` is set, which counts a missing day as 0 ONLY between the fund's first and last
 *   row (for sources that omit zero-flow days).
 * - Sum = Σ of the funds' window totals, defined only when every fund's window is complete.
 * - "Largest since": walking back one session at a time over the earlier N-session windows
 *   (rolling, so they may overlap the current one), the most recent window whose total was at least
 *   as large IN THE SAME DIRECTION: for an inflow (total > 0) a total ≥ it, for an outflow
 *   (total < 0) a total ≤ it (an outflow at least as big). The walk stops at the first incomplete
 *   window, so `null` means "largest of every window back to `comparedBackTo`" (the end date of the
 *   earliest window compared), which is the start of the data unless a gap stopped it. A zero total
 *   has no direction: largestSince null.
 */
import { UserError } from '../model/errors.ts';
import type { Flow } from '../model/types.ts';
import { checkDate } from './input-checks.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import { lastIndexOnOrBefore } from './session-search.ts';
import { lastAsExtreme } from './since.ts';

export interface FlowsInput {
  flows: readonly Flow[];
  asOf: string;
  /** N sessions. */
  window: number;
  /** Funds to report; default every fund in `flows`. */
  funds?: readonly string[];
  calendar?: readonly string[];
  missingAsZero?: boolean;
  /** Provenance label for the flow rows, e.g. `file:flows/etf_flows.csv`. */
  source?: string;
}

export interface LargestSince {
  /** Last session of that earlier window. */
  date: string;
  /** First session of that earlier window. */
  start: string;
  total: number;
}

export type FlowDirection = 'inflow' | 'outflow' | 'none';

export interface FlowRow {
  fund: string;
  /** USD over the window; null when the window is incomplete. */
  total: number | null;
  /** 1 = largest inflow; null when total is null. */
  rank: number | null;
  direction: FlowDirection | null;
  largestSince: LargestSince | null;
  /** End date of the earliest window compared (null when there was none). */
  comparedBackTo: string | null;
  missingSessions?: string[];
}

export interface FlowsResult {
  asOf: string;
  window: { sessions: number; start: string; end: string };
  rows: FlowRow[];
  sum: {
    total: number | null;
    direction: FlowDirection | null;
    largestSince: LargestSince | null;
    comparedBackTo: string | null;
    funds: number;
  };
  provenance: AnalyticProvenance;
}

function rolling(values: Float64Array, n: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let i = n - 1; i < values.length; i++) {
    let s = 0;
    let ok = true;
    for (let j = i - n + 1; j <= i; j++) {
      const v = values[j];
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      s += v;
    }
    if (ok) out[i] = s;
  }
  return out;
}

function direction(t: number): FlowDirection {
  return t > 0 ? 'inflow' : t < 0 ? 'outflow' : 'none';
}

function largestSince(
  totals: Float64Array,
  e: number,
  n: number,
  cal: readonly string[],
): { largestSince: LargestSince | null; comparedBackTo: string | null } {
  const t = totals[e];
  if (Number.isNaN(t) || t === 0) return { largestSince: null, comparedBackTo: null };
  // The walk back stops at the first incomplete window (NaN): compare only the windows after it.
  let lowest = n - 1;
  for (let j = e - 1; j >= n - 1; j--)
    if (Number.isNaN(totals[j])) {
      lowest = j + 1;
      break;
    }
  const j = lastAsExtreme(totals, e, t, lowest);
  if (j >= 0) return { largestSince: { date: cal[j], start: cal[j - n + 1], total: totals[j] }, comparedBackTo: cal[j] };
  return { largestSince: null, comparedBackTo: lowest <= e - 1 ? cal[lowest] : null };
}

/** Flow per fund and date; non-numeric flows and two rows for one fund and date are errors. */
function flowsByFund(flows: FlowsInput['flows']): Map<string, Map<string, number>> {
  const byFund = new Map<string, Map<string, number>>();
  for (const f of flows) {
    if (!Number.isFinite(f.flow)) throw new UserError(`flows: ${f.fund} ${f.date} has a non-numeric flow`);
    let m = byFund.get(f.fund);
    if (!m) {
      m = new Map();
      byFund.set(f.fund, m);
    }
    if (m.has(f.date)) throw new UserError(`flows: ${f.fund} has two rows for ${f.date}`);
    m.set(f.date, f.flow);
  }
  return byFund;
}

/** The funds' window totals added up per session; NaN where any fund's window is incomplete. */
function sumOfTotals(perFund: Map<string, Float64Array>, funds: string[], length: number, n: number): Float64Array {
  const sumTotals = new Float64Array(length).fill(Number.NaN);
  for (let i = n - 1; i < length; i++) {
    let s = 0;
    let ok = true;
    for (const f of funds) {
      const v = perFund.get(f)![i];
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      s += v;
    }
    if (ok) sumTotals[i] = s;
  }
  return sumTotals;
}

export function computeFlows(input: FlowsInput): FlowsResult {
  const n = input.window;
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`window must be a whole number of sessions ≥ 1, got ${n}`);
  checkDate('asOf', input.asOf);
  if (!input.flows || input.flows.length === 0) throw new UserError('flows: no flow rows given');

  const byFund = flowsByFund(input.flows);
  const funds = input.funds ? [...input.funds] : [...byFund.keys()].sort();
  if (funds.length === 0) throw new UserError('flows: no funds asked for');
  if (new Set(funds).size !== funds.length) throw new UserError('flows: a fund is listed twice');
  for (const f of funds)
    if (!byFund.has(f)) throw new UserError(`flows: no flow data for fund ${f}`, 'not_found');

  let cal: string[];
  if (input.calendar) cal = [...input.calendar];
  else {
    const set = new Set<string>();
    for (const f of funds) for (const d of byFund.get(f)!.keys()) set.add(d);
    cal = [...set].sort();
  }
  for (let i = 1; i < cal.length; i++) {
    if (!(cal[i] > cal[i - 1])) throw new UserError(`calendar is not strictly ascending at ${cal[i]}`);
  }
  const last = cal[cal.length - 1];
  if (input.asOf > last)
    throw new UserError(`asOf ${input.asOf} is after the last flow date (${last})`, 'bad_input');
  const e = lastIndexOnOrBefore(cal, input.asOf);
  if (e < 0) throw new UserError(`asOf ${input.asOf} is before the first flow date (${cal[0]})`, 'not_found');
  if (e - n + 1 < 0) {
    throw new UserError(`a ${n}-session window ending ${cal[e]} needs ${n} sessions; the data has ${e + 1}`);
  }

  const perFund = new Map<string, Float64Array>();
  const rows: FlowRow[] = [];
  const series: AnalyticProvenance['series'] = [];
  for (const fund of funds) {
    const m = byFund.get(fund)!;
    const dates = [...m.keys()].sort();
    const firstD = dates[0];
    const lastD = dates[dates.length - 1];
    const vals = new Float64Array(cal.length);
    for (let i = 0; i < cal.length; i++) {
      const v = m.get(cal[i]);
      if (v !== undefined) vals[i] = v;
      else vals[i] = input.missingAsZero && cal[i] > firstD && cal[i] < lastD ? 0 : Number.NaN;
    }
    const totals = rolling(vals, n);
    perFund.set(fund, totals);
    const total = Number.isNaN(totals[e]) ? null : totals[e];
    const row: FlowRow = {
      fund,
      total,
      rank: null,
      direction: total === null ? null : direction(total),
      ...largestSince(totals, e, n, cal),
    };
    if (total === null) {
      row.missingSessions = [];
      for (let i = e - n + 1; i <= e; i++) if (Number.isNaN(vals[i])) row.missingSessions.push(cal[i]);
    }
    rows.push(row);
    series.push({ symbol: fund, source: input.source ?? 'flows', first: firstD, last: lastD });
  }

  const sumTotals = sumOfTotals(perFund, funds, cal.length, n);
  const sumTotal = Number.isNaN(sumTotals[e]) ? null : sumTotals[e];

  rows.sort((a, b) => {
    if (a.total === null || b.total === null)
      return a.total === null ? (b.total === null ? (a.fund < b.fund ? -1 : 1) : 1) : -1;
    return b.total - a.total || (a.fund < b.fund ? -1 : 1);
  });
  let k = 0;
  for (const r of rows) if (r.total !== null) r.rank = ++k;

  const notes: string[] = [];
  if (cal[e] !== input.asOf) notes.push(`asOf ${input.asOf} has no flow data; window ends ${cal[e]}`);
  if (input.missingAsZero) notes.push("missing days inside a fund's data span counted as zero flow");
  if (sumTotal === null) notes.push("sum not available: at least one fund's window is incomplete");

  return {
    asOf: cal[e],
    window: { sessions: n, start: cal[e - n + 1], end: cal[e] },
    rows,
    sum: {
      total: sumTotal,
      direction: sumTotal === null ? null : direction(sumTotal),
      ...largestSince(sumTotals, e, n, cal),
      funds: funds.length,
    },
    provenance: {
      series,
      formula: `window total = Σ daily flow over ${n} sessions; largest since = latest earlier rolling window with total ≥ (inflow) or ≤ (outflow) the current`,
      notes,
    },
  };
}
