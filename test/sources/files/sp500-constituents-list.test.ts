/**
 * S&P 500 constituent list (datasets/s-and-p-500-companies). Independent figures (Python csv module):
 * 503 members, 503 distinct symbols, latest `Date added` 2026-08-05 (FERG, line 197).
 */
import { describe, expect, it } from 'vitest';
import { Holding } from '../../../src/model/types.ts';
import { sp500Constituents } from '../../../src/sources/files/sp500-constituents.ts';
import { expectImportError, headOf, inlineInput, loadInput, rawText } from './helpers.ts';

describe('sp500-constituents: real file', () => {
  const rel = 'constituents/sp500_constituents.csv';
  const input = loadInput(rel);
  const b = sp500Constituents.parse(input, { lenient: false });

  it('is detected', () => {
    expect(sp500Constituents.detect({ relPath: rel, head: headOf(input.text) })).toBe(true);
  });

  it('503 holdings of fund SP500, weight null, asOf = latest Date added (2026-08-05)', () => {
    // Second method: no field contains a line break, so members = lines - header.
    expect(rawText(rel).trimEnd().split('\n').length - 1).toBe(503);
    expect(b.holdings.length).toBe(503);
    expect(new Set(b.holdings.map((h) => h.symbol)).size).toBe(503);
    expect(b.holdings.every((h) => h.fund === 'SP500' && h.weight === null && h.asOf === '2026-08-05')).toBe(
      true,
    );
    expect(b.warnings.map((w) => w.message)).toEqual([
      "asOf 2026-08-05 taken from the latest 'Date added' in the file (a lower bound of the snapshot date)",
    ]);
    for (let i = 0; i < b.holdings.length; i += 25) Holding.parse(b.holdings[i]);
  });

  it('hand-checked rows: AAPL (line 40, quoted sub-industry with a comma) and BRK.B (line 63)', () => {
    const aapl = b.holdings.find((h) => h.symbol === 'AAPL')!;
    expect(aapl).toEqual({
      fund: 'SP500',
      asOf: '2026-08-05',
      symbol: 'AAPL',
      name: 'Apple Inc.',
      sector: 'Information Technology',
      subIndustry: 'Technology Hardware, Storage & Peripherals',
      assetClass: 'Equity',
      weight: null,
      shares: null,
      marketValue: null,
      price: null,
      prov: { source: 'sp500-constituents', file: rel, line: 40 },
    });
    expect(b.holdings.find((h) => h.symbol === 'BRK.B')).toMatchObject({
      name: 'Berkshire Hathaway',
      sector: 'Financials',
      subIndustry: 'Multi-Sector Holdings',
      prov: { line: 63 },
    });
    expect(b.holdings.at(-1)).toMatchObject({ symbol: 'ZTS', prov: { line: 504 } });
  });

  it('instruments: SP500 (index) plus one stock per member', () => {
    expect(b.instruments[0]).toEqual({ symbol: 'SP500', name: 'S&P 500 (constituent list)', kind: 'index' });
    expect(b.instruments.length).toBe(504);
    expect(b.instruments.find((i) => i.symbol === 'AAPL')).toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      kind: 'stock',
    });
  });
});

const HEADER = 'Symbol,Security,GICS Sector,GICS Sub-Industry,Headquarters Location,Date added,CIK,Founded';
const ROWS = [
  'AAA,Alpha Inc.,Industrials,"Trading Companies & Distributors","Austin, Texas",2001-02-03,111,1950',
  'BBB,Beta Corp,Health Care,Biotechnology,"Boston, Massachusetts",2024-12-23,222,2013 (1888)',
];
const FILE = 'constituents/list.csv';
const build = (rows: string[], header = HEADER) => [header, ...rows].join('\r\n');

describe('sp500-constituents: hand-written input', () => {
  it('exact rows; asOf = latest Date added', () => {
    const b = sp500Constituents.parse(inlineInput(FILE, build(ROWS)), { lenient: false });
    const base = {
      fund: 'SP500',
      asOf: '2024-12-23',
      assetClass: 'Equity',
      weight: null,
      shares: null,
      marketValue: null,
      price: null,
    };
    expect(b.holdings).toEqual([
      {
        ...base,
        symbol: 'AAA',
        name: 'Alpha Inc.',
        sector: 'Industrials',
        subIndustry: 'Trading Companies & Distributors',
        prov: { source: 'sp500-constituents', file: FILE, line: 2 },
      },
      {
        ...base,
        symbol: 'BBB',
        name: 'Beta Corp',
        sector: 'Health Care',
        subIndustry: 'Biotechnology',
        prov: { source: 'sp500-constituents', file: FILE, line: 3 },
      },
    ]);
  });

  it('asOf from a "# as-of" comment, else from the file name', () => {
    const c = sp500Constituents.parse(inlineInput(FILE, `# as-of 2026-08-08\n${build(ROWS)}`), {
      lenient: false,
    });
    expect(c.holdings.map((h) => [h.asOf, h.prov.line])).toEqual([
      ['2026-08-08', 3],
      ['2026-08-08', 4],
    ]);
    const n = sp500Constituents.parse(inlineInput('constituents/sp500_2026-08-08.csv', build(ROWS)), {
      lenient: false,
    });
    expect(n.holdings[0].asOf).toBe('2026-08-08');
    expect(n.warnings[0].message).toBe('asOf 2026-08-08 taken from the date in the file name');
  });

  it('an identical repeated row is a warning and kept once', () => {
    const b = sp500Constituents.parse(inlineInput(FILE, build([...ROWS, ROWS[0]])), { lenient: false });
    expect(b.holdings.map((h) => h.symbol)).toEqual(['AAA', 'BBB']);
    expect(b.warnings[0]).toEqual({ file: FILE, line: 4, message: 'AAA repeats line 2 exactly; kept once' });
  });
});

describe('sp500-constituents: malformed input', () => {
  const strict = (text: string) => () => sp500Constituents.parse(inlineInput(FILE, text), { lenient: false });

  it('truncated row', () => {
    expectImportError(
      strict(build([ROWS[0], 'BBB,Beta Corp,Health Care'])),
      FILE,
      3,
      /expected 8 cells .* found 3/,
    );
  });

  it('text where a date belongs (Date added)', () => {
    expectImportError(
      strict(build([ROWS[0].replace('2001-02-03', 'soon')])),
      FILE,
      2,
      /bad 'Date added' 'soon'/,
    );
  });

  it('wrong header', () => {
    expectImportError(
      strict(build(ROWS, HEADER.replace('GICS Sector', 'Sector'))),
      FILE,
      1,
      /lacks the column 'GICS Sector'/,
    );
  });

  it('empty file', () => {
    expectImportError(strict(''), FILE, 1, /empty file/);
  });

  it('the same symbol twice with conflicting details', () => {
    expectImportError(
      strict(build([...ROWS, ROWS[0].replace('Industrials', 'Utilities')])),
      FILE,
      4,
      /AAA listed twice with different details \(first at line 2\)/,
    );
  });

  it('lenient mode skips the bad rows and lists their lines', () => {
    const b = sp500Constituents.parse(
      inlineInput(
        FILE,
        build([ROWS[0], 'XXX,Truncated', ROWS[1], ROWS[0].replace('Industrials', 'Utilities')]),
      ),
      { lenient: true },
    );
    expect(b.skipped.map((s) => [s.file, s.line])).toEqual([
      [FILE, 3],
      [FILE, 5],
    ]);
    expect(b.holdings.map((h) => h.symbol)).toEqual(['AAA', 'BBB']);
  });
});
