/** Resolve a user-given name to a stored series and load it: price symbols first, then named series (factors). */
import type { BasisStep } from '../analytics/basis-repair.ts';
import { applyRepairs, repairFromDocumentedStep, repairsFromReference } from '../analytics/basis-repair.ts';
import { describeSeriesNote } from '../analytics/provenance-util.ts';
import { returnsToIndex } from '../analytics/returns-index.ts';
import type { PriceSeries, ReturnSeries, SeriesNote, SourceChoice, SpliceRepair } from '../model/series.ts';
import { UserError } from '../model/errors.ts';
import { BASIS_STEPS } from '../sources/files/known-files.ts';
import type { MarketStore, SourceInfo } from '../store/store.ts';

/** Common spellings of index symbols. */
const SYMBOL_ALIASES: Record<string, string> = {
  RUT: '^RUT', RTY: '^RUT', 'RUSSELL 2000': '^RUT', GSPC: '^GSPC', SPX: '^GSPC', 'S&P 500': '^GSPC',
  RUT_INDEX: '^RUT', GSPC_INDEX: '^GSPC',
};

export type Loaded = { kind: 'price'; series: PriceSeries } | { kind: 'returns'; series: ReturnSeries };

/** The symbol a user-given name asks for: trimmed, upper-cased, common index spellings mapped. */
export function canonicalSymbol(name: string): string {
  const raw = name.trim();
  return SYMBOL_ALIASES[raw.toUpperCase()] ?? raw.toUpperCase();
}

export async function resolveName(store: MarketStore, name: string): Promise<{ kind: 'price' | 'returns'; id: string }> {
  const raw = name.trim();
  if (!raw) throw new UserError('empty symbol', 'bad_input');
  const upper = canonicalSymbol(raw);
  const found = await store.resolveName({ symbol: upper, series: raw });
  if (found) return found;
  throw new UserError(`unknown symbol or series '${name}' (see \`marketdash db info\`)`, 'not_found');
}

/**
 * The price series analytics use for a symbol:
 * 1. the preferred source; when another stored source reaches a later date and agrees with it on
 *    their last shared sessions, the rows after the preferred source's end come from that source,
 *    chained at the preferred source's last date (or that source is used whole when it also covers
 *    the preferred source's start): a typed `SourceChoice` says so (see `extendWithLaterSource`);
 * 2. documented adjustment-basis splices repaired (analytics/basis-repair.ts): compared day by day
 *    with a single-snapshot second source (adjusted closes) when one is stored, else the step the
 *    data notes give. Each repair is a typed `SpliceRepair` on the series (and so in every result).
 * 3. an unknown adjustment (a user file imported without `--adjustment`) is noted.
 */
export async function loadPrice(store: MarketStore, symbol: string): Promise<PriceSeries> {
  const sources = await store.listSources(symbol);
  let s = await extendWithLaterSource(store, await store.getPriceSeries(symbol), sources);
  const known = BASIS_STEPS[symbol];
  if (known && known.source === s.source) s = applyRepairs(s, await spliceRepairs(store, s, sources, known.steps));
  if (s.adjustment === 'unknown') s = { ...s, notes: [...(s.notes ?? []), { kind: 'adjustment-unknown', series: s.symbol, source: s.source }] };
  return s;
}

async function spliceRepairs(store: MarketStore, s: PriceSeries, sources: SourceInfo[], steps: BasisStep[]): Promise<SpliceRepair[]> {
  for (const src of sources) {
    if (src.source === s.source) continue;
    const ref = await store.getPriceSeries(s.symbol, { source: src.source, useAdjClose: true });
    if (ref.adjustment !== 'split+dividend') continue;
    // The reference must cover every documented step to measure it.
    if (!steps.every((st) => ref.dates.length > 0 && ref.dates[0] < st.date && ref.dates[ref.dates.length - 1] >= st.date)) continue;
    const r = repairsFromReference(s, ref);
    if (r.rejected.length === 0 && r.shared > 0) return r.repairs;
  }
  return steps.flatMap((st) => repairFromDocumentedStep(s, st) ?? []);
}

/** Sessions checked, before the preferred source's end, for agreement with a later-reaching source. */
const CHAIN_OVERLAP = 20;
/** Largest relative spread of the close ratio on those sessions for the two to count as one series. */
const CHAIN_TOL = 0.001;

