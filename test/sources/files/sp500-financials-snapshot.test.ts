/**
 * S&P 500 financials snapshot (datasets/s-and-p-500-companies-financials). Independent figures
 * (Python csv module): 503 rows; blank cells per column: Price 17, Price/Earnings 47, Dividend Yield 104,
 * Earnings/Share 17, 52 Week Low 17, 52 Week High 17, Market Cap 34, EBITDA 43, Price/Sales 34, Price/Book 21.
 */
import { describe, expect, it } from 'vitest';
import { Fundamentals } from '../../../src/model/types.ts';
import {
  SP500_FINANCIALS_DEFAULT_AS_OF,
  sp500Financials,
} from '../../../src/sources/files/sp500-financials.ts';
import { expectImportError, headOf, inlineInput, loadInput, rawText } from './helpers.ts';

describe('sp500-financials: real file', () => {
  const rel = 'constituents/sp500_constituents-financials.csv';
  const input = loadInput(rel);
  const b = sp500Financials.parse(input, { lenient: false });

  it('is detected', () => {
    expect(sp500Financials.detect({ relPath: rel, head: headOf(input.text) })).toBe(true);
  });

  it('503 rows, asOf = the documented default 2026-08-22 (no date in the file)', () => {
    expect(rawText(rel).trimEnd().split(/\r?\n/).length - 1).toBe(503);
    expect(b.fundamentals.length).toBe(503);
    expect(SP500_FINANCIALS_DEFAULT_AS_OF).toBe('2026-08-22');
    expect(b.fundamentals.every((f) => f.asOf === '2026-08-22')).toBe(true);
    expect(b.instruments.length).toBe(503);
    for (let i = 0; i < b.fundamentals.length; i += 20) Fundamentals.parse(b.fundamentals[i]);
  });

  it('blank cells become null (counts per field match the raw file)', () => {
    const nulls = (k: keyof Fundamentals) => b.fundamentals.filter((f) => f[k] === null).length;
    expect({
      price: nulls('price'),
      pe: nulls('pe'),
      dividendYield: nulls('dividendYield'),
      eps: nulls('eps'),
      low52: nulls('low52'),
      high52: nulls('high52'),
      marketCap: nulls('marketCap'),
      ebitda: nulls('ebitda'),
      ps: nulls('ps'),
      pb: nulls('pb'),
      forwardPe: nulls('forwardPe'),
    }).toEqual({
      price: 17,
      pe: 47,
      dividendYield: 104,
      eps: 17,
      low52: 17,
      high52: 17,
      marketCap: 34,
      ebitda: 43,
      ps: 34,
      pb: 21,
      forwardPe: 503,
    });
  });

  it('hand-checked rows: AAPL (line 41), BRK.B all blank (line 62), ZTS blank P/B (line 504)', () => {
    expect(b.fundamentals.find((f) => f.symbol === 'AAPL')).toEqual({
      symbol: 'AAPL',
      asOf: '2026-08-22',
      price: 309.35,
      pe: 35.475918,
      forwardPe: null,
      ps: 9.671138,
      pb: 42.03125,
      evEbitda: null,
      debtEquity: null,
      marketCap: 4514709504000,
      ebitda: 167959003136,
      eps: 8.72,
      dividendYield: 0.0035,
      low52: 224.69,
      high52: 344.57,
      prov: { source: 'sp500-financials', file: rel, line: 41 },
    });
    const brk = b.fundamentals.find((f) => f.symbol === 'BRK.B')!;
    expect(brk.prov.line).toBe(62);
    expect([brk.price, brk.pe, brk.marketCap, brk.dividendYield]).toEqual([null, null, null, null]);
    expect(b.fundamentals.at(-1)).toMatchObject({
      symbol: 'ZTS',
      pb: null,
      dividendYield: 0.0283,
      prov: { line: 504 },
    });
    expect(b.instruments.find((i) => i.symbol === 'AAPL')).toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      kind: 'stock',
    });
  });
});

const HEADER =
  'Symbol,Name,Sector,Price,Price/Earnings,Dividend Yield,Earnings/Share,52 Week Low,52 Week High,Market Cap,EBITDA,Price/Sales,Price/Book,SEC Filings';
