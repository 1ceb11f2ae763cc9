/**
 * Hand-written Ken French inputs: every layout feature with exact expected rows, then malformed input
 * (strict mode throws ImportError naming file and line; lenient mode skips and lists the line).
 */
import { describe, expect, it } from 'vitest';
import { french, normaliseFrenchColumn, parseFrenchDate } from '../../../src/sources/files/french.ts';
import { expectImportError, inlineInput } from './helpers.ts';

const ME_FILE = 'factors/Portfolios_Formed_on_ME.csv';

// Lines (1-based):
//  1-3 preamble (line 3 has commas), 4 blank, 5 header, 6-7 VW monthly, 8 blank,
//  9 EW title, 10 header, 11-12 EW monthly, 13 blank, 14 VW annual title, 15 header, 16 annual row,
//  17 blank, 18 NFIRMS title, 19 header, 20 row, 21 blank, 22 SIZE title, 23 header, 24 row,
//  25 blank, 26 copyright. CRLF, no trailing newline.
const ME_TEXT = [
  'This file was created by using the 202604 CRSP database.',
  'Missing data are indicated by -99.99 or -999.',
  'Returns are in percent, firm sizes in $ millions, counts are counts.',
  '',
  ',<= 0,Lo 30,Hi 30',
  '202601,  -99.99,    1.13,   -0.50',
  '202602,  -99.99,  -99.99,    2.00',
  '',
  '  Equal Weight Returns -- Monthly',
  ',<= 0,Lo 30,Hi 30',
  '202601,  -99.99,    0.10,    -999',
  '202602,  -99.99,   -0.20,    0.30',
  '',
  '  Value Weight Returns -- Annual from January to December',
  ',<= 0,Lo 30,Hi 30',
  '  2025,  -99.99,   10.00,   20.05',
  '',
  '  Number of Firms in Portfolios',
  ',<= 0,Lo 30,Hi 30',
  '202601,       0,     153,      51',
  '',
  '  Average Firm Size',
  ',<= 0,Lo 30,Hi 30',
  '202601,  -99.99,      3.26,  151.07',
  '',
  'Copyright 2026 Eugene F. Fama and Kenneth R. French',
].join('\r\n');

const prov = (line: number, file = ME_FILE) => ({ source: 'french', file, line });

