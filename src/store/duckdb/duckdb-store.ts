/**
 * The embedded default store: one DuckDB file through @duckdb/node-api.
 * Writes stage a batch through DuckDB's appender into temp tables and upsert with anti-joins,
 * all inside one transaction, so a failed import leaves the file exactly as it was.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { PriceSeries, ReturnSeries } from '../../model/series.ts';
import type { ImportBatch } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import type { Adjustment, Frequency } from '../../model/types.ts';
import { LATEST_SCHEMA, MIGRATIONS } from '../migrations.ts';
import type { DateRange, MarketStore, PriceQuery, ProvenanceQuery, SeriesInfo, SourceInfo, WriteOptions, WriteResult } from '../store.ts';
import { MANY_CHUNK } from '../store.ts';
import { type SqlRunner, writeBatches } from './bulk-write.ts';
import { anyValue, assemblePriceSeries, type Column, type ColumnKind, columnsOnOwnConnection, daysOf, readColumns, runOnOwnConnection, StatementCache, withStatement } from './columnar-read.ts';
import { seriesInfoFromRows } from '../series-info.ts';
import { chunks, readPreferredMany } from './many-read.ts';
import type { SqlPort } from './sql-twins/port.ts';
import * as reads from './table-reads.ts';

type Row = Record<string, unknown>;
interface StoredSource {
  source: string;
  priority: number;
  adjustment: Adjustment;
}

/** A file that exists must be a DuckDB database (magic 'DUCK' at byte 8), not e.g. a CSV given as --db. */
function assertDuckDbFile(location: string): void {
  if (!existsSync(location) || statSync(location).size === 0) return;
  if (statSync(location).isDirectory()) throw new UserError(`${location} is a folder, not a DuckDB store file`);
  const head = Buffer.alloc(12);
  const fd = openSync(location, 'r');
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(8, 12).toString('latin1') !== 'DUCK') {
    const first = head.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
    throw new UserError(`${location} is not a DuckDB store (it starts '${first}'); give the store file with --db, and import data files with \`marketdash import\``);
  }
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

export class DuckDbStore implements MarketStore, SqlPort {
  readonly kind = 'duckdb' as const;
  private sourceCache: Map<string, StoredSource[]> | null = null;
  private readonly listSourcesCache = new Map<string, SourceInfo[]>();
  private readonly statements: StatementCache;
  /** The row runner the table reads (table-reads.ts) ask through. */
  private readonly q: reads.Rows = (sql, params) => this.rows(sql, params);
  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {
    this.statements = new StatementCache(con);
  }

