/**
 * Writing many import batches (files) into PostgreSQL in one transaction, as if they had been written
 * one after the other by `writeBatchPg` (the DuckDB store's bulk-write.ts, in PostgreSQL): a file
 * already imported (same path, sha256 and importer) is 'unchanged'; each file gets the next import id
 * and its rows are counted new / revised / unchanged against the store *and* the files before it.
 *
 * Every table's rows of all files go through one `COPY … FROM STDIN` into a temp table (the import id
 * tells the files apart) and are merged with one statement per table; when two files of the write hold
 * rows of one series (same key but the date), that table is merged file by file instead, each
 * statement seeing the ones before it. Snapshot tables (holdings) are written file by file. Round
 * trips per write: begin + lock + lookup, reference rows, one COPY per table, the merges, log + commit.
 * If anything fails the transaction is rolled back and the files are written one by one, so a bad file
 * fails alone and leaves the store as it was. A dropped connection is thrown to the caller, which
 * retries the whole write (nothing of it was committed).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient, QueryResult } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportBatch } from '../../model/batch.ts';
import { batchRowCount } from '../../model/batch.ts';
import type { WriteResult } from '../store.ts';
import { TABLES, type TableSpec, valueColumns } from '../tables.ts';
import { analyzeIfGrown, csvCell, PG_TYPES, tableRows, upsertReferenceRows, writeBatchPg, writeSnapshot } from './pg-write.ts';

const num = (v: unknown): number => Number(v);
const importKey = (file: string, sha: string, importer: string) => `${file}\u0000${sha}\u0000${importer}`;
const ROWS_PER_CHUNK = 2000;

interface Pending {
  index: number;
  batch: ImportBatch;
  id: number;
  rowsNew: number;
  rowsRevised: number;
}

/** Write the batches; one result per batch, in order: its counts, or the error that kept it out. */
export async function writeBatchesPg(
  c: PoolClient,
  batches: ImportBatch[],
  isTransient: (e: unknown) => boolean,
): Promise<(WriteResult | Error)[]> {
  const results: (WriteResult | Error | null)[] = batches.map(() => null);
  if (batches.length === 0) return [];
  const lit = (s: string) => c.escapeLiteral(s);
  const specs = TABLES.filter((spec) => batches.some((b) => tableRows(b, spec.table).length > 0));
  const shas = [...new Set(batches.map((b) => b.sha256))];
  let todo: Pending[] = [];
  try {
    const first = await c.query(
      [
        'BEGIN',
        // Compiling each big statement (JIT) costs more than it saves here.
        'SET LOCAL jit = off',
        `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':marketdash-import'))`,
        ...specs.map((spec) => `DROP TABLE IF EXISTS pg_temp.stage_${spec.table}`),
        ...specs.map(
          (spec) =>
            `CREATE TEMP TABLE stage_${spec.table} (${spec.columns.map(([col, t]) => `${col} ${PG_TYPES[t]}`).join(', ')}) ON COMMIT DROP`,
        ),
        `SELECT file, sha256, importer, NULL AS next_id FROM imports WHERE sha256 IN (${shas.map(lit).join(', ')})
         UNION ALL SELECT NULL, NULL, NULL, (SELECT coalesce(max(id), 0) + 1 FROM imports)`,
      ].join(';\n'),
    );
    const rows = lastResult(first).rows as { file: string | null; sha256: string; importer: string; next_id: unknown }[];
    const seen = new Set<string>();
    let nextId = 0;
    for (const r of rows) {
      if (r.file === null) nextId = num(r.next_id);
      else seen.add(importKey(r.file, r.sha256, r.importer));
    }
    batches.forEach((batch, index) => {
      const key = importKey(batch.file, batch.sha256, batch.importer);
      if (seen.has(key)) {
        const rowsRead = batchRowCount(batch);
        results[index] = { status: 'unchanged', rowsRead, rowsNew: 0, rowsRevised: 0, rowsUnchanged: rowsRead };
        return;
      }
      seen.add(key);
      todo.push({ index, batch, id: nextId + todo.length, rowsNew: 0, rowsRevised: 0 });
    });
    if (todo.length === 0) {
      await c.query('COMMIT');
      return results as WriteResult[];
    }
    await writeAll(c, todo, specs);
    await c.query(`INSERT INTO imports VALUES ${todo.map((p) => logRow(p, lit)).join(',\n')};\nCOMMIT`);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    if (isTransient(e)) throw e;
    if (todo.length <= 1) {
      for (const p of todo) results[p.index] = e as Error;
      if (todo.length === 0) throw e;
    } else {
      for (const p of todo) results[p.index] = await writeBatchPg(c, p.batch).catch((err: Error) => {
        if (isTransient(err)) throw err;
        return err;
      });
    }
    todo = [];
  }
  for (const p of todo) {
    const rowsRead = batchRowCount(p.batch);
    results[p.index] = {
      status: 'imported',
      rowsRead,
      rowsNew: p.rowsNew,
      rowsRevised: p.rowsRevised,
      rowsUnchanged: rowsRead - p.rowsNew - p.rowsRevised,
    };
  }
  return results as (WriteResult | Error)[];
}

function lastResult(r: QueryResult | QueryResult[]): QueryResult {
  return Array.isArray(r) ? r[r.length - 1] : r;
}

function logRow(p: Pending, lit: (s: string) => string): string {
  const b = p.batch;
  const v = [p.id, lit(b.file), lit(b.sha256), lit(b.importer), lit(b.source), 'now()', batchRowCount(b), p.rowsNew, p.rowsRevised];
  return `(${v.join(', ')})`;
}

