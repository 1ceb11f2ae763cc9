/**
 * Reading series straight from DuckDB's result chunks into typed arrays: dates come as integer days
 * (formatted once per distinct day, see days.ts), numbers as doubles with NULL read as NaN. No row
 * objects and no per-row date formatting on the way.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api';
import type { PriceSeries } from '../../model/series.ts';
import type { Adjustment } from '../../model/types.ts';
import { dayToIso } from '../../model/days.ts';

/** A date column as days since 1970-01-01, for the readers below. */
export const daysOf = (col: string) => `(${col} - DATE '1970-01-01')::INTEGER`;

export type ColumnKind = 'day' | 'f64' | 'int';
export type Column = string[] | Float64Array | Int32Array;

/**
 * Prepared statements kept per connection for the questions the store asks again and again. A
 * statement is lent to one caller at a time (bind + run + read), so concurrent requests (the server)
 * never share one: a caller finding them all busy gets a new one, kept afterwards.
 */
export class StatementCache {
  private readonly free = new Map<string, DuckDBPreparedStatement[]>();
  private readonly all: DuckDBPreparedStatement[] = [];
  constructor(private readonly con: DuckDBConnection) {}

  async use<T>(sql: string, fn: (stmt: DuckDBPreparedStatement) => Promise<T>): Promise<T> {
    let stmt = this.free.get(sql)?.pop();
    if (!stmt) {
      stmt = await this.con.prepare(sql);
      this.all.push(stmt);
    }
    try {
      return await fn(stmt);
    } finally {
      const list = this.free.get(sql) ?? [];
      list.push(stmt);
      this.free.set(sql, list);
    }
  }

  clear(): void {
    for (const s of this.all) s.destroySync();
    this.all.length = 0;
    this.free.clear();
  }
}

/** What @duckdb/node-api's fixed-width number vectors hold: the chunk's values and its validity bits. */
interface NumberVector {
  items?: unknown;
  validity?: { data: BigUint64Array | null; offset: number };
}

const ALL_VALID = 0xffff_ffff_ffff_ffffn;

/**
 * Copy a chunk's INTEGER or DOUBLE vector into `out` at `at` in one call, then write `missing` (0 or
 * NaN, what `getItem`'s null becomes below) where the validity bits say NULL: the same values as
 * reading item by item, where node-api tests each item's validity bit with BigInt arithmetic. False
 * (nothing written) for any other vector, read item by item.
 */
function copyNumbers(v: unknown, out: Int32Array | Float64Array, at: number, len: number, missing: number): boolean {
  const { items, validity } = v as NumberVector;
  if (!(items instanceof Float64Array || items instanceof Int32Array) || items.length < len || !validity || validity.offset !== 0) return false;
  out.set(items.subarray(0, len), at);
  const bits = validity.data;
  if (bits) {
    for (let w = 0; w * 64 < len; w++) {
      const word = bits[w];
      if (word === ALL_VALID) continue;
      for (let b = 0; b < 64 && w * 64 + b < len; b++) if (((word >> BigInt(b)) & 1n) === 0n) out[at + w * 64 + b] = missing;
    }
  }
  return true;
}

/** Run a prepared statement and read its columns (in order, of the given kinds) into arrays. */
export async function readColumns(stmt: DuckDBPreparedStatement, params: DuckDBValue[], kinds: ColumnKind[]): Promise<{ n: number; cols: Column[] }> {
  stmt.bind(params);
  const res = await stmt.run();
  const n = res.rowCount;
  const cols: Column[] = kinds.map((k) => (k === 'day' ? new Array<string>(n) : k === 'int' ? new Int32Array(n) : new Float64Array(n)));
  let at = 0;
  for (let ci = 0; ci < res.chunkCount; ci++) {
    const chunk = res.getChunk(ci);
    const len = chunk.rowCount;
    for (let c = 0; c < kinds.length; c++) {
      const v = chunk.getColumnVector(c);
      const out = cols[c];
      if (kinds[c] === 'day') {
        const o = out as string[];
        for (let i = 0; i < len; i++) o[at + i] = dayToIso(v.getItem(i) as number);
      } else if (copyNumbers(v, out as Int32Array | Float64Array, at, len, kinds[c] === 'int' ? 0 : Number.NaN)) {
        // copied in one call
      } else if (kinds[c] === 'int') {
        const o = out as Int32Array;
        for (let i = 0; i < len; i++) o[at + i] = v.getItem(i) as number;
      } else {
        const o = out as Float64Array;
        for (let i = 0; i < len; i++) {
          const x = v.getItem(i) as number | null;
          o[at + i] = x === null ? Number.NaN : x;
        }
      }
    }
    at += len;
  }
  return { n, cols };
}

/** True when any value is a number (not NaN): the column holds data. */
export function anyValue(a: Float64Array, from = 0, to = a.length): boolean {
  for (let i = from; i < to; i++) if (!Number.isNaN(a[i])) return true;
  return false;
}

/**
 * A price series from its columns, the same way for every reader (DuckDB query, read cache): open,
 * high and low are given when the open column holds any value, volume when it does; with
 * `useAdjClose` the closes are adj_close where present (the caller reads coalesce(adj_close, close))
 * and the series is split+dividend when any adj_close exists.
 */
export function assemblePriceSeries(
  symbol: string,
  source: string,
  adjustment: Adjustment,
  useAdjClose: boolean | undefined,
  cols: { dates: string[]; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array; adj: Float64Array },
): PriceSeries {
  const hasOhlc = anyValue(cols.open);
  return {
    symbol,
    source,
    adjustment: useAdjClose && anyValue(cols.adj) ? 'split+dividend' : adjustment,
    dates: cols.dates,
    close: cols.close,
    open: hasOhlc ? cols.open : null,
    high: hasOhlc ? cols.high : null,
    low: hasOhlc ? cols.low : null,
    volume: anyValue(cols.volume) ? cols.volume : null,
  };
}

/** `fn` on a connection of its own, closed after it. */
async function onOwnConnection<T>(instance: DuckDBInstance, fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  const con = await instance.connect();
  try {
    return await fn(con);
  } finally {
    con.closeSync();
  }
}

/**
 * One query's columns as arrays, run on a connection of its own, so several can run at once (one
 * converting its chunks while DuckDB runs another).
 */
export function columnsOnOwnConnection(instance: DuckDBInstance, sql: string, kinds: ColumnKind[]): Promise<Column[]> {
  return onOwnConnection(instance, async (con) => (await withStatement(con, sql, (stmt) => readColumns(stmt, [], kinds))).cols);
}

/** One statement without a result, on a connection of its own (a CHECKPOINT while reads go on). */
export function runOnOwnConnection(instance: DuckDBInstance, sql: string): Promise<void> {
  return onOwnConnection(instance, async (con) => {
    await con.run(sql);
  });
}

/**
 * A statement prepared for one use and destroyed after it. A statement left to the garbage collector
 * keeps the database open after `closeSync` (it holds the connection), so the checkpoint a close does
 * waits for a collection, and the write-ahead log can outlive the close.
 */
export async function withStatement<T>(con: DuckDBConnection, sql: string, fn: (stmt: DuckDBPreparedStatement) => Promise<T>): Promise<T> {
  const stmt = await con.prepare(sql);
  try {
    return await fn(stmt);
  } finally {
    stmt.destroySync();
  }
}
