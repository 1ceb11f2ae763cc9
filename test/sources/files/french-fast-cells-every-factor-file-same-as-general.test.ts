/**
 * The Ken French importer reads plain (space-padded) cells straight from their characters and turns
 * percent into fractions without building `<cell>e-2` strings. For every factor file in the data
 * folder the batch must be the one the general cell reader gives (every value the same double),
 * strict and lenient; and the YYYYMMDD date fast path must agree with parseDate on every 8-digit string
 * of a wide range of years, months 00-13 and days 00-32.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseFrench, parseFrenchDate } from '../../../src/sources/files/french.ts';
import { parseDate } from '../../../src/sources/files/text.ts';
import { DATA_ROOT, inlineInput, loadInput } from './helpers.ts';

const files = readdirSync(path.join(DATA_ROOT, 'factors'))
  .filter((f) => /\.csv$/i.test(f))
  .sort()
  .map((f) => `factors/${f}`);

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

describe('French importer: fast cells = general cells', () => {
  it('finds the factor files', () => expect(files.length).toBeGreaterThanOrEqual(7));
  for (const lenient of [false, true]) {
    it(`${lenient ? 'lenient' : 'strict'}: every factor file gives the same batch`, () => {
      const differ = files.filter((f) => {
        const input = loadInput(f);
        const a = outcome(() => parseFrench(input, { lenient }, true));
        const b = outcome(() => parseFrench(input, { lenient }, false));
        return !isDeepStrictEqual(a, b);
      });
      expect(differ).toEqual([]);
    });
  }

  it('hand-made cells: padding, signs, -0, long mantissas, missing markers, bad cells', () => {
    const text =
      'Date,Mkt-RF,SMB,HML,RF\n' +
      '20260102,  1.13 ,-0.00,+2.5,.01\n' +
      '20260105,0.123456789012345678,-99.99,  -999,12\n' +
      '20260106,1e-2, 3 ,4.,5\n' +
      '20260107,x,1,2,3\n';
    for (const lenient of [false, true]) {
      const input = inlineInput('factors/F-F_Research_Data_Factors_daily.csv', text);
      const a = outcome(() => parseFrench(input, { lenient }, true));
      expect(a).toStrictEqual(outcome(() => parseFrench(input, { lenient }, false)));
      if (!lenient) expect(a).toContain('factors/F-F_Research_Data_Factors_daily.csv:4:');
    }
  });

  it('YYYYMMDD dates: the fast path agrees with parseDate', () => {
    let bad = 0;
    for (let y = 1890; y <= 2105; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
          const want = parseDate(s);
          if (!isDeepStrictEqual(parseFrenchDate(` ${s} `), want === null ? null : { date: want, freq: 'D' })) bad++;
        }
    expect(bad).toBe(0);
  });
});
