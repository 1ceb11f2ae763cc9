/**
 * iShares holdings export: the real IWM file (as of 2026-05-05) plus hand-written inputs.
 * Independent figures (Python csv module over the raw file, parsing to the first blank line):
 * 1,929 rows; asset classes Equity 1924, Cash 2, Money Market 1, Cash Collateral and Margins 1,
 * Futures 1; equity weights sum to 99.39%, all weights to 99.90%.
 */
import { describe, expect, it } from 'vitest';
import { Holding, Instrument } from '../../../src/model/types.ts';
import { isharesHoldings } from '../../../src/sources/files/ishares-holdings.ts';
import { expectImportError, headOf, inlineInput, loadInput, rawText } from './helpers.ts';

describe('ishares-holdings: real IWM export', () => {
  const rel = 'constituents/IWM_holdings_2026-05-05.csv';
  const input = loadInput(rel);
  const b = isharesHoldings.parse(input, { lenient: false });

  it('is detected', () => {
    expect(isharesHoldings.detect({ relPath: rel, head: headOf(input.text) })).toBe(true);
    expect(isharesHoldings.detect({ relPath: 'x.csv', head: headOf(input.text) })).toBe(true);
    expect(isharesHoldings.detect({ relPath: 'x.csv', head: 'Date,Open,High,Low,Close\n' })).toBe(false);
  });

  it('row count equals the lines between the header (line 10) and the first blank line', () => {
    // Second method: plain line counting on the raw bytes (BOM and all), no CSV parsing.
    const lines = rawText(rel).split(/\r?\n/);
    expect(lines[9].startsWith('Ticker,Name,Sector')).toBe(true);
    const firstBlank = lines.findIndex((l, i) => i > 9 && l.replace(/[\s\u00a0]/g, '') === '');
    expect(firstBlank + 1).toBe(1940); // 1-based line of the blank line before the legal footer
    expect(firstBlank - 10).toBe(1929);
    expect(b.holdings.length).toBe(1929);
    expect(b.holdings[0].prov.line).toBe(11);
    expect(b.holdings.at(-1)!.prov.line).toBe(1939);
  });

  it('fund IWM, asOf 2026-05-05, asset classes kept', () => {
    expect(new Set(b.holdings.map((h) => h.fund))).toEqual(new Set(['IWM']));
    expect(new Set(b.holdings.map((h) => h.asOf))).toEqual(new Set(['2026-05-05']));
    const byClass: Record<string, number> = {};
    for (const h of b.holdings) byClass[h.assetClass ?? 'null'] = (byClass[h.assetClass ?? 'null'] ?? 0) + 1;
    expect(byClass).toEqual({
      Equity: 1924,
      Cash: 2,
      'Money Market': 1,
      'Cash Collateral and Margins': 1,
      Futures: 1,
    });
    for (let i = 0; i < b.holdings.length; i += 50) Holding.parse(b.holdings[i]);
  });

  it('equity weights sum to 0.9939 (printed weights are rounded to 0.01%); all rows to 0.999', () => {
    // Independent sums: 99.39% (equities) and 99.90% (all rows). The gap to 100% is the ~0.5% in cash
    // and money-market rows plus rounding: 1,924 weights each rounded to 0.01% can drift the total by a
    // few tenths of a percent. Tolerance: equities within 0.01 of 1, exact value to 1e-9.
    const eq = b.holdings.filter((h) => h.assetClass === 'Equity').reduce((s, h) => s + (h.weight ?? 0), 0);
    const all = b.holdings.reduce((s, h) => s + (h.weight ?? 0), 0);
    expect(Math.abs(eq - 1)).toBeLessThan(0.01);
    expect(eq).toBeCloseTo(0.9939, 9);
    expect(all).toBeCloseTo(0.999, 9);
  });

  it('hand-checked row: line 11 BE', () => {
    // "BE","BLOOM ENERGY CLASS A CORP","Industrials","Equity","1,532,594,919.50","1.93",
    // "1,532,594,919.50","5,190,838.00","295.25",...
    expect(b.holdings[0]).toEqual({
      fund: 'IWM',
      asOf: '2026-05-05',
      symbol: 'BE',
      name: 'BLOOM ENERGY CLASS A CORP',
      sector: 'Industrials',
      subIndustry: null,
      assetClass: 'Equity',
      weight: 0.0193,
      shares: 5190838,
      marketValue: 1532594919.5,
      price: 295.25,
      prov: { source: 'ishares', file: rel, line: 11 },
    });
    // Line 1939: the futures row is kept with its asset class.
    expect(b.holdings.at(-1)).toMatchObject({
      symbol: 'RTYM6',
      assetClass: 'Futures',
      weight: 0,
      shares: 1998,
      price: 2852.9,
    });
  });

  it('sector names: GICS, with iShares "Communication" mapped to "Communication Services"', () => {
    const sectors = new Set(b.holdings.filter((h) => h.assetClass === 'Equity').map((h) => h.sector));
    expect(sectors).toEqual(
      new Set([
        'Financials',
        'Health Care',
        'Industrials',
        'Information Technology',
        'Consumer Discretionary',
        'Energy',
        'Real Estate',
        'Materials',
        'Communication Services',
        'Consumer Staples',
        'Utilities',
      ]),
    );
  });

  it('unique symbols: a repeated ticker and missing tickers get synthetic symbols, with one warning', () => {
    expect(new Set(b.holdings.map((h) => h.symbol)).size).toBe(1929);
    const adro = b.holdings.filter((h) => h.symbol.startsWith('ADRO'));
    expect(adro.map((h) => [h.symbol, h.prov.line])).toEqual([
      ['ADRO', 1922],
      ['ADRO:CHINOOK THERAPEUTICS INC CVR', 1925],
    ]);
    expect(b.holdings.filter((h) => h.symbol.startsWith('NOTICKER:')).map((h) => h.prov.line)).toEqual([
      1930, 1937, 1938,
    ]);
    expect(b.warnings.length).toBe(1);
    expect(b.warnings[0].message).toMatch(/^4 holdings without a unique ticker/);
  });

  it('instruments: the fund (etf) and one stock per equity with a real, first-seen ticker', () => {
    expect(b.instruments[0]).toEqual({ symbol: 'IWM', name: 'iShares Russell 2000 ETF', kind: 'etf' });
    // 1924 equities - 1 repeated ADRO - 3 without ticker = 1920 stocks.
    expect(b.instruments.filter((i) => i.kind === 'stock').length).toBe(1920);
    expect(b.instruments.length).toBe(1921);
    for (const i of b.instruments.slice(0, 20)) Instrument.parse(i);
  });
});

