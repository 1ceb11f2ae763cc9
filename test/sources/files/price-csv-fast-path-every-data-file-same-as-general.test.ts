/**
 * The price CSV fast path (price-csv-scan.ts: lines read straight from the text) must give, for every
 * price file in the data folder, exactly what the general row reader gives: the same bars (every
 * number the same double, -0 included), instruments, warnings, skipped rows and errors, strict and
 * lenient. And it must actually be taken: on the plain files every data line goes through it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../../src/model/batch.ts';
import type { FileInput, ParseOptions } from '../../../src/sources/importer.ts';
import { parsePriceCsv } from '../../../src/sources/files/price-csv.ts';
import { PlainRowScanner } from '../../../src/sources/files/price-csv-scan.ts';
import { DATA_ROOT, loadInput } from './helpers.ts';

const FOLDERS = ['prices', 'prices/alt', 'panels/individual_stocks_5yr'];
const files = FOLDERS.flatMap((d) =>
  readdirSync(path.join(DATA_ROOT, d))
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => `${d}/${f}`),
);

type Outcome = ImportBatch | string;

function outcome(input: FileInput, options: ParseOptions, fast: boolean): Outcome {
  try {
    return parsePriceCsv(input, options, fast);
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

const BAR_FIELDS = ['symbol', 'date', 'open', 'high', 'low', 'close', 'adjClose', 'volume', 'adjustment', 'provisional'] as const;

/** Same outcome: every bar field the same value (Object.is: -0 and 0 differ), the same provenance, the rest of the batch equal. */
function same(a: Outcome, b: Outcome): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.bars.length !== b.bars.length) return false;
  for (let i = 0; i < a.bars.length; i++) {
    const x = a.bars[i];
    const y = b.bars[i];
    if (!BAR_FIELDS.every((k) => Object.is(x[k], y[k]))) return false;
    if (Object.keys(x).length !== Object.keys(y).length || !isDeepStrictEqual(x.prov, y.prov)) return false;
  }
  return isDeepStrictEqual({ ...a, bars: [] }, { ...b, bars: [] });
}

describe('price CSV fast path = general path on every data file', () => {
  it('finds the price files', () => expect(files.length).toBeGreaterThan(500));
  for (const lenient of [false, true]) {
    it(`${lenient ? 'lenient' : 'strict'}: same batch or error for each of the files`, () => {
      const differ = files.filter((f) => {
        const input = loadInput(f);
        return !same(outcome(input, { lenient }, true), outcome(input, { lenient }, false));
      });
      expect(differ).toEqual([]);
    });
  }

  it('reads every data line of a plain file (AAPL, a panel file, a close-only index) on the fast path', () => {
    const cases: [string, ConstructorParameters<typeof PlainRowScanner>[0]][] = [
      ['prices/AAPL.csv', { width: 6, date: 0, close: 4, ohlc: [1, 2, 3], volume: 5 }],
      ['panels/individual_stocks_5yr/AAL_data.csv', { width: 7, date: 0, close: 4, ohlc: [1, 2, 3], volume: 5, name: 6 }],
    ];
    for (const [rel, layout] of cases) {
      const { text } = loadInput(rel);
      const lines = text.split(/\r?\n/).slice(1).filter((l) => l !== '');
      const scanner = new PlainRowScanner(layout);
      const accepted = lines.filter((l) => scanner.scan(l, 0, l.length)).length;
      expect(accepted, rel).toBe(lines.length);
      expect(scanner.vals[3], rel).toBe(Number(lines[lines.length - 1].split(',')[4]));
    }
  });
});
