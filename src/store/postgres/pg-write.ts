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

const PG_TYPES: Record<string, string> = { varchar: 'TEXT COLLATE "C"', date: 'DATE', double: 'DOUBLE PRECISION', integer: 'INTEGER', boolean: 'BOOLEAN' };
const ROWS_PER_CHUNK = 2000;

function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  return `"${v.replace(/"/g, '""')}"`;
}

function* csvChunks(cells: Cell[][]): Generator<string> {
  for (let off = 0; off < cells.length; off += ROWS_PER_CHUNK) {
    let s = '';
    const end = Math.min(cells.length, off + ROWS_PER_CHUNK);
    for (let i = off; i < end; i++) s += `${cells[i].map(csvCell).join(',')}\n`;
    yield s;
  }
}

const num = (v: unknown): number => Number(v);

export async function writeBatchPg(c: PoolClient, batch: ImportBatch): Promise<WriteResult> {
  const rowsRead = batchRowCount(batch);
  await c.query('BEGIN');
  try {
    await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':marketdash-import'))`);
    const seen = await c.query('SELECT id FROM imports WHERE file = $1 AND sha256 = $2 AND importer = $3', [batch.file, batch.sha256, batch.importer]);
    if (seen.rowCount) {
      await c.query('COMMIT');
      return { status: 'unchanged', rowsRead, rowsNew: 0, rowsRevised: 0, rowsUnchanged: rowsRead };
    }
    const importId = num((await c.query('SELECT coalesce(max(id), 0) + 1 AS id FROM imports')).rows[0].id);
    await upsertReferenceRows(c, batch);
    let rowsNew = 0;
    let rowsRevised = 0;
    for (const spec of TABLES) {
      const cells = spec.rows(batch, importId);
      if (cells.length === 0) continue;
      const stage = await stageRows(c, spec, cells);
      const r = spec.snapshotKey ? await writeSnapshot(c, spec, stage) : await writeKeyed(c, spec, stage);
      rowsNew += r.rowsNew;
      rowsRevised += r.rowsRevised;
    }
    await c.query('INSERT INTO imports VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8)', [
      importId, batch.file, batch.sha256, batch.importer, batch.source, rowsRead, rowsNew, rowsRevised,
    ]);
    await c.query('COMMIT');
    return { status: 'imported', rowsRead, rowsNew, rowsRevised, rowsUnchanged: rowsRead - rowsNew - rowsRevised };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Instruments, price sources and series names: the first row per key wins, as in the DuckDB store. */
async function upsertReferenceRows(c: PoolClient, batch: ImportBatch): Promise<void> {
  const inst = new Map<string, (typeof batch.instruments)[number]>();
  for (const i of batch.instruments) if (!inst.has(i.symbol)) inst.set(i.symbol, i);
  if (inst.size) {
    const v = [...inst.values()];
    await c.query(
      `INSERT INTO instruments SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (symbol) DO UPDATE SET name = EXCLUDED.name WHERE instruments.name IS NULL AND EXCLUDED.name IS NOT NULL`,
      [v.map((x) => x.symbol), v.map((x) => x.name), v.map((x) => x.kind)],
    );
  }
  const pairs = new Map<string, { symbol: string; source: string; adjustment: Adjustment }>();
  for (const b of batch.bars) {
    const k = `${b.symbol}\u0000${b.prov.source}`;
    if (!pairs.has(k)) pairs.set(k, { symbol: b.symbol, source: b.prov.source, adjustment: b.adjustment });
  }
  if (pairs.size) {
    const v = [...pairs.values()];
    await c.query(
      `INSERT INTO price_sources SELECT s, src, $3::int, adj, FALSE FROM unnest($1::text[], $2::text[], $4::text[]) AS u(s, src, adj)
       ON CONFLICT (symbol, source) DO NOTHING`,
      [v.map((x) => x.symbol), v.map((x) => x.source), batch.priority ?? 0, v.map((x) => x.adjustment)],
    );
  }
  const meta = new Map<string, (typeof batch.seriesMeta)[number]>();
  for (const m of batch.seriesMeta) if (!meta.has(m.series)) meta.set(m.series, m);
  if (meta.size) {
    const v = [...meta.values()];
    await c.query(
      `INSERT INTO series_meta SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[]) ON CONFLICT (series) DO NOTHING`,
      [v.map((x) => x.series), v.map((x) => x.kind), v.map((x) => x.name), v.map((x) => x.unit), v.map((x) => x.isReturn)],
    );
  }
}

async function stageRows(c: PoolClient, spec: TableSpec, cells: Cell[][]): Promise<string> {
  const name = `stage_${spec.table}`;
  await c.query(`DROP TABLE IF EXISTS pg_temp.${name}`);
  await c.query(`CREATE TEMP TABLE ${name} (${spec.columns.map(([col, t]) => `${col} ${PG_TYPES[t]}`).join(', ')}) ON COMMIT DROP`);
  const copy = c.query(copyFrom(`COPY ${name} FROM STDIN WITH (FORMAT csv, NULL '')`));
  await pipeline(Readable.from(csvChunks(cells)), copy);
  // Row counts for the planner: without them it may pick a nested loop over the whole table.
  await c.query(`ANALYZE pg_temp.${name}`);
  return `pg_temp.${name}`;
}

async function writeKeyed(c: PoolClient, spec: TableSpec, stage: string): Promise<{ rowsNew: number; rowsRevised: number }> {
  const vals = valueColumns(spec);
  const join = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const revised = await c.query(
    `UPDATE ${spec.table} AS t SET ${[...vals, 'import_id', 'line'].map((col) => `${col} = s.${col}`).join(', ')}
     FROM ${stage} AS s WHERE ${join} AND (${vals.map((col) => `t.${col} IS DISTINCT FROM s.${col}`).join(' OR ')})`,
  );
  const cols = spec.columns.map(([col]) => col).join(', ');
  const inserted = await c.query(
    `INSERT INTO ${spec.table} (${cols}) SELECT ${spec.columns.map(([col]) => `s.${col}`).join(', ')} FROM ${stage} AS s
     WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} AS t WHERE ${join})`,
  );
  return { rowsNew: inserted.rowCount ?? 0, rowsRevised: revised.rowCount ?? 0 };
}

/** A (fund, as-of) snapshot identical to the stored one changes nothing; a different one replaces it. */
async function writeSnapshot(c: PoolClient, spec: TableSpec, stage: string): Promise<{ rowsNew: number; rowsRevised: number }> {
  const sk = spec.snapshotKey!;
  const vals = spec.columns.map(([col]) => col).filter((col) => col !== 'import_id' && col !== 'line').join(', ');
  const keys = (await c.query(`SELECT DISTINCT ${sk.join(', ')} FROM ${stage}`)).rows as Record<string, unknown>[];
  let rowsNew = 0;
  let rowsRevised = 0;
  for (const k of keys) {
    const params = sk.map((col) => k[col]);
    const where = (a: string) => sk.map((col, i) => `${a}.${col} = $${i + 1}`).join(' AND ');
    const existing = num((await c.query(`SELECT count(*) AS n FROM ${spec.table} t WHERE ${where('t')}`, params)).rows[0].n);
    const incoming = num((await c.query(`SELECT count(*) AS n FROM ${stage} s WHERE ${where('s')}`, params)).rows[0].n);
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
    await c.query(`INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${stage} s WHERE ${where('s')}`, params);
  }
  return { rowsNew, rowsRevised };
}
