/**
 * A read-only MarketStore answering from the read cache (read-cache-file.ts) without loading DuckDB:
 * the questions the fact commands and the reports ask are answered from the cached blocks, exactly as
 * the DuckDB store answers them (same series assembly, same orders; test
 * `read-cache-answers-like-the-store.test.ts`). Anything else — listings, writes, and every question
 * whose answer is an error (unknown symbol, no holdings…) — goes to the store itself, opened on first
 * need, so messages and exit codes stay the store's.
 */
import type { PriceSeries, ReturnSeries } from '../../model/series.ts';
import type { ImportBatch } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import type { Adjustment, Flow, Frequency, Fundamentals } from '../../model/types.ts';
import type {
  FundMembership,
  ImportRecord,
  MarketStore,
  DateRange,
  PriceQuery,
  ProvenanceQuery,
  ResolvedName,
  SeriesInfo,
  SeriesProvenance,
  SourceInfo,
  WriteOptions,
  WriteResult,
} from '../store.ts';
import { assemblePriceSeries } from './columnar-read.ts';
import { dayToIso, isoToDay } from '../../model/days.ts';
import { withPreferred } from './many-read.ts';
import { type BarBlock, barBlockLayout, CacheFile, type HoldingsAnswer, storeStamp } from './read-cache-file.ts';

interface Bars {
  days: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  adj: Float64Array;
  /** 1 = provisional; null when the block has none. */
  flags: Uint8Array | null;
}

/** A range bound as days (checked as the DuckDB store checks it). */
function dayOf(iso: string): number {
  const d = isoToDay(iso);
  if (Number.isNaN(d)) throw new UserError(`not a date: '${iso}' (expected YYYY-MM-DD)`, 'bad_input');
  return d;
}

