/**
 * One file of an import, before any store access: read, sha256 (skip when already imported),
 * decode, detect its importer, parse. Also the outcome records the import reports per file.
 */
import { barColumnsOf } from '../model/bar-columns.ts';
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ImportBatch, ImportWarning, SkippedRow } from '../model/batch.ts';
import { ImportError, UserError } from '../model/errors.ts';
import type { Adjustment } from '../model/types.ts';
import { detectImporter } from '../sources/files/registry.ts';
import { decodeText, sha256, splitLines } from '../sources/files/text.ts';
import type { SourceDecision } from './preference.ts';
import type { WriteResult } from './store.ts';

const MAX_FILE_BYTES = 512 * 1024 * 1024;

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
  totals: {
    files: number;
    imported: number;
    unchanged: number;
    failed: number;
    ignored: number;
    rowsRead: number;
    rowsNew: number;
    rowsRevised: number;
    rowsSkipped: number;
    sourceConflicts: number;
  };
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
  /** Files of this run whose rows are committed to the store (a write of many files commits them together). */
  filesCommitted: number;
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
  /** Stores with `writeBatches`: rows collected before a write (default ingest-bulk.ts FLUSH_ROWS). */
  flushRows?: number;
}

export const emptyOutcome = (file: string): FileOutcome => ({
  file,
  importer: null,
  status: 'failed',
  rowsRead: 0,
  rowsNew: 0,
  rowsRevised: 0,
  skipped: [],
  warnings: [],
  error: null,
  sources: [],
});

/** A file read, checked and parsed: `batch` is null when it is 'unchanged' (known sha256) or 'failed' (base says why). */
export interface ParsedFile {
  base: FileOutcome;
  batch: ImportBatch | null;
  bytes: number;
}

/** Read, decode, detect and parse one file (no store access). Errors become a 'failed' outcome naming file and line. */
export function parseFile(path: string, opts: ImportOptions): ParsedFile {
  const rel = relToRoot(path, opts.dataRoot);
  const base = emptyOutcome(rel);
  let size = 0;
  try {
    size = statSync(path).size;
    if (size > MAX_FILE_BYTES)
      throw new ImportError(rel, null, `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
    const bytes = readFileSync(path);
    const digest = sha256(bytes);
    if (!opts.prefer && opts.known?.has(`${rel} ${digest}`))
      return { base: { ...base, status: 'unchanged' }, batch: null, bytes: size };
    const text = decodeText(rel, bytes);
    const head = splitLines(text.slice(0, 20000)).slice(0, 40).join('\n');
    const importer = detectImporter(rel, head);
    if (!importer) {
      const first = splitLines(text.slice(0, 20000))[0]?.slice(0, 120) ?? '';
      throw new ImportError(rel, 1, `no importer recognises this file (first line: '${first}')`);
    }
    base.importer = importer.name;
    const batch = importer.parse(
      { path, relPath: rel, text, sha256: digest },
      { lenient: opts.lenient, adjustment: opts.adjustment },
    );
    base.skipped = batch.skipped;
    const cols = barColumnsOf(batch);
    if (cols ? cols.n > 0 && cols.adjustment === 'unknown' : batch.bars.some((b) => b.adjustment === 'unknown')) base.adjustmentUnknown = true;
    base.warnings = batch.warnings;
    return { base, batch, bytes: size };
  } catch (e) {
    return { base: failedOutcome(base, e), batch: null, bytes: size };
  }
}

/** The failed outcome of a file: a UserError (ImportError) already names file and line; others get the file. */
export function failedOutcome(base: FileOutcome, e: unknown): FileOutcome {
  const error = e instanceof UserError ? e.message : `${base.file}: ${(e as Error).message}`;
  return { ...base, status: 'failed', error };
}

/** The outcome of a written file: an unchanged file adds no source, so only a --prefer choice is reported for it. */
export function writtenOutcome(
  base: FileOutcome,
  r: WriteResult,
  decisions: SourceDecision[],
  prefer: boolean | undefined,
): FileOutcome {
  const sources = r.status === 'imported' || prefer ? decisions : [];
  return {
    ...base,
    status: r.status,
    rowsRead: r.rowsRead,
    rowsNew: r.rowsNew,
    rowsRevised: r.rowsRevised,
    sources,
  };
}

/** What importing a list of files gave: one outcome per file reached, in order. */
export interface ImportRun {
  outcomes: FileOutcome[];
  interrupted: ImportSummary['interrupted'];
}
