/**
 * The contract every file importer satisfies. An importer recognises its format from the file's
 * name and first lines (`detect`) and maps the whole text into one canonical ImportBatch (`parse`).
 * Importers are pure: text in, batch out. Reading files and writing the store happen elsewhere.
 */
import type { ImportBatch } from '../model/batch.ts';
import type { Adjustment } from '../model/types.ts';

export interface ParseOptions {
  /** Skip bad rows (each listed in batch.skipped) instead of rejecting the file. */
  lenient: boolean;
  /** The adjustment the user states for price files that carry no evidence of theirs (`--adjustment`). */
  adjustment?: Adjustment;
}

export interface FileInput {
  /** Path as given (absolute or relative to cwd). */
  path: string;
  /** Path relative to the data root when the file is under it, else the path as given. Stored as provenance. */
  relPath: string;
  /** Decoded text: UTF-8, BOM removed. Line endings as in the file. */
  text: string;
  sha256: string;
}

export interface FileImporter {
  readonly name: string;
  /** True when this importer recognises the file. `head` holds the first ~40 lines of text. */
  detect(input: { relPath: string; head: string }): boolean;
  /** Parse the whole file; throws ImportError (file, line, problem) on malformed input unless lenient allows skipping. */
  parse(input: FileInput, options: ParseOptions): ImportBatch;
}
