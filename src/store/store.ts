/**
 * The storage interface. DuckDB (embedded, one file) implements it by default; a PostgreSQL
 * implementation can satisfy the same contract. Layers above never see SQL: every question they ask
 * is a typed method below, with plain values in (ISO `YYYY-MM-DD` date strings, symbols as stored)
 * and plain values out, so an implementation may use any dialect. Raw SQL exists only on the DuckDB
 * store's test/bench port (`duckdb/sql-twins/port.ts`), never here.
 */
import type { ImportBatch } from '../model/batch.ts';
import type { PriceSeries, ReturnSeries } from '../model/series.ts';
import type { Adjustment, Flow, Frequency, Fundamentals, Holding, InstrumentKind } from '../model/types.ts';

export interface WriteResult {
  /** 'unchanged' when the same file (same content) was imported before: nothing written. */
  status: 'imported' | 'unchanged';
  rowsRead: number;
  rowsNew: number;
  /** Rows whose key existed with different values (a newer vintage): replaced. */
  rowsRevised: number;
  rowsUnchanged: number;
}

export interface SeriesInfo {
  /** 'bars' | 'observations' | 'holdings' | 'fundamentals' | 'flows' */
  table: string;
  symbol: string;
  kind: InstrumentKind | 'holdings' | 'fundamentals' | 'flows';
  source: string;
  freq: Frequency | null;
  first: string;
  last: string;
  rows: number;
  preferred: boolean;
  adjustment: Adjustment | null;
  provisional: number;
}

export interface SourceInfo {
  symbol: string;
  source: string;
  priority: number;
  adjustment: Adjustment;
  preferred: boolean;
  /** The preferred source was chosen (sources prefer, --prefer, or a strict extension), not ranked. */
  chosen?: boolean;
  first: string;
  last: string;
  rows: number;
}

export interface WriteOptions {
  /** Record these (symbol, source) pairs as the chosen preferred source, in the same transaction. */
  setPreferred?: { symbol: string; source: string }[];
}

export interface PriceQuery {
  /** Source to read; default: the symbol's preferred source. */
  source?: string;
  /** Include rows the data notes mark provisional (intraday captures). Default false. */
  includeProvisional?: boolean;
  /** Read adj_close (split+dividend) as the close, when the source has one. */
  useAdjClose?: boolean;
}

/** A date range for many-series reads: ISO dates, both inclusive; either may be omitted. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** Symbols per query in the many-symbol reads (the stores split longer lists into chunks of this size). */
export const MANY_CHUNK = 500;

export interface ImportRecord {
  id: number;
  file: string;
  sha256: string;
  importer: string;
  source: string;
  importedAt: string;
  rowsRead: number;
  rowsNew: number;
  rowsRevised: number;
}

/** What a user-typed name refers to: a price symbol or a stored return series (e.g. a factor). */
export interface ResolvedName {
  kind: 'price' | 'returns';
  /** The stored id: the symbol as stored, or the series name with its stored spelling. */
  id: string;
}

/** Which stored rows a series was read from, for provenance. */
export type ProvenanceQuery =
  /** Bars of `symbol` from `sources` (the series' own source first, then any reference sources). */
  | { kind: 'price'; symbol: string; sources: string[] }
  /** Observations of a return series at one frequency from one source. */
  | { kind: 'returns'; series: string; freq: Frequency; source: string };

export interface SeriesProvenance {
  /** Every imported file that contributed rows, with the source it was imported as; sorted by file then source. */
  files: { file: string; source: string }[];
  /** Rows of the series' own source (the first of `sources`) marked provisional; 0 for return series. */
  provisional: number;
}

/** A fund whose stored holdings list a symbol. */
export interface FundMembership {
  fund: string;
  /** Latest snapshot date (on or before the asked date) whose rows include the symbol. */
  asOf: string;
}

