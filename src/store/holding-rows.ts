/**
 * The rows of a holdings snapshot (`SELECT h.*, i.file FROM holdings h JOIN imports i …`, in line
 * order) as the `getHoldings` answer, shared by every store: each store asks its own dialect's SQL,
 * the shape is one. Numbers may come back as bigint (DuckDB) or string (PostgreSQL numeric).
 */
import type { Holding } from '../model/types.ts';

type Row = Record<string, unknown>;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function holdingFromRow(fund: string, asOf: string, x: Row): Holding {
  return {
    fund, asOf, symbol: x.symbol as string, name: x.name as string | null, sector: x.sector as string | null,
    subIndustry: x.sub_industry as string | null, assetClass: x.asset_class as string | null,
    weight: numOrNull(x.weight), shares: numOrNull(x.shares), marketValue: numOrNull(x.market_value), price: numOrNull(x.price),
  };
}

/** The snapshot of `fund` on `asOf` from its rows (at least one: the snapshot's date came from them). */
export function holdingsSnapshot(fund: string, asOf: string, rows: Row[]): { asOf: string; source: string; file: string; rows: Holding[] } {
  return { asOf, source: rows[0].source as string, file: rows[0].file as string, rows: rows.map((x) => holdingFromRow(fund, asOf, x)) };
}
