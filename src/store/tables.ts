/**
 * How each canonical row type maps onto a table: its columns (in staging order), its key, and how
 * a batch's rows become column values. Used by the store writers to stage and upsert.
 */
import type { ImportBatch } from '../model/batch.ts';

export type ColType = 'varchar' | 'date' | 'double' | 'integer' | 'boolean';
export type Cell = string | number | boolean | null;

export interface TableSpec {
  table: string;
  columns: [string, ColType][];
  key: string[];
  /** Snapshot tables are replaced whole per snapshot key (e.g. a fund's holdings on a date). */
  snapshotKey?: string[];
  rows(batch: ImportBatch, importId: number): Cell[][];
}

const n = (v: number | null | undefined): number | null => (v === undefined ? null : v);

export const TABLES: TableSpec[] = [
  {
    table: 'bars',
    columns: [
      ['symbol', 'varchar'], ['source', 'varchar'], ['date', 'date'], ['open', 'double'], ['high', 'double'],
      ['low', 'double'], ['close', 'double'], ['adj_close', 'double'], ['volume', 'double'],
      ['provisional', 'boolean'], ['import_id', 'integer'], ['line', 'integer'],
    ],
    key: ['symbol', 'source', 'date'],
    rows: (b, id) =>
      b.bars.map((r) => [r.symbol, r.prov.source, r.date, r.open, r.high, r.low, r.close, r.adjClose, r.volume, r.provisional, id, r.prov.line]),
  },
  {
    table: 'observations',
    columns: [
      ['series', 'varchar'], ['source', 'varchar'], ['freq', 'varchar'], ['date', 'date'], ['value', 'double'],
      ['import_id', 'integer'], ['line', 'integer'],
    ],
    key: ['series', 'source', 'freq', 'date'],
    rows: (b, id) => b.observations.map((r) => [r.series, r.prov.source, r.freq, r.date, r.value, id, r.prov.line]),
  },
  {
    table: 'holdings',
    columns: [
      ['fund', 'varchar'], ['as_of', 'date'], ['symbol', 'varchar'], ['name', 'varchar'], ['sector', 'varchar'],
      ['sub_industry', 'varchar'], ['asset_class', 'varchar'], ['weight', 'double'], ['shares', 'double'],
      ['market_value', 'double'], ['price', 'double'], ['source', 'varchar'], ['import_id', 'integer'], ['line', 'integer'],
    ],
    key: ['fund', 'as_of', 'symbol', 'asset_class', 'line'],
    snapshotKey: ['fund', 'as_of'],
    rows: (b, id) =>
      b.holdings.map((r) => [
        r.fund, r.asOf, r.symbol, r.name, r.sector, r.subIndustry, r.assetClass, n(r.weight), n(r.shares),
        n(r.marketValue), n(r.price), r.prov.source, id, r.prov.line,
      ]),
  },
  {
    table: 'fundamentals',
    columns: [
      ['symbol', 'varchar'], ['as_of', 'date'], ['price', 'double'], ['pe', 'double'], ['forward_pe', 'double'],
      ['ps', 'double'], ['pb', 'double'], ['ev_ebitda', 'double'], ['debt_equity', 'double'], ['market_cap', 'double'],
      ['ebitda', 'double'], ['eps', 'double'], ['dividend_yield', 'double'], ['low52', 'double'], ['high52', 'double'],
      ['source', 'varchar'], ['import_id', 'integer'], ['line', 'integer'],
    ],
    key: ['symbol', 'as_of', 'source'],
    rows: (b, id) =>
      b.fundamentals.map((r) => [
        r.symbol, r.asOf, r.price, r.pe, r.forwardPe, r.ps, r.pb, r.evEbitda, r.debtEquity, r.marketCap, r.ebitda,
        r.eps, r.dividendYield, r.low52, r.high52, r.prov.source, id, r.prov.line,
      ]),
  },
  {
    table: 'flows',
    columns: [
      ['fund', 'varchar'], ['date', 'date'], ['flow', 'double'], ['aum', 'double'], ['source', 'varchar'],
      ['import_id', 'integer'], ['line', 'integer'],
    ],
    key: ['fund', 'date', 'source'],
    rows: (b, id) => b.flows.map((r) => [r.fund, r.date, r.flow, r.aum, r.prov.source, id, r.prov.line]),
  },
];

/** Columns compared to decide whether an existing row was revised (provenance columns excluded). */
export function valueColumns(spec: TableSpec): string[] {
  return spec.columns.map(([c]) => c).filter((c) => !spec.key.includes(c) && c !== 'import_id' && c !== 'line');
}
