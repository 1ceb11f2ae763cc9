/**
 * The PostgreSQL store: the MarketStore contract on a shared database, so several servers and
 * workers on several machines use one store. Selected by `--db postgres://user@host:5432/db`
 * (optionally `?schema=name`, default `public`). Reads give the same values, order and JSON as the
 * DuckDB store; dropped connections (server restart, pg_terminate_backend) are retried once.
 */
import pg from 'pg';
import type { ImportBatch } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import type { PriceSeries, ReturnSeries } from '../../model/series.ts';
import type { Adjustment, Flow, Frequency, Fundamentals, Holding } from '../../model/types.ts';
import { holdingsSnapshot } from '../holding-rows.ts';
import type {
  DateRange,
  FundMembership,
  ImportRecord,
  MarketStore,
  PriceQuery,
  ProvenanceQuery,
  ResolvedName,
  SeriesInfo,
  SeriesProvenance,
  SourceInfo,
  WriteOptions,
  WriteResult,
} from '../store.ts';
import { PG_LATEST_SCHEMA, PG_MIGRATIONS } from './migrations.ts';
import { writeBatchesPg } from './pg-bulk-write.ts';
import { preferredMany, seriesInfoRows, sourceInfoMany, sourceInfoRows } from './pg-read.ts';
import { writeBatchPg } from './pg-write.ts';

type Row = Record<string, unknown>;
const ignore = () => undefined;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** DATE as 'YYYY-MM-DD' text, bigint/numeric as numbers: the same JS values the DuckDB store returns. */
const TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === 1082) return (v: string) => v;
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Connection failures worth one more try: the server went away or killed our backend. */
export function isTransient(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return ['57P01', '57P02', '57P03', '08000', '08003', '08006', '40001', '40P01', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code) ||
    /Connection terminated|terminating connection/i.test((e as Error).message ?? '');
}

export function parsePgUrl(url: string): { connectionString: string; schema: string; shown: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? process.env.MARKETDASH_PG_SCHEMA ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new UserError(`--db: schema '${schema}' is not a plain SQL identifier`);
  u.searchParams.delete('schema');
  const shown = new URL(u.toString());
  if (shown.password) shown.password = '***';
  return { connectionString: u.toString(), schema, shown: `${shown.toString()}${schema !== 'public' ? `${shown.search ? '&' : '?'}schema=${schema}` : ''}` };
}

