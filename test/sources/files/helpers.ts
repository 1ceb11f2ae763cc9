/** Shared helpers for the file-importer tests: locate the read-only data root, build FileInputs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ImportError } from '../../../src/model/errors.ts';
import type { FileInput } from '../../../src/sources/importer.ts';
import { decodeText, sha256 } from '../../../src/sources/files/text.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared data directory (never copied into the project). */
export const DATA_ROOT = process.env.MARKETDASH_DATA ?? path.resolve(repoRoot, '../shared/data');

/** Load a real data file as a FileInput; relPath is relative to the data root. */
export function loadInput(relPath: string): FileInput {
  const abs = path.join(DATA_ROOT, relPath);
  const bytes = readFileSync(abs);
  return { path: abs, relPath, text: decodeText(relPath, bytes), sha256: sha256(bytes) };
}

/** The raw text of a real data file, for independent counting in tests. */
export function rawText(relPath: string): string {
  return readFileSync(path.join(DATA_ROOT, relPath), 'utf8');
}

/** A FileInput for an inline test text. */
export function inlineInput(relPath: string, text: string): FileInput {
  return { path: relPath, relPath, text, sha256: sha256(new TextEncoder().encode(text)) };
}

/** First ~40 lines, as the registry hands them to detect(). */
export function headOf(text: string): string {
  return text.split(/\r?\n/).slice(0, 40).join('\n');
}

/** Run fn, expect an ImportError naming `file` and `line` (in the fields and in the message). */
export function expectImportError(
  fn: () => unknown,
  file: string,
  line: number | null,
  problem?: RegExp,
): ImportError {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ImportError);
  const err = caught as ImportError;
  expect(err.file).toBe(file);
  expect(err.line).toBe(line);
  expect(err.message).toContain(line === null ? `${file}:` : `${file}:${line}:`);
  if (problem) expect(err.problem).toMatch(problem);
  return err;
}