const ascii = (s: string) => /^[\x20-\x7e]*$/.test(s);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class CachedStore implements MarketStore {
  readonly kind = 'duckdb' as const;
  private store: Promise<MarketStore> | null = null;
  /** Parsed blocks kept for the store's own use (never handed out: callers get fresh objects). */
  private members: Record<string, number[]> | null = null;
  private readonly snapshotRows = new Map<string, HoldingsAnswer['rows']>();

  private constructor(
    readonly location: string,
    private readonly file: CacheFile,
    private readonly openStore: () => Promise<MarketStore>,
  ) {}

  /** The cached store of `db` when its cache is present and fresh; else null. `open` opens the store itself. */
  static open(db: string, open: () => Promise<MarketStore>): CachedStore | null {
    const file = CacheFile.open(db);
    return file ? new CachedStore(db, file, open) : null;
  }

  private get h() {
    return this.file.header;
  }

  /** The stamp of the store the cache was built from (what a reader compares with the store file). */
  get stamp(): string {
    return this.h.stamp;
  }

  /** Whether the store file is still as it was when the cache was built. */
  isFresh(): boolean {
    return storeStamp(this.location) === this.h.stamp;
  }

  /** Close the cache file only: the store behind it (opened by someone else) stays open. */
  release(): void {
    this.file.close();
  }

  /** The store itself, for what the cache does not answer. */
  private fallback(): Promise<MarketStore> {
    this.store ??= this.openStore();
    return this.store;
  }

  private bars(b: BarBlock): Bars {
    const buf = this.file.bytes(b.at, barBlockLayout(b.n, b.prov).len);
    const { colsAt, flagsAt } = barBlockLayout(b.n, b.prov);
    const col = (k: number) => new Float64Array(buf, colsAt + 8 * b.n * k, b.n);
    return {
      days: new Int32Array(buf, 0, b.n),
      open: col(0), high: col(1), low: col(2), close: col(3), volume: col(4), adj: col(5),
      flags: b.prov > 0 ? new Uint8Array(buf, flagsAt, b.n) : null,
    };
  }

  /** Rows of a block as the store reads them: non-provisional ones unless asked, in date order. */
  private rowsOf(b: BarBlock | undefined, includeProvisional = false, span?: [number, number]) {
    if (!b) return { dates: [] as string[], x: null as Bars | null, keep: null as Int32Array | null };
    const x = this.bars(b);
    let keep: Int32Array | null = null;
    const [lo, hi] = span ?? [0, b.n];
    if ((x.flags && !includeProvisional) || span) {
      const k: number[] = [];
      for (let i = lo; i < hi; i++) if (includeProvisional || !x.flags || x.flags[i] === 0) k.push(i);
      keep = Int32Array.from(k);
    }
    const n = keep ? keep.length : b.n;
    const dates = new Array<string>(n);
    for (let i = 0; i < n; i++) dates[i] = dayToIso(x.days[keep ? keep[i] : i]);
    return { dates, x, keep };
  }

  async getPriceSeries(symbol: string, q: PriceQuery = {}): Promise<PriceSeries> {
    const sources = this.h.sources[symbol] ?? [];
    const src = q.source ? sources.find((x) => x.source === q.source) : sources[0];
    if (!src) return (await this.fallback()).getPriceSeries(symbol, q);
    return this.series(symbol, src.source, src.adjustment, this.h.bars[symbol]?.[src.source], q);
  }

  private series(symbol: string, source: string, adjustment: Adjustment, b: BarBlock | undefined, q: PriceQuery, span?: [number, number]): PriceSeries {
    const { dates, x, keep } = this.rowsOf(b, q.includeProvisional, span);
    const pick = (c: Float64Array | undefined) => {
      if (!c) return new Float64Array(0);
      if (!keep) return c.slice();
      const out = new Float64Array(keep.length);
      for (let i = 0; i < keep.length; i++) out[i] = c[keep[i]];
      return out;
    };
    const adj = pick(x?.adj);
    const close = pick(x?.close);
    if (q.useAdjClose) for (let i = 0; i < close.length; i++) if (!Number.isNaN(adj[i])) close[i] = adj[i];
    return assemblePriceSeries(symbol, source, adjustment, q.useAdjClose, {
      dates, open: pick(x?.open), high: pick(x?.high), low: pick(x?.low), close, volume: pick(x?.volume), adj,
    });
  }

  async getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]> {
    const out: PriceSeries[] = [];
    for (const sym of [...new Set(symbols)].sort(byString)) {
      const b = this.h.bars[sym]?.[source];
      if (!b || b.n - b.prov === 0) continue;
      const adjustment = this.h.sources[sym]?.find((x) => x.source === source)?.adjustment ?? 'split+dividend';
      out.push(this.series(sym, source, adjustment, b, {}));
    }
    return out;
  }

  async getPreferredSeriesMany(symbols: string[], range?: DateRange): Promise<PriceSeries[]> {
    const from = range?.from === undefined ? -Infinity : dayOf(range.from);
    const to = range?.to === undefined ? Infinity : dayOf(range.to);
    const out: PriceSeries[] = [];
    for (const [sym, src] of withPreferred(symbols, (x) => this.h.sources[x]?.[0])) {
      const b = this.h.bars[sym]?.[src.source];
      out.push(this.series(sym, src.source, src.adjustment, b, {}, b ? this.within(b, from, to) : undefined));
    }
    return out;
  }

  /** Positions [lo, hi) of a block's rows dated within [from, to] (days). */
  private within(b: BarBlock, from: number, to: number): [number, number] {
    const days = this.bars(b).days;
    const first = (d: number) => {
      let lo = 0;
      let hi = b.n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (days[mid] < d) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [from === -Infinity ? 0 : first(from), to === Infinity ? b.n : first(to + 1)];
  }

  async listSourcesMany(symbols: string[]): Promise<Record<string, SourceInfo[]>> {
    const out: Record<string, SourceInfo[]> = {};
    for (const sym of symbols) if (this.h.listSources[sym]?.length) out[sym] = await this.listSources(sym);
    return out;
  }

  async priceSymbols(): Promise<Set<string>> {
    return new Set(Object.keys(this.h.sources));
  }

  async listSources(symbol: string): Promise<SourceInfo[]> {
    return (this.h.listSources[symbol] ?? []).map((x) => ({ ...x }));
  }

  async hasSymbol(symbol: string): Promise<boolean> {
    return symbol in this.h.sources || symbol in this.h.seriesMeta;
  }

  async getReturnSeries(series: string, freq: Frequency = 'D'): Promise<ReturnSeries> {
    const list = this.h.obs[`${series}\u0000${freq}`];
    if (!(series in this.h.seriesMeta) || !list?.length) return (await this.fallback()).getReturnSeries(series, freq);
    const b = list[0];
    const buf = this.file.bytes(b.at, Math.ceil((4 * b.n) / 8) * 8 + 8 * b.n);
    const days = new Int32Array(buf, 0, b.n);
    return { symbol: series, source: b.source, dates: Array.from(days, dayToIso), ret: new Float64Array(buf, Math.ceil((4 * b.n) / 8) * 8, b.n).slice() };
  }

  async resolveName(name: { symbol: string; series: string }): Promise<ResolvedName | null> {
    if (name.symbol in this.h.sources) return { kind: 'price', id: name.symbol };
    // lower() of non-ASCII text is the store's to decide.
    if (!ascii(name.series)) return (await this.fallback()).resolveName(name);
    const want = name.series.toLowerCase();
    const found = Object.keys(this.h.seriesMeta)
      .filter((s) => this.h.seriesMeta[s] && ascii(s) && s.toLowerCase() === want)
      .sort(byString);
    if (found.length) return { kind: 'returns', id: found[0] };
    if (Object.keys(this.h.seriesMeta).some((s) => !ascii(s))) return (await this.fallback()).resolveName(name);
    return null;
  }

  async provenanceOf(q: ProvenanceQuery): Promise<SeriesProvenance> {
    const pairs = new Set<string>();
    let provisional = 0;
    if (q.kind === 'returns') {
      const b = this.h.obs[`${q.series}\u0000${q.freq}`]?.find((x) => x.source === q.source);
      for (const id of b?.files ?? []) pairs.add(`${this.h.files[id]}\u0000${q.source}`);
    } else {
      for (const src of new Set(q.sources)) for (const id of this.h.bars[q.symbol]?.[src]?.files ?? []) pairs.add(`${this.h.files[id]}\u0000${src}`);
      if (q.sources.length) provisional = this.h.bars[q.symbol]?.[q.sources[0]]?.prov ?? 0;
    }
    const files = [...pairs]
      .map((p) => p.split('\u0000'))
      .sort((a, b) => byString(a[0], b[0]) || byString(a[1], b[1]))
      .map(([file, source]) => ({ file, source }));
    return { files, provisional };
  }

  async getHoldings(fund: string, asOf?: string): Promise<HoldingsAnswer> {
    const snaps = this.h.holdings.filter((s) => s.fund === fund && (asOf === undefined || s.asOf <= asOf));
    if (snaps.length === 0) return (await this.fallback()).getHoldings(fund, asOf);
    return this.file.json<HoldingsAnswer>(snaps[snaps.length - 1].block);
  }

  async listHoldingSnapshots(): Promise<{ fund: string; asOf: string; rows: number }[]> {
    return this.h.holdings.map((s) => ({ fund: s.fund, asOf: s.asOf, rows: s.rows }));
  }

  async holdingsContaining(symbol: string, asOf?: string): Promise<FundMembership[]> {
    this.members ??= this.file.json<Record<string, number[]>>(this.h.members);
    const idx = this.members[symbol] ?? [];
    const last = new Map<string, string>();
    for (const k of idx) {
      const s = this.h.holdings[k];
      if (asOf !== undefined && s.asOf > asOf) continue;
      if (!last.has(s.fund) || s.asOf > last.get(s.fund)!) last.set(s.fund, s.asOf);
    }
    return [...last].sort((a, b) => byString(a[0], b[0])).map(([fund, d]) => ({ fund, asOf: d }));
  }

  async panelMembers(source: string): Promise<string[]> {
    return Object.keys(this.h.bars)
      .filter((sym) => (this.h.bars[sym][source]?.n ?? 0) > 0)
      .sort(byString);
  }

  async sourceSpan(source: string): Promise<{ first: string; last: string } | null> {
    let first: string | null = null;
    let last: string | null = null;
    for (const sym of Object.keys(this.h.bars)) {
      const b = this.h.bars[sym][source];
      if (!b?.npFirst || !b.npLast) continue;
      if (first === null || b.npFirst < first) first = b.npFirst;
      if (last === null || b.npLast > last) last = b.npLast;
    }
    return first !== null && last !== null ? { first, last } : null;
  }

  async holdingsPricedOn(fund: string, snapshot: string, date: string): Promise<number> {
    const snap = this.h.holdings.find((s) => s.fund === fund && s.asOf === snapshot);
    if (!snap) return 0;
    const key = `${fund}\u0000${snapshot}`;
    let rows = this.snapshotRows.get(key);
    if (!rows) {
      rows = this.file.json<HoldingsAnswer>(snap.block).rows;
      this.snapshotRows.set(key, rows);
    }
    const day = isoToDay(date);
    const syms = new Set(rows.filter((r) => (r.assetClass ?? 'Equity') === 'Equity').map((r) => r.symbol));
    let n = 0;
    for (const sym of syms) {
      const blocks = Object.values(this.h.bars[sym] ?? {}).filter((b) => b.npFirst !== null && b.npFirst <= date && b.npLast! >= date);
      if (blocks.some((b) => this.pricedOn(b, day))) n++;
    }
    return n;
  }

  /** A non-provisional bar on `day` in the block. */
  private pricedOn(b: BarBlock, day: number): boolean {
    const x = this.bars(b);
    let lo = 0;
    let hi = b.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (x.days[mid] === day) return !x.flags || x.flags[mid] === 0;
      if (x.days[mid] < day) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  async getFundamentals(symbols?: string[]): Promise<Fundamentals[]> {
    const all = this.file.json<Fundamentals[]>(this.h.fundamentals);
    const want = symbols ? new Set(symbols) : null;
    return all.filter((x) => !want || want.has(x.symbol));
  }

  async getFlows(funds?: string[]): Promise<Flow[]> {
    const all = this.file.json<Flow[]>(this.h.flows);
    const want = funds ? new Set(funds) : null;
    return all.filter((x) => !want || want.has(x.fund));
  }

  // ── Everything else is the store's own ──

  async migrate(): Promise<number> {
    return (await this.fallback()).migrate();
  }
  async schemaVersion(): Promise<number> {
    return (await this.fallback()).schemaVersion();
  }
  async writeBatch(batch: ImportBatch, opts?: WriteOptions): Promise<WriteResult> {
    return (await this.fallback()).writeBatch(batch, opts);
  }
  async listSeries(): Promise<SeriesInfo[]> {
    return (await this.fallback()).listSeries();
  }
  async setPreferredSource(symbol: string, source: string): Promise<void> {
    return (await this.fallback()).setPreferredSource(symbol, source);
  }
  async imports(): Promise<ImportRecord[]> {
    return (await this.fallback()).imports();
  }

  async close(): Promise<void> {
    this.file.close();
    if (this.store) await (await this.store).close();
  }
}

