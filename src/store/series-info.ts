/**
 * The rows of the three `listSeries` queries (price bars, observation series, snapshot tables) as
 * SeriesInfo, shared by every store: each store asks its own dialect's SQL, the shape is one.
 * Counts may come back as bigint (DuckDB) or string/number (PostgreSQL).
 */
import type { Adjustment, Frequency, InstrumentKind } from '../model/types.ts';
import type { SeriesInfo } from './store.ts';

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);

export function seriesInfoFromRows(bars: Row[], obs: Row[], snaps: Row[]): SeriesInfo[] {
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