const FILE = 'constituents/ABC_holdings.csv';
const PREAMBLE = [
  '\uFEFFiShares Example ETF',
  'Fund Holdings as of,"Jan 02, 2026"',
  'Shares Outstanding,"1,000.00"',
  '\u00a0',
];
const HEADER = 'Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Quantity,Price';
const ROWS = [
  '"AAA","ALPHA INC","Communication","Equity","1,234,567.89","60.50","1,234,567.89","10,000.00","123.46"',
  '"BBB","BETA CORP","Health Care","Equity","800,000.00","39.25","800,000.00","8,000.00","100.00"',
  '"USD","USD CASH","Cash and/or Derivatives","Cash","5,000.00","0.25","5,000.00","5,000.00","100.00"',
];
const FOOTER = [' ', '"Legal text, with commas"', 'More text.'];
const build = (rows: string[], pre = PREAMBLE, header = HEADER) =>
  [...pre, header, ...rows, ...FOOTER].join('\r\n');

describe('ishares-holdings: hand-written input', () => {
  it('exact rows; fund from the file name; footer ignored', () => {
    const b = isharesHoldings.parse(inlineInput(FILE, build(ROWS)), { lenient: false });
    const prov = (line: number) => ({ source: 'ishares', file: FILE, line });
    expect(b.holdings).toEqual([
      {
        fund: 'ABC',
        asOf: '2026-01-02',
        symbol: 'AAA',
        name: 'ALPHA INC',
        sector: 'Communication Services',
        subIndustry: null,
        assetClass: 'Equity',
        weight: 0.605,
        shares: 10000,
        marketValue: 1234567.89,
        price: 123.46,
        prov: prov(6),
      },
      {
        fund: 'ABC',
        asOf: '2026-01-02',
        symbol: 'BBB',
        name: 'BETA CORP',
        sector: 'Health Care',
        subIndustry: null,
        assetClass: 'Equity',
        weight: 0.3925,
        shares: 8000,
        marketValue: 800000,
        price: 100,
        prov: prov(7),
      },
      {
        fund: 'ABC',
        asOf: '2026-01-02',
        symbol: 'USD',
        name: 'USD CASH',
        sector: 'Cash and/or Derivatives',
        subIndustry: null,
        assetClass: 'Cash',
        weight: 0.0025,
        shares: 5000,
        marketValue: 5000,
        price: 100,
        prov: prov(8),
      },
    ]);
    expect(b.instruments).toEqual([
      { symbol: 'ABC', name: 'iShares Example ETF', kind: 'etf' },
      { symbol: 'AAA', name: 'ALPHA INC', kind: 'stock' },
      { symbol: 'BBB', name: 'BETA CORP', kind: 'stock' },
    ]);
    expect(b.warnings).toEqual([]);
  });

  it('fund ticker from a preamble "Ticker" line wins over the file name; "-" numbers are null', () => {
    const pre = [PREAMBLE[0], 'Ticker,"XYZ"', ...PREAMBLE.slice(1)];
    const rows = ['"AAA","ALPHA INC","-","Equity","-","-","-","-","-"'];
    const b = isharesHoldings.parse(inlineInput('holdings.csv', build(rows, pre)), { lenient: false });
    expect(b.holdings[0]).toMatchObject({
      fund: 'XYZ',
      sector: null,
      weight: null,
      shares: null,
      marketValue: null,
      price: null,
    });
    expect(b.holdings[0].prov.line).toBe(7);
  });
});

