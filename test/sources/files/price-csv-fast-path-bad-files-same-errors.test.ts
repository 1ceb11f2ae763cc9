/**
 * Hand-made price files with everything the fast path does not take (quotes, blank lines, bad numbers,
 * wrong column counts, a BOM, CRLF, placeholders, exponents, spaces) and rows that fail validation:
 * the fast path gives the general path's batch, or the same error naming file and line.
 */
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/model/errors.ts';
import { parsePriceCsv } from '../../../src/sources/files/price-csv.ts';
import { decodeText } from '../../../src/sources/files/text.ts';

const H = 'date,open,high,low,close,volume\n';
const P = 'date,open,high,low,close,volume,Name\n';
const input = (relPath: string, text: string) => ({ path: relPath, relPath, text, sha256: 'x' });

function run(relPath: string, text: string, lenient: boolean, fast: boolean): unknown {
  try {
    return parsePriceCsv(input(relPath, text), { lenient }, fast);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { error: e.message, file: e.file, line: e.line };
  }
}

/** [name, file, text, the strict error's line (null: no error) ] */
const CASES: [string, string, string, number | null][] = [
  ['plain', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n`, null],
  ['quoted number', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,"10.5",100\n2026-01-21,10.5,12,10,11,200\n`, null],
  ['quoted field with a comma', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,"1,010.5",100\n`, 2],
  ['blank lines', 'prices/IWM.csv', `${H}\n2026-01-20,10,11,9,10.5,100\n   \n\n2026-01-21,10.5,12,10,11,200\n\n`, null],
  ['bad number', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,1x2,10,11,200\n`, 3],
  ['trailing dot', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.,100\n`, 2],
  ['truncated row', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11\n`, 3],
  ['over-long row', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100,7\n`, 2],
  ['BOM', 'prices/IWM.csv', `\ufeff${H}2026-01-20,10,11,9,10.5,100\n`, null],
  ['CRLF', 'prices/IWM.csv', `${H.replace('\n', '\r\n')}2026-01-20,10,11,9,10.5,100\r\n2026-01-21,10.5,12,10,11,200\r\n`, null],
  ['CRLF, no final line break', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\r\n2026-01-21,10.5,12,10,11,200`, null],
  ['lone CR inside a line', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\r\r\n2026-01-21,10\r,11,9,10.5,100\n`, null],
  ['placeholders', 'prices/IWM.csv', `${H}2026-01-20,,11,9,10.5,null\n2026-01-21,-,12,10,11,NaN\n`, null],
  ['missing close', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,,100\n`, 2],
  ['exponent and spaces', 'prices/IWM.csv', `${H}2026-01-20,1e1,11,9, 10.5 ,1.5E2\n`, null],
  ['thousands separators, quoted', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,"1,000"\n`, null],
  ['bad date', 'prices/IWM.csv', `${H}2026-02-30,10,11,9,10.5,100\n`, 2],
  ['other date layouts', 'prices/IWM.csv', `${H}20260120,10,11,9,10.5,100\n2026/1/21,10.5,12,10,11,200\n`, null],
  ['negative price', 'prices/IWM.csv', `${H}2026-01-20,10,11,-9,10.5,100\n`, 2],
  ['minus zero volume', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,-0\n`, null],
  ['high below low', 'prices/IWM.csv', `${H}2026-01-20,10,9,11,10.5,100\n`, 2],
  ['close outside the range', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,12,100\n`, 2],
  ['duplicate, identical', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\n2026-01-20,10,11,9,10.5,100\n`, null],
  ['duplicate, conflicting', 'prices/IWM.csv', `${H}2026-01-20,10,11,9,10.5,100\n2026-01-20,10,11,9,10.6,100\n`, 3],
  ['out of order, weekend', 'prices/IWM.csv', `${H}2026-01-21,10,11,9,10.5,100\n2026-01-17,10,11,9,10.5,100\n`, null],
  ['long mantissas', 'prices/IWM.csv', `${H}2026-01-20,17.760000228881836,17.760000228881836,17.760000228881836,17.760000228881836,12345678901234567890\n`, null],
  ['panel, lower-case and padded names', 'panels/x/AAL_data.csv', `${P}2026-01-20,10,11,9,10.5,100,aal\n2026-01-21,10,11,9,10.5,100, AAL \n2026-01-20,1,2,1,1.5,7,BBY\n`, null],
  ['panel, empty name', 'panels/x/AAL_data.csv', `${P}2026-01-20,10,11,9,10.5,100,\n`, 2],
  ['panel, known bad row', 'panels/individual_stocks_5yr/AOS_data.csv', `${P}2014-05-16,10,11,9,10.5,100,AOS\n2014-05-19,10,9,11,10.5,100,AOS\n`, null],
  ['close only', 'prices/RUT_INDEX.csv', 'Date,Close\n2026-01-20,2500.5\n2026-01-21,2501\n', null],
  ['extra ignored columns', 'my/X.csv', 'date,open,high,low,close,volume,wap,count\n2026-01-20,10,11,9,10.5,100,a b,"q"\n2026-01-21,10,11,9,10.5,100,,\n', null],
  ['header only', 'prices/IWM.csv', H, null],
];

describe('price CSV fast path on hand-made files: same batch, or the same error naming file and line', () => {
  for (const [name, rel, text, line] of CASES) {
    it(name, () => {
      const strictFast = run(rel, text, false, true);
      expect(strictFast).toStrictEqual(run(rel, text, false, false));
      if (line !== null) expect(strictFast).toMatchObject({ file: rel, line, error: expect.stringContaining(`${rel}:${line}:`) });
      else if (name !== 'header only') expect(strictFast).not.toHaveProperty('error');
      expect(run(rel, text, true, true)).toStrictEqual(run(rel, text, true, false));
    });
  }

  it('a BOM in the bytes is stripped before either path sees the text', () => {
    const bytes = new TextEncoder().encode(`\ufeff${H}2026-01-20,10,11,9,10.5,100\n`);
    const text = decodeText('prices/IWM.csv', bytes);
    const b = parsePriceCsv(input('prices/IWM.csv', text), { lenient: false });
    expect(b.bars.map((x) => [x.date, x.close, x.prov.line])).toEqual([['2026-01-20', 10.5, 2]]);
  });

  it('CRLF lines keep their numbers: line 3 is named for the bad row', () => {
    const text = `${H}2026-01-20,10,11,9,10.5,100\r\n2026-01-21,10.5,12,10,oops,200\r\n`;
    expect(run('prices/IWM.csv', text, false, true)).toMatchObject({ line: 3, error: "prices/IWM.csv:3: column close: 'oops' is not a number" });
  });
});
