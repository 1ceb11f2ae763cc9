/**
 * A read-only, memoising view of a MarketStore for the server. While serving, the store does not
 * change, so every read (a price series, a holdings snapshot, a typed question) is fetched once and
 * shared. Calls into the underlying store are serialised: the DuckDB store uses one connection.
 * Writes are refused (the server is read-only). Reads go to the `reader` — the store's read cache
 * while it is fresh (setReader), else the store itself; `direct` always reaches the store itself.
 */
import type { PriceSeries, ReturnSeries } from '../model/series.ts';
import { UserError } from '../model/errors.ts';
import type { Frequency } from '../model/types.ts';
import type { DateRange, MarketStore, PriceQuery, ProvenanceQuery } from '../store/store.ts';

export class ReadOnlyCachedStore implements MarketStore {
  readonly kind: MarketStore['kind'];
  readonly location: string;
  private readonly memo = new Map<string, Promise<unknown>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Where memoised reads go: the store itself, or its read cache. */
  private reader: MarketStore;

  constructor(private readonly inner: MarketStore) {
    this.kind = inner.kind;
    this.location = inner.location;
    this.reader = inner;
  }

  /** Answer reads from `reader` (a read cache of the same data), or from the store itself (null); forgets every memoised read. */
  setReader(reader: MarketStore | null): void {
    this.reader = reader ?? this.inner;
    this.memo.clear();
  }

  /** Run `fn` after every earlier call into the inner store has finished (a PostgreSQL pool takes calls concurrently). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.kind === 'postgres') return fn();
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Memoise by key; failed reads are memoised too (a UserError is as stable as the data), other errors are not. */
  private cached<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = this.memo.get(key);
    if (hit) return hit as Promise<T>;
    const p = this.serial(fn);
    this.memo.set(key, p);
    p.catch((e) => {
      if (!(e instanceof UserError)) this.memo.delete(key);
    });
    return p;
  }

  /** Forget every memoised read (after the data changed underneath). */
  clear(): void {
    this.memo.clear();
  }

  /** Run `fn` on the underlying store in turn with every other call, uncached (writes from the store's owner, data-version polls). */
  direct<T>(fn: (inner: MarketStore) => Promise<T>): Promise<T> {
    return this.serial(() => fn(this.inner));
  }

  migrate(): Promise<number> {
    return Promise.reject(new UserError('the server is read-only', 'conflict'));
  }
  schemaVersion(): Promise<number> {
    return this.cached('schemaVersion', () => this.reader.schemaVersion());
  }
  writeBatch(): Promise<never> {
    return Promise.reject(new UserError('the server is read-only', 'conflict'));
  }
  setPreferredSource(): Promise<void> {
    return Promise.reject(new UserError('the server is read-only', 'conflict'));
  }
  listSeries() {
    return this.cached('listSeries', () => this.reader.listSeries());
  }
  listSources(symbol: string) {
    return this.cached(`listSources:${symbol}`, () => this.reader.listSources(symbol));
  }
  hasSymbol(symbol: string) {
    return this.cached(`hasSymbol:${symbol}`, () => this.reader.hasSymbol(symbol));
  }
  getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]> {
    return this.cached(`many:${source}:${symbols.join(',')}`, () => this.reader.getPriceSeriesMany(symbols, source));
  }
  getPreferredSeriesMany(symbols: string[], range?: DateRange): Promise<PriceSeries[]> {
    return this.cached(`preferredMany:${range?.from ?? ''}:${range?.to ?? ''}:${symbols.join('\u0000')}`, () => this.inner.getPreferredSeriesMany(symbols, range));
  }
  listSourcesMany(symbols: string[]) {
    return this.cached(`listSourcesMany:${symbols.join('\u0000')}`, () => this.inner.listSourcesMany(symbols));
  }
  priceSymbols(): Promise<Set<string>> {
    return this.cached('priceSymbols', () => this.reader.priceSymbols());
  }
  getPriceSeries(symbol: string, q: PriceQuery = {}): Promise<PriceSeries> {
    const key = `price:${symbol}:${q.source ?? ''}:${q.includeProvisional ? 1 : 0}:${q.useAdjClose ? 1 : 0}`;
    return this.cached(key, () => this.reader.getPriceSeries(symbol, q));
  }
  getReturnSeries(series: string, freq: Frequency = 'D'): Promise<ReturnSeries> {
    return this.cached(`returns:${series}:${freq}`, () => this.reader.getReturnSeries(series, freq));
  }
  getHoldings(fund: string, asOf?: string) {
    return this.cached(`holdings:${fund}:${asOf ?? ''}`, () => this.reader.getHoldings(fund, asOf));
  }
  listHoldingSnapshots() {
    return this.cached('snapshots', () => this.reader.listHoldingSnapshots());
  }
  getFundamentals(symbols?: string[]) {
    return this.cached(`fundamentals:${symbols ? JSON.stringify(symbols) : ''}`, () => this.reader.getFundamentals(symbols));
  }
  getFlows(funds?: string[]) {
    return this.cached(`flows:${funds ? JSON.stringify(funds) : ''}`, () => this.reader.getFlows(funds));
  }
  imports() {
    return this.cached('imports', () => this.reader.imports());
  }
  resolveName(name: { symbol: string; series: string }) {
    return this.cached(`resolve:${name.symbol}\u0000${name.series}`, () => this.reader.resolveName(name));
  }
  provenanceOf(q: ProvenanceQuery) {
    return this.cached(`provenance:${JSON.stringify(q)}`, () => this.reader.provenanceOf(q));
  }
  holdingsContaining(symbol: string, asOf?: string) {
    return this.cached(`containing:${symbol}:${asOf ?? ''}`, () => this.reader.holdingsContaining(symbol, asOf));
  }
  panelMembers(source: string) {
    return this.cached(`panel:${source}`, () => this.reader.panelMembers(source));
  }
  sourceSpan(source: string) {
    return this.cached(`span:${source}`, () => this.reader.sourceSpan(source));
  }
  holdingsPricedOn(fund: string, snapshot: string, date: string) {
    return this.cached(`priced:${fund}:${snapshot}:${date}`, () => this.reader.holdingsPricedOn(fund, snapshot, date));
  }
  /** The inner store stays open: whoever opened it closes it. */
  async close(): Promise<void> {}
}