  /** Open (creating if needed) a store file, or ':memory:'. Applies migrations. */
  static async open(location: string, opts: { readOnly?: boolean } = {}): Promise<DuckDbStore> {
    if (location !== ':memory:') {
      assertDuckDbFile(location);
      if (!opts.readOnly) mkdirSync(dirname(location), { recursive: true });
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location, opts.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (e) {
      throw new UserError(`cannot open the DuckDB store at ${location}: ${(e as Error).message}`, 'unavailable');
    }
    const con = await instance.connect();
    const store = new DuckDbStore(location, instance, con);
    store.writable = !opts.readOnly && location !== ':memory:';
    if (!opts.readOnly) await store.migrate();
    return store;
  }

  private get runner(): SqlRunner {
    // Writes touch temp staging tables that come and go: their statements are not kept.
    const rows = async (sql: string, params: DuckDBValue[] = []) => {
      if (params.length === 0) return (await this.con.runAndReadAll(sql)).getRowObjects();
      return withStatement(this.con, sql, async (stmt) => {
        stmt.bind(params);
        return (await stmt.runAndReadAll()).getRowObjects();
      });
    };
    return { con: this.con, rows, exec: (sql, params) => this.exec(sql, params) };
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    if (params.length === 0) return (await this.con.runAndReadAll(sql)).getRowObjects();
    // Parameterised questions are the repeated ones (per symbol, per series): prepare each text once.
    return this.statements.use(sql, async (stmt) => {
      stmt.bind(params);
      return (await stmt.runAndReadAll()).getRowObjects();
    });
  }

  private async exec(sql: string, params: DuckDBValue[] = []): Promise<number> {
    if (params.length === 0) return Number((await this.con.run(sql)).rowsChanged);
    return withStatement(this.con, sql, async (stmt) => {
      stmt.bind(params);
      return Number((await stmt.run()).rowsChanged);
    });
  }

  /** 0 for a store no migration has touched (read-only stores are never written, not even this table). */
  async schemaVersion(): Promise<number> {
    // Read-only stores (read commands, the server) cannot create the table: no table means version 0.
    const has = await this.rows("SELECT 1 FROM duckdb_tables() WHERE table_name = 'schema_version' AND schema_name = 'main'");
    if (has.length === 0) return 0;
    const r = await this.rows('SELECT coalesce(max(version), 0) AS v FROM schema_version');
    return num(r[0].v);
  }

  async migrate(): Promise<number> {
    await this.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name VARCHAR, applied_at TIMESTAMP)');
    const current = await this.schemaVersion();
    if (current > LATEST_SCHEMA) {
      throw new UserError(`store schema version ${current} is newer than this MarketDash (${LATEST_SCHEMA}); upgrade MarketDash`, 'conflict');
    }
    let applied = 0;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await this.exec('BEGIN TRANSACTION');
      try {
        for (const s of m.sql) await this.exec(s);
        await this.exec('INSERT INTO schema_version VALUES ($1, $2, now())', [m.version, m.name]);
        await this.exec('COMMIT');
        applied++;
      } catch (e) {
        await this.exec('ROLLBACK');
        throw e;
      }
    }
    return applied;
  }

  /**
   * One file in its own transaction: all of it, or nothing. Idempotent by (file, sha256, importer).
   * `opts.setPreferred` (store/preference.ts) is applied right after, also to a file already imported.
   */
  async writeBatch(batch: ImportBatch, opts: WriteOptions = {}): Promise<WriteResult> {
    const [r] = await this.writeBatches([batch]);
    if (r instanceof Error) throw r;
    if (opts.setPreferred?.length) await this.setPreferred(opts.setPreferred);
    return r;
  }

  private async setPreferred(pairs: { symbol: string; source: string }[]): Promise<void> {
    await this.exec('BEGIN TRANSACTION');
    try {
      for (const p of pairs) await this.exec('UPDATE price_sources SET preferred_override = (source = $2) WHERE symbol = $1', [p.symbol, p.source]);
      await this.exec('COMMIT');
    } catch (e) {
      await this.exec('ROLLBACK');
      throw e;
    } finally {
      this.invalidate();
    }
  }

  /** Many files in one transaction (see bulk-write.ts); a file that fails is left out alone. */
  async writeBatches(batches: ImportBatch[]): Promise<(WriteResult | Error)[]> {
    try {
      return await writeBatches(this.runner, batches);
    } finally {
      this.invalidate();
    }
  }

  /** Preferred source per symbol: a user override, else the highest priority, else the first alphabetically. */
  private preferredSql(): string {
    return `SELECT symbol, source FROM (
      SELECT symbol, source, row_number() OVER (PARTITION BY symbol ORDER BY preferred_override DESC, priority DESC, source) AS rk
      FROM price_sources) WHERE rk = 1`;
  }

  async listSeries(): Promise<SeriesInfo[]> {
    const bars = await this.rows(`
      SELECT b.symbol, b.source, coalesce(i.kind, 'stock') AS kind, ps.adjustment,
        strftime(min(b.date), '%Y-%m-%d') AS first, strftime(max(b.date), '%Y-%m-%d') AS last, count(*) AS n,
        count(*) FILTER (WHERE b.provisional) AS prov, (p.source IS NOT NULL) AS preferred
      FROM bars b LEFT JOIN instruments i USING (symbol)
      LEFT JOIN price_sources ps ON ps.symbol = b.symbol AND ps.source = b.source
      LEFT JOIN (${this.preferredSql()}) p ON p.symbol = b.symbol AND p.source = b.source
      GROUP BY ALL ORDER BY b.symbol, preferred DESC, b.source`);
    const obs = await this.rows(`
      SELECT o.series, o.source, o.freq, coalesce(m.kind, 'factor') AS kind,
        strftime(min(o.date), '%Y-%m-%d') AS first, strftime(max(o.date), '%Y-%m-%d') AS last, count(*) AS n
      FROM observations o LEFT JOIN series_meta m USING (series)
      GROUP BY ALL ORDER BY o.series, o.freq, o.source`);
    const snaps = await this.rows(`
      SELECT 'holdings' AS t, fund AS symbol, source, strftime(min(as_of), '%Y-%m-%d') AS first, strftime(max(as_of), '%Y-%m-%d') AS last, count(*) AS n FROM holdings GROUP BY ALL
      UNION ALL SELECT 'fundamentals', 'fundamentals', source, strftime(min(as_of), '%Y-%m-%d'), strftime(max(as_of), '%Y-%m-%d'), count(*) FROM fundamentals GROUP BY ALL
      UNION ALL SELECT 'flows', fund, source, strftime(min(date), '%Y-%m-%d'), strftime(max(date), '%Y-%m-%d'), count(*) FROM flows GROUP BY ALL
      ORDER BY 1, 2`);
    return seriesInfoFromRows(bars, obs, snaps);
  }

  async listSources(symbol: string): Promise<SourceInfo[]> {
    let cached = this.listSourcesCache.get(symbol);
    if (!cached) {
      cached = await this.readSources([symbol]);
      this.listSourcesCache.set(symbol, cached);
    }
    return cached.map((x) => ({ ...x }));
  }

  /** listSources rows of the given symbols (all symbols: null), grouped by the caller. */
  private readSources(symbols: string[] | null): Promise<SourceInfo[]> {
    return reads.sourceRows(this.q, this.preferredSql(), symbols);
  }

  /** listSources of many symbols, one query per chunk; each answer is also kept for listSources. */
  async listSourcesMany(symbols: string[]): Promise<Record<string, SourceInfo[]>> {
    const want = [...new Set(symbols)];
    const missing = want.filter((x) => !this.listSourcesCache.has(x));
    // Past one chunk, one pass over every symbol's sources costs less than a join per chunk.
    for (const chunk of missing.length > MANY_CHUNK ? [null] : chunks(missing)) {
      const bySymbol = new Map<string, SourceInfo[]>((chunk ?? missing).map((x) => [x, []]));
      for (const r of await this.readSources(chunk)) bySymbol.get(r.symbol)?.push(r);
      for (const [sym, list] of bySymbol) this.listSourcesCache.set(sym, list);
    }
    const out: Record<string, SourceInfo[]> = {};
    for (const sym of want) {
      const list = this.listSourcesCache.get(sym) ?? [];
      if (list.length) out[sym] = list.map((x) => ({ ...x }));
    }
    return out;
  }

  /** Every symbol's listSources answer, by symbol (for the read cache). */
  listSourcesAll = (): Promise<SourceInfo[]> => this.readSources(null);

  /** One query's columns as arrays, on a connection of its own (for the read cache; not part of MarketStore). */
  columns = (sql: string, kinds: ColumnKind[]): Promise<Column[]> => columnsOnOwnConnection(this.instance, sql, kinds);

  async setPreferredSource(symbol: string, source: string): Promise<void> {
    const ex = await this.rows('SELECT 1 FROM price_sources WHERE symbol = $1 AND source = $2', [symbol, source]);
    if (ex.length === 0) throw new UserError(`no source '${source}' for ${symbol}`, 'not_found');
    await this.exec('BEGIN TRANSACTION');
    await this.exec('UPDATE price_sources SET preferred_override = (source = $2) WHERE symbol = $1', [symbol, source]);
    await this.exec('COMMIT');
    this.invalidate();
  }

  async hasSymbol(symbol: string): Promise<boolean> {
    if ((await this.sourcesBySymbol()).has(symbol)) return true;
    return (await this.rows('SELECT 1 FROM series_meta WHERE series = $1 LIMIT 1', [symbol])).length > 0;
  }

  /** Every price source, by symbol, in preference order (override, priority, name); kept until the next write. */
  private async sourcesBySymbol(): Promise<Map<string, StoredSource[]>> {
    if (this.sourceCache) return this.sourceCache;
    const r = await this.rows(
      'SELECT symbol, source, priority, adjustment, preferred_override AS o FROM price_sources ORDER BY symbol, o DESC, priority DESC, source',
    );
    const m = new Map<string, StoredSource[]>();
    for (const x of r) {
      const list = m.get(x.symbol as string) ?? [];
      list.push({ source: x.source as string, priority: num(x.priority), adjustment: x.adjustment as Adjustment });
      m.set(x.symbol as string, list);
    }
    this.sourceCache = m;
    return m;
  }

  /** Forget what was read from the store: called after every write. */
  private invalidate(): void {
    this.sourceCache = null;
    this.listSourcesCache.clear();
  }

  async getPriceSeries(symbol: string, q: PriceQuery = {}): Promise<PriceSeries> {
    const sources = (await this.sourcesBySymbol()).get(symbol) ?? [];
    const src = q.source ? sources.find((x) => x.source === q.source) : sources[0];
    if (!src) {
      throw new UserError(
        q.source ? `no price data for ${symbol} from source '${q.source}'` : `unknown symbol '${symbol}': no price data stored (see \`marketdash db info\`)`,
        'not_found',
      );
    }
    const nan = (c: string) => `coalesce(${c}, 'NaN'::DOUBLE)`;
    const sql = `SELECT ${daysOf('date')}, ${nan('open')}, ${nan('high')}, ${nan('low')}, ${q.useAdjClose ? 'coalesce(adj_close, close)' : 'close'},
         ${nan('volume')}, ${nan('adj_close')}
       FROM bars WHERE symbol = $1 AND source = $2 ${q.includeProvisional ? '' : 'AND NOT provisional'} ORDER BY date`;
    const { cols } = await this.statements.use(sql, (stmt) =>
      readColumns(stmt, [symbol, src.source], ['day', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64']),
    );
    const [dates, open, high, low, close, volume, adj] = cols as [string[], ...Float64Array[]];
    return assemblePriceSeries(symbol, src.source, src.adjustment, q.useAdjClose, { dates, open, high, low, close, volume, adj });
  }

  async getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]> {
    if (symbols.length === 0) return [];
    const list = symbols.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ');
    const where = `source = '${source.replace(/'/g, "''")}' AND symbol IN (${list}) AND NOT provisional`;
    // How many rows each symbol has (in symbol order), then the rows themselves without the symbol column.
    const counts = await this.rows(`SELECT symbol, count(*) AS n FROM bars WHERE ${where} GROUP BY symbol ORDER BY symbol`);
    const sql = `SELECT ${daysOf('date')}, coalesce(open, 'NaN'::DOUBLE), coalesce(high, 'NaN'::DOUBLE), coalesce(low, 'NaN'::DOUBLE), close,
         coalesce(volume, 'NaN'::DOUBLE) FROM bars WHERE ${where} ORDER BY symbol, date`;
    const { cols } = await withStatement(this.con, sql, (stmt) => readColumns(stmt, [], ['day', 'f64', 'f64', 'f64', 'f64', 'f64']));
    const [dates, open, high, low, close, volume] = cols as [string[], ...Float64Array[]];
    const bySymbol = await this.sourcesBySymbol();
    const out: PriceSeries[] = [];
    let a = 0;
    for (const c of counts) {
      const sym = c.symbol as string;
      const b = a + num(c.n);
      const hasOhlc = anyValue(open, a, b);
      out.push({
        symbol: sym, source, adjustment: bySymbol.get(sym)?.find((x) => x.source === source)?.adjustment ?? 'split+dividend',
        dates: dates.slice(a, b), close: close.slice(a, b),
        open: hasOhlc ? open.slice(a, b) : null, high: hasOhlc ? high.slice(a, b) : null, low: hasOhlc ? low.slice(a, b) : null,
        volume: anyValue(volume, a, b) ? volume.slice(a, b) : null,
      });
      a = b;
    }
    return out;
  }

  async getPreferredSeriesMany(symbols: string[], range?: DateRange): Promise<PriceSeries[]> {
    const bySymbol = await this.sourcesBySymbol();
    return readPreferredMany(this.con, symbols, (sym) => bySymbol.get(sym)?.[0], range);
  }

  async priceSymbols(): Promise<Set<string>> {
    return new Set((await this.sourcesBySymbol()).keys());
  }

  async getReturnSeries(series: string, freq: Frequency = 'D'): Promise<ReturnSeries> {
    const meta = await this.rows('SELECT is_return FROM series_meta WHERE series = $1', [series]);
    if (meta.length === 0) throw new UserError(`unknown series '${series}' (see \`marketdash db info\`)`, 'not_found');
    const src = await this.rows('SELECT DISTINCT source FROM observations WHERE series = $1 AND freq = $2 ORDER BY source', [series, freq]);
    if (src.length === 0) throw new UserError(`series '${series}' has no ${freq} data`, 'not_found');
    const source = src[0].source as string;
    const sql = `SELECT ${daysOf('date')}, value FROM observations WHERE series = $1 AND freq = $2 AND source = $3 ORDER BY date`;
    const { cols } = await this.statements.use(sql, (stmt) => readColumns(stmt, [series, freq, source], ['day', 'f64']));
    return { symbol: series, source, dates: cols[0] as string[], ret: cols[1] as Float64Array };
  }

  getHoldings(fund: string, asOf?: string) {
    return reads.getHoldings(this.q, fund, asOf);
  }
  listHoldingSnapshots() {
    return reads.listHoldingSnapshots(this.q);
  }
  getFundamentals(symbols?: string[]) {
    return reads.getFundamentals(this.q, symbols);
  }
  getFlows(funds?: string[]) {
    return reads.getFlows(this.q, funds);
  }
  imports() {
    return reads.imports(this.q);
  }
  resolveName(name: { symbol: string; series: string }) {
    return reads.resolveName(this.q, name);
  }
  provenanceOf(q: ProvenanceQuery) {
    return reads.provenanceOf(this.q, q);
  }
  holdingsContaining(symbol: string, asOf?: string) {
    return reads.holdingsContaining(this.q, symbol, asOf);
  }
  panelMembers(source: string) {
    return reads.panelMembers(this.q, source);
  }
  sourceSpan(source: string) {
    return reads.sourceSpan(this.q, source);
  }
  holdingsPricedOn(fund: string, snapshot: string, date: string) {
    return reads.holdingsPricedOn(this.q, fund, snapshot, date);
  }

  /** The SQL-twin port (tests and bench only; not part of MarketStore): one statement, BIGINTs as numbers. */
  async sql(query: string): Promise<Record<string, unknown>[]> {
    return (await this.rows(query)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  }

  /** Write the write-ahead log into the file now, on a connection of its own (reads on others go on meanwhile). */
  checkpoint = (): Promise<void> => runOnOwnConnection(this.instance, 'CHECKPOINT');

  private writable = false;

  async close(): Promise<void> {
    this.statements.clear();
    // The log into the file first (off the event loop): a close with a query running elsewhere leaves it.
    if (this.writable) await this.checkpoint().catch(() => undefined);
    this.con.closeSync();
    this.instance.closeSync();
  }
}
