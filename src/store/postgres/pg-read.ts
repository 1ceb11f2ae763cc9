/** The PostgreSQL store's listing queries (series and sources), shaped exactly as the DuckDB store returns them. */
import type { Adjustment, } from '../../model/types.ts';
import { seriesInfoFromRows } from '../series-info.ts';
import type { SeriesInfo, SourceInfo } from '../store.ts';

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

export async function sourceInfoRows(q: Query, preferredSql: string, symbol: string): Promise<SourceInfo[]> {
  const r = await q(
    `SELECT ps.symbol, ps.source, ps.priority, ps.adjustment, (p.source IS NOT NULL) AS preferred,
       min(b.date) AS first, max(b.date) AS last, count(b.date) AS n
     FROM price_sources ps LEFT JOIN bars b ON b.symbol = ps.symbol AND b.source = ps.source
     LEFT JOIN (${preferredSql}) p ON p.symbol = ps.symbol AND p.source = ps.source
     WHERE ps.symbol = $1 GROUP BY ps.symbol, ps.source, ps.priority, ps.adjustment, p.source
     ORDER BY preferred DESC, ps.priority DESC, ps.source`,
    [symbol],
  );
  return r.map((x) => ({
    symbol: x.symbol as string, source: x.source as string, priority: num(x.priority), adjustment: x.adjustment as Adjustment,
    preferred: Boolean(x.preferred), first: x.first as string, last: x.last as string, rows: num(x.n),
  }));
}
