/**
 * Writing one import batch into PostgreSQL in one transaction: each table's rows are streamed into
 * a temp table with `COPY … FROM STDIN` (CSV), then upserted with the same anti-join rules as the
 * DuckDB store (new / revised / unchanged counted the same way). An advisory lock serialises imports
 * into one schema, so two workers importing the same file store it once.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportBatch } from '../../model/batch.ts';
import { batchRowCount } from '../../model/batch.ts';
import type { Adjustment } from '../../model/types.ts';
import type { WriteResult } from '../store.ts';
import { type Cell, TABLES, type TableSpec, valueColumns } from '../tables.ts';

export const PG_TYPES: Record<string, string> = {
  varchar: 'TEXT COLLATE "C"',
  date: 'DATE',
  double: 'DOUBLE PRECISION',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
};
const ROWS_PER_CHUNK = 2000;

export function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  return `"${v.replace(/"/g, '""')}"`;
}

export function* csvChunks(cells: Cell[][]): Generator<string> {
  for (let off = 0; off < cells.length; off += ROWS_PER_CHUNK) {
    let s = '';
    const end = Math.min(cells.length, off + ROWS_PER_CHUNK);
    for (let i = off; i < end; i++) s += `${cells[i].map(csvCell).join(',')}\n`;
    yield s;
  }
}

const num = (v: unknown): number => Number(v);

/** The batch's rows of one table (the table names are the batch's field names). */
export const tableRows = (batch: ImportBatch, table: string): unknown[] =>
  (batch as unknown as Record<string, unknown[]>)[table] ?? [];

/**
 * Round trips per file (issue #10): 1 to begin, lock, create the staging tables and look the file up;
 * 1 for instruments, price sources and series names together; per table 1 COPY and 1 merge (analyze,
 * update and insert in one statement); 1 to log the import and commit. A price file: 5 (it was 14);
 * a file already imported: 2. Statements without parameters are sent together as one simple query.
 */