const ROWS = [
  'AAA,Alpha Inc.,"Trading Companies, Distributors",10.5,20,0.01,0.525,8,12,1000000000,50000000,2.5,3.5,http://x',
  'BBB,Beta Corp,Biotechnology,,,,,,,,,,,http://y',
];
const FILE = 'constituents/fin_2026-01-02.csv';
const build = (rows: string[], header = HEADER) => [header, ...rows].join('\n');

describe('sp500-financials: hand-written input', () => {
  it('exact rows; asOf from the file name', () => {
    const b = sp500Financials.parse(inlineInput(FILE, build(ROWS)), { lenient: false });
    const nulls = { forwardPe: null, evEbitda: null, debtEquity: null };
    expect(b.fundamentals).toEqual([
      {
        symbol: 'AAA',
        asOf: '2026-01-02',
        price: 10.5,
        pe: 20,
        ps: 2.5,
        pb: 3.5,
        marketCap: 1e9,
        ebitda: 5e7,
        eps: 0.525,
        dividendYield: 0.01,
        low52: 8,
        high52: 12,
        ...nulls,
        prov: { source: 'sp500-financials', file: FILE, line: 2 },
      },
      {
        symbol: 'BBB',
        asOf: '2026-01-02',
        price: null,
        pe: null,
        ps: null,
        pb: null,
        marketCap: null,
        ebitda: null,
        eps: null,
        dividendYield: null,
        low52: null,
        high52: null,
        ...nulls,
        prov: { source: 'sp500-financials', file: FILE, line: 3 },
      },
    ]);
  });

  it('asOf from a "# as-of" comment wins', () => {
    const b = sp500Financials.parse(inlineInput(FILE, `# asOf: 2025-12-31\n${build(ROWS)}`), {
      lenient: false,
    });
    expect(b.fundamentals.map((f) => [f.asOf, f.prov.line])).toEqual([
      ['2025-12-31', 3],
      ['2025-12-31', 4],
    ]);
  });
});

describe('sp500-financials: malformed input', () => {
  const strict = (text: string) => () => sp500Financials.parse(inlineInput(FILE, text), { lenient: false });

  it('truncated row', () => {
    expectImportError(
      strict(build([ROWS[0], 'BBB,Beta Corp,Biotechnology,1.0'])),
      FILE,
      3,
      /expected 14 cells .* found 4/,
    );
  });

  it('text in a number column', () => {
    expectImportError(
      strict(build([ROWS[0].replace(',20,', ',n/a,')])),
      FILE,
      2,
      /not a number in column 'Price\/Earnings': 'n\/a'/,
    );
  });

  it('wrong header', () => {
    expectImportError(
      strict(build(ROWS, HEADER.replace('EBITDA', 'Ebit'))),
      FILE,
      1,
      /lacks the column 'EBITDA'/,
    );
  });

  it('empty file', () => {
    expectImportError(strict('\n\n'), FILE, 1, /empty file/);
  });

  it('the same symbol twice with conflicting values; identical repeat is a warning', () => {
    expectImportError(
      strict(build([...ROWS, ROWS[0].replace('10.5', '11.5')])),
      FILE,
      4,
      /AAA listed twice with different values \(first at line 2\)/,
    );
    const b = sp500Financials.parse(inlineInput(FILE, build([...ROWS, ROWS[0]])), { lenient: false });
    expect(b.fundamentals.length).toBe(2);
    expect(b.warnings[0]).toEqual({ file: FILE, line: 4, message: 'AAA repeats line 2 exactly; kept once' });
  });

  it('lenient mode skips bad rows and lists their lines', () => {
    const b = sp500Financials.parse(inlineInput(FILE, build([ROWS[0].replace('10.5', 'abc'), ROWS[1]])), {
      lenient: true,
    });
    expect(b.skipped.map((s) => [s.file, s.line])).toEqual([[FILE, 2]]);
    expect(b.fundamentals.map((f) => f.symbol)).toEqual(['BBB']);
  });
});
