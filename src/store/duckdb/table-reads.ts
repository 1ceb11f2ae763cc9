/**
 * The DuckDB store's questions about holdings, fundamentals, flows, imports, names and provenance:
 * one SQL query each (small answers, read as rows), called by duckdb-store.ts with its prepared-statement runner.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../../model/errors.ts';
import type { Adjustment, Flow, Fundamentals, Holding } from '../../model/types.ts';
import { holdingsSnapshot } from '../holding-rows.ts';
import type { FundMembership, ImportRecord, ProvenanceQuery, ResolvedName, SeriesProvenance, SourceInfo } from '../store.ts';

export type Rows = (sql: string, params?: DuckDBValue[]) => Promise<Record<string, unknown>[]>;

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));

export async function getHoldings(rows: Rows, fund: string, asOf?: string): Promise<{ asOf: string; source: string; file: string; rows: Holding[] }> {
  const snap = await rows(
    `SELECT strftime(max(as_of), '%Y-%m-%d') AS d FROM holdings WHERE fund = $1 ${asOf ? 'AND as_of <= CAST($2 AS DATE)' : ''}`,
    asOf ? [fund, asOf] : [fund],
  );
  const d = snap[0]?.d as string | null;
  if (!d) throw new UserError(`no holdings stored for '${fund}'${asOf ? ` on or before ${asOf}` : ''}`, 'not_found');
  const r = await rows(
    `SELECT h.*, i.file FROM holdings h JOIN imports i ON i.id = h.import_id WHERE fund = $1 AND as_of = CAST($2 AS DATE) ORDER BY line`,
    [fund, d],
  );
  return holdingsSnapshot(fund, d, r);
}

export async function listHoldingSnapshots(rows: Rows): Promise<{ fund: string; asOf: string; rows: number }[]> {
  const r = await rows(`SELECT fund, strftime(as_of, '%Y-%m-%d') AS d, count(*) AS n FROM holdings GROUP BY ALL ORDER BY fund, d`);
  return r.map((x) => ({ fund: x.fund as string, asOf: x.d as string, rows: num(x.n) }));
}

export async function getFundamentals(rows: Rows, symbols?: string[]): Promise<Fundamentals[]> {
  const r = await rows(`SELECT *, strftime(as_of, '%Y-%m-%d') AS d FROM fundamentals ORDER BY symbol, as_of`);
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

export async function getFlows(rows: Rows, funds?: string[]): Promise<Flow[]> {
  const r = await rows(`SELECT fund, strftime(date, '%Y-%m-%d') AS d, flow, aum FROM flows ORDER BY fund, date`);
  const want = funds ? new Set(funds) : null;
  return r
    .filter((x) => !want || want.has(x.fund as string))
    .map((x) => ({ fund: x.fund as string, date: x.d as string, flow: num(x.flow), aum: numOrNull(x.aum) }));
}

export async function imports(rows: Rows): Promise<ImportRecord[]> {
  const r = await rows(`SELECT *, strftime(imported_at, '%Y-%m-%dT%H:%M:%S') AS at FROM imports ORDER BY id`);
  return r.map((x) => ({
    id: num(x.id), file: x.file as string, sha256: x.sha256 as string, importer: x.importer as string,
    source: x.source as string, importedAt: x.at as string, rowsRead: num(x.rows_read), rowsNew: num(x.rows_new),
    rowsRevised: num(x.rows_revised),
  }));
}

export async function resolveName(rows: Rows, name: { symbol: string; series: string }): Promise<ResolvedName | null> {
  const price = await rows('SELECT symbol FROM price_sources WHERE symbol = $1 LIMIT 1', [name.symbol]);
  if (price.length) return { kind: 'price', id: price[0].symbol as string };
  const series = await rows(
    'SELECT series FROM series_meta WHERE lower(series) = lower($1) AND is_return ORDER BY series LIMIT 1',
    [name.series],
  );
  return series.length ? { kind: 'returns', id: series[0].series as string } : null;
}

export async function provenanceOf(rows: Rows, q: ProvenanceQuery): Promise<SeriesProvenance> {
  if (q.kind === 'returns') {
    const files = await rows(
      `SELECT DISTINCT i.file, o.source FROM observations o JOIN imports i ON i.id = o.import_id
       WHERE o.series = $1 AND o.freq = $2 AND o.source = $3 ORDER BY 1, 2`,
      [q.series, q.freq, q.source],
    );
    return { files: files.map((r) => ({ file: r.file as string, source: r.source as string })), provisional: 0 };
  }
  if (q.sources.length === 0) return { files: [], provisional: 0 };
  const list = q.sources.map((_, i) => `$${i + 2}`).join(', ');
  const files = await rows(
    `SELECT DISTINCT i.file, b.source FROM bars b JOIN imports i ON i.id = b.import_id
     WHERE b.symbol = $1 AND b.source IN (${list}) ORDER BY 1, 2`,
    [q.symbol, ...q.sources],
  );
  const prov = await rows('SELECT count(*) AS n FROM bars WHERE symbol = $1 AND source = $2 AND provisional', [
    q.symbol,
    q.sources[0],
  ]);
  return {
    files: files.map((r) => ({ file: r.file as string, source: r.source as string })),
    provisional: num(prov[0]?.n ?? 0),
  };
}

export async function holdingsContaining(rows: Rows, symbol: string, asOf?: string): Promise<FundMembership[]> {
  const r = await rows(
    `SELECT fund, strftime(max(as_of), '%Y-%m-%d') AS d FROM holdings
     WHERE symbol = $1 ${asOf ? 'AND as_of <= CAST($2 AS DATE)' : ''} GROUP BY fund ORDER BY fund`,
    asOf ? [symbol, asOf] : [symbol],
  );
  return r.map((x) => ({ fund: x.fund as string, asOf: x.d as string }));
}

export async function panelMembers(rows: Rows, source: string): Promise<string[]> {
  const r = await rows('SELECT DISTINCT symbol FROM bars WHERE source = $1 ORDER BY symbol', [source]);
  return r.map((x) => x.symbol as string);
}

export async function sourceSpan(rows: Rows, source: string): Promise<{ first: string; last: string } | null> {
  const r = await rows(
    `SELECT strftime(min(date), '%Y-%m-%d') AS f, strftime(max(date), '%Y-%m-%d') AS l FROM bars WHERE source = $1 AND NOT provisional`,
    [source],
  );
  return r[0]?.l ? { first: r[0].f as string, last: r[0].l as string } : null;
}

export async function holdingsPricedOn(rows: Rows, fund: string, snapshot: string, date: string): Promise<number> {
  const r = await rows(
    `SELECT count(DISTINCT h.symbol) AS n FROM holdings h
     JOIN bars b ON b.symbol = h.symbol AND b.date = CAST($3 AS DATE) AND NOT b.provisional
     WHERE h.fund = $1 AND h.as_of = CAST($2 AS DATE) AND coalesce(h.asset_class, 'Equity') = 'Equity'`,
    [fund, snapshot, date],
  );
  return num(r[0]?.n ?? 0);
}


/** listSources rows (each symbol's sources in preference order) of `symbols`, or of every symbol when null. */
export async function sourceRows(rows: Rows, preferredSql: string, symbols: string[] | null): Promise<SourceInfo[]> {
  const list = symbols?.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ');
  const r = await rows(
    `SELECT ps.symbol, ps.source, ps.priority, ps.adjustment, (p.source IS NOT NULL) AS preferred, ps.preferred_override AS chosen,
       strftime(min(b.date), '%Y-%m-%d') AS first, strftime(max(b.date), '%Y-%m-%d') AS last, count(b.date) AS n
     FROM price_sources ps LEFT JOIN bars b ON b.symbol = ps.symbol AND b.source = ps.source
     LEFT JOIN (${preferredSql}) p ON p.symbol = ps.symbol AND p.source = ps.source
     ${symbols === null ? '' : symbols.length === 1 ? 'WHERE ps.symbol = $1' : `WHERE ps.symbol IN (${list})`}
     GROUP BY ALL ORDER BY ps.symbol, preferred DESC, ps.priority DESC, ps.source`,
    symbols?.length === 1 ? [symbols[0]] : [],
  );
  return r.map((x) => ({
    symbol: x.symbol as string, source: x.source as string, priority: num(x.priority), adjustment: x.adjustment as Adjustment,
    preferred: Boolean(x.preferred), chosen: Boolean(x.chosen), first: x.first as string, last: x.last as string, rows: num(x.n),
  }));
}
