/**
 * Import files and folders into a store: find files (recursively, sorted), detect each one's
 * importer, parse it, write it. A store with `writeBatches` (DuckDB, PostgreSQL) gets many files per transaction
 * (ingest-bulk.ts); others one transaction per file. Either way a file that fails leaves the store as
 * it was and is reported with file, line and problem; the other files still import.
 */
import { barCount } from '../model/bar-columns.ts';
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UserError } from '../model/errors.ts';
import { importBulk } from './ingest-bulk.ts';
import {
  emptyOutcome,
  type FileOutcome,
  failedOutcome,
  type ImportOptions,
  type ImportProgress,
  type ImportRun,
  type ImportSummary,
  parseFile,
  relToRoot,
  writtenOutcome,
} from './ingest-file.ts';
import { planPreference } from './preference.ts';
import type { MarketStore, WriteResult } from './store.ts';

export type { FileOutcome, ImportOptions, ImportProgress, ImportSummary, ParsedFile } from './ingest-file.ts';
export { relToRoot } from './ingest-file.ts';

const DATA_EXT = new Set(['.csv', '.txt', '.tsv']);

/** Expand paths to the files under them, sorted; non-data files (notes, READMEs) are listed as ignored. */
export function listFiles(paths: string[]): { files: string[]; ignored: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const walk = (p: string): void => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new UserError(`no such file or folder: ${p}`, 'not_found');
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.')) continue;
        walk(join(p, name));
      }
    } else if (DATA_EXT.has(extname(p).toLowerCase())) files.push(p);
    else ignored.push(p);
  };
  for (const p of paths) walk(p);
  return { files: [...new Set(files)].sort(), ignored: ignored.sort() };
}

/** One file in its own transaction (the worker's job, and the path of stores without `writeBatches`). */
export async function importOne(store: MarketStore, path: string, opts: ImportOptions): Promise<FileOutcome> {
  const { base, batch } = parseFile(path, opts);
  if (!batch) return base;
  try {
    const plan = barCount(batch)
      ? await planPreference(store, batch, { prefer: opts.prefer })
      : { decisions: [], setPreferred: [] };
    const r: WriteResult = await store.writeBatch(batch, { setPreferred: plan.setPreferred });
    return writtenOutcome(base, r, plan.decisions, opts.prefer);
  } catch (e) {
    return failedOutcome(base, e);
  }
}

export async function importPaths(
  store: MarketStore,
  paths: string[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  const { files, ignored } = listFiles(paths);
  const sizes = files.map((f) => statSync(f).size);
  const p: ImportProgress = {
    filesDone: 0,
    filesTotal: files.length,
    file: '',
    rowsRead: 0,
    bytesDone: 0,
    bytesTotal: sizes.reduce((a, b) => a + b, 0),
    filesUnchanged: 0,
    filesCommitted: 0,
  };
  const { outcomes, interrupted } = store.writeBatches
    ? await importBulk(store, files, sizes, opts, p)
    : await importFileByFile(store, files, sizes, opts, p);
  opts.onFile?.(p.filesDone, files.length, '');
  opts.onProgress?.({ ...p, file: '' });
  for (const f of ignored)
    outcomes.push({
      ...emptyOutcome(relToRoot(f, opts.dataRoot)),
      status: 'ignored',
      error: 'not a data file (.csv/.txt/.tsv)',
    });
  const adjustmentUnknown = outcomes
    .filter((o) => o.adjustmentUnknown && o.status !== 'failed')
    .map((o) => o.file);
  return { files: outcomes, adjustmentUnknown, totals: totalsOf(outcomes), interrupted };
}

/** One transaction per file, each planned against the store as the files before it left it. */
async function importFileByFile(
  store: MarketStore,
  files: string[],
  sizes: number[],
  opts: ImportOptions,
  p: ImportProgress,
): Promise<ImportRun> {
  const outcomes: FileOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    if (opts.shouldStop?.()) return { outcomes, interrupted: { filesLeft: files.length - i } };
    opts.onFile?.(i, files.length, files[i]);
    opts.onProgress?.({ ...p, file: relToRoot(files[i], opts.dataRoot) });
    const o = await importOne(store, files[i], opts);
    outcomes.push(o);
    p.filesDone++;
    p.rowsRead += o.rowsRead;
    p.bytesDone += sizes[i];
    if (o.status === 'unchanged') p.filesUnchanged++;
    if (o.status === 'imported') p.filesCommitted++;
  }
  return { outcomes, interrupted: null };
}

function totalsOf(outcomes: FileOutcome[]): ImportSummary['totals'] {
  const t = {
    files: outcomes.length,
    imported: 0,
    unchanged: 0,
    failed: 0,
    ignored: 0,
    rowsRead: 0,
    rowsNew: 0,
    rowsRevised: 0,
    rowsSkipped: 0,
    sourceConflicts: 0,
  };
  for (const o of outcomes) {
    t[o.status]++;
    t.rowsRead += o.rowsRead;
    t.rowsNew += o.rowsNew;
    t.rowsRevised += o.rowsRevised;
    t.rowsSkipped += o.skipped.length;
    t.sourceConflicts += o.sources.filter((s) => s.outcome === 'conflict').length;
  }
  return t;
}

/** `file sha256` keys of the files a store already holds (for ImportOptions.known). */
export async function importedKeys(store: MarketStore): Promise<Set<string>> {
  return new Set((await store.imports()).map((r) => `${r.file} ${r.sha256}`));
}
