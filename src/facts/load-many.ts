/**
 * Many members' price series at once (universes: breadth, highs-lows, sectors by holdings,
 * contributions): one sources listing and one preferred-series read per chunk of symbols, instead of
 * `loadPriceLike` member by member. Each series is exactly what `loadPriceLike(store, symbol)` gives;
 * the symbols whose series `loadPrice` would change after reading it (a later-reaching stored source
 * of the same adjustment to chain, a documented basis splice to repair, a name that resolves to
 * another symbol) are decided from the listing and loaded the per-symbol way.
 */
import { UserError } from '../model/errors.ts';
import type { PriceSeries } from '../model/series.ts';
import { BASIS_STEPS } from '../sources/files/known-files.ts';
import type { MarketStore, SourceInfo } from '../store/store.ts';
import { canonicalSymbol, loadPriceLike } from './load.ts';

/** What the batched read may leave out: rows dated before `from` (the same rows as a full load, from that date on). */
export interface ManyRange {
  from?: string;
}

/** `loadPrice`'s last step: a series whose adjustment is unknown says so. */
function withAdjustmentNote(s: PriceSeries): PriceSeries {
  if (s.adjustment !== 'unknown') return s;
  return { ...s, notes: [...(s.notes ?? []), { kind: 'adjustment-unknown', series: s.symbol, source: s.source }] };
}

/**
 * True when `loadPrice` would do more than read the preferred source (or when the batched read cannot
 * tell): a documented splice, another source of the same adjustment reaching past the preferred
 * source's last row (`extendWithLaterSource`), or a bounded read with no rows (the series may end
 * before the range).
 */
function needsOwnLoad(s: PriceSeries, sources: SourceInfo[] | undefined, bounded: boolean): boolean {
  if (BASIS_STEPS[s.symbol] || !sources) return true;
  if (sources.find((x) => x.preferred)?.source !== s.source) return true;
  if (s.dates.length === 0) return bounded;
  const last = s.dates[s.dates.length - 1];
  return sources.some((x) => x.source !== s.source && x.last > last && x.adjustment === s.adjustment);
}

/** A many-series load and what the bounded callers need to check it (breadth-bounded.ts). */
export interface ManyLoad {
  series: Map<string, PriceSeries>;
  /** Names whose series came from the batched read with `range.from` when given (then only rows from that date on). */
  fromBatch: Set<string>;
  /** The sources listing of the names read in the batch (listSourcesMany). */
  sources: Record<string, SourceInfo[]>;
}

/**
 * The series of each name `loadPriceLike` can load, by name (names it cannot load — a UserError — are
 * absent, as `tryLoad` skips them). With `range.from`, a series read in the batch holds only its rows
 * from that date on (exactly the full series' rows from there); a series loaded the per-symbol way is
 * whole. Callers that bound must check that the rows they use are all there (see breadth-bounded.ts).
 */
export async function loadPriceMany(store: MarketStore, names: readonly string[], range: ManyRange = {}): Promise<Map<string, PriceSeries>> {
  return (await loadPriceManyWith(store, names, range)).series;
}

/** `loadPriceMany` with what it read in the batch; `listing` (listSourcesMany of the names) when the caller has it. */
export async function loadPriceManyWith(
  store: MarketStore,
  names: readonly string[],
  range: ManyRange = {},
  listing?: Record<string, SourceInfo[]>,
): Promise<ManyLoad> {
  const unique = [...new Set(names)];
  const direct = unique.filter((n) => canonicalSymbol(n) === n && !BASIS_STEPS[n]);
  const sources = listing ?? (direct.length ? await store.listSourcesMany(direct) : {});
  const bounded = range.from !== undefined;
  // Bounded: a series whose preferred source has no row from `from` on (by the listing, or by the read) is read whole.
  const pref = (n: string) => sources[n]?.find((x) => x.preferred);
  const early = new Set(bounded ? direct.filter((n) => (pref(n)?.rows ?? 0) > 0 && pref(n)!.last < range.from!) : []);
  const late = direct.filter((n) => !early.has(n));
  const batch = late.length ? await store.getPreferredSeriesMany(late, bounded ? { from: range.from } : undefined) : [];
  const read = new Map(batch.map((s) => [s.symbol, s]));
  const whole = new Set([...early, ...batch.filter((s) => bounded && s.dates.length === 0 && (pref(s.symbol)?.rows ?? 0) > 0).map((s) => s.symbol)]);
  if (whole.size) for (const s of await store.getPreferredSeriesMany([...whole])) read.set(s.symbol, s);
  const out: ManyLoad = { series: new Map(), fromBatch: new Set(), sources };
  for (const n of unique) {
    const s = read.get(n);
    if (s && !needsOwnLoad(s, sources[n], bounded && !whole.has(n))) {
      out.series.set(n, withAdjustmentNote(s));
      if (!whole.has(n)) out.fromBatch.add(n);
      continue;
    }
    try {
      out.series.set(n, await loadPriceLike(store, n));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  return out;
}
