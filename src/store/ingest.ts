/**
 * Import files and folders into a store: find files (recursively, sorted), detect each one's
 * importer, parse it, write it (many files per transaction, each all or nothing). A file that fails
 * leaves the store as it was and is reported with file, line and problem; the other files still import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { batchRowCount, type ImportBatch, type ImportWarning, type SkippedRow } from '../model/batch.ts';
import type { Adjustment } from '../model/types.ts';
import { ImportError, UserError } from '../model/errors.ts';
import { detectImporter } from '../sources/files/registry.ts';
import { decodeText, sha256, splitLines } from '../sources/files/text.ts';
import type { ImportRecord, MarketStore, WriteResult } from './store.ts';

export interface FileOutcome {
  file: string;
  importer: string | null;
  status: 'imported' | 'unchanged' | 'failed' | 'ignored';
  rowsRead: number;
  rowsNew: number;
  rowsRevised: number;
  skipped: SkippedRow[];
  warnings: ImportWarning[];
  error: string | null;
  /** Price rows stored with an unknown adjustment (a file without evidence, imported without `--adjustment`). */
  adjustmentUnknown?: boolean;
}

export interface ImportSummary {
  files: FileOutcome[];
  /** Files whose price rows were stored with an unknown adjustment: the one warning an import gives about it. */
  adjustmentUnknown: string[];
  totals: { files: number; imported: number; unchanged: number; failed: number; ignored: number; rowsRead: number; rowsNew: number; rowsRevised: number; rowsSkipped: number };
}

const DATA_EXT = new Set(['.csv', '.txt', '.tsv']);
const MAX_FILE_BYTES = 512 * 1024 * 1024;

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

export function relToRoot(path: string, dataRoot: string | null): string {
  const abs = resolve(path);
  if (dataRoot) {
    const root = resolve(dataRoot);
    if (abs === root || abs.startsWith(root + sep)) return relative(root, abs).split(sep).join('/');
  }
  return path.split(sep).join('/');
}

export interface ImportOptions {
  dataRoot: string | null;
  lenient: boolean;
  /** Adjustment of price files that carry no evidence of theirs (`--adjustment`); default: unknown. */
  adjustment?: Adjustment;
  onFile?: (done: number, total: number, file: string) => void;
}

type Prepared = { outcome: FileOutcome } | { base: FileOutcome; batch: ImportBatch };

/** Stored imports by file and content, to recognise an unchanged file before parsing it. */
type PriorImports = Map<string, ImportRecord[]>;
const priorKey = (file: string, sha: string) => `${file}\u0000${sha}`;

/** The first lines of a file, as detection sees them, without decoding the whole file. */
function headOf(bytes: Uint8Array): string {
  let text = new TextDecoder('utf-8').decode(bytes.subarray(0, 80_000), { stream: true });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return splitLines(text.slice(0, 20000)).slice(0, 40).join('\n');
}