describe('french: hand-written multi-table file', () => {
  const b = french.parse(inlineInput(ME_FILE, ME_TEXT), { lenient: false });

  it('emits exactly the expected observations (percent -> fraction, month-end/Dec-31 dates, missing dropped)', () => {
    expect(b.observations).toEqual([
      {
        series: 'FF.ME.Lo 30',
        freq: 'M',
        date: '2026-01-31',
        value: 0.0113,
        unit: 'fraction',
        prov: prov(6),
      },
      {
        series: 'FF.ME.Hi 30',
        freq: 'M',
        date: '2026-01-31',
        value: -0.005,
        unit: 'fraction',
        prov: prov(6),
      },
      { series: 'FF.ME.Hi 30', freq: 'M', date: '2026-02-28', value: 0.02, unit: 'fraction', prov: prov(7) },
      {
        series: 'FF.ME.EW.Lo 30',
        freq: 'M',
        date: '2026-01-31',
        value: 0.001,
        unit: 'fraction',
        prov: prov(11),
      },
      {
        series: 'FF.ME.EW.Lo 30',
        freq: 'M',
        date: '2026-02-28',
        value: -0.002,
        unit: 'fraction',
        prov: prov(12),
      },
      {
        series: 'FF.ME.EW.Hi 30',
        freq: 'M',
        date: '2026-02-28',
        value: 0.003,
        unit: 'fraction',
        prov: prov(12),
      },
      { series: 'FF.ME.Lo 30', freq: 'A', date: '2025-12-31', value: 0.1, unit: 'fraction', prov: prov(16) },
      {
        series: 'FF.ME.Hi 30',
        freq: 'A',
        date: '2025-12-31',
        value: 0.2005,
        unit: 'fraction',
        prov: prov(16),
      },
      {
        series: 'FF.ME.NFIRMS.Lo 30',
        freq: 'M',
        date: '2026-01-31',
        value: 153,
        unit: 'count',
        prov: prov(20),
      },
      {
        series: 'FF.ME.NFIRMS.Hi 30',
        freq: 'M',
        date: '2026-01-31',
        value: 51,
        unit: 'count',
        prov: prov(20),
      },
      {
        series: 'FF.ME.SIZE.Lo 30',
        freq: 'M',
        date: '2026-01-31',
        value: 3.26,
        unit: 'usd_mn',
        prov: prov(24),
      },
      {
        series: 'FF.ME.SIZE.Hi 30',
        freq: 'M',
        date: '2026-01-31',
        value: 151.07,
        unit: 'usd_mn',
        prov: prov(24),
      },
    ]);
  });

  it('one SeriesMeta per series, and one missing-value warning per series', () => {
    expect(b.seriesMeta.map((m) => [m.series, m.kind, m.unit, m.isReturn])).toEqual([
      ['FF.ME.Lo 30', 'portfolio', 'fraction', true],
      ['FF.ME.Hi 30', 'portfolio', 'fraction', true],
      ['FF.ME.EW.Lo 30', 'portfolio', 'fraction', true],
      ['FF.ME.EW.Hi 30', 'portfolio', 'fraction', true],
      ['FF.ME.NFIRMS.Lo 30', 'portfolio', 'count', false],
      ['FF.ME.NFIRMS.Hi 30', 'portfolio', 'count', false],
      ['FF.ME.SIZE.Lo 30', 'portfolio', 'usd_mn', false],
      ['FF.ME.SIZE.Hi 30', 'portfolio', 'usd_mn', false],
    ]);
    expect(b.warnings.map((w) => [w.line, w.message])).toEqual([
      [7, 'FF.ME.Lo 30: 1 missing value (-99.99 or -999) not stored (first at line 7)'],
      [11, 'FF.ME.EW.Hi 30: 1 missing value (-99.99 or -999) not stored (first at line 11)'],
    ]);
    expect(b.skipped).toEqual([]);
    expect(b.importer).toBe('french');
    expect(b.file).toBe(ME_FILE);
  });

  it('counts several missing values of one series in a single warning', () => {
    const text =
      'Date,Mkt-RF,SMB\n2026-01-02, -99.99, 0.10\n2026-01-05, -999, 0.20\n2026-01-06, 0.30, -99.99\n';
    const r = french.parse(inlineInput('F-F_Research_Data_Factors_daily.csv', text), { lenient: false });
    expect(r.warnings.map((w) => w.message)).toEqual([
      'FF.Mkt-RF: 2 missing values (-99.99 or -999) not stored (first at line 2)',
      'FF.SMB: 1 missing value (-99.99 or -999) not stored (first at line 4)',
    ]);
    expect(r.observations.map((o) => [o.series, o.date, o.value])).toEqual([
      ['FF.SMB', '2026-01-02', 0.001],
      ['FF.SMB', '2026-01-05', 0.002],
      ['FF.Mkt-RF', '2026-01-06', 0.003],
    ]);
  });
});

