/**
 * Writing many importer batches (files) in one transaction, as if they had been written one after
 * the other: a file already imported (same path, sha256 and importer) is 'unchanged'; each file's
 * rows are counted new / revised / unchanged against the store *and* the files before it; a row
 * keeps the provenance (import, line) of the file that last changed it. Rows are staged for all
 * files at once and merged per table with a few set-based statements. If anything fails, the whole
 * transaction is rolled back and the files are written one by one, so a bad file fails alone and
 * leaves the store as it was.
 */
import { barColumnsOf, barCount } from '../../model/bar-columns.ts';
import { observationColumnsOf, observationCount } from '../../model/observation-columns.ts';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ImportBatch } from '../../model/batch.ts';
import { batchRowCount } from '../../model/batch.ts';
import type { Adjustment } from '../../model/types.ts';
import type { WriteResult } from '../store.ts';
import { TABLES, type TableSpec, valueColumns } from '../tables.ts';
import { encodeBarColumns, encodeBars, encodeObservationColumns, encodeObservations } from './encode-bars-observations.ts';
import { type EncodedRows, encodeRows, type RawStage, StageDict, stagePlain, stageRaw } from './stage.ts';

type Row = Record<string, unknown>;

export interface SqlRunner {
  con: DuckDBConnection;
  rows(sql: string, params?: DuckDBValue[]): Promise<Row[]>;
  exec(sql: string, params?: DuckDBValue[]): Promise<number>;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const importKey = (file: string, sha: string, importer: string) => `${file}\u0000${sha}\u0000${importer}`;

interface Pending {
  index: number;
  batch: ImportBatch;
  ord: number;
  rowsNew: number;
  rowsRevised: number;
  encoded: Map<string, EncodedRows>;
}

/** Write the batches; one result per batch, in order: its counts, or the error that kept it out. */
export async function writeBatches(db: SqlRunner, batches: ImportBatch[]): Promise<(WriteResult | Error)[]> {
  const results: (WriteResult | Error | null)[] = batches.map(() => null);
  const shas = [...new Set(batches.map((b) => b.sha256))];
  const seen = new Set<string>();
  if (shas.length > 0) {
    const r = await db.rows(`SELECT file, sha256, importer FROM imports WHERE sha256 IN (${shas.map(lit).join(', ')})`);
    for (const x of r) seen.add(importKey(x.file as string, x.sha256 as string, x.importer as string));
  }
  const dict = new StageDict();
  const todo: Pending[] = [];
  batches.forEach((batch, index) => {
    const rowsRead = batchRowCount(batch);
    const key = importKey(batch.file, batch.sha256, batch.importer);
    if (seen.has(key)) {
      results[index] = { status: 'unchanged', rowsRead, rowsNew: 0, rowsRevised: 0, rowsUnchanged: rowsRead };
      return;
    }
    seen.add(key);
    const encoded = new Map<string, EncodedRows>();
    try {
      for (const spec of TABLES) {
        if (spec.snapshotKey) continue;
        const e = encodeTable(spec, batch, todo.length, dict);
        if (e) encoded.set(spec.table, e);
      }
    } catch (e) {
      results[index] = e as Error;
      return;
    }
    todo.push({ index, batch, ord: todo.length, rowsNew: 0, rowsRevised: 0, encoded });
  });

  if (todo.length > 0) {
    await db.exec('BEGIN TRANSACTION');
    try {
      await writeAll(db, todo, dict);
      await db.exec('COMMIT');
      for (const p of todo) {
        const rowsRead = batchRowCount(p.batch);
        results[p.index] = { status: 'imported', rowsRead, rowsNew: p.rowsNew, rowsRevised: p.rowsRevised, rowsUnchanged: rowsRead - p.rowsNew - p.rowsRevised };
      }
    } catch (e) {
      await db.exec('ROLLBACK');
      if (todo.length === 1) results[todo[0].index] = e as Error;
      else for (const p of todo) results[p.index] = (await writeBatches(db, [p.batch]))[0];
    }
  }
  return results as (WriteResult | Error)[];
}

/** A batch's bars encoded from its columns, or from its objects. */
function encodeBarsOf(spec: TableSpec, batch: ImportBatch, ord: number, dict: StageDict): EncodedRows | null {
  const cols = barColumnsOf(batch);
  return cols ? encodeBarColumns(spec, cols, ord, dict) : encodeBars(spec, batch.bars, ord, dict, batch.file);
}

/** A batch's observations encoded from its columns, or from its objects. */
function encodeObservationsOf(spec: TableSpec, batch: ImportBatch, ord: number, dict: StageDict): EncodedRows | null {
  const cols = observationColumnsOf(batch);
  return cols ? encodeObservationColumns(spec, cols, ord, dict) : encodeObservations(spec, batch.observations, ord, dict, batch.file);
}

function encodeTable(spec: TableSpec, batch: ImportBatch, ord: number, dict: StageDict): EncodedRows | null {
  if (spec.table === 'bars' && barCount(batch) === 0) return null;
  if (spec.table === 'observations' && observationCount(batch) === 0) return null;
  const fast = spec.table === 'bars' ? encodeBarsOf(spec, batch, ord, dict) : spec.table === 'observations' ? encodeObservationsOf(spec, batch, ord, dict) : null;
  if (fast) return fast;
  const cells = spec.rows(batch, 0);
  if (cells.length === 0) return null;
  return encodeRows(spec, cells.length, (r, c) => cells[r][c], ord, dict, batch.file);
}

async function writeAll(db: SqlRunner, todo: Pending[], dict: StageDict): Promise<void> {
  const baseId = num((await db.rows('SELECT coalesce(max(id), 0) + 1 AS id FROM imports'))[0].id);
  await upsertInstruments(db, todo);
  await upsertPriceSources(db, todo);
  await upsertSeriesMeta(db, todo);
  for (const spec of TABLES) {
    if (spec.snapshotKey) {
      for (const p of todo) {
        const cells = spec.rows(p.batch, baseId + p.ord);
        if (cells.length === 0) continue;
        const r = await writeSnapshot(db, spec, await stagePlain(db.con, `stage_${spec.table}`, spec.columns, cells));
        p.rowsNew += r.rowsNew;
        p.rowsRevised += r.rowsRevised;
      }
      continue;
    }
    const parts = todo.flatMap((p) => p.encoded.get(spec.table) ?? []);
    if (parts.length === 0) continue;
    const stage = await stageRaw(db.con, `stage_${spec.table}`, spec, parts, dict, baseId);
    const counts = await mergeRaw(db, spec, stage, parts);
    for (const p of todo) {
      const c = counts.get(p.ord);
      if (c) {
        p.rowsNew += c.rowsNew;
        p.rowsRevised += c.rowsRevised;
      }
    }
    await stage.drop();
  }
  const log = todo.map((p) => {
    const b = p.batch;
    return [baseId + p.ord, b.file, b.sha256, b.importer, b.source, batchRowCount(b), p.rowsNew, p.rowsRevised];
  });
  const cols: [string, 'integer' | 'varchar'][] = [
    ['id', 'integer'], ['file', 'varchar'], ['sha256', 'varchar'], ['importer', 'varchar'], ['source', 'varchar'],
    ['rows_read', 'integer'], ['rows_new', 'integer'], ['rows_revised', 'integer'],
  ];
  const stage = await stagePlain(db.con, 'stage_imports', cols, log);
  await db.exec(`INSERT INTO imports SELECT id, file, sha256, importer, source, now(), rows_read, rows_new, rows_revised FROM ${stage} ORDER BY id`);
  await db.exec(`DROP TABLE ${stage}`);
}

type Counts = Map<number, { rowsNew: number; rowsRevised: number }>;

/**
 * Merge a keyed table's staged rows. Rows whose group (the key's string columns: a bar's symbol and
 * source, an observation's series, source and frequency) the table does not hold yet cannot match a
 * stored row: they are inserted as they are, all new. The rest are compared with the stored rows
 * (mergeStep). When files of the write share keys, everything goes the file-by-file way (mergeKeyed).
 */
async function mergeRaw(db: SqlRunner, spec: TableSpec, st: RawStage, parts: EncodedRows[]): Promise<Counts> {
  const cols = spec.columns.map(([c]) => c).join(', ');
  const decoded = async (where: string) => {
    await db.exec('DROP TABLE IF EXISTS temp.merge_stage');
    await db.exec(`CREATE TEMP TABLE merge_stage AS SELECT r.ord, ${st.select} ${st.from} ${where}`);
    return 'temp.merge_stage';
  };
  const group = spec.key.filter((k) => spec.columns.some(([c, t]) => c === k && t === 'varchar'));
  // Keys can repeat only where files of the write share a group: ask DuckDB only then.
  const dup =
    group.length > 0 && !groupsShared(spec, group, parts)
      ? []
      : await db.rows(`SELECT 1 FROM ${st.raw} GROUP BY ${spec.key.join(', ')} HAVING count(*) > 1 LIMIT 1`);
  if (dup.length > 0 || group.length === 0) {
    const stage = await decoded('');
    const out = await mergeKeyed(db, spec, stage, parts.map((p) => p.ord));
    await db.exec(`DROP TABLE ${stage}`);
    return out;
  }
  await db.exec('DROP TABLE IF EXISTS temp.merge_old');
  await db.exec(
    `CREATE TEMP TABLE merge_old AS SELECT ${group.map((g) => `r.${g}`).join(', ')}
     FROM (SELECT DISTINCT ${group.join(', ')} FROM ${st.raw}) AS r ${group.map(st.join).join(' ')}
     WHERE EXISTS (SELECT 1 FROM ${spec.table} AS t WHERE ${group.map((g) => `t.${g} = ${st.value(g)}`).join(' AND ')})`,
  );
  const old = num((await db.rows('SELECT count(*) AS n FROM temp.merge_old'))[0].n);
  const inOld = `EXISTS (SELECT 1 FROM temp.merge_old AS o WHERE ${group.map((g) => `o.${g} = r.${g}`).join(' AND ')})`;
  await db.exec(`INSERT INTO ${spec.table} (${cols}) SELECT ${st.select} ${st.from} ${old > 0 ? `WHERE NOT ${inOld}` : ''}`);
  const out: Counts = new Map();
  if (old === 0) {
    for (const p of parts) out.set(p.ord, { rowsNew: p.n, rowsRevised: 0 }); // one part per file and table
  } else {
    for (const c of await db.rows(`SELECT ord, count(*) AS n FROM ${st.raw} AS r WHERE NOT ${inOld} GROUP BY ord`))
      out.set(num(c.ord), { rowsNew: num(c.n), rowsRevised: 0 });
    const stage = await decoded(`WHERE ${inOld}`);
    for (const [ord, c] of await mergeStep(db, spec, `(SELECT * FROM ${stage})`)) {
      const o = out.get(ord) ?? { rowsNew: 0, rowsRevised: 0 };
      out.set(ord, { rowsNew: o.rowsNew + c.rowsNew, rowsRevised: o.rowsRevised + c.rowsRevised });
    }
    await db.exec(`DROP TABLE ${stage}`);
  }
  await db.exec('DROP TABLE temp.merge_old');
  return out;
}

/** Whether two of the files (parts) hold rows of one group (their string ids in the group's columns). */
function groupsShared(spec: TableSpec, group: string[], parts: EncodedRows[]): boolean {
  const at = group.map((g) => spec.columns.findIndex(([c]) => c === g));
  const owner = new Map<string, number>();
  const seen = (p: EncodedRows, cols: (Int32Array | Float64Array)[], r: number): boolean => {
    const k = cols.map((c) => c[r]).join(',');
    const o = owner.get(k);
    if (o === undefined) owner.set(k, p.ord);
    return o !== undefined && o !== p.ord;
  };
  for (const p of parts) {
    const cols = at.map((i) => p.cols[i]);
    if (p.groupStarts) {
      // The encoder said where runs start: look at those rows only.
      for (const r of p.groupStarts) if (seen(p, cols, r)) return true;
      continue;
    }
    const m = cols.length;
    for (let r = 0; r < p.n; r++) {
      let same = r > 0; // rows come in runs of one group: look at a row only where its group changes
      for (let j = 0; same && j < m; j++) same = cols[j][r] === cols[j][r - 1];
      if (same) continue;
      if (seen(p, cols, r)) return true;
    }
  }
  return false;
}

/**
 * Merge a staged keyed table. Each file's rows are compared with the stored row of the same key
 * (new / revised / unchanged); when several files in the write share keys, they are merged file by
 * file so that each is compared with the one before it.
 */
async function mergeKeyed(db: SqlRunner, spec: TableSpec, stage: string, ords: number[]): Promise<Counts> {
  const out: Counts = new Map();
  for (const o of [...new Set(ords)]) {
    for (const [ord, c] of await mergeStep(db, spec, `(SELECT * FROM ${stage} WHERE ord = ${o})`)) out.set(ord, c);
  }
  return out;
}

async function mergeStep(db: SqlRunner, spec: TableSpec, source: string): Promise<Counts> {
  const vals = valueColumns(spec);
  const on = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const changed = vals.map((c) => `s.${c} IS DISTINCT FROM t.${c}`).join(' OR ');
  const cols = spec.columns.map(([c]) => c);
  await db.exec('DROP TABLE IF EXISTS temp.merge_rows');
  await db.exec(
    `CREATE TEMP TABLE merge_rows AS SELECT s.*, (t.import_id IS NOT NULL) AS existed,
       (t.import_id IS NOT NULL AND (${changed})) AS changed
     FROM ${source} AS s LEFT JOIN ${spec.table} AS t ON ${on}`,
  );
  const counts = await db.rows(
    'SELECT ord, count(*) FILTER (WHERE NOT existed) AS n_new, count(*) FILTER (WHERE changed) AS n_rev FROM temp.merge_rows GROUP BY ord',
  );
  if (counts.some((c) => num(c.n_rev) > 0)) {
    await db.exec(
      `UPDATE ${spec.table} AS t SET ${[...vals, 'import_id', 'line'].map((c) => `${c} = s.${c}`).join(', ')}
       FROM (SELECT * FROM temp.merge_rows WHERE changed) AS s WHERE ${on}`,
    );
  }
  await db.exec(`INSERT INTO ${spec.table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM temp.merge_rows WHERE NOT existed`);
  await db.exec('DROP TABLE temp.merge_rows');
  return new Map(counts.map((c) => [num(c.ord), { rowsNew: num(c.n_new), rowsRevised: num(c.n_rev) }]));
}

/** Snapshot tables: a (fund, as-of) snapshot identical to the stored one changes nothing; a different one replaces it. */
async function writeSnapshot(db: SqlRunner, spec: TableSpec, stage: string): Promise<{ rowsNew: number; rowsRevised: number }> {
  const sk = spec.snapshotKey!;
  const vals = spec.columns.map(([c]) => c).filter((c) => c !== 'import_id' && c !== 'line');
  const keys = await db.rows(`SELECT DISTINCT ${sk.join(', ')} FROM ${stage}`);
  const selectStaged = spec.columns.map(([c, t]) => (t === 'date' ? `CAST(s.${c} AS DATE)` : `s.${c}`)).join(', ');
  let rowsNew = 0;
  let rowsRevised = 0;
  for (const k of keys) {
    const params = sk.map((c) => k[c] as DuckDBValue);
    const where = (alias: string) => sk.map((c, i) => `${alias}.${c} = CAST($${i + 1} AS ${c === 'as_of' ? 'DATE' : 'VARCHAR'})`).join(' AND ');
    const existing = num((await db.rows(`SELECT count(*) AS n FROM ${spec.table} t WHERE ${where('t')}`, params))[0].n);
    const incoming = num((await db.rows(`SELECT count(*) AS n FROM ${stage} s WHERE ${where('s')}`, params))[0].n);
    if (existing > 0) {
      const sel = (alias: string) => vals.map((c) => (c === 'as_of' ? `CAST(${alias}.${c} AS DATE) AS ${c}` : `${alias}.${c}`)).join(', ');
      const diff = num(
        (
          await db.rows(
            `SELECT count(*) AS n FROM ((SELECT ${sel('t')} FROM ${spec.table} t WHERE ${where('t')}
               EXCEPT ALL SELECT ${sel('s')} FROM ${stage} s WHERE ${where('s')})
             UNION ALL (SELECT ${sel('s')} FROM ${stage} s WHERE ${where('s')}
               EXCEPT ALL SELECT ${sel('t')} FROM ${spec.table} t WHERE ${where('t')}))`,
            params,
          )
        )[0].n,
      );
      if (diff === 0) continue;
      await db.exec(`DELETE FROM ${spec.table} t WHERE ${where('t')}`, params);
      rowsRevised += incoming;
    } else {
      rowsNew += incoming;
    }
    await db.exec(`INSERT INTO ${spec.table} SELECT ${selectStaged} FROM ${stage} s WHERE ${where('s')}`, params);
  }
  await db.exec(`DROP TABLE ${stage}`);
  return { rowsNew, rowsRevised };
}

/** New instruments are added; a stored name that is missing is filled from the first file that has one. */
async function upsertInstruments(db: SqlRunner, todo: Pending[]): Promise<void> {
  const symbols = [...new Set(todo.flatMap((p) => p.batch.instruments.map((i) => i.symbol)))];
  if (symbols.length === 0) return;
  const stored = new Map<string, string | null>();
  for (const r of await db.rows(`SELECT symbol, name FROM instruments WHERE symbol IN (${symbols.map(lit).join(', ')})`))
    stored.set(r.symbol as string, r.name as string | null);
  const added = new Map<string, [string, string | null, string]>();
  const named = new Map<string, string>();
  for (const p of todo)
    for (const i of p.batch.instruments) {
      const a = added.get(i.symbol);
      if (a) {
        if (a[1] === null && i.name !== null) a[1] = i.name;
      } else if (!stored.has(i.symbol)) added.set(i.symbol, [i.symbol, i.name, i.kind]);
      else if (stored.get(i.symbol) === null && i.name !== null && !named.has(i.symbol)) named.set(i.symbol, i.name);
    }
  if (added.size > 0) {
    const stage = await stagePlain(db.con, 'stage_instruments', [['symbol', 'varchar'], ['name', 'varchar'], ['kind', 'varchar']], [...added.values()]);
    await db.exec(`INSERT INTO instruments SELECT symbol, name, kind FROM ${stage}`);
    await db.exec(`DROP TABLE ${stage}`);
  }
  for (const [symbol, name] of named) await db.exec('UPDATE instruments SET name = $2 WHERE symbol = $1', [symbol, name]);
}

/** A (symbol, source) seen for the first time gets the priority of its file and the adjustment of its first bar. */
async function upsertPriceSources(db: SqlRunner, todo: Pending[]): Promise<void> {
  // Bars come grouped by symbol: look at each run of one (symbol, source) once, not at every bar.
  const pairs = new Map<string, [string, string, number, Adjustment]>();
  for (const p of todo) {
    const cols = barColumnsOf(p.batch);
    if (cols) {
      for (const symbol of cols.symbols) {
        const k = `${symbol}\u0000${cols.source}`;
        if (!pairs.has(k)) pairs.set(k, [symbol, cols.source, p.batch.priority ?? 0, cols.adjustment]);
      }
      continue;
    }
    let lastSymbol = '';
    let lastSource = '';
    for (const b of p.batch.bars) {
      if (b.symbol === lastSymbol && b.prov.source === lastSource) continue;
      lastSymbol = b.symbol;
      lastSource = b.prov.source;
      const k = `${b.symbol}\u0000${b.prov.source}`;
      if (!pairs.has(k)) pairs.set(k, [b.symbol, b.prov.source, p.batch.priority ?? 0, b.adjustment]);
    }
  }
  if (pairs.size === 0) return;
  const symbols = [...new Set([...pairs.values()].map((v) => v[0]))];
  const stored = new Set<string>();
  for (const r of await db.rows(`SELECT symbol, source FROM price_sources WHERE symbol IN (${symbols.map(lit).join(', ')})`))
    stored.add(`${r.symbol}\u0000${r.source}`);
  const added = [...pairs.entries()].filter(([k]) => !stored.has(k)).map(([, v]) => v);
  if (added.length === 0) return;
  const cols: [string, 'varchar' | 'integer'][] = [['symbol', 'varchar'], ['source', 'varchar'], ['priority', 'integer'], ['adjustment', 'varchar']];
  const stage = await stagePlain(db.con, 'stage_price_sources', cols, added);
  await db.exec(`INSERT INTO price_sources SELECT symbol, source, priority, adjustment, FALSE FROM ${stage}`);
  await db.exec(`DROP TABLE ${stage}`);
}

async function upsertSeriesMeta(db: SqlRunner, todo: Pending[]): Promise<void> {
  const metas = todo.flatMap((p) => p.batch.seriesMeta);
  if (metas.length === 0) return;
  const stored = new Set(
    (await db.rows(`SELECT series FROM series_meta WHERE series IN (${[...new Set(metas.map((m) => m.series))].map(lit).join(', ')})`)).map((r) => r.series as string),
  );
  const added = new Map<string, [string, string, string | null, string, boolean]>();
  for (const m of metas) if (!stored.has(m.series) && !added.has(m.series)) added.set(m.series, [m.series, m.kind, m.name, m.unit, m.isReturn]);
  if (added.size === 0) return;
  const cols: [string, 'varchar' | 'boolean'][] = [['series', 'varchar'], ['kind', 'varchar'], ['name', 'varchar'], ['unit', 'varchar'], ['is_return', 'boolean']];
  const stage = await stagePlain(db.con, 'stage_series_meta', cols, [...added.values()]);
  await db.exec(`INSERT INTO series_meta SELECT series, kind, name, unit, is_return FROM ${stage}`);
  await db.exec(`DROP TABLE ${stage}`);
}