export interface MarketStore {
  readonly kind: 'duckdb' | 'postgres';
  /** Where the data lives (file path or connection string without secrets). */
  readonly location: string;
  /**
   * Where another thread of this process opens the same data, when that differs from `location`: a
   * PostgreSQL store's connection string with its credentials. Handed to worker threads, never shown.
   */
  openLocation?(): string;
  /** Apply pending schema migrations. */
  migrate(): Promise<number>;
  schemaVersion(): Promise<number>;
  /**
   * Write one importer batch in a single transaction: all of it, or nothing. Idempotent. New price
   * sources are stored beside the preferred one; `opts.setPreferred` (decided by store/preference.ts)
   * is applied after the batch, also when the file itself was already imported.
   */
  writeBatch(batch: ImportBatch, opts?: WriteOptions): Promise<WriteResult>;
  /**
   * Optional bulk form: many files in one transaction, with the same outcome as writing them one after
   * the other (each file all or nothing: one that fails gets its Error and leaves the store as it was).
   */
  writeBatches?(batches: ImportBatch[]): Promise<(WriteResult | Error)[]>;
  listSeries(): Promise<SeriesInfo[]>;
  listSources(symbol: string): Promise<SourceInfo[]>;
  setPreferredSource(symbol: string, source: string): Promise<void>;
  hasSymbol(symbol: string): Promise<boolean>;
  getPriceSeries(symbol: string, q?: PriceQuery): Promise<PriceSeries>;
  /** Many symbols from one source in one query (e.g. a panel); symbols without data are absent from the result. */
  getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]>;
  /**
   * Each symbol's preferred-source series (non-provisional rows, only dates within `range` when given),
   * in one query per chunk of MANY_CHUNK symbols: the same values and shape as `getPriceSeries(symbol)`
   * whose rows fall in the range (open/high/low and volume null when the rows read have none). In the
   * order asked, each symbol once; symbols without a price source are absent; one with no rows in the
   * range gets an empty series.
   */
  getPreferredSeriesMany(symbols: string[], range?: DateRange): Promise<PriceSeries[]>;
  /** `listSources` of many symbols at once (one query per chunk): symbol → its answer; symbols without sources absent. */
  listSourcesMany(symbols: string[]): Promise<Record<string, SourceInfo[]>>;
  /** Symbols that have at least one price source. */
  priceSymbols(): Promise<Set<string>>;
  getReturnSeries(series: string, freq?: Frequency): Promise<ReturnSeries>;
  getHoldings(fund: string, asOf?: string): Promise<{ asOf: string; source: string; file: string; rows: Holding[] }>;
  listHoldingSnapshots(): Promise<{ fund: string; asOf: string; rows: number }[]>;
  getFundamentals(symbols?: string[]): Promise<Fundamentals[]>;
  getFlows(funds?: string[]): Promise<Flow[]>;
  imports(): Promise<ImportRecord[]>;

  // ── Typed questions for the facts and report layers (each replaces a query that used to live above the store) ──

  /**
   * Resolve a name: a symbol with at least one price source equal to `symbol` (exact match), else a
   * series with return values whose name equals `series` ignoring case (the first by name). null when neither.
   * Callers apply their own alias rules and upper-casing before asking.
   */
  resolveName(name: { symbol: string; series: string }): Promise<ResolvedName | null>;
  /** The imported files a series was read from, and its provisional row count. Unknown series: no files, 0. */
  provenanceOf(q: ProvenanceQuery): Promise<SeriesProvenance>;
  /**
   * Funds whose holdings snapshots on or before `asOf` (every snapshot when omitted) list `symbol`,
   * each with the latest such snapshot date; ordered by fund.
   */
  holdingsContaining(symbol: string, asOf?: string): Promise<FundMembership[]>;
  /** Distinct symbols with bars from one source (e.g. a stock panel), sorted; [] when the source has none. */
  panelMembers(source: string): Promise<string[]>;
  /** First and last date with a non-provisional bar from a source; null when it has none. */
  sourceSpan(source: string): Promise<{ first: string; last: string } | null>;
  /**
   * How many distinct equity holdings (asset class 'Equity' or unknown) of the `fund` snapshot dated
   * `snapshot` have a non-provisional bar (any source) on `date`.
   */
  holdingsPricedOn(fund: string, snapshot: string, date: string): Promise<number>;
  close(): Promise<void>;
}
