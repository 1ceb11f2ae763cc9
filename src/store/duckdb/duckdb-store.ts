/**
 * The embedded default store: one DuckDB file through @duckdb/node-api.
 * Writes stage a batch through DuckDB's appender into temp tables and upsert with anti-joins,
 * all inside one transaction, so a failed import leaves the file exactly as it was.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import type { PriceSeries, ReturnSeries } from '../../model/series.ts';
import type { ImportBatch } from '../../model/batch.ts';
import { batchRowCount } from '../../model/batch.ts';
import { UserError } from '../../model/errors.ts';
import type { Adjustment, Flow, Frequency, Fundamentals, Holding, InstrumentKind } from '../../model/types.ts';
import { LATEST_SCHEMA, MIGRATIONS } from '../migrations.ts';
import type {
  FundMembership,
  ImportRecord,
  MarketStore,
  PriceQuery,
  ProvenanceQuery,
  ResolvedName,
  SeriesInfo,
  SeriesProvenance,
  SourceInfo,
  WriteResult,
} from '../store.ts';
import type { SqlPort } from './sql-twins/port.ts';
import { type Cell, TABLES, type TableSpec, valueColumns } from '../tables.ts';

type Row = Record<string, unknown>;

const CHUNK = 2048;
const STAGE_TYPES: Record<string, DuckDBType> = { varchar: VARCHAR, date: VARCHAR, double: DOUBLE, integer: INTEGER, boolean: BOOLEAN };

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));

export class DuckDbStore implements MarketStore, SqlPort {
  readonly kind = 'duckdb' as const;
  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {}

  /** Open (creating if needed) a store file, or ':memory:'. Applies migrations. */
  static async open(location: string, opts: { readOnly?: boolean } = {}): Promise<DuckDbStore> {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location, opts.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (e) {
      throw new UserError(`cannot open the DuckDB store at ${location}: ${(e as Error).message}`, 'unavailable');
    }
    const con = await instance.connect();
    const store = new DuckDbStore(location, instance, con);
    if (!opts.readOnly) await store.migrate();
    return store;
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    if (params.length === 0) return (await this.con.runAndReadAll(sql)).getRowObjects();
    const stmt = await this.con.prepare(sql);
    stmt.bind(params);
    return (await stmt.runAndReadAll()).getRowObjects();
  }

  private async exec(sql: string, params: DuckDBValue[] = []): Promise<number> {
    if (params.length === 0) return Number((await this.con.run(sql)).rowsChanged);
    const stmt = await this.con.prepare(sql);
    stmt.bind(params);
    return Number((await stmt.run()).rowsChanged);
  }

  /** 0 for a store no migration has touched (read-only stores are never written, not even this table). */
  async schemaVersion(): Promise<number> {
    const t = await this.rows("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'");
    if (t.length === 0) return 0;
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

  async writeBatch(batch: ImportBatch): Promise<WriteResult> {
    const rowsRead = batchRowCount(batch);
    const seen = await this.rows('SELECT id FROM imports WHERE file = $1 AND sha256 = $2 AND importer = $3', [
      batch.file,
      batch.sha256,
      batch.importer,
    ]);
    if (seen.length > 0) return { status: 'unchanged', rowsRead, rowsNew: 0, rowsRevised: 0, rowsUnchanged: rowsRead };

    await this.exec('BEGIN TRANSACTION');
    try {
      const idRow = await this.rows('SELECT coalesce(max(id), 0) + 1 AS id FROM imports');
      const importId = num(idRow[0].id);
      await this.upsertInstruments(batch);
      await this.upsertPriceSources(batch);
      await this.upsertSeriesMeta(batch);
      let rowsNew = 0;
      let rowsRevised = 0;
      for (const spec of TABLES) {
        const cells = spec.rows(batch, importId);
        if (cells.length === 0) continue;
        const r = spec.snapshotKey ? await this.writeSnapshot(spec, cells) : await this.writeKeyed(spec, cells);
        rowsNew += r.rowsNew;
        rowsRevised += r.rowsRevised;
      }
      await this.exec('INSERT INTO imports VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8)', [
        importId,
        batch.file,
        batch.sha256,
        batch.importer,
        batch.source,
        rowsRead,
        rowsNew,
        rowsRevised,
      ]);
      await this.exec('COMMIT');
      return { status: 'imported', rowsRead, rowsNew, rowsRevised, rowsUnchanged: rowsRead - rowsNew - rowsRevised };
    } catch (e) {
      await this.exec('ROLLBACK');
      throw e;
    }
  }

  private async stage(spec: TableSpec, cells: Cell[][]): Promise<string> {
    const name = `stage_${spec.table}`;
    await this.exec(`DROP TABLE IF EXISTS temp.${name}`);
    const cols = spec.columns.map(([c, t]) => `${c} ${t === 'date' ? 'VARCHAR' : t.toUpperCase()}`).join(', ');
    await this.exec(`CREATE TEMP TABLE ${name} (${cols})`);
    const ap = await this.con.createAppender(name, 'main', 'temp');
    // Columnar data chunks (2,048 rows each) cross into DuckDB once per chunk, not once per value.
    const types = spec.columns.map(([, t]) => STAGE_TYPES[t]);
    for (let off = 0; off < cells.length; off += CHUNK) {
      const slice = cells.slice(off, off + CHUNK);
      const chunk = DuckDBDataChunk.create(types, slice.length);
      chunk.setColumns(spec.columns.map((_, i) => slice.map((r) => (r[i] === undefined ? null : r[i])) as DuckDBValue[]));
      ap.appendDataChunk(chunk);
    }
    ap.flushSync();
    ap.closeSync();
    return `temp.${name}`;
  }

  private selectStaged(spec: TableSpec, alias: string): string {
    return spec.columns.map(([c, t]) => (t === 'date' ? `CAST(${alias}.${c} AS DATE)` : `${alias}.${c}`)).join(', ');
  }

  private keyJoin(spec: TableSpec, t: string, s: string, keys = spec.key): string {
    return keys
      .map((k) => {
        const type = spec.columns.find(([c]) => c === k)![1];
        const sv = type === 'date' ? `CAST(${s}.${k} AS DATE)` : `${s}.${k}`;
        return `${t}.${k} IS NOT DISTINCT FROM ${sv}`;
      })
      .join(' AND ');
  }

  private async writeKeyed(spec: TableSpec, cells: Cell[][]): Promise<{ rowsNew: number; rowsRevised: number }> {
    const stage = await this.stage(spec, cells);
    const vals = valueColumns(spec);
    // A literal list of the batch's first-key values (symbols, series) lets DuckDB skip row groups by
    // their min/max statistics instead of scanning the whole table for every file.
    const k0 = spec.key[0];
    const distinct = [...new Set(cells.map((r) => r[0]))];
    const prefilter =
      distinct.length <= 256 ? `AND t.${k0} IN (${distinct.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ')})` : '';
    const existing = `(SELECT * FROM ${spec.table} t WHERE TRUE ${prefilter})`;
    const rowsRevised = await this.exec(
      `UPDATE ${spec.table} AS t SET ${[...vals, 'import_id', 'line'].map((c) => `${c} = s.${c}`).join(', ')}
       FROM ${stage} AS s WHERE ${this.keyJoin(spec, 't', 's')} ${prefilter}
       AND (${vals.map((c) => `t.${c} IS DISTINCT FROM s.${c}`).join(' OR ')})`,
    );
    const rowsNew = await this.exec(
      `INSERT INTO ${spec.table} SELECT ${this.selectStaged(spec, 's')} FROM ${stage} AS s
       WHERE NOT EXISTS (SELECT 1 FROM ${existing} AS t WHERE ${this.keyJoin(spec, 't', 's')})`,
    );
    await this.exec(`DROP TABLE ${stage}`);
    return { rowsNew, rowsRevised };
  }

  /** Snapshot tables: a (fund, as-of) snapshot identical to the stored one changes nothing; a different one replaces it. */
  private async writeSnapshot(spec: TableSpec, cells: Cell[][]): Promise<{ rowsNew: number; rowsRevised: number }> {
    const stage = await this.stage(spec, cells);
    const sk = spec.snapshotKey!;
    const vals = spec.columns.map(([c]) => c).filter((c) => c !== 'import_id' && c !== 'line');
    const keys = await this.rows(`SELECT DISTINCT ${sk.join(', ')} FROM ${stage}`);
    let rowsNew = 0;
    let rowsRevised = 0;
    for (const k of keys) {
      const params = sk.map((c) => k[c] as DuckDBValue);
      const where = (alias: string) => sk.map((c, i) => `${alias}.${c} = CAST($${i + 1} AS ${c === 'as_of' ? 'DATE' : 'VARCHAR'})`).join(' AND ');
      const existing = num((await this.rows(`SELECT count(*) AS n FROM ${spec.table} t WHERE ${where('t')}`, params))[0].n);
      const incoming = num((await this.rows(`SELECT count(*) AS n FROM ${stage} s WHERE ${where('s')}`, params))[0].n);
      if (existing > 0) {
        const sel = (alias: string) => vals.map((c) => (c === 'as_of' ? `CAST(${alias}.${c} AS DATE) AS ${c}` : `${alias}.${c}`)).join(', ');
        const diff = num(
          (
            await this.rows(
              `SELECT count(*) AS n FROM ((SELECT ${sel('t')} FROM ${spec.table} t WHERE ${where('t')}
                 EXCEPT ALL SELECT ${sel('s')} FROM ${stage} s WHERE ${where('s')})
               UNION ALL (SELECT ${sel('s')} FROM ${stage} s WHERE ${where('s')}
                 EXCEPT ALL SELECT ${sel('t')} FROM ${spec.table} t WHERE ${where('t')}))`,
              params,
            )
          )[0].n,
        );
        if (diff === 0) continue;
        await this.exec(`DELETE FROM ${spec.table} t WHERE ${where('t')}`, params);
        rowsRevised += incoming;
      } else {
        rowsNew += incoming;
      }
      await this.exec(`INSERT INTO ${spec.table} SELECT ${this.selectStaged(spec, 's')} FROM ${stage} s WHERE ${where('s')}`, params);
    }
    await this.exec(`DROP TABLE ${stage}`);
    return { rowsNew, rowsRevised };
  }

  private async upsertInstruments(batch: ImportBatch): Promise<void> {
    const seen = new Set<string>();
    for (const i of batch.instruments) {
      if (seen.has(i.symbol)) continue;
      seen.add(i.symbol);
      const ex = await this.rows('SELECT name FROM instruments WHERE symbol = $1', [i.symbol]);
      if (ex.length === 0) await this.exec('INSERT INTO instruments VALUES ($1, $2, $3)', [i.symbol, i.name, i.kind]);
      else if (ex[0].name === null && i.name !== null) await this.exec('UPDATE instruments SET name = $2 WHERE symbol = $1', [i.symbol, i.name]);
    }
  }

  private async upsertPriceSources(batch: ImportBatch): Promise<void> {
    if (batch.bars.length === 0) return;
    const pairs = new Map<string, { symbol: string; source: string; adjustment: Adjustment }>();
    for (const b of batch.bars) pairs.set(`${b.symbol}\u0000${b.prov.source}`, { symbol: b.symbol, source: b.prov.source, adjustment: b.adjustment });
    for (const p of pairs.values()) {
      const ex = await this.rows('SELECT 1 FROM price_sources WHERE symbol = $1 AND source = $2', [p.symbol, p.source]);
      if (ex.length === 0)
        await this.exec('INSERT INTO price_sources VALUES ($1, $2, $3, $4, FALSE)', [p.symbol, p.source, batch.priority ?? 100, p.adjustment]);
    }
  }

  private async upsertSeriesMeta(batch: ImportBatch): Promise<void> {
    for (const m of batch.seriesMeta) {
      const ex = await this.rows('SELECT 1 FROM series_meta WHERE series = $1', [m.series]);
      if (ex.length === 0) await this.exec('INSERT INTO series_meta VALUES ($1, $2, $3, $4, $5)', [m.series, m.kind, m.name, m.unit, m.isReturn]);
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
    const out: SeriesInfo[] = [];
    for (const r of bars)
      out.push({
        table: 'bars', symbol: r.symbol as string, kind: r.kind as InstrumentKind, source: r.source as string, freq: 'D',
        first: r.first as string, last: r.last as string, rows: num(r.n), preferred: Boolean(r.preferred),
        adjustment: (r.adjustment as Adjustment) ?? null, provisional: num(r.prov),
      });
    for (const r of obs)
      out.push({
        table: 'observations', symbol: r.series as string, kind: r.kind as InstrumentKind, source: r.source as string,
        freq: r.freq as Frequency, first: r.first as string, last: r.last as string, rows: num(r.n), preferred: true,
        adjustment: null, provisional: 0,
      });
    for (const r of snaps)
      out.push({
        table: r.t as string, symbol: r.symbol as string, kind: r.t as 'holdings', source: r.source as string, freq: null,
        first: r.first as string, last: r.last as string, rows: num(r.n), preferred: true, adjustment: null, provisional: 0,
      });
    return out;
  }

  async listSources(symbol: string): Promise<SourceInfo[]> {
    const r = await this.rows(
      `SELECT ps.symbol, ps.source, ps.priority, ps.adjustment, (p.source IS NOT NULL) AS preferred,
         strftime(min(b.date), '%Y-%m-%d') AS first, strftime(max(b.date), '%Y-%m-%d') AS last, count(b.date) AS n
       FROM price_sources ps LEFT JOIN bars b ON b.symbol = ps.symbol AND b.source = ps.source
       LEFT JOIN (${this.preferredSql()}) p ON p.symbol = ps.symbol AND p.source = ps.source
       WHERE ps.symbol = $1 GROUP BY ALL ORDER BY preferred DESC, ps.priority DESC, ps.source`,
      [symbol],
    );
    return r.map((x) => ({
      symbol: x.symbol as string, source: x.source as string, priority: num(x.priority), adjustment: x.adjustment as Adjustment,
      preferred: Boolean(x.preferred), first: x.first as string, last: x.last as string, rows: num(x.n),
    }));
  }

  async setPreferredSource(symbol: string, source: string): Promise<void> {
    const ex = await this.rows('SELECT 1 FROM price_sources WHERE symbol = $1 AND source = $2', [symbol, source]);
    if (ex.length === 0) throw new UserError(`no source '${source}' for ${symbol}`, 'not_found');
    await this.exec('BEGIN TRANSACTION');
    await this.exec('UPDATE price_sources SET preferred_override = (source = $2) WHERE symbol = $1', [symbol, source]);
    await this.exec('COMMIT');
  }

  async hasSymbol(symbol: string): Promise<boolean> {
    const r = await this.rows(
      'SELECT 1 FROM price_sources WHERE symbol = $1 UNION ALL SELECT 1 FROM series_meta WHERE series = $1 LIMIT 1',
      [symbol],
    );
    return r.length > 0;
  }

  async getPriceSeries(symbol: string, q: PriceQuery = {}): Promise<PriceSeries> {
    const srcRows = q.source
      ? await this.rows('SELECT source, adjustment FROM price_sources WHERE symbol = $1 AND source = $2', [symbol, q.source])
      : await this.rows(
          `SELECT p.source, ps.adjustment FROM (${this.preferredSql()}) p JOIN price_sources ps USING (symbol, source) WHERE p.symbol = $1`,
          [symbol],
        );
    if (srcRows.length === 0) {
      throw new UserError(
        q.source ? `no price data for ${symbol} from source '${q.source}'` : `unknown symbol '${symbol}': no price data stored (see \`marketdash db info\`)`,
        'not_found',
      );
    }
    const source = srcRows[0].source as string;
    let adjustment = srcRows[0].adjustment as Adjustment;
    const closeCol = q.useAdjClose ? 'coalesce(adj_close, close)' : 'close';
    const reader = await (async () => {
      const stmt = await this.con.prepare(
        `SELECT strftime(date, '%Y-%m-%d') AS d, open, high, low, ${closeCol} AS close, volume, adj_close IS NOT NULL AS has_adj
         FROM bars WHERE symbol = $1 AND source = $2 ${q.includeProvisional ? '' : 'AND NOT provisional'} ORDER BY date`,
      );
      stmt.bind([symbol, source]);
      return stmt.runAndReadAll();
    })();
    const cols = reader.getColumns();
    const n = reader.currentRowCount;
    const toArr = (c: unknown[]): Float64Array => {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = c[i] === null ? Number.NaN : (c[i] as number);
      return a;
    };
    const hasOhlc = (cols[1] as unknown[]).some((v) => v !== null);
    if (q.useAdjClose && (cols[6] as unknown[]).some((v) => v === true)) adjustment = 'split+dividend';
    return {
      symbol,
      source,
      adjustment,
      dates: cols[0] as string[],
      close: toArr(cols[4] as unknown[]),
      open: hasOhlc ? toArr(cols[1] as unknown[]) : null,
      high: hasOhlc ? toArr(cols[2] as unknown[]) : null,
      low: hasOhlc ? toArr(cols[3] as unknown[]) : null,
      volume: (cols[5] as unknown[]).some((v) => v !== null) ? toArr(cols[5] as unknown[]) : null,
    };
  }

  async getPriceSeriesMany(symbols: string[], source: string): Promise<PriceSeries[]> {
    if (symbols.length === 0) return [];
    const list = symbols.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ');
    const adj = await this.rows(`SELECT symbol, adjustment FROM price_sources WHERE source = $1 AND symbol IN (${list})`, [source]);
    const adjustment = new Map(adj.map((r) => [r.symbol as string, r.adjustment as Adjustment]));
    const r = await this.con.runAndReadAll(
      `SELECT symbol, strftime(date, '%Y-%m-%d') AS d, open, high, low, close, volume FROM bars
       WHERE source = '${source.replace(/'/g, "''")}' AND symbol IN (${list}) AND NOT provisional ORDER BY symbol, date`,
    );
    const cols = r.getColumns() as unknown[][];
    const out: PriceSeries[] = [];
    const n = r.currentRowCount;
    const f = (c: unknown[], a: number, b: number) => {
      const x = new Float64Array(b - a);
      for (let i = a; i < b; i++) x[i - a] = c[i] === null ? Number.NaN : (c[i] as number);
      return x;
    };
    for (let a = 0; a < n; ) {
      let b = a;
      while (b < n && cols[0][b] === cols[0][a]) b++;
      const hasOhlc = cols[2].slice(a, b).some((v) => v !== null);
      out.push({
        symbol: cols[0][a] as string, source, adjustment: adjustment.get(cols[0][a] as string) ?? 'split+dividend',
        dates: cols[1].slice(a, b) as string[], close: f(cols[5], a, b),
        open: hasOhlc ? f(cols[2], a, b) : null, high: hasOhlc ? f(cols[3], a, b) : null, low: hasOhlc ? f(cols[4], a, b) : null,
        volume: cols[6].slice(a, b).some((v) => v !== null) ? f(cols[6], a, b) : null,
      });
      a = b;
    }
    return out;
  }

  async priceSymbols(): Promise<Set<string>> {
    return new Set((await this.rows('SELECT DISTINCT symbol FROM price_sources')).map((r) => r.symbol as string));
  }

  async getReturnSeries(series: string, freq: Frequency = 'D'): Promise<ReturnSeries> {
    const meta = await this.rows('SELECT is_return FROM series_meta WHERE series = $1', [series]);
    if (meta.length === 0) throw new UserError(`unknown series '${series}' (see \`marketdash db info\`)`, 'not_found');
    const src = await this.rows('SELECT DISTINCT source FROM observations WHERE series = $1 AND freq = $2 ORDER BY source', [series, freq]);
    if (src.length === 0) throw new UserError(`series '${series}' has no ${freq} data`, 'not_found');
    const source = src[0].source as string;
    const stmt = await this.con.prepare(
      `SELECT strftime(date, '%Y-%m-%d') AS d, value FROM observations WHERE series = $1 AND freq = $2 AND source = $3 ORDER BY date`,
    );
    stmt.bind([series, freq, source]);
    const r = await stmt.runAndReadAll();
    const cols = r.getColumns();
    return { symbol: series, source, dates: cols[0] as string[], ret: Float64Array.from(cols[1] as number[]) };
  }

  async getHoldings(fund: string, asOf?: string): Promise<{ asOf: string; source: string; file: string; rows: Holding[] }> {
    const snap = await this.rows(
      `SELECT strftime(max(as_of), '%Y-%m-%d') AS d FROM holdings WHERE fund = $1 ${asOf ? 'AND as_of <= CAST($2 AS DATE)' : ''}`,
      asOf ? [fund, asOf] : [fund],
    );
    const d = snap[0]?.d as string | null;
    if (!d) throw new UserError(`no holdings stored for '${fund}'${asOf ? ` on or before ${asOf}` : ''}`, 'not_found');
    const r = await this.rows(
      `SELECT h.*, i.file FROM holdings h JOIN imports i ON i.id = h.import_id WHERE fund = $1 AND as_of = CAST($2 AS DATE) ORDER BY line`,
      [fund, d],
    );
    return {
      asOf: d,
      source: r[0].source as string,
      file: r[0].file as string,
      rows: r.map((x) => ({
        fund, asOf: d, symbol: x.symbol as string, name: x.name as string | null, sector: x.sector as string | null,
        subIndustry: x.sub_industry as string | null, assetClass: x.asset_class as string | null,
        weight: numOrNull(x.weight), shares: numOrNull(x.shares), marketValue: numOrNull(x.market_value), price: numOrNull(x.price),
      })),
    };
  }

  async listHoldingSnapshots(): Promise<{ fund: string; asOf: string; rows: number }[]> {
    const r = await this.rows(`SELECT fund, strftime(as_of, '%Y-%m-%d') AS d, count(*) AS n FROM holdings GROUP BY ALL ORDER BY fund, d`);
    return r.map((x) => ({ fund: x.fund as string, asOf: x.d as string, rows: num(x.n) }));
  }

  async getFundamentals(symbols?: string[]): Promise<Fundamentals[]> {
    const r = await this.rows(`SELECT *, strftime(as_of, '%Y-%m-%d') AS d FROM fundamentals ORDER BY symbol, as_of`);
    const want = symbols ? new Set(symbols) : null;
    return r
      .filter((x) => !want || want.has(x.symbol as string))
      .map((x) => ({
        symbol: x.symbol as string, asOf: x.d as string, price: numOrNull(x.price), pe: numOrNull(x.pe),
        forwardPe: numOrNull(x.forward_pe), ps: numOrNull(x.ps), pb: numOrNull(x.pb), evEbitda: numOrNull(x.ev_ebitda),
        debtEquity: numOrNull(x.debt_equity), marketCap: numOrNull(x.market_cap), ebitda: numOrNull(x.ebitda), eps: numOrNull(x.eps),
        dividendYield: numOrNull(x.dividend_yield), low52: numOrNull(x.low52), high52: numOrNull(x.high52),
      }));
  }

  async getFlows(funds?: string[]): Promise<Flow[]> {
    const r = await this.rows(`SELECT fund, strftime(date, '%Y-%m-%d') AS d, flow, aum FROM flows ORDER BY fund, date`);
    const want = funds ? new Set(funds) : null;
    return r
      .filter((x) => !want || want.has(x.fund as string))
      .map((x) => ({ fund: x.fund as string, date: x.d as string, flow: num(x.flow), aum: numOrNull(x.aum) }));
  }

  async imports(): Promise<ImportRecord[]> {
    const r = await this.rows(`SELECT *, strftime(imported_at, '%Y-%m-%dT%H:%M:%S') AS at FROM imports ORDER BY id`);
    return r.map((x) => ({
      id: num(x.id), file: x.file as string, sha256: x.sha256 as string, importer: x.importer as string,
      source: x.source as string, importedAt: x.at as string, rowsRead: num(x.rows_read), rowsNew: num(x.rows_new),
      rowsRevised: num(x.rows_revised),
    }));
  }

  async resolveName(name: { symbol: string; series: string }): Promise<ResolvedName | null> {
    const price = await this.rows('SELECT symbol FROM price_sources WHERE symbol = $1 LIMIT 1', [name.symbol]);
    if (price.length) return { kind: 'price', id: price[0].symbol as string };
    const series = await this.rows(
      'SELECT series FROM series_meta WHERE lower(series) = lower($1) AND is_return ORDER BY series LIMIT 1',
      [name.series],
    );
    return series.length ? { kind: 'returns', id: series[0].series as string } : null;
  }

  async provenanceOf(q: ProvenanceQuery): Promise<SeriesProvenance> {
    if (q.kind === 'returns') {
      const files = await this.rows(
        `SELECT DISTINCT i.file, o.source FROM observations o JOIN imports i ON i.id = o.import_id
         WHERE o.series = $1 AND o.freq = $2 AND o.source = $3 ORDER BY 1, 2`,
        [q.series, q.freq, q.source],
      );
      return { files: files.map((r) => ({ file: r.file as string, source: r.source as string })), provisional: 0 };
    }
    if (q.sources.length === 0) return { files: [], provisional: 0 };
    const list = q.sources.map((_, i) => `$${i + 2}`).join(', ');
    const files = await this.rows(
      `SELECT DISTINCT i.file, b.source FROM bars b JOIN imports i ON i.id = b.import_id
       WHERE b.symbol = $1 AND b.source IN (${list}) ORDER BY 1, 2`,
      [q.symbol, ...q.sources],
    );
    const prov = await this.rows('SELECT count(*) AS n FROM bars WHERE symbol = $1 AND source = $2 AND provisional', [
      q.symbol,
      q.sources[0],
    ]);
    return {
      files: files.map((r) => ({ file: r.file as string, source: r.source as string })),
      provisional: num(prov[0]?.n ?? 0),
    };
  }

  async holdingsContaining(symbol: string, asOf?: string): Promise<FundMembership[]> {
    const r = await this.rows(
      `SELECT fund, strftime(max(as_of), '%Y-%m-%d') AS d FROM holdings
       WHERE symbol = $1 ${asOf ? 'AND as_of <= CAST($2 AS DATE)' : ''} GROUP BY fund ORDER BY fund`,
      asOf ? [symbol, asOf] : [symbol],
    );
    return r.map((x) => ({ fund: x.fund as string, asOf: x.d as string }));
  }

  async panelMembers(source: string): Promise<string[]> {
    const r = await this.rows('SELECT DISTINCT symbol FROM bars WHERE source = $1 ORDER BY symbol', [source]);
    return r.map((x) => x.symbol as string);
  }

  async sourceSpan(source: string): Promise<{ first: string; last: string } | null> {
    const r = await this.rows(
      `SELECT strftime(min(date), '%Y-%m-%d') AS f, strftime(max(date), '%Y-%m-%d') AS l FROM bars WHERE source = $1 AND NOT provisional`,
      [source],
    );
    return r[0]?.l ? { first: r[0].f as string, last: r[0].l as string } : null;
  }

  async holdingsPricedOn(fund: string, snapshot: string, date: string): Promise<number> {
    const r = await this.rows(
      `SELECT count(DISTINCT h.symbol) AS n FROM holdings h
       JOIN bars b ON b.symbol = h.symbol AND b.date = CAST($3 AS DATE) AND NOT b.provisional
       WHERE h.fund = $1 AND h.as_of = CAST($2 AS DATE) AND coalesce(h.asset_class, 'Equity') = 'Equity'`,
      [fund, snapshot, date],
    );
    return num(r[0]?.n ?? 0);
  }

  /** The SQL-twin port (tests and bench only; not part of MarketStore): one statement, BIGINTs as numbers. */
  async sql(query: string): Promise<Record<string, unknown>[]> {
    return (await this.rows(query)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  }

  async close(): Promise<void> {
    this.con.closeSync();
    this.instance.closeSync();
  }
}
