/**
 * No file in src/ over 400 lines and no function over 120 (data tables excepted). The ones that were
 * over the limits before the limit existed are listed with their size as a ceiling: they may shrink
 * or leave the list, never grow, and nothing new may join it.
 */
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, oversize } from './size-limits.ts';

/** Still to split (file: what → current lines). Empty: everything in src/ is within the limits. */
const KNOWN: Record<string, number> = {
};

describe(`size limits: files ≤ ${MAX_FILE_LINES} lines, functions ≤ ${MAX_FUNCTION_LINES}`, () => {
  const found = oversize(REPO_ROOT);

  it('nothing new over the limits', () => {
    const fresh = found.filter((o) => !(`${o.file}: ${o.what}` in KNOWN)).map((o) => `${o.file}: ${o.what} (${o.lines})`);
    expect(fresh).toEqual([]);
  });

  it('the known ones never grow', () => {
    const grown = found
      .filter((o) => `${o.file}: ${o.what}` in KNOWN && o.lines > KNOWN[`${o.file}: ${o.what}`])
      .map((o) => `${o.file}: ${o.what} ${KNOWN[`${o.file}: ${o.what}`]} → ${o.lines}`);
    expect(grown).toEqual([]);
  });

  it('the checker catches a 121-line function and a 401-line file (it can fail)', () => {
    const tmp = tempDir('md-size-');
    try {
      const body = Array.from({ length: 119 }, (_, i) => `  const x${i} = ${i};`).join('\n');
      tmp.write('src/long.ts', `export function long(): void {\n${body}\n}\n`);
      tmp.write('src/big.ts', `${Array.from({ length: 401 }, (_, i) => `export const c${i} = ${i};`).join('\n')}\n`);
      tmp.write('src/ok.ts', `export function ok(): void {\n${body.split('\n').slice(1).join('\n')}\n}\n`);
      expect(oversize(tmp.dir).map((o) => `${o.file}: ${o.what} ${o.lines}`).sort()).toEqual([
        'src/big.ts: (file) 401',
        'src/long.ts: long 121',
      ]);
    } finally {
      tmp.cleanup();
    }
  });
});
