/**
 * Section 1: import throughput of the whole data folder into a fresh DuckDB store file through
 * `importPaths` (the code path of `marketdash import`), where the time goes (parse vs store writes),
 * the idempotent re-import, and DuckDB's own `read_csv` on the price files as the baseline.
 */
import { rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { batchRowCount, type ImportBatch } from '../src/model/batch.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import type { SqlPort } from '../src/store/duckdb/sql-twins/port.ts';
import { type ImportSummary, importedKeys, importPaths, listFiles } from '../src/store/ingest.ts';
import type { MarketStore, WriteResult } from '../src/store/store.ts';
import {
  type BenchContext,
  type BenchSection,
  type Check,
  emptyResult,
  fmtInt,
  fmtMs,
  fmtRate,
  MB,
  measure,
  median,
  type SectionResult,
  statOf,
  timingOverrides,
} from './lib.ts';

/** The price files DuckDB's read_csv reads in the baseline (relative to the data folder). */
const PRICE_GLOBS = ['prices/*.csv', 'prices/alt/*.csv', 'panels/individual_stocks_5yr/*.csv'];
const isPriceFile = (rel: string) =>
  /^prices\/[^/]+\.csv$/i.test(rel) ||
  /^prices\/alt\/[^/]+\.csv$/i.test(rel) ||
  /^panels\/individual_stocks_5yr\/[^/]+\.csv$/i.test(rel);

const BASELINE_TABLES = [
  'imports',
  'instruments',
  'price_sources',
  'bars',
  'series_meta',
  'observations',
  'holdings',
  'fundamentals',
  'flows',
];

interface FileInfo {
  rel: string;
  bytes: number;
}

function dataFiles(dataDir: string): FileInfo[] {
  return listFiles([dataDir]).files.map((f) => ({
    rel: relative(dataDir, f).split(sep).join('/'),
    bytes: statSync(f).size,
  }));
}

/**
 * Only `writeBatch` (and `listSources`, for the source-preference rule) is called by importPaths: a
 * sink that counts rows and stores nothing, so importPaths runs its full read → decode → sha256 →
 * detect → parse path without DuckDB.
 */
class SinkStore {
  rows = 0;
  async listSources(): Promise<never[]> {
    return [];
  }
  async writeBatch(b: ImportBatch): Promise<WriteResult> {
    const n = batchRowCount(b);
    this.rows += n;
    return { status: 'imported', rowsRead: n, rowsNew: n, rowsRevised: 0, rowsUnchanged: 0 };
  }
}

interface ImportRun {
  summary: ImportSummary;
  totalMs: number;
  /** Time inside store.writeBatch / writeBatches (DuckDB staging, merges, commit). */
  writeMs: number;
  /** Per file (relative path): wall time of the whole file, and of its writeBatch. */
  perFile: Map<string, { ms: number; writeMs: number; rows: number }>;
}

/** importPaths with timing: per-file wall time (from the onFile callback) and time inside writeBatch. */
async function timedImport(store: MarketStore, dataDir: string): Promise<ImportRun> {
  const writes = new Map<string, number>();
  let writeMs = 0;
  const timed = new Proxy(store, {
    get(target, prop) {
      if (prop === 'writeBatch') {
        return async (b: ImportBatch) => {
          const t0 = performance.now();
          try {
            return await target.writeBatch(b);
          } finally {
            const dt = performance.now() - t0;
            writeMs += dt;
            writes.set(b.file, (writes.get(b.file) ?? 0) + dt);
          }
        };
      }
      if (prop === 'writeBatches' && target.writeBatches) {
        // The bulk path (many files per transaction): the write is timed as a whole, not per file.
        return async (bs: ImportBatch[]) => {
          const t0 = performance.now();
          try {
            return await target.writeBatches!(bs);
          } finally {
            writeMs += performance.now() - t0;
          }
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const marks: number[] = [];
  const t0 = performance.now();
  const summary = await importPaths(timed, [dataDir], {
    dataRoot: dataDir,
    lenient: false,
    onFile: (done) => {
      marks[done] = performance.now();
    },
  });
  const totalMs = performance.now() - t0;
  const perFile = new Map<string, { ms: number; writeMs: number; rows: number }>();
  for (let i = 0; i + 1 < marks.length; i++) {
    const o = summary.files[i];
    perFile.set(o.file, { ms: marks[i + 1] - marks[i], writeMs: writes.get(o.file) ?? 0, rows: o.rowsRead });
  }
  return { summary, totalMs, writeMs, perFile };
}

async function tableCounts(store: SqlPort): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of BASELINE_TABLES) out[t] = Number((await store.sql(`SELECT count(*) AS n FROM ${t}`))[0].n);
  return out;
}

function fileSize(path: string): number {
  let n = 0;
  for (const p of [path, `${path}.wal`]) {
    try {
      n += statSync(p).size;
    } catch {
      // no WAL
    }
  }
  return n;
}

const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const importSection: BenchSection = {
  id: 'import',
  title: 'Import throughput (whole data folder → fresh DuckDB store) vs DuckDB read_csv',
  async run(ctx: BenchContext): Promise<SectionResult> {
    const res = emptyResult();
    const log = (s: string) => process.stdout.write(`  ${s}\n`);
    const files = dataFiles(ctx.dataDir);
    const totalBytes = files.reduce((a, f) => a + f.bytes, 0);
    const priceFiles = files.filter((f) => isPriceFile(f.rel));
    const priceBytes = priceFiles.reduce((a, f) => a + f.bytes, 0);
    res.notes.push(
      `data: ${ctx.dataDir}: ${files.length} data files, ${(totalBytes / MB).toFixed(1)} MB; price files (${PRICE_GLOBS.join(', ')}): ${priceFiles.length} files, ${(priceBytes / MB).toFixed(1)} MB`,
    );

    // --- parse only: importPaths into a sink (read, decode, sha256, detect, parse; no DuckDB)
    log('parse only (importers without the store)…');
    let sinkRows = 0;
    const parse = await measure(
      async () => {
        const sink = new SinkStore();
        const s = await importPaths(sink as unknown as MarketStore, [ctx.dataDir], {
          dataRoot: ctx.dataDir,
          lenient: false,
        });
        sinkRows = sink.rows;
        return s;
      },
      { warmup: 1, minReps: 2, maxReps: 3, budgetMs: 20_000 },
    );
    res.rows.push({
      name: 'parse only (importers, no store)',
      stat: parse.stat,
      figure: `${fmtRate(sinkRows, parse.stat.medianMs, 'rows')} · ${fmtRate(totalBytes / MB, parse.stat.medianMs, 'MB')}`,
      note: `read + decode + sha256 + detect + parse, ${fmtInt(sinkRows)} rows`,
      extra: {
        rows: sinkRows,
        bytes: totalBytes,
        rowsPerSec: sinkRows / (parse.stat.medianMs / 1000),
        mbPerSec: totalBytes / MB / (parse.stat.medianMs / 1000),
      },
    });

    // --- full import into a fresh store file per run; the last store is kept for the later sections
    const forced = Number(process.env.BENCH_IMPORT_RUNS ?? '');
    const maxRuns = timingOverrides.quick ? 1 : Number.isInteger(forced) && forced > 0 ? forced : 3;
    const minRuns = Number.isInteger(forced) && forced > 0 ? forced : 1;
    const budgetMs = 80_000;
    const runs: ImportRun[] = [];
    let store: DuckDbStore | null = null;
    let storePath = '';
    while (runs.length < maxRuns) {
      const spent = runs.reduce((a, r) => a + r.totalMs, 0);
      if (runs.length >= minRuns && spent + median(runs.map((r) => r.totalMs)) > budgetMs) break;
      if (store) {
        await store.close();
        rmSync(storePath, { force: true });
        rmSync(`${storePath}.wal`, { force: true });
      }
      storePath = join(ctx.workDir, `import-${runs.length + 1}.duckdb`);
      store = await DuckDbStore.open(storePath);
      log(`full import ${runs.length + 1} → ${storePath}…`);
      const r = await timedImport(store, ctx.dataDir);
      log(
        `  ${fmtMs(r.totalMs)}: ${r.summary.totals.imported} files imported, ${fmtInt(r.summary.totals.rowsRead)} rows`,
      );
      runs.push(r);
    }
    if (!store) throw new Error('no import run');
    ctx.store = store;
    ctx.storePath = storePath;
    const last = runs[runs.length - 1];
    const t = last.summary.totals;
    ctx.importedRows = t.rowsRead;
    const imp = statOf(
      runs.map((r) => r.totalMs),
      0,
    );
    const write = statOf(
      runs.map((r) => r.writeMs),
      0,
    );
    const rest = statOf(
      runs.map((r) => r.totalMs - r.writeMs),
      0,
    );
    res.rows.push({
      name: 'import: whole data folder (importPaths)',
      stat: imp,
      figure: `${fmtRate(t.rowsRead, imp.medianMs, 'rows')} · ${fmtRate(totalBytes / MB, imp.medianMs, 'MB')}`,
      note: `${t.imported} files, ${fmtInt(t.rowsRead)} rows, ${t.rowsSkipped} skipped; fresh file each run; store ${(fileSize(storePath) / MB).toFixed(1)} MB`,
      extra: {
        files: t.imported,
        rows: t.rowsRead,
        bytes: totalBytes,
        rowsSkipped: t.rowsSkipped,
        failed: t.failed,
        rowsPerSec: t.rowsRead / (imp.medianMs / 1000),
        mbPerSec: totalBytes / MB / (imp.medianMs / 1000),
        storeBytes: fileSize(storePath),
      },
    });
    res.rows.push({
      name: '  of which store writes (writeBatches)',
      stat: write,
      figure: `${((write.medianMs / imp.medianMs) * 100).toFixed(0)}% of import`,
      note: 'DuckDB: stage via appender, merge, commit (many files per transaction: store/ingest-bulk.ts); the next files are parsed meanwhile, so this overlaps the rest',
      extra: { share: write.medianMs / imp.medianMs },
    });
    res.rows.push({
      name: '  of which read + parse (the rest)',
      stat: rest,
      figure: `${((rest.medianMs / imp.medianMs) * 100).toFixed(0)}% of import`,
      note: 'listFiles, read, decode, sha256, detect, parse',
      extra: { share: rest.medianMs / imp.medianMs },
    });
    const priceSet = new Set(priceFiles.map((f) => f.rel));
    const priceRows = last.summary.files
      .filter((f) => priceSet.has(f.file))
      .reduce((a, f) => a + f.rowsRead, 0);
    const failedRuns = runs.filter((r) => r.summary.totals.failed > 0);
    res.checks.push({
      name: 'full import: every data file imported',
      ok: failedRuns.length === 0 && t.imported === files.length,
      detail: `${t.imported}/${files.length} imported, ${t.failed} failed`,
    });

    // --- the price files only: the very files the read_csv baseline reads, for a same-files ratio
    log('import of the price files only (the read_csv baseline\'s files)…');
    const priceDirs = [join(ctx.dataDir, 'prices'), join(ctx.dataDir, 'panels', 'individual_stocks_5yr')];
    let priceOnlyRows = 0;
    const priceOnly = await measure(
      async () => {
        const path = join(ctx.workDir, `import-prices-${Date.now()}.duckdb`);
        const s = await DuckDbStore.open(path);
        try {
          const r = await importPaths(s, priceDirs, { dataRoot: ctx.dataDir, lenient: false });
          priceOnlyRows = r.totals.rowsRead;
          return r;
        } finally {
          await s.close();
          rmSync(path, { force: true });
          rmSync(`${path}.wal`, { force: true });
        }
      },
      { warmup: 0, minReps: 1, maxReps: timingOverrides.quick ? 1 : 3, budgetMs: 30_000 },
    );
    res.rows.push({
      name: 'import: the price files only (importPaths, then close)',
      stat: priceOnly.stat,
      figure: fmtRate(priceOnlyRows, priceOnly.stat.medianMs, 'rows'),
      note: `${fmtInt(priceOnlyRows)} rows from ${priceFiles.length} files (${PRICE_GLOBS.join(', ')}), fresh file each run, checkpoint on close included: the files the read_csv baselines read`,
      extra: { rows: priceOnlyRows, rowsPerSec: priceOnlyRows / (priceOnly.stat.medianMs / 1000) },
    });

    // --- idempotent re-import of the same folder into the kept store
    log('re-import (idempotent)…');
    const before = await tableCounts(store);
    const re = await measure(
      // As `marketdash import` does: files whose path and sha256 the store holds are skipped without parsing.
      async () => importPaths(store, [ctx.dataDir], { dataRoot: ctx.dataDir, lenient: false, known: await importedKeys(store) }),
      {
        warmup: 0,
        minReps: 2,
        maxReps: 3,
        budgetMs: 25_000,
      },
    );
    const after = await tableCounts(store);
    const rt = re.last.totals;
    res.rows.push({
      name: 're-import (idempotent, same store)',
      stat: re.stat,
      figure: `${fmtRate(rt.rowsRead, re.stat.medianMs, 'rows')} · ${fmtRate(totalBytes / MB, re.stat.medianMs, 'MB')}`,
      note: `${rt.unchanged} files unchanged, ${rt.rowsNew} new, ${rt.rowsRevised} revised rows`,
      extra: {
        rows: rt.rowsRead,
        rowsPerSec: rt.rowsRead / (re.stat.medianMs / 1000),
        unchanged: rt.unchanged,
        rowsNew: rt.rowsNew,
        rowsRevised: rt.rowsRevised,
      },
    });
    const same = BASELINE_TABLES.every((k) => before[k] === after[k]);
    res.checks.push({
      name: 're-import changes nothing',
      ok:
        rt.imported === 0 &&
        rt.unchanged === t.imported &&
        rt.rowsNew === 0 &&
        rt.rowsRevised === 0 &&
        rt.failed === 0 &&
        same,
      detail: `${rt.unchanged}/${t.imported} files unchanged, ${rt.rowsNew} new, ${rt.rowsRevised} revised; table row counts ${same ? 'identical' : `differ: ${JSON.stringify({ before, after })}`}`,
    });

    // --- baseline: DuckDB's own CSV reader on the price files
    const globs = PRICE_GLOBS.map((g) => sq(join(ctx.dataDir, g)));
    const variants: { name: string; sql: string; note: string; budget: number }[] = [
      {
        name: 'baseline: DuckDB read_csv, union_by_name',
        sql: `CREATE TABLE px AS SELECT * FROM read_csv([${globs.join(', ')}], union_by_name = true, filename = true)`,
        note: 'one read_csv over the 3 globs; no validation, no provenance, no dedupe',
        budget: 25_000,
      },
      {
        name: 'baseline: read_csv per folder, UNION ALL BY NAME',
        sql:
          `CREATE TABLE px AS SELECT * FROM read_csv(${globs[0]}, union_by_name = true, filename = true) ` +
          `UNION ALL BY NAME SELECT * FROM read_csv(${globs[1]}, union_by_name = true, filename = true) ` +
          `UNION ALL BY NAME SELECT * FROM read_csv(${globs[2]}, filename = true)`,
        note: 'the 505 panel files share one header: no per-file schema sniffing',
        budget: 15_000,
      },
    ];
    const rowsByVariant: number[] = [];
    for (const v of variants) {
      log(`${v.name}…`);
      let inst: DuckDBInstance | null = null;
      let con: Awaited<ReturnType<DuckDBInstance['connect']>> | null = null;
      let rows = 0;
      let path = '';
      const m = await measure(
        async () => {
          await con!.run(v.sql);
        },
        {
          warmup: 0,
          minReps: 1,
          maxReps: 3,
          budgetMs: v.budget,
          before: async (i) => {
            path = join(ctx.workDir, `read-csv-${i}.duckdb`);
            inst = await DuckDBInstance.create(path);
            con = await inst.connect();
          },
          after: async () => {
            rows = Number((await con!.runAndReadAll('SELECT count(*) AS n FROM px')).getRowObjects()[0].n);
            con!.closeSync();
            inst!.closeSync();
            rmSync(path, { force: true });
            rmSync(`${path}.wal`, { force: true });
          },
        },
      );
      rowsByVariant.push(rows);
      const ours = t.rowsRead / (imp.medianMs / 1000);
      const theirs = rows / (m.stat.medianMs / 1000);
      const sameFiles = m.stat.medianMs > 0 ? priceOnly.stat.medianMs / m.stat.medianMs : Number.NaN;
      res.rows.push({
        name: v.name,
        stat: m.stat,
        figure: `${fmtRate(rows, m.stat.medianMs, 'rows')} · ${fmtRate(priceBytes / MB, m.stat.medianMs, 'MB')}`,
        note: `${fmtInt(rows)} rows; ${v.note}; import (whole folder) ${fmtInt(ours)} rows/s vs ${fmtInt(theirs)}: read_csv ${(theirs / ours).toFixed(2)}× the import's rows/s; the same files: import ${(sameFiles).toFixed(2)}× read_csv's time (target ≤ 2)`,
        extra: {
          rows,
          bytes: priceBytes,
          rowsPerSec: theirs,
          mbPerSec: priceBytes / MB / (m.stat.medianMs / 1000),
          importRowsPerSec: ours,
          importSlowdown: theirs / ours,
          sameFilesSlowdown: sameFiles,
        },
      });
    }
    const check: Check = {
      name: 'read_csv reads the rows importPaths stores for the price files',
      ok:
        rowsByVariant.every((r) => r === rowsByVariant[0]) &&
        Math.abs(rowsByVariant[0] - priceRows) <= t.rowsSkipped,
      detail: `read_csv ${rowsByVariant.map(fmtInt).join(' / ')} rows; importPaths ${fmtInt(priceRows)} price rows (${t.rowsSkipped} rows skipped as known source errors)`,
    };
    res.checks.push(check);
    return res;
  },
};
