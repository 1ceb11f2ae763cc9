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
import duckdb from '@duckdb/node-bindings';
import type { Cell, ColType, TableSpec } from '../tables.ts';
import { isoToDay } from '../../model/days.ts';

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

/** A string column whose values come in runs (one symbol, source, series…): one dictionary lookup per run. */
export class RunIds {
  private last: string | null | undefined = undefined;
  private id = 0;
  constructor(
    private readonly dict: StageDict,
    private readonly col: string,
  ) {}

  of(v: string | null): number {
    if (v !== this.last) {
      this.last = v;
      this.id = this.dict.id(this.col, v);
    }
    return this.id;
  }
}

/** One batch's rows of one keyed table, column by column. */
export interface EncodedRows {
  ord: number;
  n: number;
  cols: (Int32Array | Float64Array)[];
  /**
   * Rows that between them show every group of the part (e.g. the first row of each run of one group),
   * when the encoder knows them: bulk-write.ts `groupsShared` then looks at these rows only.
   */
  groupStarts?: Int32Array;
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
    if (type === 'varchar') {
      const ids = new RunIds(dict, name);
      for (let r = 0; r < n; r++) a[r] = ids.of((cell(r, ci) as string | null | undefined) ?? null);
      return a;
    }
    for (let r = 0; r < n; r++) {
      const v = cell(r, ci);
      if (type === 'date') {
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

/**
 * Fill column `c` of `chunk` with `len` values of a typed array from `off`: one memory copy into the
 * vector (DuckDB's INTEGER is an int32, DOUBLE a float64, both little-endian as the typed arrays), where
 * `setColumnValues` would set each value through a JavaScript view of the vector. The chunk's
 * vectors start all valid, and the keyed stages carry no NULL (missing values are 0 or NaN).
 */
function copyTyped(chunk: DuckDBDataChunk, c: number, col: Int32Array | Float64Array, off: number, len: number): void {
  const bpe = col.BYTES_PER_ELEMENT;
  duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(chunk.chunk, c), 0, col.buffer as ArrayBuffer, col.byteOffset + off * bpe, len * bpe);
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
          if (Array.isArray(col)) chunk.setColumnValues(c, col.slice(off, off + len));
          else copyTyped(chunk, c, col, off, len);
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
 * Many batches' encoded rows of a keyed table, staged as numbers (`raw`: `ord`, the batch's place in
 * the write, then the table's columns as integers and doubles) beside the strings' dictionary. `from`
 * and `select` read them back as the table's own columns (strings looked up, days to dates, NaN to
 * NULL, `import_id` = baseId + ord), so a merge can insert them without a decoded copy.
 */
export interface RawStage {
  /** The staged numbers: `temp.<name>_raw`, aliased `r` in `from`. */
  raw: string;
  /** `FROM …` clause: the raw rows `r` joined with the dictionary. */
  from: string;
  /** The table's columns in `spec.columns` order, decoded (no `ord`). */
  select: string;
  /** `r.<col>` is the dictionary id of a string column; `value(c)` the decoded value of it. */
  value(col: string): string;
  /** A dictionary join for one string column, for queries over `r` that decode only some columns. */
  join(col: string): string;
  drop(): Promise<void>;
}

export async function stageRaw(
  con: DuckDBConnection,
  name: string,
  spec: TableSpec,
  parts: EncodedRows[],
  dict: StageDict,
  baseId: number,
): Promise<RawStage> {
  const raw = `temp.${name}_raw`;
  const dictTable = `temp.${name}_dict`;
  for (const t of [raw, dictTable]) await con.run(`DROP TABLE IF EXISTS ${t}`);
  await con.run(`CREATE TEMP TABLE ${name}_dict (col VARCHAR, id INTEGER, v VARCHAR)`);
  const used = new Set(spec.columns.filter(([, t]) => t === 'varchar').map(([c]) => c));
  const entries = dict.entries.filter(([c]) => used.has(c));
  if (entries.length > 0)
    await appendColumns(con, dictTable.slice(5), [VARCHAR, INTEGER, VARCHAR], [
      { n: entries.length, cols: [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])] },
    ]);
  const cols = spec.columns.map(([c, t]) => `${c} ${isInt(t) ? 'INTEGER' : 'DOUBLE'}`);
  await con.run(`CREATE TEMP TABLE ${name}_raw (ord INTEGER, ${cols.join(', ')})`);
  const types = [INTEGER, ...spec.columns.map(([, t]) => (isInt(t) ? INTEGER : DOUBLE))];
  await appendColumns(
    con,
    `${name}_raw`,
    types,
    parts.map((p) => ({ n: p.n, cols: [new Int32Array(p.n).fill(p.ord), ...p.cols] })),
  );
  const join = (c: string) => `LEFT JOIN (SELECT id, v FROM ${dictTable} WHERE col = '${c}') AS d_${c} ON d_${c}.id = r.${c}`;
  const select = spec.columns.map(([c, t]) => {
    if (c === 'import_id') return `(${baseId} + r.ord)::INTEGER AS import_id`;
    if (t === 'varchar') return `d_${c}.v AS ${c}`;
    if (t === 'date') return `(DATE '1970-01-01' + r.${c}) AS ${c}`;
    if (t === 'double') return `CASE WHEN isnan(r.${c}) THEN NULL ELSE r.${c} END AS ${c}`;
    if (t === 'boolean') return `(r.${c} <> 0) AS ${c}`;
    return `r.${c}`;
  });
  return {
    raw,
    from: `FROM ${raw} AS r ${[...used].map(join).join(' ')}`,
    select: select.join(', '),
    value: (c) => `d_${c}.v`,
    join,
    drop: async () => {
      for (const t of [raw, dictTable]) await con.run(`DROP TABLE IF EXISTS ${t}`);
    },
  };
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
