/**
 * Staging rows for bulk writes. Keyed tables are staged as numbers only: strings become integer ids
 * of a per-write dictionary, dates integer days, missing doubles NaN, so every staged value crosses
 * into DuckDB as a plain number through its data chunks (no per-value conversion, no NULL masks),
 * and SQL turns them back into the table's columns. Small tables (holdings, instruments, the
 * import log) are staged as they are.
 */
import {
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import type { Cell, ColType, TableSpec } from '../tables.ts';
import { isoToDay } from './days.ts';

const CHUNK = 2048;

/** String ↔ integer id per staged column; id 0 is NULL. */
export class StageDict {
  private readonly ids = new Map<string, Map<string, number>>();
  readonly entries: [string, number, string][] = [];

  id(col: string, v: string | null): number {
    if (v === null) return 0;
    let m = this.ids.get(col);
    if (!m) {
      m = new Map();
      this.ids.set(col, m);
    }
    let id = m.get(v);
    if (id === undefined) {
      id = m.size + 1;
      m.set(v, id);
      this.entries.push([col, id, v]);
    }
    return id;
  }
}

/** One batch's rows of one keyed table, column by column. */
export interface EncodedRows {
  ord: number;
  n: number;
  cols: (Int32Array | Float64Array)[];
}

const isInt = (t: ColType) => t !== 'double';

/**
 * Encode `n` rows of a table, column by column; `cell(r, c)` gives row r's value of `spec.columns[c]`.
 * A date that is not a real `YYYY-MM-DD` date throws, naming the file and line, before anything is written.
 */
export function encodeRows(spec: TableSpec, n: number, cell: (r: number, c: number) => Cell, ord: number, dict: StageDict, file: string): EncodedRows {
  const lineAt = spec.columns.findIndex(([c]) => c === 'line');
  const cols = spec.columns.map(([name, type], ci) => {
    if (!isInt(type)) {
      const a = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const v = cell(r, ci);
        a[r] = v === null || v === undefined ? Number.NaN : (v as number);
      }
      return a;
    }
    const a = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const v = cell(r, ci);
      if (type === 'varchar') a[r] = dict.id(name, v === undefined ? null : (v as string | null));
      else if (type === 'date') {
        const d = isoToDay(String(v));
        if (Number.isNaN(d)) throw new Error(`${file}:${cell(r, lineAt)}: ${name} '${v}' is not a YYYY-MM-DD date`);
        a[r] = d;
      } else if (type === 'boolean') a[r] = v ? 1 : 0;
      else a[r] = (v as number | null) ?? 0;
    }
    return a;
  });
  return { ord, n, cols };
}

/** Append typed columns to a table through data chunks of 2,048 rows. */
async function appendColumns(
  con: DuckDBConnection,
  table: string,
  types: DuckDBType[],
  parts: { n: number; cols: (Int32Array | Float64Array | DuckDBValue[])[] }[],
): Promise<void> {
  const ap = await con.createAppender(table, 'main', 'temp');
  try {
    for (const p of parts) {
      for (let off = 0; off < p.n; off += CHUNK) {
        const len = Math.min(CHUNK, p.n - off);
        const chunk = DuckDBDataChunk.create(types, len);
        for (let c = 0; c < types.length; c++) {
          const col = p.cols[c];
          chunk.setColumnValues(c, (Array.isArray(col) ? col.slice(off, off + len) : col.subarray(off, off + len)) as DuckDBValue[]);
        }
        ap.appendDataChunk(chunk);
      }
    }
    ap.flushSync();
  } finally {
    ap.closeSync();
  }
}

/**
 * Stage many batches' encoded rows of a keyed table as `temp.<name>`: the table's own columns
 * decoded in SQL, plus `ord` (the batch's place in the write) and `import_id` (= baseId + ord).
 */
export async function stageEncoded(
  con: DuckDBConnection,
  name: string,
  spec: TableSpec,
  parts: EncodedRows[],
  dict: StageDict,
  baseId: number,
): Promise<string> {
  const raw = `${name}_raw`;
  for (const t of [raw, name, `${name}_dict`]) await con.run(`DROP TABLE IF EXISTS temp.${t}`);
  await con.run(`CREATE TEMP TABLE ${name}_dict (col VARCHAR, id INTEGER, v VARCHAR)`);
  const used = new Set(spec.columns.filter(([, t]) => t === 'varchar').map(([c]) => c));
  const entries = dict.entries.filter(([c]) => used.has(c));
  if (entries.length > 0)
    await appendColumns(con, `${name}_dict`, [VARCHAR, INTEGER, VARCHAR], [
      { n: entries.length, cols: [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])] },
    ]);
  const cols = spec.columns.map(([c, t]) => `${c} ${isInt(t) ? 'INTEGER' : 'DOUBLE'}`);
  await con.run(`CREATE TEMP TABLE ${raw} (ord INTEGER, ${cols.join(', ')})`);
  const types = [INTEGER, ...spec.columns.map(([, t]) => (isInt(t) ? INTEGER : DOUBLE))];
  await appendColumns(
    con,
    raw,
    types,
    parts.map((p) => ({ n: p.n, cols: [new Int32Array(p.n).fill(p.ord), ...p.cols] })),
  );
  const joins: string[] = [];
  const select = spec.columns.map(([c, t]) => {
    if (c === 'import_id') return `(${baseId} + r.ord)::INTEGER AS import_id`;
    if (t === 'varchar') {
      joins.push(`LEFT JOIN (SELECT id, v FROM temp.${name}_dict WHERE col = '${c}') AS d_${c} ON d_${c}.id = r.${c}`);
      return `d_${c}.v AS ${c}`;
    }
    if (t === 'date') return `(DATE '1970-01-01' + r.${c}) AS ${c}`;
    if (t === 'double') return `CASE WHEN isnan(r.${c}) THEN NULL ELSE r.${c} END AS ${c}`;
    if (t === 'boolean') return `(r.${c} <> 0) AS ${c}`;
    return `r.${c}`;
  });
  await con.run(`CREATE TEMP TABLE ${name} AS SELECT r.ord, ${select.join(', ')} FROM temp.${raw} AS r ${joins.join(' ')}`);
  await con.run(`DROP TABLE temp.${raw}`);
  await con.run(`DROP TABLE temp.${name}_dict`);
  return `temp.${name}`;
}

const PLAIN_TYPES: Record<ColType, DuckDBType> = { varchar: VARCHAR, date: VARCHAR, double: DOUBLE, integer: INTEGER, boolean: BOOLEAN };

/** Stage rows as they are (dates as text, cast in SQL): for the small tables. */
export async function stagePlain(con: DuckDBConnection, name: string, columns: [string, ColType][], cells: Cell[][]): Promise<string> {
  await con.run(`DROP TABLE IF EXISTS temp.${name}`);
  const cols = columns.map(([c, t]) => `${c} ${t === 'date' ? 'VARCHAR' : t.toUpperCase()}`).join(', ');
  await con.run(`CREATE TEMP TABLE ${name} (${cols})`);
  const n = cells.length;
  if (n > 0)
    await appendColumns(con, name, columns.map(([, t]) => PLAIN_TYPES[t]), [
      { n, cols: columns.map((_, i) => cells.map((r) => (r[i] === undefined ? null : r[i])) as DuckDBValue[]) },
    ]);
  return `temp.${name}`;
}