/**
 * When another stored source of the symbol ends later than the preferred one (e.g. ^RUT: the Aurum
 * file ends 2026-06-30, the heliar-k bars 2026-08-21) and the two agree on their last CHAIN_OVERLAP
 * shared sessions (close ratio within CHAIN_TOL of the ratio on the preferred source's last date),
 * the series is extended with that source's later rows × (preferred close ÷ other close on the
 * preferred source's last date). Among several, the one reaching the latest date wins. Sources of a
 * different adjustment are never chained.
 */
export async function extendWithLaterSource(store: MarketStore, s: PriceSeries, sources: SourceInfo[]): Promise<PriceSeries> {
  if (s.dates.length === 0) return s;
  const prefLast = s.dates[s.dates.length - 1];
  const later = sources
    .filter((x) => x.source !== s.source && x.last > prefLast && x.adjustment === s.adjustment)
    .sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
  for (const cand of later) {
    const o = await store.getPriceSeries(s.symbol, { source: cand.source });
    if (o.dates.length === 0 || o.dates[o.dates.length - 1] <= prefLast) continue;
    const chained = chainSeries(s, o);
    if (chained) return chained;
  }
  return s;
}

/** `s` followed by `o`'s rows after s's end, rescaled at s's last date; null when they disagree or do not overlap. */
export function chainSeries(s: PriceSeries, o: PriceSeries): PriceSeries | null {
  const prefLast = s.dates[s.dates.length - 1];
  const oIdx = new Map<string, number>();
  for (let j = 0; j < o.dates.length; j++) oIdx.set(o.dates[j], j);
  const jLast = oIdx.get(prefLast);
  if (jLast === undefined) return null;
  const factor = s.close[s.dates.length - 1] / o.close[jLast];
  if (!Number.isFinite(factor) || factor <= 0) return null;
  let overlap = 0;
  let maxDiff = 0;
  for (let i = s.dates.length - 1; i >= 0 && overlap < CHAIN_OVERLAP; i--) {
    const j = oIdx.get(s.dates[i]);
    if (j === undefined) continue;
    const d = Math.abs(s.close[i] / o.close[j] / factor - 1);
    if (!Number.isFinite(d)) return null;
    maxDiff = Math.max(maxDiff, d);
    overlap++;
  }
  if (overlap < CHAIN_OVERLAP || maxDiff > CHAIN_TOL) return null;
  const covers = o.dates[0] <= s.dates[0];
  const base = {
    kind: 'source-choice' as const,
    series: s.symbol,
    source: o.source,
    last: o.dates[o.dates.length - 1],
    preferred: s.source,
    preferredLast: prefLast,
    overlap,
    maxDiff,
  };
  if (covers) {
    const note: SourceChoice = { ...base, mode: 'replaced', from: o.dates[0], factor: 1 };
    return { ...o, notes: [...(s.notes ?? []), note] };
  }
  const n = s.dates.length;
  const m = o.dates.length - jLast - 1;
  const join = (a: Float64Array | null, b: Float64Array | null, scale: boolean) => {
    if (!a || !b) return null;
    const out = new Float64Array(n + m);
    out.set(a, 0);
    for (let k = 0; k < m; k++) out[n + k] = scale ? b[jLast + 1 + k] * factor : b[jLast + 1 + k];
    return out;
  };
  const note: SourceChoice = { ...base, mode: 'extended', from: o.dates[jLast + 1], factor };
  return {
    ...s,
    dates: [...s.dates, ...o.dates.slice(jLast + 1)],
    close: join(s.close, o.close, true) as Float64Array,
    open: join(s.open, o.open, true),
    high: join(s.high, o.high, true),
    low: join(s.low, o.low, true),
    volume: join(s.volume, o.volume, false),
    notes: [...(s.notes ?? []), note],
  };
}

export { describeSeriesNote };

/** Merge the load-time notes of the series used into a result's provenance: typed (`seriesNotes`) and as sentences (`notes`). */
export function withSeriesNotes<T>(result: T, series: object[]): T {
  const typed = series.flatMap((s) => (s as { notes?: SeriesNote[] }).notes ?? []);
  const prov = (result as { provenance?: { notes?: string[]; seriesNotes?: SeriesNote[] } }).provenance;
  if (typed.length && prov) {
    prov.seriesNotes = [...(prov.seriesNotes ?? []), ...typed];
    prov.notes = [...(prov.notes ?? []), ...typed.map(describeSeriesNote)];
  }
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
