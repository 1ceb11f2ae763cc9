import { describe, expect, it } from 'vitest';
import { priceCsvImporter } from '../../../src/sources/files/price-csv.ts';

const parse = (relPath: string, text: string, lenient = false) =>
  priceCsvImporter.parse({ path: relPath, relPath, text, sha256: 'x' }, { lenient });

describe('price CSV layouts', () => {
  it('reads the yfinance OHLCV layout and takes the symbol from the file name', () => {
    const b = parse('prices/IWM.csv', 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n');
    expect(b.bars.map((x) => [x.symbol, x.date, x.close, x.volume])).toEqual([
      ['IWM', '2026-01-20', 10.5, 100],
      ['IWM', '2026-01-21', 11, 200],
    ]);
    expect(b.bars[0].adjustment).toBe('split+dividend');
    expect(b.source).toBe('market-lab');
    expect(b.bars[1].prov).toEqual({ source: 'market-lab', file: 'prices/IWM.csv', line: 3 });
    expect(b.instruments).toEqual([{ symbol: 'IWM', name: null, kind: 'etf' }]);
  });

  it('maps X_INDEX to ^X and Date,Close to a close-only series', () => {
    const b = parse('prices/RUT_INDEX.csv', 'Date,Close\n2026-01-20,2500.5\n');
    expect(b.bars[0]).toMatchObject({ symbol: '^RUT', close: 2500.5, open: null, high: null, low: null, adjustment: 'none' });
    expect(b.instruments[0].kind).toBe('index');
  });

  it('reads the Aurum layout with adj_close beside a split-only close', () => {
    const b = parse('prices/alt/SPY__aurum.csv', 'date,adj_close,close,high,low,open,volume\n2026-01-20,99,100,101,98,99.5,5\n');
    expect(b.bars[0]).toMatchObject({ symbol: 'SPY', close: 100, adjClose: 99, open: 99.5, high: 101, low: 98, adjustment: 'split' });
    expect(b.source).toBe('aurum');
    expect(b.priority).toBe(10);
  });

  it('reads the Yahoo classic layout Date,Open,High,Low,Close,Adj Close,Volume', () => {
    const b = parse('my/AAPL.csv', 'Date,Open,High,Low,Close,Adj Close,Volume\n2026-01-20,1,2,0.5,1.5,1.4,7\n');
    expect(b.bars[0]).toMatchObject({ symbol: 'AAPL', close: 1.5, adjClose: 1.4 });
  });

  it('reads a panel with a Name column: one symbol per row', () => {
    const b = parse(
      'panels/individual_stocks_5yr/AAL_data.csv',
      'date,open,high,low,close,volume,Name\n2013-02-08,15.07,15.12,14.63,14.75,8407500,AAL\n2013-02-11,14.89,15.01,14.26,14.46,8882000,AAL\n',
    );
    expect(b.bars).toHaveLength(2);
    expect(b.bars[1]).toMatchObject({ symbol: 'AAL', date: '2013-02-11', close: 14.46, adjustment: 'split' });
    expect(b.source).toBe('kaggle-5yr');
  });

  it('ignores extra IBKR columns and tolerates blank ones', () => {
    const b = parse('prices/alt/RUT_INDEX__heliar-k.csv', 'date,open,high,low,close,volume,wap,count\n2026-08-21,3007.16,3020.24,3000.05,3017.87,0.0,,\n');
    expect(b.bars[0]).toMatchObject({ symbol: '^RUT', close: 3017.87, volume: 0, adjustment: 'none' });
  });

  it('marks the documented intraday last row of a dsturdy file as provisional', () => {
    const b = parse('prices/MAGS.csv', 'Date,Close\n2026-07-31,65.96\n2026-08-03,68.25\n');
    expect(b.bars.map((x) => x.provisional)).toEqual([false, true]);
    expect(b.warnings.some((w) => /intraday/.test(w.message))).toBe(true);
  });

  it('sorts unsorted rows and says so; drops identical duplicates with a note', () => {
    const b = parse('x/ABC.csv', 'Date,Close\n2026-01-21,2\n2026-01-20,1\n2026-01-21,2\n');
    expect(b.bars.map((x) => x.date)).toEqual(['2026-01-20', '2026-01-21']);
    expect(b.warnings.map((w) => w.message).join('\n')).toMatch(/not in date order; sorted[\s\S]*duplicate of line/);
  });

  it('warns about dates that are not NYSE sessions', () => {
    const b = parse('x/ABC.csv', 'Date,Close\n2026-01-19,1\n2026-01-20,2\n');
    expect(b.warnings.some((w) => /2026-01-19/.test(w.message) && /not NYSE sessions/.test(w.message))).toBe(true);
  });
});

describe('price CSV bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['truncated row', 'date,open,high,low,close,volume\n2026-01-20,10,11,9\n', /x\/T\.csv:2: truncated row: expected 6 fields, got 4/],
    ['text in a number column', 'date,open,high,low,close,volume\n2026-01-20,10,11,9,abc,100\n', /x\/T\.csv:2: column close: 'abc' is not a number/],
    ['non-positive price', 'Date,Close\n2026-01-20,0\n', /x\/T\.csv:2: non-positive price: close = 0/],
    ['negative price', 'Date,Close\n2026-01-20,-3\n', /non-positive price: close = -3/],
    ['high < low', 'date,open,high,low,close,volume\n2026-01-20,10,9,11,10,1\n', /x\/T\.csv:2: high 9 < low 11/],
    ['open outside range', 'date,open,high,low,close,volume\n2026-01-20,12,11,9,10,1\n', /open 12 outside \[low 9, high 11\]/],
    ['close outside range', 'date,open,high,low,close,volume\n2026-01-20,10,11,9,8,1\n', /close 8 outside \[low 9, high 11\]/],
    ['conflicting duplicate date', 'Date,Close\n2026-01-20,1\n2026-01-20,2\n', /x\/T\.csv:3: duplicate date 2026-01-20 with conflicting values \(first at line 2\)/],
    ['bad date', 'Date,Close\n2026-02-30,1\n', /x\/T\.csv:2: bad date '2026-02-30'/],
    ['no rows', 'Date,Close\n', /x\/T\.csv: no data rows after the header/],
    ['wrong header', 'when,price\n2026-01-20,1\n', /x\/T\.csv:1: wrong header/],
  ];
  for (const [name, text, re] of cases) {
    it(`rejects ${name} naming file and line`, () => {
      expect(() => parse('x/T.csv', text)).toThrow(re);
    });
  }

  it('lenient mode skips bad rows and lists each one', () => {
    const b = parse('x/T.csv', 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10,1\n2026-01-21,10,9,11,10,1\n2026-01-22,1,2\n', true);
    expect(b.bars.map((x) => x.date)).toEqual(['2026-01-20']);
    expect(b.skipped).toEqual([
      { file: 'x/T.csv', line: 3, reason: 'high 9 < low 11' },
      { file: 'x/T.csv', line: 4, reason: 'truncated row: expected 6 fields, got 3' },
    ]);
  });
});
