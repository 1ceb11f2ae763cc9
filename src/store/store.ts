/**
 * The storage interface. DuckDB (embedded, one file) implements it by default; a PostgreSQL
 * implementation can satisfy the same contract. Layers above never see SQL dialects except
 * through `sql()`, which analytics use only for pushed-down computations with a TypeScript twin.
 */
import type { PriceSeries, ReturnSeries } from '../analytics/series.ts';
import type { ImportBatch } from '../model/batch.ts';
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

export interface MarketStore {
  readonly kind: 'duckdb' | 'postgres';
  /** Where the data lives (file path or connection string without secrets). */
  readonly location: string;
  /** Apply pending schema migrations. */
  migrate(): Promise<number>;
  schemaVersion(): Promise<number>;
  /**
   * Write one importer batch in a single transaction: all of it, or nothing. Idempotent. New price
   * sources are stored beside the preferred one; `opts.setPreferred` (decided by store/preference.ts)
   * is applied in the same transaction, also when the file itself was already imported.
   */
  writeBatch(batch: ImportBatch, opts?: WriteOptions): Promise<WriteResult>;
  listSeries(): Promise<SeriesInfo[]>;
  listSources(symbol: string): Promise<SourceInfo[]>;
  setPreferredSource(symbol: string, source: string): Promise<void>;
  hasSymbol(symbol: string): Promise<boolean>;
  getPriceSeries(symbol: string, q?: PriceQuery): Promise<PriceSeries>;
  /** Many symbols from one source in one query (e.g. a panel); symbols without data are absent from the result. */
  getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]>;
  /** Symbols that have at least one price source. */
  priceSymbols(): Promise<Set<string>>;
  getReturnSeries(series: string, freq?: Frequency): Promise<ReturnSeries>;
  getHoldings(fund: string, asOf?: string): Promise<{ asOf: string; source: string; file: string; rows: Holding[] }>;
  listHoldingSnapshots(): Promise<{ fund: string; asOf: string; rows: number }[]>;
  getFundamentals(symbols?: string[]): Promise<Fundamentals[]>;
  getFlows(funds?: string[]): Promise<Flow[]>;
  imports(): Promise<ImportRecord[]>;
  /** Run a read-only SQL query (used for pushed-down analytics and baselines). */
  sql(query: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
