/**
 * Scenario: the store's columnar series loader (integer days, typed arrays, prepared statements,
 * memoised source lists) returns exactly what the row-by-row loader it replaced returned, on real
 * files: the row loader is rebuilt here from plain SQL (strftime dates, one object per row) and the
 * two outputs are compared byte for byte.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/analytics/series.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import type { PriceQuery } from '../../src/store/store.ts';
import { DATA_DIR, memoryStore } from '../helpers/temp.ts';

const FILES = [
  'prices/IWM.csv', 'prices/SPY.csv', 'prices/MAGS.csv', 'prices/GSPC_INDEX.csv', 'prices/alt/IWM__dsturdy.csv',
  'panels/individual_stocks_5yr/AAPL_data.csv', 'panels/individual_stocks_5yr/MSFT_data.csv', 'panels/individual_stocks_5yr/XOM_data.csv',
  'factors/F-F_Research_Data_Factors_daily.csv',
];

let store: DuckDbStore;
beforeAll(async () => {
  store = await memoryStore();
  const s = await importPaths(store, FILES.map((f) => join(DATA_DIR, f)), { dataRoot: DATA_DIR, lenient: false });
  expect(s.totals.failed).toBe(0);
}, 120_000);
afterAll(() => store.close());

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The row loader as it was: preferred source by window function, dates by strftime, rows as objects. */
async function rowLoader(symbol: string, o: PriceQuery = {}): Promise<PriceSeries> {
  const src = o.source
    ? await store.sql(`SELECT source, adjustment FROM price_sources WHERE symbol = ${q(symbol)} AND source = ${q(o.source)}`)
    : await store.sql(`SELECT source, adjustment FROM (SELECT *, row_number() OVER (PARTITION BY symbol ORDER BY preferred_override DESC, priority DESC, source) AS rk
        FROM price_sources) WHERE rk = 1 AND symbol = ${q(symbol)}`);
  const source = src[0].source as string;
  const rows = await store.sql(
    `SELECT strftime(date, '%Y-%m-%d') AS d, open, high, low, ${o.useAdjClose ? 'coalesce(adj_close, close)' : 'close'} AS close, volume,
       adj_close IS NOT NULL AS has_adj FROM bars WHERE symbol = ${q(symbol)} AND source = ${q(source)} ${o.includeProvisional ? '' : 'AND NOT provisional'} ORDER BY date`,
  );
  const arr = (k: string) => Float64Array.from(rows, (r) => (r[k] === null ? Number.NaN : (r[k] as number)));
  const hasOhlc = rows.some((r) => r.open !== null);
  return {
    symbol, source,
    adjustment: o.useAdjClose && rows.some((r) => r.has_adj === true) ? 'split+dividend' : (src[0].adjustment as PriceSeries['adjustment']),
    dates: rows.map((r) => r.d as string), close: arr('close'),
    open: hasOhlc ? arr('open') : null, high: hasOhlc ? arr('high') : null, low: hasOhlc ? arr('low') : null,
    volume: rows.some((r) => r.volume !== null) ? arr('volume') : null,
  };
}

/** Typed arrays as plain arrays, NaN spelled out: equal strings mean equal series. */
const bytes = (x: unknown) =>
  JSON.stringify(x, (_k, v) => (v instanceof Float64Array ? Array.from(v, (n) => (Number.isNaN(n) ? 'NaN' : n)) : v));

describe('columnar loader = row loader, on real files', () => {
  const cases: [string, PriceQuery][] = [
    ['IWM', {}], ['IWM', { useAdjClose: true }], ['IWM', { source: 'dsturdy' }], ['SPY', {}], ['^GSPC', {}],
    ['MAGS', {}], ['MAGS', { includeProvisional: true }], ['AAPL', {}], ['MSFT', { source: 'kaggle-5yr' }],
  ];
  for (const [symbol, o] of cases) {
    it(`getPriceSeries ${symbol} ${JSON.stringify(o)}`, async () => {
      const a = await store.getPriceSeries(symbol, o);
      expect(a.dates.length).toBeGreaterThan(100);
      expect(bytes(a)).toBe(bytes(await rowLoader(symbol, o)));
      // a second read (cached statement and source list) is the same again
      expect(bytes(await store.getPriceSeries(symbol, o))).toBe(bytes(a));
    });
  }

  it('MAGS: the provisional last row is left out unless asked for', async () => {
    const a = await store.getPriceSeries('MAGS');
    const b = await store.getPriceSeries('MAGS', { includeProvisional: true });
    expect(b.dates.length).toBe(a.dates.length + 1);
  });

  it('getPriceSeriesMany over the panel source = one row-loader read per symbol', async () => {
    const many = await store.getPriceSeriesMany(['XOM', 'AAPL', 'MSFT', 'NOPE'], 'kaggle-5yr');
    expect(many.map((s) => s.symbol)).toEqual(['AAPL', 'MSFT', 'XOM']);
    for (const s of many) expect(bytes(s)).toBe(bytes(await rowLoader(s.symbol, { source: 'kaggle-5yr' })));
  });

  it('getReturnSeries FF.SMB = strftime dates and the stored values', async () => {
    const r = await store.getReturnSeries('FF.SMB');
    const rows = await store.sql(`SELECT strftime(date, '%Y-%m-%d') AS d, value FROM observations WHERE series = 'FF.SMB' AND freq = 'D' ORDER BY date`);
    expect(r.dates).toEqual(rows.map((x) => x.d));
    expect(Array.from(r.ret)).toEqual(rows.map((x) => x.value));
    expect(r.dates[0]).toBe('1926-07-01');
  });

  it('concurrent reads (as the server makes them) each get their own answer', async () => {
    const symbols = ['IWM', 'SPY', 'AAPL', 'MSFT', 'XOM', '^GSPC', 'IWM', 'SPY'];
    const together = await Promise.all(symbols.map((s) => store.getPriceSeries(s)));
    for (let i = 0; i < symbols.length; i++) {
      expect(together[i].symbol).toBe(symbols[i]);
      expect(bytes(together[i])).toBe(bytes(await rowLoader(symbols[i])));
    }
  });

  it('a preference change is seen by the next read (the source list is not stale)', async () => {
    expect((await store.getPriceSeries('IWM')).source).toBe('market-lab');
    expect((await store.listSources('IWM'))[0].source).toBe('market-lab');
    await store.setPreferredSource('IWM', 'dsturdy');
    expect((await store.getPriceSeries('IWM')).source).toBe('dsturdy');
    expect((await store.listSources('IWM'))[0]).toMatchObject({ source: 'dsturdy', preferred: true });
    await store.setPreferredSource('IWM', 'market-lab');
    expect(bytes(await store.getPriceSeries('IWM'))).toBe(bytes(await rowLoader('IWM')));
  });
});