export class PgStore implements MarketStore {
  readonly kind = 'postgres' as const;
  private constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly readOnly: boolean,
  ) {}

  static async open(url: string, opts: { readOnly?: boolean; max?: number } = {}): Promise<PgStore> {
    const { connectionString, schema, shown } = parsePgUrl(url);
    const pool = new pg.Pool({
      connectionString,
      max: opts.max ?? 8,
      types: TYPES,
      options: `-c search_path=${schema}${opts.readOnly ? ' -c default_transaction_read_only=on' : ''}`,
      application_name: `marketdash:${schema}`.slice(0, 63),
    });
    pool.on('error', () => undefined); // an idle client dropped by the server: the next query reconnects
    const store = new PgStore(shown, pool, schema, Boolean(opts.readOnly));
    store.url = url;
    try {
      await store.q('SELECT 1');
    } catch (e) {
      await pool.end();
      throw new UserError(`cannot connect to PostgreSQL at ${shown}: ${(e as Error).message}`, 'unavailable');
    }
    if (!opts.readOnly) await store.migrate();
    return store;
  }

  /** The URL it was opened with (credentials included): for worker threads' own connections, never shown. */
  private url = '';
  openLocation(): string {
    return this.url;
  }

  /** One query, retried once on a dropped connection (reads are idempotent). */
  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query(sql, params)).rows;
    } catch (e) {
      if (!isTransient(e)) throw e;
      return (await this.pool.query(sql, params)).rows;
    }
  }

  async schemaVersion(): Promise<number> {
    const has = await this.q(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schema_version'`, [this.schema]);
    if (has.length === 0) return 0;
    return num((await this.q('SELECT coalesce(max(version), 0) AS v FROM schema_version'))[0].v);
  }

  async migrate(): Promise<number> {
    const c = await this.pool.connect();
    c.on('error', ignore);
    try {
      await c.query('BEGIN');
      // Several processes may start at once: one migrates, the others wait and then see it done.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext($1 || ':marketdash-migrate'))`, [this.schema]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name TEXT, applied_at TIMESTAMP)');
      const current = num((await c.query('SELECT coalesce(max(version), 0) AS v FROM schema_version')).rows[0].v);
      if (current > PG_LATEST_SCHEMA) throw new UserError(`store schema version ${current} is newer than this MarketDash (${PG_LATEST_SCHEMA}); upgrade MarketDash`, 'conflict');
      let applied = 0;
      for (const m of PG_MIGRATIONS) {
        if (m.version <= current) continue;
        for (const s of m.sql) await c.query(s);
        await c.query('INSERT INTO schema_version VALUES ($1, $2, now())', [m.version, m.name]);
        applied++;
      }
      await c.query('COMMIT');
      return applied;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.off('error', ignore);
      c.release();
    }
  }

  async writeBatch(batch: ImportBatch, opts: WriteOptions = {}): Promise<WriteResult> {
    const r = await this.writeBatchOnce(batch);
    // The preference decided by store/preference.ts, also for a file already imported (as the DuckDB store does).
    for (const p of opts.setPreferred ?? []) await this.setPreferredSource(p.symbol, p.source);
    return r;
  }

  private writeBatchOnce(batch: ImportBatch): Promise<WriteResult> {
    return this.withWriter((c) => writeBatchPg(c, batch));
  }

  /** Many files in one transaction (pg-bulk-write.ts), with the outcome of writing them one after the other. */
  writeBatches(batches: ImportBatch[]): Promise<(WriteResult | Error)[]> {
    return this.withWriter((c) => writeBatchesPg(c, batches, isTransient));
  }

  /** A write on one checked-out connection, retried (twice) when the connection drops: it rolled back, and writes are idempotent. */
  private async withWriter<T>(write: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.readOnly) throw new UserError('this store was opened read-only', 'conflict');
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.connect();
      // A connection killed while checked out emits 'error' on the client: the query fails (handled below), the process must not.
      c.on('error', ignore);
      let broken = false;
      try {
        return await write(c);
      } catch (e) {
        broken = isTransient(e);
        // The transaction rolled back with the connection: nothing half-written; the import is idempotent, so try again.
        if (!broken || attempt >= 2) throw e;
      } finally {
        c.off('error', ignore);
        c.release(broken);
      }
    }
  }

  private preferredSql(): string {
    return `SELECT symbol, source FROM (
      SELECT symbol, source, row_number() OVER (PARTITION BY symbol ORDER BY preferred_override DESC, priority DESC, source) AS rk
      FROM price_sources) p WHERE rk = 1`;
  }

  async listSeries(): Promise<SeriesInfo[]> {
    return seriesInfoRows((sql) => this.q(sql), this.preferredSql());
  }

  async listSources(symbol: string): Promise<SourceInfo[]> {
    return sourceInfoRows((sql, p) => this.q(sql, p), this.preferredSql(), symbol);
  }

  async listSourcesMany(symbols: string[]): Promise<Record<string, SourceInfo[]>> {
    return sourceInfoMany((sql, p) => this.q(sql, p), this.preferredSql(), symbols);
  }

  async getPreferredSeriesMany(symbols: string[], range?: DateRange): Promise<PriceSeries[]> {
    return preferredMany((sql, p) => this.q(sql, p), this.preferredSql(), symbols, range, columns);
  }

  async setPreferredSource(symbol: string, source: string): Promise<void> {
    const ex = await this.q('SELECT 1 FROM price_sources WHERE symbol = $1 AND source = $2', [symbol, source]);
    if (ex.length === 0) throw new UserError(`no source '${source}' for ${symbol}`, 'not_found');
    await this.q('UPDATE price_sources SET preferred_override = (source = $2) WHERE symbol = $1', [symbol, source]);
  }

  async hasSymbol(symbol: string): Promise<boolean> {
    const r = await this.q('SELECT 1 FROM price_sources WHERE symbol = $1 UNION ALL SELECT 1 FROM series_meta WHERE series = $1 LIMIT 1', [symbol]);
    return r.length > 0;
  }

  async getPriceSeries(symbol: string, q: PriceQuery = {}): Promise<PriceSeries> {
    const srcRows = q.source
      ? await this.q('SELECT source, adjustment FROM price_sources WHERE symbol = $1 AND source = $2', [symbol, q.source])
      : await this.q(`SELECT p.source, ps.adjustment FROM (${this.preferredSql()}) p JOIN price_sources ps USING (symbol, source) WHERE p.symbol = $1`, [symbol]);
    if (srcRows.length === 0) {
      throw new UserError(
        q.source ? `no price data for ${symbol} from source '${q.source}'` : `unknown symbol '${symbol}': no price data stored (see \`marketdash db info\`)`,
        'not_found',
      );
    }
    const source = srcRows[0].source as string;
    let adjustment = srcRows[0].adjustment as Adjustment;
    const closeCol = q.useAdjClose ? 'coalesce(adj_close, close)' : 'close';
    const r = await this.q(
      `SELECT date AS d, open, high, low, ${closeCol} AS close, volume, adj_close IS NOT NULL AS has_adj
       FROM bars WHERE symbol = $1 AND source = $2 ${q.includeProvisional ? '' : 'AND NOT provisional'} ORDER BY date`,
      [symbol, source],
    );
    if (q.useAdjClose && r.some((x) => x.has_adj === true)) adjustment = 'split+dividend';
    return { symbol, source, adjustment, ...columns(r, 0, r.length) };
  }

  async getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]> {
    if (symbols.length === 0) return [];
    const adj = await this.q('SELECT symbol, adjustment FROM price_sources WHERE source = $1 AND symbol = ANY($2::text[])', [source, symbols]);
    const adjustment = new Map(adj.map((x) => [x.symbol as string, x.adjustment as Adjustment]));
    const r = await this.q(
      `SELECT symbol, date AS d, open, high, low, close, volume FROM bars
       WHERE source = $1 AND symbol = ANY($2::text[]) AND NOT provisional ORDER BY symbol, date`,
      [source, symbols],
    );
    const out: PriceSeries[] = [];
    for (let a = 0; a < r.length; ) {
      let b = a;
      while (b < r.length && r[b].symbol === r[a].symbol) b++;
      const sym = r[a].symbol as string;
      out.push({ symbol: sym, source, adjustment: adjustment.get(sym) ?? 'split+dividend', ...columns(r, a, b) });
      a = b;
    }
    return out;
  }

  async priceSymbols(): Promise<Set<string>> {
    return new Set((await this.q('SELECT DISTINCT symbol FROM price_sources')).map((x) => x.symbol as string));
  }

  async getReturnSeries(series: string, freq: Frequency = 'D'): Promise<ReturnSeries> {
    const meta = await this.q('SELECT is_return FROM series_meta WHERE series = $1', [series]);
    if (meta.length === 0) throw new UserError(`unknown series '${series}' (see \`marketdash db info\`)`, 'not_found');
    const src = await this.q('SELECT DISTINCT source FROM observations WHERE series = $1 AND freq = $2 ORDER BY source', [series, freq]);
    if (src.length === 0) throw new UserError(`series '${series}' has no ${freq} data`, 'not_found');
    const source = src[0].source as string;
    const r = await this.q('SELECT date AS d, value FROM observations WHERE series = $1 AND freq = $2 AND source = $3 ORDER BY date', [series, freq, source]);
    return { symbol: series, source, dates: r.map((x) => x.d as string), ret: Float64Array.from(r, (x) => x.value as number) };
  }

  async getHoldings(fund: string, asOf?: string): Promise<{ asOf: string; source: string; file: string; rows: Holding[] }> {
    const snap = await this.q(`SELECT max(as_of) AS d FROM holdings WHERE fund = $1 ${asOf ? 'AND as_of <= $2::date' : ''}`, asOf ? [fund, asOf] : [fund]);
    const d = snap[0]?.d as string | null;
    if (!d) throw new UserError(`no holdings stored for '${fund}'${asOf ? ` on or before ${asOf}` : ''}`, 'not_found');
    const r = await this.q(`SELECT h.*, i.file FROM holdings h JOIN imports i ON i.id = h.import_id WHERE fund = $1 AND as_of = $2::date ORDER BY line`, [fund, d]);
    return holdingsSnapshot(fund, d, r);
  }

  async listHoldingSnapshots(): Promise<{ fund: string; asOf: string; rows: number }[]> {
    const r = await this.q('SELECT fund, as_of AS d, count(*) AS n FROM holdings GROUP BY fund, as_of ORDER BY fund, d');
    return r.map((x) => ({ fund: x.fund as string, asOf: x.d as string, rows: num(x.n) }));
  }

  async getFundamentals(symbols?: string[]): Promise<Fundamentals[]> {
    const r = await this.q(
      `SELECT *, as_of AS d FROM fundamentals ${symbols ? 'WHERE symbol = ANY($1::text[])' : ''} ORDER BY symbol, as_of`,
      symbols ? [symbols] : [],
    );
    return r.map((x) => ({
      symbol: x.symbol as string, asOf: x.d as string, price: numOrNull(x.price), pe: numOrNull(x.pe),
      forwardPe: numOrNull(x.forward_pe), ps: numOrNull(x.ps), pb: numOrNull(x.pb), evEbitda: numOrNull(x.ev_ebitda),
      debtEquity: numOrNull(x.debt_equity), marketCap: numOrNull(x.market_cap), ebitda: numOrNull(x.ebitda), eps: numOrNull(x.eps),
      dividendYield: numOrNull(x.dividend_yield), low52: numOrNull(x.low52), high52: numOrNull(x.high52),
    }));
  }

  async getFlows(funds?: string[]): Promise<Flow[]> {
    const r = await this.q(`SELECT fund, date AS d, flow, aum FROM flows ${funds ? 'WHERE fund = ANY($1::text[])' : ''} ORDER BY fund, date`, funds ? [funds] : []);
    return r.map((x) => ({ fund: x.fund as string, date: x.d as string, flow: num(x.flow), aum: numOrNull(x.aum) }));
  }

  async imports(): Promise<ImportRecord[]> {
    const r = await this.q(`SELECT *, to_char(imported_at, 'YYYY-MM-DD"T"HH24:MI:SS') AS at FROM imports ORDER BY id`);
    return r.map((x) => ({
      id: num(x.id), file: x.file as string, sha256: x.sha256 as string, importer: x.importer as string,
      source: x.source as string, importedAt: x.at as string, rowsRead: num(x.rows_read), rowsNew: num(x.rows_new),
      rowsRevised: num(x.rows_revised),
    }));
  }

  async resolveName(name: { symbol: string; series: string }): Promise<ResolvedName | null> {
    const price = await this.q('SELECT symbol FROM price_sources WHERE symbol = $1 LIMIT 1', [name.symbol]);
    if (price.length) return { kind: 'price', id: price[0].symbol as string };
    const series = await this.q('SELECT series FROM series_meta WHERE lower(series) = lower($1) AND is_return ORDER BY series LIMIT 1', [name.series]);
    return series.length ? { kind: 'returns', id: series[0].series as string } : null;
  }

  async provenanceOf(q: ProvenanceQuery): Promise<SeriesProvenance> {
    if (q.kind === 'returns') {
      const files = await this.q(
        `SELECT DISTINCT i.file, o.source FROM observations o JOIN imports i ON i.id = o.import_id
         WHERE o.series = $1 AND o.freq = $2 AND o.source = $3 ORDER BY 1, 2`,
        [q.series, q.freq, q.source],
      );
      return { files: files.map((r) => ({ file: r.file as string, source: r.source as string })), provisional: 0 };
    }
    if (q.sources.length === 0) return { files: [], provisional: 0 };
    const files = await this.q(
      `SELECT DISTINCT i.file, b.source FROM bars b JOIN imports i ON i.id = b.import_id
       WHERE b.symbol = $1 AND b.source = ANY($2::text[]) ORDER BY 1, 2`,
      [q.symbol, q.sources],
    );
    const prov = await this.q('SELECT count(*) AS n FROM bars WHERE symbol = $1 AND source = $2 AND provisional', [q.symbol, q.sources[0]]);
    return { files: files.map((r) => ({ file: r.file as string, source: r.source as string })), provisional: num(prov[0]?.n ?? 0) };
  }

  async holdingsContaining(symbol: string, asOf?: string): Promise<FundMembership[]> {
    const r = await this.q(
      `SELECT fund, max(as_of) AS d FROM holdings WHERE symbol = $1 ${asOf ? 'AND as_of <= $2::date' : ''} GROUP BY fund ORDER BY fund`,
      asOf ? [symbol, asOf] : [symbol],
    );
    return r.map((x) => ({ fund: x.fund as string, asOf: x.d as string }));
  }

  async panelMembers(source: string): Promise<string[]> {
    return (await this.q('SELECT DISTINCT symbol FROM bars WHERE source = $1 ORDER BY symbol', [source])).map((x) => x.symbol as string);
  }

  async sourceSpan(source: string): Promise<{ first: string; last: string } | null> {
    const r = await this.q('SELECT min(date) AS f, max(date) AS l FROM bars WHERE source = $1 AND NOT provisional', [source]);
    return r[0]?.l ? { first: r[0].f as string, last: r[0].l as string } : null;
  }

  async holdingsPricedOn(fund: string, snapshot: string, date: string): Promise<number> {
    const r = await this.q(
      `SELECT count(DISTINCT h.symbol) AS n FROM holdings h
       JOIN bars b ON b.symbol = h.symbol AND b.date = $3::date AND NOT b.provisional
       WHERE h.fund = $1 AND h.as_of = $2::date AND coalesce(h.asset_class, 'Equity') = 'Equity'`,
      [fund, snapshot, date],
    );
    return num(r[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Columns of bar rows [a, b) as the typed arrays a PriceSeries holds (OHLC/volume null when absent). */
function columns(r: Row[], a: number, b: number) {
  const slice = r.slice(a, b);
  const arr = (k: string) => Float64Array.from(slice, (x) => (x[k] === null ? Number.NaN : (x[k] as number)));
  const hasOhlc = slice.some((x) => x.open !== null);
  return {
    dates: slice.map((x) => x.d as string),
    close: arr('close'),
    open: hasOhlc ? arr('open') : null,
    high: hasOhlc ? arr('high') : null,
    low: hasOhlc ? arr('low') : null,
    volume: slice.some((x) => x.volume !== null) ? arr('volume') : null,
  };
}