/** Read, check and parse one file; an unchanged file (same path, bytes and importer as a stored import) is not parsed. */
function prepareOne(path: string, opts: ImportOptions, prior: PriorImports): Prepared {
  const rel = relToRoot(path, opts.dataRoot);
  const base: FileOutcome = { file: rel, importer: null, status: 'failed', rowsRead: 0, rowsNew: 0, rowsRevised: 0, skipped: [], warnings: [], error: null };
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) throw new ImportError(rel, null, `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
    const bytes = readFileSync(path);
    const hash = sha256(bytes);
    const seen = prior.get(priorKey(rel, hash));
    if (seen) {
      const name = detectImporter(rel, headOf(bytes))?.name;
      const rec = seen.find((r) => r.importer === name);
      if (rec) return { outcome: { ...base, importer: rec.importer, status: 'unchanged', rowsRead: rec.rowsRead } };
    }
    const text = decodeText(rel, bytes);
    const head = splitLines(text.slice(0, 20000)).slice(0, 40).join('\n');
    const importer = detectImporter(rel, head);
    if (!importer) {
      const first = splitLines(text)[0]?.slice(0, 120) ?? '';
      throw new ImportError(rel, 1, `no importer recognises this file (first line: '${first}')`);
    }
    base.importer = importer.name;
    const batch = importer.parse({ path, relPath: rel, text, sha256: hash }, { lenient: opts.lenient, adjustment: opts.adjustment });
    base.skipped = batch.skipped;
    if (batch.bars.some((b) => b.adjustment === 'unknown')) base.adjustmentUnknown = true;
    base.warnings = batch.warnings;
    return { base, batch };
  } catch (e) {
    return { outcome: failed(base, e) };
  }
}

function failed(base: FileOutcome, e: unknown): FileOutcome {
  if (e instanceof UserError) return { ...base, status: 'failed', error: e.message };
  return { ...base, status: 'failed', error: `${base.file}: ${(e as Error).message}` };
}

const written = (base: FileOutcome, r: WriteResult): FileOutcome => ({ ...base, status: r.status, rowsRead: r.rowsRead, rowsNew: r.rowsNew, rowsRevised: r.rowsRevised });

export async function importOne(store: MarketStore, path: string, opts: ImportOptions): Promise<FileOutcome> {
  const p = prepareOne(path, opts, new Map());
  if ('outcome' in p) return p.outcome;
  try {
    return written(p.base, await store.writeBatch(p.batch));
  } catch (e) {
    return failed(p.base, e);
  }
}

/** Files per store transaction, and rows: large enough to pay the per-transaction cost rarely, small enough to bound memory. */
const GROUP_FILES = 400;
const GROUP_ROWS = 150_000;

type Group = { i: number; base: FileOutcome; batch: ImportBatch }[];

async function writeGroup(store: MarketStore, group: Group, outcomes: FileOutcome[]): Promise<void> {
  if (store.writeBatches) {
    let results: (WriteResult | Error)[];
    try {
      results = await store.writeBatches(group.map((g) => g.batch));
    } catch (e) {
      results = group.map(() => e as Error);
    }
    group.forEach((g, k) => {
      const r = results[k];
      outcomes[g.i] = r instanceof Error ? failed(g.base, r) : written(g.base, r);
    });
    return;
  }
  for (const g of group) {
    try {
      outcomes[g.i] = written(g.base, await store.writeBatch(g.batch));
    } catch (e) {
      outcomes[g.i] = failed(g.base, e);
    }
  }
}

/**
 * Import files in order. Files are parsed one by one and written many per transaction (when the
 * store can), with the same outcome as one transaction per file; the next files are parsed while
 * the store writes the previous ones.
 */
export async function importPaths(store: MarketStore, paths: string[], opts: ImportOptions): Promise<ImportSummary> {
  const { files, ignored } = listFiles(paths);
  const prior: PriorImports = new Map();
  for (const r of await store.imports()) {
    const k = priorKey(r.file, r.sha256);
    prior.set(k, [...(prior.get(k) ?? []), r]);
  }
  const outcomes: FileOutcome[] = new Array(files.length);
  let group: Group = [];
  let groupRows = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing; // at most one group writing while the next is parsed
    writing = writeGroup(store, group, outcomes);
    group = [];
    groupRows = 0;
  };
  for (let i = 0; i < files.length; i++) {
    opts.onFile?.(i, files.length, files[i]);
    const p = prepareOne(files[i], opts, prior);
    if ('outcome' in p) outcomes[i] = p.outcome;
    else {
      group.push({ i, ...p });
      groupRows += batchRowCount(p.batch);
      if (group.length >= GROUP_FILES || groupRows >= GROUP_ROWS) await flush();
    }
    await new Promise((r) => setImmediate(r)); // let the store's pending statements go on
  }
  if (group.length > 0) await flush();
  await writing;
  opts.onFile?.(files.length, files.length, '');
  for (const f of ignored)
    outcomes.push({ file: relToRoot(f, opts.dataRoot), importer: null, status: 'ignored', rowsRead: 0, rowsNew: 0, rowsRevised: 0, skipped: [], warnings: [], error: 'not a data file (.csv/.txt/.tsv)' });
  const t = { files: outcomes.length, imported: 0, unchanged: 0, failed: 0, ignored: 0, rowsRead: 0, rowsNew: 0, rowsRevised: 0, rowsSkipped: 0 };
  for (const o of outcomes) {
    t[o.status]++;
    t.rowsRead += o.rowsRead;
    t.rowsNew += o.rowsNew;
    t.rowsRevised += o.rowsRevised;
    t.rowsSkipped += o.skipped.length;
  }
  const adjustmentUnknown = outcomes.filter((o) => o.adjustmentUnknown && o.status !== 'failed').map((o) => o.file);
  return { files: outcomes, adjustmentUnknown, totals: t };
}
