/**
 * Breadth over a holdings universe without reading every member's whole history: members are read
 * from a bound date D before the period (breadthBound), and the answer is kept only when it provably
 * equals the answer on whole histories; else the universe is read whole and computed again.
 *
 * Why the check below suffices (analytics/breadth.ts uses, per member, its closes from its last close
 * on or before the period's base session through the end, its last 252 closes up to the end — the
 * longest lookback, after 50 and 200 — and the union calendar):
 * - every member read in the batch holds all its rows from D on, so the union calendar from D on is
 *   the whole calendar's; when the base session is ≥ D and some session in [D, base) exists, the
 *   as-of session, the base (last session before the period start, or on or before the target) and
 *   the sessions of the A/D line are those of the whole calendar, with the same notes;
 * - a member that may lack rows before D (its preferred source starts before D) must have a close on
 *   or before the base (the same base close, A/D start and first row used) and, when it has a close on
 *   the end session, at least 252 closes up to it (the same averages, highs and lows and first close
 *   used). Members that fail this are read whole and the check is made again;
 * - any error on the bounded read: read whole, so the error (or answer) is the whole read's.
 * The "max" period needs the first session of the data: never bounded.
 */
import type { BreadthResult } from '../analytics/breadth.ts';
import { HIGH_LOW_WINDOW } from '../analytics/breadth.ts';
import type { PeriodSpec } from '../analytics/perf.ts';
import type { PriceSeries } from '../model/series.ts';
import type { MarketStore } from '../store/store.ts';
import { loadPriceMany, type ManyLoad } from './load-many.ts';

export interface Universe {
  label: string;
  members: string[];
  series: PriceSeries[];
  /** Set when members were read from `from` on: `truncated` are those that may lack rows before it. */
  bounded?: { from: string; truncated: Set<string> };
}

/** Calendar days read before the as-of date: 252 closes are about one year; two leave room for gaps. */
const LOOKBACK_DAYS = 732;
/** Calendar days read before the period start for its base session. */
const BASE_DAYS = 31;
/** Months before the as-of date each named period starts at most. */
const MONTHS: Record<string, number> = { '1w': 1, mtd: 1, qtd: 3, ytd: 12, '1m': 1, '3m': 3, '6m': 6, '1y': 12, '3y': 36, '5y': 60 };

const daysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The first date breadth reads for a period ending at `asOf`; undefined: read whole ("max", or an unknown period). */
export function breadthBound(period: PeriodSpec, asOf: string): string | undefined {
  if (!Number.isFinite(Date.parse(`${asOf}T00:00:00Z`))) return undefined;
  let start: string;
  if (typeof period === 'object') {
    if (!Number.isFinite(Date.parse(`${period.from}T00:00:00Z`))) return undefined;
    start = period.from < asOf ? period.from : asOf;
  } else {
    const months = MONTHS[period];
    if (months === undefined) return undefined;
    start = daysBefore(asOf, 31 * months);
  }
  const a = daysBefore(start, BASE_DAYS);
  const b = daysBefore(asOf, LOOKBACK_DAYS);
  return a < b ? a : b;
}

/** Members read in the batch whose preferred source has rows before `from`. */
export function truncatedFrom(load: ManyLoad, from: string): Set<string> {
  const out = new Set<string>();
  for (const m of load.fromBatch) {
    const pref = load.sources[m]?.find((x) => x.preferred);
    if (!pref || (pref.rows > 0 && !(pref.first >= from))) out.add(m);
  }
  return out;
}

/** Finite-close dates of a series (the closes breadth uses). */
function closeDates(s: PriceSeries): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.dates.length; i++) if (Number.isFinite(s.close[i])) out.push(s.dates[i]);
  return out;
}

/** 'whole' when the answer may differ from the whole read's; else the members to read whole (none: the answer stands). */
function check(r: BreadthResult, series: PriceSeries[], truncated: Set<string>, from: string): 'whole' | string[] {
  const base = r.period.start;
  if (base < from) return 'whole';
  const dated = series.map((s) => ({ s, d: closeDates(s) }));
  if (!dated.some(({ d }) => d.some((x) => x >= from && x < base))) return 'whole';
  const reload: string[] = [];
  for (const { s, d } of dated) {
    if (!truncated.has(s.symbol)) continue;
    const k = d.indexOf(r.period.end);
    if (!(d.length > 0 && d[0] <= base) || (k >= 0 && k + 1 < HIGH_LOW_WINDOW)) reload.push(s.symbol);
  }
  return reload;
}

/** The universe with `names` read whole (in place of their bounded series). */
async function readWhole(store: MarketStore, u: Universe, names: string[]): Promise<Universe> {
  const whole = await loadPriceMany(store, names);
  const truncated = new Set([...(u.bounded?.truncated ?? [])].filter((m) => !whole.has(m)));
  return { ...u, series: u.series.map((s) => whole.get(s.symbol) ?? s), bounded: u.bounded && { from: u.bounded.from, truncated } };
}

/**
 * `compute` on the bounded universe when the check above holds (reading the failing members whole
 * once), else `compute` on `whole()`.
 */
export async function boundedOrWhole(
  store: MarketStore,
  first: Universe,
  compute: (u: Universe) => BreadthResult,
  whole: () => Promise<Universe>,
): Promise<BreadthResult> {
  if (!first.bounded) return compute(first);
  const { from } = first.bounded;
  // Members with no close from `from` on count in the whole read (their last close may be the base's): read them whole first.
  const empty = first.series.filter((s) => first.bounded?.truncated.has(s.symbol) && closeDates(s).length === 0).map((s) => s.symbol);
  let u = empty.length ? await readWhole(store, first, empty) : first;
  for (let round = 0; round < 2; round++) {
    let r: BreadthResult;
    try {
      r = compute(u);
    } catch {
      break;
    }
    const c = check(r, u.series, u.bounded?.truncated ?? new Set(), from);
    if (c === 'whole') break;
    if (c.length === 0) return r;
    u = await readWhole(store, u, c);
  }
  return compute(await whole());
}
