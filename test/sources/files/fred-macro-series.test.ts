/**
 * FRED downloads in macro/. Independent figures (awk over the raw files, SOURCES-reference.md):
 * DGS10 1,305 rows, 55 blank, first blank at line 24 (2021-05-31); 1,250 values summing to 4441.13;
 * T10Y2Y 1,305 rows, 55 blank; VIXCLS 2,609 rows, 66 blank; DFF 25,832 rows, none blank,
 * 1954-07-01..2025-03-21, 1954-07-03 is a Saturday.
 */
import { describe, expect, it } from 'vitest';
import { Observation, SeriesMeta } from '../../../src/model/types.ts';
import { fred, fredUnit } from '../../../src/sources/files/fred.ts';
import { expectImportError, headOf, inlineInput, loadInput, rawText } from './helpers.ts';

const CASES = [
  { id: 'DGS10', rows: 1305, blank: 55, first: '2021-04-29', last: '2026-04-29', unit: 'percent' },
  { id: 'T10Y2Y', rows: 1305, blank: 55, first: '2021-04-30', last: '2026-04-30', unit: 'percent' },
  { id: 'VIXCLS', rows: 2609, blank: 66, first: '2016-05-02', last: '2026-04-30', unit: 'level' },
  { id: 'DFF', rows: 25832, blank: 0, first: '1954-07-01', last: '2025-03-21', unit: 'percent' },
] as const;

describe('fred: real files', () => {
  for (const c of CASES) {
    it(`${c.id}: ${c.rows} rows, ${c.blank} blank, ${c.first}..${c.last}, unit ${c.unit}`, () => {
      const rel = `macro/${c.id}.csv`;
      const input = loadInput(rel);
      expect(fred.detect({ relPath: rel, head: headOf(input.text) })).toBe(true);
      const lines = rawText(rel).trimEnd().split(/\r?\n/);
      expect(lines.length - 1).toBe(c.rows);
      expect(lines.filter((l) => /^\d{4}-\d{2}-\d{2},\s*$/.test(l)).length).toBe(c.blank);

      const b = fred.parse(input, { lenient: false });
      expect(b.seriesMeta).toHaveLength(1);
      SeriesMeta.parse(b.seriesMeta[0]);
      expect(b.seriesMeta[0]).toMatchObject({
        series: `FRED.${c.id}`,
        kind: 'macro',
        unit: c.unit,
        isReturn: false,
      });
      expect(b.observations.length).toBe(c.rows - c.blank);
      expect(b.observations[0].date).toBe(c.first);
      expect(b.observations.at(-1)!.date).toBe(c.last);
      expect(
        b.observations.every((o) => o.series === `FRED.${c.id}` && o.freq === 'D' && o.unit === c.unit),
      ).toBe(true);
      for (let i = 0; i < b.observations.length; i += 101) Observation.parse(b.observations[i]);
      expect(b.warnings.length).toBe(c.blank > 0 ? 1 : 0);
      expect(b.skipped).toEqual([]);
    });
  }

  it('DGS10 hand-checked: first 1.65 (line 2), last 4.42 (line 1306), one warning for the 55 blanks, sum 4441.13', () => {
    const rel = 'macro/DGS10.csv';
    const b = fred.parse(loadInput(rel), { lenient: false });
    expect(b.observations[0]).toEqual({
      series: 'FRED.DGS10',
      freq: 'D',
      date: '2021-04-29',
      value: 1.65,
      unit: 'percent',
      prov: { source: 'fred', file: rel, line: 2 },
    });
    expect(b.observations.at(-1)).toMatchObject({ date: '2026-04-29', value: 4.42, prov: { line: 1306 } });
    expect(b.observations.some((o) => o.date === '2021-05-31')).toBe(false); // Memorial Day, blank
    expect(b.warnings).toEqual([
      {
        file: rel,
        line: 24,
        message: "FRED.DGS10: 55 dates without a value (blank or '.') not stored (first at line 24)",
      },
    ]);
    expect(b.observations.reduce((s, o) => s + o.value, 0)).toBeCloseTo(4441.13, 6);
  });

  it('DFF keeps weekend rows (1954-07-03 is a Saturday)', () => {
    const b = fred.parse(loadInput('macro/DFF.csv'), { lenient: false });
    expect(new Date('1954-07-03T00:00:00Z').getUTCDay()).toBe(6);
    expect(b.observations.find((o) => o.date === '1954-07-03')).toMatchObject({
      value: 1.25,
      prov: { line: 4 },
    });
  });
});

