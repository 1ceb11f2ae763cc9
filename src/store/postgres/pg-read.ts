/** The PostgreSQL store's listing queries (series and sources), shaped exactly as the DuckDB store returns them. */
import { UserError } from '../../model/errors.ts';
import type { PriceSeries } from '../../model/series.ts';
import type { Adjustment } from '../../model/types.ts';
import { seriesInfoFromRows } from '../series-info.ts';
import { type DateRange, MANY_CHUNK, type SeriesInfo, type SourceInfo } from '../store.ts';

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;
const num = (v: unknown): number => Number(v);

export async function seriesInfoRows(q: Query, preferredSql: string): Promise<SeriesInfo[]> {
  const bars = await q(`
    SELECT b.symbol, b.source, coalesce(i.kind, 'stock') AS kind, ps.adjustment, min(b.date) AS first, max(b.date) AS last,
      count(*) AS n, count(*) FILTER (WHERE b.provisional) AS prov, (p.source IS NOT NULL) AS preferred
    FROM bars b LEFT JOIN instruments i USING (symbol)
    LEFT JOIN price_sources ps ON ps.symbol = b.symbol AND ps.source = b.source
    LEFT JOIN (${preferredSql}) p ON p.symbol = b.symbol AND p.source = b.source
    GROUP BY b.symbol, b.source, i.kind, ps.adjustment, p.source ORDER BY b.symbol, preferred DESC, b.source`);
  const obs = await q(`
    SELECT o.series, o.source, o.freq, coalesce(m.kind, 'factor') AS kind, min(o.date) AS first, max(o.date) AS last, count(*) AS n
    FROM observations o LEFT JOIN series_meta m USING (series)
    GROUP BY o.series, o.source, o.freq, m.kind ORDER BY o.series, o.freq, o.source`);
  const snaps = await q(`
    SELECT 'holdings' COLLATE "C" AS t, fund AS symbol, source, min(as_of) AS first, max(as_of) AS last, count(*) AS n FROM holdings GROUP BY fund, source
    UNION ALL SELECT 'fundamentals', 'fundamentals', source, min(as_of), max(as_of), count(*) FROM fundamentals GROUP BY source
    UNION ALL SELECT 'flows', fund, source, min(date), max(date), count(*) FROM flows GROUP BY fund, source
    ORDER BY 1, 2`);
  return seriesInfoFromRows(bars, obs, snaps);
}

export async function sourceInfoRows(q: Query, preferredSql: string, symbol: string | string[]): Promise<SourceInfo[]> {
  const many = Array.isArray(symbol);
  const r = await q(
    `SELECT ps.symbol, ps.source, ps.priority, ps.adjustment, (p.source IS NOT NULL) AS preferred,
       min(b.date) AS first, max(b.date) AS last, count(b.date) AS n
     FROM price_sources ps LEFT JOIN bars b ON b.symbol = ps.symbol AND b.source = ps.source
     LEFT JOIN (${preferredSql}) p ON p.symbol = ps.symbol AND p.source = ps.source
     WHERE ${many ? 'ps.symbol = ANY($1::text[])' : 'ps.symbol = $1'} GROUP BY ps.symbol, ps.source, ps.priority, ps.adjustment, p.source
     ORDER BY ${many ? 'ps.symbol, ' : ''}preferred DESC, ps.priority DESC, ps.source`,
    [symbol],
  );
  return r.map((x) => ({
    symbol: x.symbol as string, source: x.source as string, priority: num(x.priority), adjustment: x.adjustment as Adjustment,
    preferred: Boolean(x.preferred), first: x.first as string, last: x.last as string, rows: num(x.n),
  }));
}

/** listSources of many symbols, one query per chunk: symbol → its answer (symbols without sources absent). */
export async function sourceInfoMany(q: Query, preferredSql: string, symbols: string[]): Promise<Record<string, SourceInfo[]>> {
  const want = [...new Set(symbols)];
  const found = new Map<string, SourceInfo[]>();
  for (let i = 0; i < want.length; i += MANY_CHUNK)
    for (const r of await sourceInfoRows(q, preferredSql, want.slice(i, i + MANY_CHUNK))) found.set(r.symbol, [...(found.get(r.symbol) ?? []), r]);
  const out: Record<string, SourceInfo[]> = {};
  for (const sym of want) if (found.has(sym)) out[sym] = found.get(sym)!;
  return out;
}

const isoDate = (iso: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso)
    throw new UserError(`not a date: '${iso}' (expected YYYY-MM-DD)`, 'bad_input');
  return iso;
};

/**
 * Many symbols' preferred-source series, one query per chunk (the store's `getPreferredSeriesMany`):
 * `columns` cuts each symbol's rows into a series as `getPriceSeries` does.
 */
export async function preferredMany(
  q: Query,
  preferredSql: string,
  symbols: string[],
  range: DateRange | undefined,
  columns: (r: Row[], a: number, b: number) => Omit<PriceSeries, 'symbol' | 'source' | 'adjustment'>,
): Promise<PriceSeries[]> {
  const want = [...new Set(symbols)];
  const params: unknown[] = [];
  let where = '';
  if (range?.from !== undefined) where += ` AND b.date >= $${params.push(isoDate(range.from)) + 1}::date`;
  if (range?.to !== undefined) where += ` AND b.date <= $${params.push(isoDate(range.to)) + 1}::date`;
  const out: PriceSeries[] = [];
  for (let i = 0; i < want.length; i += MANY_CHUNK) {
    const chunk = want.slice(i, i + MANY_CHUNK);
    const pref = await q(
      `SELECT p.symbol, p.source, ps.adjustment FROM (${preferredSql}) p JOIN price_sources ps USING (symbol, source) WHERE p.symbol = ANY($1::text[])`,
      [chunk],
    );
    const r = await q(
      `SELECT b.symbol, b.date AS d, b.open, b.high, b.low, b.close, b.volume FROM bars b
       JOIN (${preferredSql}) p ON p.symbol = b.symbol AND p.source = b.source
       WHERE b.symbol = ANY($1::text[]) AND NOT b.provisional${where} ORDER BY b.symbol, b.date`,
      [chunk, ...params],
    );
    const rowsOf = new Map<string, [number, number]>();
    for (let a = 0; a < r.length; ) {
      let b = a;
      while (b < r.length && r[b].symbol === r[a].symbol) b++;
      rowsOf.set(r[a].symbol as string, [a, b]);
      a = b;
    }
    const prefOf = new Map(pref.map((x) => [x.symbol as string, x]));
    for (const sym of chunk) {
      const p = prefOf.get(sym);
      if (!p) continue;
      const [a, b] = rowsOf.get(sym) ?? [0, 0];
      out.push({ symbol: sym, source: p.source as string, adjustment: p.adjustment as Adjustment, ...columns(r, a, b) });
    }
  }
  return out;
}
