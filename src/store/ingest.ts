/**
 * Import files and folders into a store: find files (recursively, sorted), detect each one's
 * importer, parse it, write it in its own transaction. A file that fails leaves the store as it
 * was and is reported with file, line and problem; the other files still import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { ImportWarning, SkippedRow } from '../model/batch.ts';
import { ImportError, UserError } from '../model/errors.ts';
import type { Adjustment } from '../model/types.ts';
import { detectImporter } from '../sources/files/registry.ts';
import { decodeText, sha256, splitLines } from '../sources/files/text.ts';
import { planPreference, type SourceDecision } from './preference.ts';
import type { MarketStore, WriteResult } from './store.ts';

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
  /** What this file's new price sources did to each symbol's preferred source (store/preference.ts). */
  sources: SourceDecision[];
  /** Price rows stored with an unknown adjustment (a file without evidence, imported without `--adjustment`). */
  adjustmentUnknown?: boolean;
}

export interface ImportSummary {
  files: FileOutcome[];
  /** Files whose price rows were stored with an unknown adjustment: the one warning an import gives about it. */
  adjustmentUnknown: string[];
  totals: { files: number; imported: number; unchanged: number; failed: number; ignored: number; rowsRead: number; rowsNew: number; rowsRevised: number; rowsSkipped: number; sourceConflicts: number };
  /** Set when the import stopped early (Ctrl-C): files not reached are not listed in `files`. */
  interrupted: { filesLeft: number } | null;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  /** The file being imported next (empty when done). */
  file: string;
  rowsRead: number;
  bytesDone: number;
  bytesTotal: number;
  /** Files skipped without parsing because the same content was imported before. */
  filesUnchanged: number;
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
  /** Make each file's price source the preferred one for its symbols (`--prefer`). */
  prefer?: boolean;
  /** Adjustment of price files that carry no evidence of theirs (`--adjustment`); default: unknown. */
  adjustment?: Adjustment;
  onFile?: (done: number, total: number, file: string) => void;
  /** Called before each file and once at the end. */
  onProgress?: (p: ImportProgress) => void;
  /** Checked between files: true stops the import after the file in progress (Ctrl-C). */
  shouldStop?: () => boolean;
  /** `file sha256` of files already imported: these are skipped without parsing. */
  known?: Set<string>;
}

const emptyOutcome = (file: string): FileOutcome => ({
  file, importer: null, status: 'failed', rowsRead: 0, rowsNew: 0, rowsRevised: 0, skipped: [], warnings: [], error: null, sources: [],
});

export async function importOne(store: MarketStore, path: string, opts: ImportOptions): Promise<FileOutcome> {
  const rel = relToRoot(path, opts.dataRoot);
  const base = emptyOutcome(rel);
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) throw new ImportError(rel, null, `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
    const bytes = readFileSync(path);
    const digest = sha256(bytes);
    if (!opts.prefer && opts.known?.has(`${rel} ${digest}`)) return { ...base, status: 'unchanged', error: null };
    const text = decodeText(rel, bytes);
    const head = splitLines(text.slice(0, 20000)).slice(0, 40).join('\n');
    const importer = detectImporter(rel, head);
    if (!importer) {
      const first = splitLines(text)[0]?.slice(0, 120) ?? '';
      throw new ImportError(rel, 1, `no importer recognises this file (first line: '${first}')`);
    }
    base.importer = importer.name;
    const batch = importer.parse({ path, relPath: rel, text, sha256: digest }, { lenient: opts.lenient, adjustment: opts.adjustment });
    base.skipped = batch.skipped;
    if (batch.bars.some((b) => b.adjustment === 'unknown')) base.adjustmentUnknown = true;
    base.warnings = batch.warnings;
    const plan = batch.bars.length ? await planPreference(store, batch, { prefer: opts.prefer }) : { decisions: [], setPreferred: [] };
    const r: WriteResult = await store.writeBatch(batch, { setPreferred: plan.setPreferred });
    // An unchanged file adds no source: only a --prefer choice applies to it.
    const sources = r.status === 'imported' || opts.prefer ? plan.decisions : [];
    return { ...base, status: r.status, rowsRead: r.rowsRead, rowsNew: r.rowsNew, rowsRevised: r.rowsRevised, sources };
  } catch (e) {
    if (e instanceof UserError) return { ...base, status: 'failed', error: e.message };
    return { ...base, status: 'failed', error: `${rel}: ${(e as Error).message}` };
  }
}

export async function importPaths(store: MarketStore, paths: string[], opts: ImportOptions): Promise<ImportSummary> {
  const { files, ignored } = listFiles(paths);
  const sizes = files.map((f) => statSync(f).size);
  const p: ImportProgress = { filesDone: 0, filesTotal: files.length, file: '', rowsRead: 0, bytesDone: 0, bytesTotal: sizes.reduce((a, b) => a + b, 0), filesUnchanged: 0 };
  const outcomes: FileOutcome[] = [];
  let interrupted: ImportSummary['interrupted'] = null;
  for (let i = 0; i < files.length; i++) {
    if (opts.shouldStop?.()) {
      interrupted = { filesLeft: files.length - i };
      break;
    }
    opts.onFile?.(i, files.length, files[i]);
    opts.onProgress?.({ ...p, file: relToRoot(files[i], opts.dataRoot) });
    const o = await importOne(store, files[i], opts);
    outcomes.push(o);
    p.filesDone++;
    p.rowsRead += o.rowsRead;
    p.bytesDone += sizes[i];
    if (o.status === 'unchanged') p.filesUnchanged++;
  }
  opts.onFile?.(p.filesDone, files.length, '');
  opts.onProgress?.({ ...p, file: '' });
  for (const f of ignored) outcomes.push({ ...emptyOutcome(relToRoot(f, opts.dataRoot)), status: 'ignored', error: 'not a data file (.csv/.txt/.tsv)' });
  const adjustmentUnknown = outcomes.filter((o) => o.adjustmentUnknown && o.status !== 'failed').map((o) => o.file);
  return { files: outcomes, adjustmentUnknown, totals: totalsOf(outcomes), interrupted };
}

function totalsOf(outcomes: FileOutcome[]): ImportSummary['totals'] {
  const t = { files: outcomes.length, imported: 0, unchanged: 0, failed: 0, ignored: 0, rowsRead: 0, rowsNew: 0, rowsRevised: 0, rowsSkipped: 0, sourceConflicts: 0 };
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