describe('ishares-holdings: malformed input', () => {
  const strict =
    (text: string, file = FILE) =>
    () =>
      isharesHoldings.parse(inlineInput(file, text), { lenient: false });

  it('truncated row', () => {
    const rows = [...ROWS];
    rows[1] = '"BBB","BETA CORP","Health Care","Equity","800,000.00"';
    expectImportError(strict(build(rows)), FILE, 7, /expected 9 cells .* line 5, found 5/);
  });

  it('text in a number column', () => {
    const rows = [...ROWS];
    rows[2] = rows[2].replace('"0.25"', '"n/a"');
    expectImportError(strict(build(rows)), FILE, 8, /not a number in column 'Weight \(%\)': 'n\/a'/);
  });

  it('wrong header (a required column missing) and no header at all', () => {
    expectImportError(
      strict(build(ROWS, PREAMBLE, HEADER.replace('Quantity', 'Shares'))),
      FILE,
      5,
      /lacks the column 'Quantity'/,
    );
    expectImportError(
      strict('iShares Example ETF\nSymbol,Weight\nAAA,1\n'),
      FILE,
      1,
      /no iShares holdings header/,
    );
  });

  it('empty file, missing as-of date, unknown fund ticker', () => {
    expectImportError(strict(''), FILE, 1, /empty file/);
    expectImportError(strict(build(ROWS, [PREAMBLE[0]])), FILE, 1, /no "Fund Holdings as of"/);
    expectImportError(strict(build(ROWS), 'export.csv'), 'export.csv', 1, /cannot tell the fund ticker/);
  });

  it('conflicting duplicate: two different "Fund Holdings as of" dates', () => {
    const pre = [...PREAMBLE.slice(0, 2), 'Fund Holdings as of,"Jan 03, 2026"', ...PREAMBLE.slice(2)];
    expectImportError(
      strict(build(ROWS, pre)),
      FILE,
      3,
      /conflicting "Fund Holdings as of" dates: 2026-01-02 \(line 2\) and 2026-01-03/,
    );
  });

  it('lenient mode skips bad rows and lists their lines', () => {
    const rows = [...ROWS];
    rows[0] = '"AAA","ALPHA INC","Communication","Equity","1,234,567.89"';
    rows[2] = rows[2].replace('"5,000.00","0.25"', '"abc","0.25"');
    const b = isharesHoldings.parse(inlineInput(FILE, build(rows)), { lenient: true });
    expect(b.skipped.map((s) => [s.file, s.line])).toEqual([
      [FILE, 6],
      [FILE, 8],
    ]);
    expect(b.holdings.map((h) => h.symbol)).toEqual(['BBB']);
  });
});