describe('french: other layouts', () => {
  it('old-vintage daily factors (YYYYMMDD, 3-decimal RF, space padding, LF, trailing footer)', () => {
    const file = 'factors/F-F_Research_Data_Factors_daily.CSV';
    const text = [
      'This file was created by CMPT_ME_BEME_RETS_DAILY using the 202412 CRSP database.',
      'The Tbill return is the simple daily rate that, over the number of trading days',
      '',
      '',
      '        ,    Mkt-RF,       SMB,       HML,        RF',
      '19260701,      0.10,     -0.25,     -0.27,     0.009',
      '19260702,      0.45,     -0.33,     -0.06,     0.009',
      '',
      'Copyright 2024 Kenneth R. French',
      '',
    ].join('\n');
    const r = french.parse(inlineInput(file, text), { lenient: false });
    expect(
      r.observations.filter((o) => o.series === 'FF.RF').map((o) => [o.date, o.value, o.prov.line]),
    ).toEqual([
      ['1926-07-01', 0.00009, 6],
      ['1926-07-02', 0.00009, 7],
    ]);
    expect(r.observations.length).toBe(8);
    expect(r.observations.every((o) => o.freq === 'D')).toBe(true);
  });

  it('5-factor file by header (RMW/CMA) even under another name; monthly momentum with annual table', () => {
    const ff5 = french.parse(
      inlineInput('factors.csv', 'Date,Mkt-RF,SMB,HML,RMW,CMA,RF\n2026-04-30,1,2,3,4,5,0.01'),
      {
        lenient: false,
      },
    );
    expect(ff5.seriesMeta.map((m) => m.series)).toEqual([
      'FF5.Mkt-RF',
      'FF5.SMB',
      'FF5.HML',
      'FF5.RMW',
      'FF5.CMA',
      'FF5.RF',
    ]);
    const mom = french.parse(
      inlineInput(
        'F-F_Momentum_Factor.CSV',
        'Preamble text\r\n\r\n,Mom   \r\n192701,   0.36\r\n192702,  -2.14\r\n\r\nAnnual Factors:\r\n\r\n,Mom   \r\n1927,  27.90\r\n',
      ),
      { lenient: false },
    );
    // Here the annual header follows a blank line, not the title: still a separate (annual) table.
    expect(mom.observations.map((o) => [o.series, o.freq, o.date, o.value, o.prov.line])).toEqual([
      ['FF.Mom', 'M', '1927-01-31', 0.0036, 4],
      ['FF.Mom', 'M', '1927-02-28', -0.0214, 5],
      ['FF.Mom', 'A', '1927-12-31', 0.279, 10],
    ]);
  });

  it('N-industry files: original layout with EW table, `Hlth ` padded names and skipped BE/ME tables', () => {
    const file = 'factors/5_Industry_Portfolios.CSV';
    const text = [
      'This file was created by CMPT_IND_RETS using the 202412 CRSP database.',
      '',
      '  Average Value Weighted Returns -- Monthly',
      ',Cnsmr,Manuf,HiTec,Hlth ,Other',
      '192607,    5.43,    2.73,    1.83,    1.77,    2.16',
      '',
      '  Average Equal Weighted Returns -- Monthly',
      ',Cnsmr,Manuf,HiTec,Hlth ,Other',
      '192607,    1.00,    2.00,    3.00,    4.00,    5.00',
      '',
      '  Sum of BE / Sum of ME',
      ',Cnsmr,Manuf,HiTec,Hlth ,Other',
      '1926,    0.50,    0.60,    0.70,    0.80,    0.90',
    ].join('\r\n');
    const r = french.parse(inlineInput(file, text), { lenient: false });
    expect(r.seriesMeta.map((m) => m.series)).toEqual([
      'FF.IND5.Cnsmr',
      'FF.IND5.Manuf',
      'FF.IND5.HiTec',
      'FF.IND5.Hlth',
      'FF.IND5.Other',
      'FF.IND5.EW.Cnsmr',
      'FF.IND5.EW.Manuf',
      'FF.IND5.EW.HiTec',
      'FF.IND5.EW.Hlth',
      'FF.IND5.EW.Other',
    ]);
    expect(r.observations.find((o) => o.series === 'FF.IND5.Hlth')).toMatchObject({
      date: '1926-07-31',
      value: 0.0177,
    });
    expect(r.observations.find((o) => o.series === 'FF.IND5.EW.Hlth')).toMatchObject({ value: 0.04 });
    expect(r.observations.length).toBe(10);
    expect(r.warnings).toEqual([
      {
        file,
        line: 11,
        message: "skipped table 'Sum of BE / Sum of ME': not a return, firm-count or firm-size table",
      },
    ]);
  });

  it('files read out of a library ZIP (`<URL>#<entry>` paths) are named from the entry', () => {
    const file =
      'https://example.org/ftp/Portfolios_Formed_on_ME_daily_CSV.zip#Portfolios_Formed_on_ME_daily.CSV';
    const text =
      'Preamble.\r\n\r\n  Average Value Weighted Returns -- Daily\r\n,<= 0,Lo 10,2-Dec\r\n19260701, -99.99, 0.57, -0.12\r\n';
    expect(french.detect({ relPath: file, head: text })).toBe(true);
    const r = french.parse(inlineInput(file, text), { lenient: false });
    expect(r.observations.map((o) => [o.series, o.date, o.value, o.prov.file, o.prov.line])).toEqual([
      ['FF.ME.Lo 10', '1926-07-01', 0.0057, file, 5],
      ['FF.ME.Dec 2', '1926-07-01', -0.0012, file, 5],
    ]);
  });

  it('normalises column names and parses the four date forms', () => {
    expect(
      ['2-Dec', 'Dec 2', 'Dec2', ' Hlth ', 'Lo 10', 'Hi  10', '<= 0', 'Qnt 3'].map(normaliseFrenchColumn),
    ).toEqual(['Dec 2', 'Dec 2', 'Dec 2', 'Hlth', 'Lo 10', 'Hi 10', '<= 0', 'Qnt 3']);
    expect(parseFrenchDate('19260701')).toEqual({ date: '1926-07-01', freq: 'D' });
    expect(parseFrenchDate(' 2026-04-30')).toEqual({ date: '2026-04-30', freq: 'D' });
    expect(parseFrenchDate('202402')).toEqual({ date: '2024-02-29', freq: 'M' });
    expect(parseFrenchDate('  1927')).toEqual({ date: '1927-12-31', freq: 'A' });
    expect(parseFrenchDate('202413')).toBeNull();
    expect(parseFrenchDate('19260230')).toBeNull();
  });

  it('detects French files and not ordinary price files', () => {
    expect(
      french.detect({
        relPath: 'prices/SPY.csv',
        head: 'Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,3,4,5',
      }),
    ).toBe(false);
    expect(french.detect({ relPath: 'x.csv', head: ',<= 0,Lo 30,Med 40,Hi 30\n192607,-99.99,1,2,3' })).toBe(
      true,
    );
    expect(
      french.detect({
        relPath: 'x.csv',
        head: 'This file was created using the 202604 CRSP database (Fama).\n\n,Foo,Bar\n',
      }),
    ).toBe(true);
  });
});