async function writeAll(c: PoolClient, todo: Pending[], specs: TableSpec[]): Promise<void> {
  await upsertReferenceRows(c, todo.map((t) => t.batch));
  const byId = new Map(todo.map((p) => [p.id, p]));
  const merges: string[] = [];
  for (const spec of specs) {
    if (spec.snapshotKey) continue;
    const stage = `pg_temp.stage_${spec.table}`;
    const overlap = { found: false };
    await pipeline(
      Readable.from(csvOfAll(spec, todo, overlap)),
      c.query(copyFrom(`COPY ${stage} FROM STDIN WITH (FORMAT csv, NULL '')`)),
    );
    merges.push(`ANALYZE ${stage}`);
    // Files sharing a series: one statement per file, so each compares with the ones before it.
    const steps = overlap.found ? todo.filter((p) => tableRows(p.batch, spec.table).length > 0).map((p) => `(SELECT * FROM ${stage} WHERE import_id = ${p.id})`) : [stage];
    for (const source of steps) merges.push(...mergeSql(spec, source));
  }
  // Rows staged per table: the merge's counts are per file, not per table; staged rows bound the rows added.
  const staged = new Map<string, number>();
  for (const spec of specs) if (!spec.snapshotKey) staged.set(spec.table, todo.reduce((a, p) => a + tableRows(p.batch, spec.table).length, 0));
  if (merges.length > 0) {
    const res = await c.query(merges.join(';\n'));
    for (const r of Array.isArray(res) ? res : [res]) {
      if (r.command !== 'SELECT') continue;
      for (const row of r.rows as { id: unknown; revised: unknown; added: unknown }[]) {
        const p = byId.get(num(row.id));
        if (!p) throw new Error(`bulk merge: rows counted for an unknown import id ${row.id}`);
        p.rowsNew += num(row.added);
        p.rowsRevised += num(row.revised);
      }
    }
    for (const [table, rows] of staged) await analyzeIfGrown(c, table, rows);
  }
  for (const spec of specs) {
    if (!spec.snapshotKey) continue;
    const stage = `pg_temp.stage_${spec.table}`;
    for (const p of todo) {
      if (tableRows(p.batch, spec.table).length === 0) continue;
      await c.query(`TRUNCATE ${stage}`);
      await pipeline(
        Readable.from(csvOfAll(spec, [p], { found: false })),
        c.query(copyFrom(`COPY ${stage} FROM STDIN WITH (FORMAT csv, NULL '')`)),
      );
      const r = await writeSnapshot(c, spec, stage);
      p.rowsNew += r.rowsNew;
      p.rowsRevised += r.rowsRevised;
    }
  }
}

/**
 * CSV text of one table's rows of every file, in chunks. Notes in `overlap` whether two files hold
 * rows of one series: the same key columns but the date (bars: symbol and source).
 */
function* csvOfAll(spec: TableSpec, todo: Pending[], overlap: { found: boolean }): Generator<string> {
  const series = spec.columns.map(([col, t], i) => (spec.key.includes(col) && t !== 'date' ? i : -1)).filter((i) => i >= 0);
  const owner = new Map<string, number>();
  for (const p of todo) {
    const cells = spec.rows(p.batch, p.id);
    let last = '';
    for (let off = 0; off < cells.length; off += ROWS_PER_CHUNK) {
      let s = '';
      const end = Math.min(cells.length, off + ROWS_PER_CHUNK);
      for (let i = off; i < end; i++) {
        const row = cells[i];
        let key = '';
        for (const k of series) key += `${row[k]}\u0000`;
        if (key !== last) {
          last = key;
          const o = owner.get(key);
          if (o === undefined) owner.set(key, p.id);
          else if (o !== p.id) overlap.found = true;
        }
        let line = csvCell(row[0]);
        for (let k = 1; k < row.length; k++) line += `,${csvCell(row[k])}`;
        s += `${line}\n`;
      }
      yield s;
    }
  }
}

/**
 * New and revised rows of a staged table, counted per import id: first one join of the staged rows
 * with the stored ones (before anything changes: which keys exist, which of those differ), then the
 * update of the rows that differ and the insert of the keys that did not exist. (An insert that probed
 * the table for each of its own rows would walk past the rows it had just added and cost rows².)
 */
function mergeSql(spec: TableSpec, source: string): string[] {
  const vals = valueColumns(spec);
  const join = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const cols = spec.columns.map(([col]) => col).join(', ');
  const m = `merge_${spec.table}`;
  return [
    `DROP TABLE IF EXISTS pg_temp.${m}`,
    `CREATE TEMP TABLE ${m} ON COMMIT DROP AS SELECT s.*, (t.${spec.key[0]} IS NOT NULL) AS existed,
       (t.${spec.key[0]} IS NOT NULL AND (${vals.map((col) => `t.${col} IS DISTINCT FROM s.${col}`).join(' OR ')})) AS changed
     FROM ${source} AS s LEFT JOIN ${spec.table} AS t ON ${join}`,
    `WITH revised AS (
       UPDATE ${spec.table} AS t SET ${[...vals, 'import_id', 'line'].map((col) => `${col} = s.${col}`).join(', ')}
       FROM (SELECT * FROM pg_temp.${m} WHERE changed) AS s WHERE ${join} RETURNING t.import_id AS id
     ), added AS (
       INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM pg_temp.${m} WHERE NOT existed RETURNING import_id AS id
     )
     SELECT id, sum(r) AS revised, sum(a) AS added
     FROM (SELECT id, 1 AS r, 0 AS a FROM revised UNION ALL SELECT id, 0, 1 FROM added) x GROUP BY id`,
  ];
}
