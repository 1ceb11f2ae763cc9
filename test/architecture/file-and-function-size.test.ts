/**
 * No file in src/ over 400 lines and no function over 120 (data tables excepted). The ones that were
 * over the limits before the limit existed are listed with their size as a ceiling: they may shrink
 * or leave the list, never grow, and nothing new may join it.
 */
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, oversize } from './size-limits.ts';

/** Still to split (file: what → current lines). */
const KNOWN: Record<string, number> = {
  'src/analytics/breadth.ts: computeBreadth': 219,
  'src/analytics/contributions.ts: computeContributions': 139,
  'src/analytics/flows.ts: computeFlows': 121,
  'src/analytics/levels.ts: technicalLevels': 182,
  'src/check/extract-returns.ts: extractReturns': 136,
  'src/check/extract.ts: extractClaims': 122,
  'src/check/extract-streaks.ts: extractStreaks': 169,
  'src/check/self-check-contrib.ts: extractTableContributions': 122,
  'src/check/self-check-tables.ts: (file)': 408,
  'src/check/self-check-tables.ts: extractTableAggregates': 231,
  'src/check/verify-streaks.ts: checkStreak': 145,
  'src/report/pair-levels.ts: levelsSection': 210,
  'src/report/pair-longview.ts: longViewSection': 224,
  'src/report/pair-numbers.ts: numbersSection': 260,
  'src/report/pair-streak.ts: (file)': 565,
  'src/report/pair-streak.ts: streakSection': 244,
  'src/report/pair-streak.ts: analogsSection': 192,
  'src/server/assets/checker.js: (anonymous at line 2)': 158,
  'src/server/assets/checker.js: (anonymous at line 3)': 156,
  'src/server/assets/common.js: (file)': 525,
  'src/server/assets/common.js: (anonymous at line 3)': 523,
  'src/server/assets/common.js: initPicker': 157,
  'src/server/assets/pair.js: (anonymous at line 3)': 215,
  'src/server/assets/pair.js: (anonymous at line 4)': 213,
  'src/server/assets/price-chart.js: (file)': 409,
  'src/server/assets/price-chart.js: (anonymous at line 3)': 407,
  'src/server/assets/price-chart.js: (anonymous at line 4)': 405,
  'src/store/duckdb/duckdb-store.ts: (file)': 592,
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