export async function writeBatchPg(c: PoolClient, batch: ImportBatch): Promise<WriteResult> {
  const rowsRead = batchRowCount(batch);
  const lit = (s: string) => c.escapeLiteral(s);
  const specs = TABLES.filter((spec) => tableRows(batch, spec.table).length > 0);
  try {
    const first = await c.query(
      [
        'BEGIN',
        `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':marketdash-import'))`,
        ...specs.map((spec) => `DROP TABLE IF EXISTS pg_temp.stage_${spec.table}`),
        ...specs.map(
          (spec) =>
            `CREATE TEMP TABLE stage_${spec.table} (${spec.columns.map(([col, t]) => `${col} ${PG_TYPES[t]}`).join(', ')}) ON COMMIT DROP`,
        ),
        `SELECT EXISTS (SELECT 1 FROM imports WHERE file = ${lit(batch.file)} AND sha256 = ${lit(batch.sha256)} AND importer = ${lit(batch.importer)}) AS seen,
           (SELECT coalesce(max(id), 0) + 1 FROM imports) AS next_id`,
      ].join(';\n'),
    );
    const found = (Array.isArray(first) ? first[first.length - 1] : first).rows[0] as {
      seen: boolean;
      next_id: unknown;
    };
    if (found.seen) {
      await c.query('COMMIT');
      return { status: 'unchanged', rowsRead, rowsNew: 0, rowsRevised: 0, rowsUnchanged: rowsRead };
    }
    const importId = num(found.next_id);
    await upsertReferenceRows(c, [batch]);
    let rowsNew = 0;
    let rowsRevised = 0;
    for (const spec of specs) {
      const cells = spec.rows(batch, importId);
      if (cells.length === 0) continue;
      const stage = `pg_temp.stage_${spec.table}`;
      await pipeline(
        Readable.from(csvChunks(cells)),
        c.query(copyFrom(`COPY ${stage} FROM STDIN WITH (FORMAT csv, NULL '')`)),
      );
      const r = spec.snapshotKey ? await writeSnapshot(c, spec, stage) : await writeKeyed(c, spec, stage);
      rowsNew += r.rowsNew;
      rowsRevised += r.rowsRevised;
    }
    const log = [
      importId,
      lit(batch.file),
      lit(batch.sha256),
      lit(batch.importer),
      lit(batch.source),
      'now()',
      rowsRead,
      rowsNew,
      rowsRevised,
    ];
    await c.query(`INSERT INTO imports VALUES (${log.join(', ')});\nCOMMIT`);
    return {
      status: 'imported',
      rowsRead,
      rowsNew,
      rowsRevised,
      rowsUnchanged: rowsRead - rowsNew - rowsRevised,
    };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * Instruments, price sources and series names of one or many files in one statement, as the files one
 * by one would leave them: per file the first row per key, as in the DuckDB store; a new instrument takes the kind
 * of the first file naming it and the first name any file gives; a stored instrument without a name
 * gets that name; a new (symbol, source) the priority of its first file and the adjustment of its first bar.
 */
export async function upsertReferenceRows(c: PoolClient, batches: ImportBatch[]): Promise<void> {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const inst = new Map<string, { symbol: string; name: string | null; kind: string }>();
  for (const batch of batches) {
    const firstInFile = new Set<string>();
    for (const i of batch.instruments) {
      if (firstInFile.has(i.symbol)) continue;
      firstInFile.add(i.symbol);
      const had = inst.get(i.symbol);
      if (!had) inst.set(i.symbol, { symbol: i.symbol, name: i.name, kind: i.kind });
      else if (had.name === null && i.name !== null) had.name = i.name;
    }
  }
  if (inst.size) {
    const v = [...inst.values()];
    parts.push(
      `INSERT INTO instruments SELECT * FROM unnest(${p(v.map((x) => x.symbol))}::text[], ${p(v.map((x) => x.name))}::text[], ${p(v.map((x) => x.kind))}::text[])
       ON CONFLICT (symbol) DO UPDATE SET name = EXCLUDED.name WHERE instruments.name IS NULL AND EXCLUDED.name IS NOT NULL`,
    );
  }
  const pairs = new Map<string, { symbol: string; source: string; priority: number; adjustment: Adjustment }>();
  for (const batch of batches) {
    let last = '';
    for (const b of batch.bars) {
      const k = `${b.symbol}\u0000${b.prov.source}`;
      if (k === last) continue; // bars come grouped by symbol
      last = k;
      if (!pairs.has(k)) pairs.set(k, { symbol: b.symbol, source: b.prov.source, priority: batch.priority ?? 0, adjustment: b.adjustment });
    }
  }
  if (pairs.size) {
    const v = [...pairs.values()];
    parts.push(
      `INSERT INTO price_sources SELECT s, src, pri, adj, FALSE
       FROM unnest(${p(v.map((x) => x.symbol))}::text[], ${p(v.map((x) => x.source))}::text[], ${p(v.map((x) => x.priority))}::int[], ${p(v.map((x) => x.adjustment))}::text[]) AS u(s, src, pri, adj)
       ON CONFLICT (symbol, source) DO NOTHING`,
    );
  }
  const meta = new Map<string, ImportBatch['seriesMeta'][number]>();
  for (const batch of batches) for (const m of batch.seriesMeta) if (!meta.has(m.series)) meta.set(m.series, m);
  if (meta.size) {
    const v = [...meta.values()];
    parts.push(
      `INSERT INTO series_meta SELECT * FROM unnest(${p(v.map((x) => x.series))}::text[], ${p(v.map((x) => x.kind))}::text[], ${p(v.map((x) => x.name))}::text[], ${p(v.map((x) => x.unit))}::text[], ${p(v.map((x) => x.isReturn))}::boolean[])
       ON CONFLICT (series) DO NOTHING`,
    );
  }
  if (parts.length === 0) return;
  if (parts.length === 1) await c.query(parts[0], params);
  else await c.query(`WITH ${parts.map((q, i) => `u${i} AS (${q})`).join(', ')} SELECT 1`, params);
}

/**
 * New and revised rows in one statement. Both parts of it see the table as it was before it (one
 * snapshot), so the insert's anti-join finds the rows the update changes, as when they ran one after
 * the other. ANALYZE first: without row counts the planner may pick a nested loop over the whole table.
 */
async function writeKeyed(
  c: PoolClient,
  spec: TableSpec,
  stage: string,
): Promise<{ rowsNew: number; rowsRevised: number }> {
  const vals = valueColumns(spec);
  const join = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const cols = spec.columns.map(([col]) => col).join(', ');
  const res = await c.query(
    `ANALYZE ${stage};
     WITH revised AS (
       UPDATE ${spec.table} AS t SET ${[...vals, 'import_id', 'line'].map((col) => `${col} = s.${col}`).join(', ')}
       FROM ${stage} AS s WHERE ${join} AND (${vals.map((col) => `t.${col} IS DISTINCT FROM s.${col}`).join(' OR ')}) RETURNING 1
     ), added AS (
       INSERT INTO ${spec.table} (${cols}) SELECT ${spec.columns.map(([col]) => `s.${col}`).join(', ')} FROM ${stage} AS s
       WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} AS t WHERE ${join}) RETURNING 1
     )
     SELECT (SELECT count(*) FROM revised) AS revised, (SELECT count(*) FROM added) AS added`,
  );
  const row = (Array.isArray(res) ? res[res.length - 1] : res).rows[0] as {
    revised: unknown;
    added: unknown;
  };
  await analyzeIfGrown(c, spec.table, num(row.added));
  return { rowsNew: num(row.added), rowsRevised: num(row.revised) };
}

/**
 * Refresh the planner's statistics of a table that has none yet, or that a write just grew by more
 * than a fifth. Autovacuum analyzes too late for an import: with no statistics on `bars`, PostgreSQL
 * checked each staged row for a stored one through the (source, symbol) index, reading ~2,500 rows per
 * staged row (a 5,000-row file's merge took 1–2 s; 63 ms after ANALYZE).
 */
export async function analyzeIfGrown(c: PoolClient, table: string, added: number): Promise<void> {
  if (added < ANALYZE_MIN_ROWS) return;
  const r = await c.query('SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)', [table]);
  const estimate = Number((r.rows[0] as { reltuples?: unknown } | undefined)?.reltuples ?? -1);
  if (estimate < 0 || added > estimate / 5) await c.query(`ANALYZE ${table}`);
}

/** Writes smaller than this leave the statistics to autovacuum. */
export const ANALYZE_MIN_ROWS = 1000;

/** A (fund, as-of) snapshot identical to the stored one changes nothing; a different one replaces it. */
export async function writeSnapshot(
  c: PoolClient,
  spec: TableSpec,
  stage: string,
): Promise<{ rowsNew: number; rowsRevised: number }> {
  const sk = spec.snapshotKey!;
  const vals = spec.columns
    .map(([col]) => col)
    .filter((col) => col !== 'import_id' && col !== 'line')
    .join(', ');
  const keys = (await c.query(`SELECT DISTINCT ${sk.join(', ')} FROM ${stage}`)).rows as Record<
    string,
    unknown
  >[];
  let rowsNew = 0;
  let rowsRevised = 0;
  for (const k of keys) {
    const params = sk.map((col) => k[col]);
    const where = (a: string) => sk.map((col, i) => `${a}.${col} = $${i + 1}`).join(' AND ');
    const existing = num(
      (await c.query(`SELECT count(*) AS n FROM ${spec.table} t WHERE ${where('t')}`, params)).rows[0].n,
    );
    const incoming = num(
      (await c.query(`SELECT count(*) AS n FROM ${stage} s WHERE ${where('s')}`, params)).rows[0].n,
    );
    if (existing > 0) {
      const diff = num(
        (
          await c.query(
            `SELECT count(*) AS n FROM ((SELECT ${vals} FROM ${spec.table} t WHERE ${where('t')} EXCEPT ALL SELECT ${vals} FROM ${stage} s WHERE ${where('s')})
             UNION ALL (SELECT ${vals} FROM ${stage} s WHERE ${where('s')} EXCEPT ALL SELECT ${vals} FROM ${spec.table} t WHERE ${where('t')})) d`,
            params,
          )
        ).rows[0].n,
      );
      if (diff === 0) continue;
      await c.query(`DELETE FROM ${spec.table} t WHERE ${where('t')}`, params);
      rowsRevised += incoming;
    } else rowsNew += incoming;
    const cols = spec.columns.map(([col]) => col).join(', ');
    await c.query(
      `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${stage} s WHERE ${where('s')}`,
      params,
    );
  }
  return { rowsNew, rowsRevised };
}