describe('fred: hand-written input', () => {
  it('old-style DATE header with "." for missing; unit table and default', () => {
    const file = 'macro/BAMLH0A0HYM2.csv';
    const b = fred.parse(
      inlineInput(file, 'DATE,BAMLH0A0HYM2\r\n2020-01-02,3.5\r\n2020-01-03,.\r\n2020-01-06,3.61\r\n'),
      { lenient: false },
    );
    expect(b.observations).toEqual([
      {
        series: 'FRED.BAMLH0A0HYM2',
        freq: 'D',
        date: '2020-01-02',
        value: 3.5,
        unit: 'percent',
        prov: { source: 'fred', file, line: 2 },
      },
      {
        series: 'FRED.BAMLH0A0HYM2',
        freq: 'D',
        date: '2020-01-06',
        value: 3.61,
        unit: 'percent',
        prov: { source: 'fred', file, line: 4 },
      },
    ]);
    expect(b.warnings.map((w) => w.message)).toEqual([
      "FRED.BAMLH0A0HYM2: 1 date without a value (blank or '.') not stored (first at line 3)",
    ]);
    expect([
      fredUnit('DGS2'),
      fredUnit('DGS7'),
      fredUnit('T10Y3M'),
      fredUnit('VIXCLS'),
      fredUnit('WALCL'),
    ]).toEqual(['percent', 'percent', 'percent', 'level', 'level']);
  });

  it('an identical repeated date is a warning and kept once', () => {
    const b = fred.parse(
      inlineInput('x.csv', 'observation_date,DGS10\n2026-01-02,4.1\n2026-01-02,4.1\n2026-01-05,4.2\n'),
      { lenient: false },
    );
    expect(b.observations.map((o) => [o.date, o.value])).toEqual([
      ['2026-01-02', 4.1],
      ['2026-01-05', 4.2],
    ]);
    expect(b.warnings).toEqual([
      { file: 'x.csv', line: 3, message: '2026-01-02 repeats line 2 with the same value; kept once' },
    ]);
  });

  it('detects FRED headers but not price files', () => {
    expect(fred.detect({ relPath: 'a.csv', head: 'observation_date,T10Y2Y\n2021-04-30,1.49' })).toBe(true);
    expect(fred.detect({ relPath: 'a.csv', head: 'DATE,DGS10\n2021-04-30,1.49' })).toBe(true);
    expect(fred.detect({ relPath: 'prices/alt/SPY__dsturdy.csv', head: 'Date,Close\n2021-04-30,400' })).toBe(
      false,
    );
  });
});

describe('fred: malformed input', () => {
  const file = 'macro/DGS10.csv';
  const good = ['observation_date,DGS10', '2026-01-02,4.10', '2026-01-05,4.20', '2026-01-06,4.15'];
  const withLine = (n: number, text: string) => good.map((l, i) => (i === n - 1 ? text : l)).join('\n');
  const strict = (text: string) => () => fred.parse(inlineInput(file, text), { lenient: false });

  it('truncated row and extra cells', () => {
    expectImportError(strict(withLine(3, '2026-01-05')), file, 3, /expected 2 cells .* found 1/);
    expectImportError(strict(withLine(3, '2026-01-05,4.2,9')), file, 3, /expected 2 cells .* found 3/);
  });

  it('text in the value column; bad date', () => {
    expectImportError(strict(withLine(4, '2026-01-06,N/A')), file, 4, /not a number: 'N\/A'/);
    expectImportError(strict(withLine(4, '2026-13-06,4.15')), file, 4, /bad date '2026-13-06'/);
  });

  it('wrong header', () => {
    expectImportError(strict(withLine(1, 'date,value')), file, 1, /not a FRED header/);
  });

  it('empty file; header only', () => {
    expectImportError(strict(''), file, 1, /empty file/);
    expectImportError(strict('observation_date,DGS10\n'), file, 1, /no data rows/);
  });

  it('duplicate date with a conflicting value; date out of order', () => {
    expectImportError(
      strict(withLine(3, '2026-01-02,4.30')),
      file,
      3,
      /duplicate date 2026-01-02 with a different value \(line 2: 4\.1, here: 4\.3\)/,
    );
    expectImportError(strict(withLine(4, '2026-01-03,4.15')), file, 4, /out of order/);
  });

  it('lenient mode skips bad rows and lists their lines', () => {
    const text = [...good, '2026-01-02,9.99', '2026-01-07,abc', '2026-01-08,4.00'].join('\n');
    const b = fred.parse(inlineInput(file, text), { lenient: true });
    expect(b.skipped.map((s) => [s.file, s.line])).toEqual([
      [file, 5],
      [file, 6],
    ]);
    expect(b.observations.map((o) => [o.date, o.value])).toEqual([
      ['2026-01-02', 4.1],
      ['2026-01-05', 4.2],
      ['2026-01-06', 4.15],
      ['2026-01-08', 4],
    ]);
  });
});
