/**
 * Many symbols' preferred-source series in one DuckDB query per chunk (MANY_CHUNK symbols): the
 * symbols and their preferred sources go in as a VALUES list numbered 0…n−1, the rows come back
 * ordered by that number and date, straight into typed arrays (columnar-read.ts), and are cut into one
 * series per symbol exactly as `getPriceSeries` assembles one.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../model/errors.ts';
import type { PriceSeries } from '../../model/series.ts';
import type { Adjustment } from '../../model/types.ts';
import { type DateRange, MANY_CHUNK } from '../store.ts';
import { assemblePriceSeries, daysOf, readColumns, withStatement } from './columnar-read.ts';
import { isoToDay } from '../../model/days.ts';

export interface PreferredSource {
  source: string;
  adjustment: Adjustment;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A range bound as a DATE literal (checked: a real `YYYY-MM-DD` date). */
function dateLiteral(iso: string): string {
  if (Number.isNaN(isoToDay(iso))) throw new UserError(`not a date: '${iso}' (expected YYYY-MM-DD)`, 'bad_input');
  return `DATE '${iso}'`;
}

/** The WHERE conditions of a date range on column `col`. */
export function rangeSql(col: string, range: DateRange | undefined): string {
  let out = '';
  if (range?.from !== undefined) out += ` AND ${col} >= ${dateLiteral(range.from)}`;
  if (range?.to !== undefined) out += ` AND ${col} <= ${dateLiteral(range.to)}`;
  return out;
}

/** Symbols (each once, in the order asked) with their preferred source; those without one left out. */
export function withPreferred(symbols: string[], preferredOf: (symbol: string) => PreferredSource | undefined): [string, PreferredSource][] {
  const out: [string, PreferredSource][] = [];
  const seen = new Set<string>();
  for (const sym of symbols) {
    if (seen.has(sym)) continue;
    seen.add(sym);
    const p = preferredOf(sym);
    if (p) out.push([sym, p]);
  }
  return out;
}

/** `list` in chunks of MANY_CHUNK. */
export function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += MANY_CHUNK) out.push(list.slice(i, i + MANY_CHUNK));
  return out;
}

export async function readPreferredMany(
  con: DuckDBConnection,
  symbols: string[],
  preferredOf: (symbol: string) => PreferredSource | undefined,
  range?: DateRange,
): Promise<PriceSeries[]> {
  const out: PriceSeries[] = [];
  const where = rangeSql('b.date', range);
  for (const chunk of chunks(withPreferred(symbols, preferredOf))) {
    const values = chunk.map(([sym, p], i) => `(${i}, ${quote(sym)}, ${quote(p.source)})`).join(', ');
    const nan = (c: string) => `coalesce(b.${c}, 'NaN'::DOUBLE)`;
    const sql = `SELECT w.i, ${daysOf('b.date')}, ${nan('open')}, ${nan('high')}, ${nan('low')}, b.close, ${nan('volume')}
       FROM bars b JOIN (VALUES ${values}) w(i, symbol, source) ON b.symbol = w.symbol AND b.source = w.source
       WHERE NOT b.provisional${where} ORDER BY w.i, b.date`;
    const { cols } = await withStatement(con, sql, (stmt) => readColumns(stmt, [], ['int', 'day', 'f64', 'f64', 'f64', 'f64', 'f64']));
    const [idx, dates, open, high, low, close, volume] = cols as [Int32Array, string[], ...Float64Array[]];
    let a = 0;
    for (let i = 0; i < chunk.length; i++) {
      let b = a;
      while (b < idx.length && idx[b] === i) b++;
      const [sym, p] = chunk[i];
      out.push(
        assemblePriceSeries(sym, p.source, p.adjustment, false, {
          dates: dates.slice(a, b), open: open.slice(a, b), high: high.slice(a, b), low: low.slice(a, b),
          close: close.slice(a, b), volume: volume.slice(a, b), adj: new Float64Array(0),
        }),
      );
      a = b;
    }
  }
  return out;
}