describe('french: malformed input', () => {
  const file = 'factors/F-F_Research_Data_Factors_daily.csv';
  const good = [
    'This file was created by using the 202604 CRSP database.',
    '',
    'Date,Mkt-RF,SMB,HML,RF',
    '1926-07-01,    0.09,   -0.25,   -0.27,    0.01',
    '1926-07-02,    0.45,   -0.33,   -0.06,    0.01',
    '1926-07-06,    0.17,    0.30,   -0.39,    0.01',
  ];
  const withLine = (lineNo: number, text: string) => {
    const lines = [...good];
    lines[lineNo - 1] = text;
    return lines.join('\n');
  };
  const strict = (text: string) => () => french.parse(inlineInput(file, text), { lenient: false });
  const lenient = (text: string) => french.parse(inlineInput(file, text), { lenient: true });

  it('truncated row (too few cells), also as the unterminated last line', () => {
    expectImportError(
      strict(withLine(5, '1926-07-02,    0.45,   -0.33')),
      file,
      5,
      /expected 5 cells .* line 3, found 3/,
    );
    expectImportError(
      strict(withLine(6, '1926-07-06,    0.17,    0.30')),
      file,
      6,
      /expected 5 cells .* found 3/,
    );
    expectImportError(
      strict(withLine(6, '1926-07-06,    0.17,    0.30,   -0.39,    0.')),
      file,
      6,
      /not a number in column 5: '0\.'/,
    );
    expectImportError(
      strict(withLine(6, '1926-07-06,    0.17,    0.30,   -0.39,')),
      file,
      6,
      /empty value in column 5/,
    );
  });

  it('text in a number column', () => {
    expectImportError(
      strict(withLine(5, '1926-07-02,    0.45,   abc,   -0.06,    0.01')),
      file,
      5,
      /not a number in column 3: 'abc'/,
    );
  });

  it('bad dates and dates of another frequency', () => {
    expectImportError(
      strict(withLine(5, '1926-02-30,    0.45,   -0.33,   -0.06,    0.01')),
      file,
      5,
      /bad date '1926-02-30'/,
    );
    expectImportError(
      strict(withLine(5, 'abcd,    0.45,   -0.33,   -0.06,    0.01')),
      file,
      5,
      /bad date 'abcd'/,
    );
    expectImportError(
      strict(withLine(5, '192607,    0.45,   -0.33,   -0.06,    0.01')),
      file,
      5,
      /monthly but the table is daily/,
    );
  });

  it('duplicate date with conflicting values, and a date out of order', () => {
    expectImportError(
      strict(withLine(5, '1926-07-01,    0.99,   -0.33,   -0.06,    0.01')),
      file,
      5,
      /duplicate date 1926-07-01/,
    );
    expectImportError(
      strict(withLine(6, '1926-06-30,    0.17,    0.30,   -0.39,    0.01')),
      file,
      6,
      /out of order/,
    );
  });

  it('wrong header: rows with no recognisable header above them', () => {
    expectImportError(strict(withLine(3, 'Datum,Mkt-RF,SMB,HML,RF')), file, 4, /outside any table/);
    // A header of unknown columns in a file whose name says nothing: the family cannot be told.
    expectImportError(
      () => french.parse(inlineInput('upload.csv', 'Date,Foo,Bar\n2026-01-02,1,2\n'), { lenient: false }),
      'upload.csv',
      1,
      /unrecognised Ken French table/,
    );
  });

  it('empty file and a file with no table', () => {
    expectImportError(() => french.parse(inlineInput(file, ''), { lenient: false }), file, 1, /empty file/);
    expectImportError(
      () => french.parse(inlineInput(file, '\r\n  \r\n'), { lenient: true }),
      file,
      1,
      /empty file/,
    );
    expectImportError(
      () =>
        french.parse(inlineInput(file, 'Just a preamble.\nCopyright 2026 Kenneth R. French\n'), {
          lenient: true,
        }),
      file,
      1,
      /no Ken French table/,
    );
  });

  it('a table that repeats (same kind and frequency) is rejected even in lenient mode', () => {
    const text = `${good.join('\n')}\n\nDate,Mkt-RF,SMB,HML,RF\n1926-07-07,    0.09,   -0.58,    0.02,    0.01\n`;
    expectImportError(() => lenient(text), file, 8, /table repeats \(first at line 3\)/);
  });

  it('lenient mode skips bad rows, lists their lines, keeps the rest', () => {
    const lines = [...good];
    lines[3] = '1926-07-01,    0.09,   -0.25'; // line 4 truncated
    lines.push('1926-07-06,    9.99,    9.99,    9.99,    9.99'); // line 7 duplicate date, conflicting
    lines.push('1926-07-07,    0.09,    x,    0.02,    0.01'); // line 8 text
    lines.push('1926-07-08,    0.22,   -0.38,    0.19,    0.01'); // line 9 fine
    const r = lenient(lines.join('\n'));
    expect(r.skipped.map((s) => s.line)).toEqual([4, 7, 8]);
    expect(r.skipped.every((s) => s.file === file)).toBe(true);
    expect(r.skipped[1].reason).toMatch(/duplicate date 1926-07-06/);
    expect([...new Set(r.observations.map((o) => o.date))]).toEqual([
      '1926-07-02',
      '1926-07-06',
      '1926-07-08',
    ]);
    // The surviving 1926-07-06 row is the first one (line 6), not the conflicting duplicate.
    expect(r.observations.find((o) => o.series === 'FF.SMB' && o.date === '1926-07-06')!).toMatchObject({
      value: 0.003,
      prov: { line: 6 },
    });
    expect(r.observations.length).toBe(12);
  });
});
