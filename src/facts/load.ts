/** Resolve a user-given name to a stored series and load it: price symbols first, then named series (factors). */
import { applyBasisSteps, stepFactorFromReference } from '../analytics/basis-repair.ts';
import { returnsToIndex } from '../analytics/returns-index.ts';
import type { PriceSeries, ReturnSeries } from '../model/series.ts';
import { UserError } from '../model/errors.ts';
import { BASIS_STEPS } from '../sources/files/known-files.ts';
import type { MarketStore } from '../store/store.ts';

/** Common spellings of index symbols. */
const SYMBOL_ALIASES: Record<string, string> = {
  RUT: '^RUT', RTY: '^RUT', 'RUSSELL 2000': '^RUT', GSPC: '^GSPC', SPX: '^GSPC', 'S&P 500': '^GSPC',
  RUT_INDEX: '^RUT', GSPC_INDEX: '^GSPC',
};

export type Loaded = { kind: 'price'; series: PriceSeries } | { kind: 'returns'; series: ReturnSeries };

export async function resolveName(store: MarketStore, name: string): Promise<{ kind: 'price' | 'returns'; id: string }> {
  const raw = name.trim();
  if (!raw) throw new UserError('empty symbol', 'bad_input');
  const upper = SYMBOL_ALIASES[raw.toUpperCase()] ?? raw.toUpperCase();
  const found = await store.resolveName({ symbol: upper, series: raw });
  if (found) return found;
  throw new UserError(`unknown symbol or series '${name}' (see \`marketdash db info\`)`, 'not_found');
}

/**
 * The preferred price series of a symbol, with documented adjustment-basis splices repaired: the
 * factor comes from a single-snapshot second source (adjusted closes) when one is stored, else from
 * the step the data notes give. Each repair is noted on the series for provenance.
 */
export async function loadPrice(store: MarketStore, symbol: string): Promise<PriceSeries> {
  const s = await store.getPriceSeries(symbol);
  const known = BASIS_STEPS[symbol];
  if (!known || known.source !== s.source) return s;
  const refs: PriceSeries[] = [];
  for (const src of await store.listSources(symbol)) {
    if (src.source === s.source) continue;
    const r = await store.getPriceSeries(symbol, { source: src.source, useAdjClose: true });
    if (r.adjustment === 'split+dividend') refs.push(r);
  }
  const steps = known.steps.map((st) => {
    for (const ref of refs) {
      const f = stepFactorFromReference(s, ref, st.date);
      if (f !== null) return { date: st.date, factor: f, how: `factor measured against ${ref.source} adjusted closes, 10 sessions each side` };
    }
    return { date: st.date, factor: 1 + st.approxPct / 100, how: `no second source to measure it; the data notes' step of ${st.approxPct}% used` };
  });
  return applyBasisSteps(s, steps);
}

/** Merge the load-time notes of the series used into a result's provenance notes. */
export function withSeriesNotes<T>(result: T, series: object[]): T {
  const extra = series.flatMap((s) => (s as { notes?: string[] }).notes ?? []);
  const prov = (result as { provenance?: { notes?: string[] } }).provenance;
  if (extra.length && prov) prov.notes = [...(prov.notes ?? []), ...extra];
  return result;
}

export async function loadAny(store: MarketStore, name: string): Promise<Loaded> {
  const r = await resolveName(store, name);
  if (r.kind === 'price') return { kind: 'price', series: await loadPrice(store, r.id) };
  return { kind: 'returns', series: await store.getReturnSeries(r.id, 'D') };
}

/** A price-like series: prices as stored, or a growth-of-$1 index built from a return series. */
export async function loadPriceLike(store: MarketStore, name: string): Promise<PriceSeries> {
  const l = await loadAny(store, name);
  return l.kind === 'price' ? l.series : returnsToIndex(l.series);
}

/**
 * A given as-of date must not be after every series' last session: "no data yet" is the caller's
 * mistake (bad input naming the date), not a missing symbol.
 */
export function checkAsOfInData(asOf: string | undefined, series: { symbol: string; dates: string[] }[], what: string): void {
  if (asOf === undefined || series.length === 0) return;
  const last = series.map((s) => s.dates[s.dates.length - 1] ?? '').sort().at(-1)!;
  if (asOf > last) throw new UserError(`asOf ${asOf} is after the last session of ${what} (${last})`, 'bad_input');
}

/** Latest date common to all series (the default as-of). */
export function latestCommonDate(series: { symbol: string; dates: string[] }[]): string {
  let last = '9999-12-31';
  for (const s of series) {
    if (s.dates.length === 0) throw new UserError(`${s.symbol}: no data`, 'not_found');
    const d = s.dates[s.dates.length - 1];
    if (d < last) last = d;
  }
  return last;
}
