/**
 * Every fact endpoint (the same code as the CLI commands and /api) gives byte-identical JSON on the
 * DuckDB store and the PostgreSQL store, for a representative set of the real data files: prices
 * with second sources (basis-splice repair), index levels, sector ETFs, IWM holdings, S&P 500
 * constituents and financials, Fama-French factors, FRED, part of the 5-year panel, and a flows file.
 * Errors must match too (same status, same message). MARKETDASH_PARITY_ALL=1 imports the whole data folder
 * (583 files, 2,064,051 rows; contributions then run over IWM's members): all 26 cases identical, 16.5 min
 * wall clock at load average ~18 on 2 cores (the PostgreSQL import ~10 min of it), too long to be the default.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/format/json.ts';
import { parseParams } from '../../src/facts/params.ts';
import { ENDPOINT_BY_PATH, ENDPOINTS } from '../../src/server/endpoints.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { DATA_DIR, memoryStore, tempDir } from '../helpers/temp.ts';

const ALL = process.env.MARKETDASH_PARITY_ALL === '1';
const d = (p: string) => join(DATA_DIR, p);
const panel = readdirSync(d('panels/individual_stocks_5yr')).sort().slice(0, 25).map((f) => d(`panels/individual_stocks_5yr/${f}`));
const FILES = ALL
  ? [DATA_DIR]
  : [
      ...['IWM', 'SPY', 'QQQ', 'MAGS', 'GSPC_INDEX', 'RUT_INDEX', 'IJR', 'IJH', 'XLK', 'XLF', 'XLE', 'XLV'].map((s) => d(`prices/${s}.csv`)),
      d('prices/alt/IWM__aurum.csv'), d('prices/alt/IWM__dsturdy.csv'), d('prices/alt/GSPC_INDEX__aurum.csv'),
      d('constituents'), d('factors/F-F_Research_Data_Factors_daily.csv'), d('factors/F-F_Momentum_Factor_daily.csv'),
      d('factors/Portfolios_Formed_on_ME_Daily.csv'), d('macro/DGS10.csv'), ...panel,
    ];

const CALLS: [string, Record<string, string>][] = [
  ['/api/perf', { symbols: 'IWM,SPY,QQQ,MAGS', period: 'ytd', asOf: '2026-01-22' }],
  ['/api/perf', { symbols: '^GSPC,FF.SMB', from: '2020-02-19', to: '2020-03-23' }],
  ['/api/streak', { a: 'IWM', b: 'SPY', asOf: '2026-01-22' }],
  ['/api/streak', { a: 'FF.SMB', positive: 'true' }],
  ['/api/records', { symbol: '^GSPC', basis: 'close' }],
  ['/api/records', { symbol: '^RUT', basis: 'high', asOf: '2025-12-31' }],
  ['/api/analogs', { a: 'IWM', b: 'SPY', minStreak: '8' }],
  ['/api/contributions', { fund: 'IWM', asOf: '2026-05-05', period: 'ytd' }],
  ['/api/breadth', { universe: 'panel', asOf: '2018-02-05' }],
  ['/api/breadth', { universe: 'IWM' }],
  ['/api/ladder', { period: 'ytd', asOf: '2026-01-22' }],
  ['/api/ladder', { ladder: 'french', period: '1m' }], // the French size file ends 2025-05-30
  ['/api/sectors', { period: 'ytd' }],
  ['/api/volatility', { symbol: 'SPY', period: '1y' }],
  ['/api/levels', { symbol: '^RUT' }],
  ['/api/valuation', { a: 'sector:Information Technology', b: 'all' }],
  ['/api/flows', { funds: 'SPY,IWM', window: '5' }],
  ['/api/highs-lows', { universe: 'panel', asOf: '2018-02-05', window: '21', sessions: '5' }],
  ['/api/rrg', { symbols: 'XLK,XLF,XLE,XLV', benchmark: 'SPY', asOf: '2026-01-22' }],
  ['/api/series', {}],
  ['/api/bars/{symbol}', { symbol: 'IWM' }],
  ['/api/sessions', { symbols: 'IWM,SPY' }],
  ['/api/report', { pair: 'IWM:SPY', asOf: '2026-01-22' }],
  ['/api/perf', { symbols: 'NOPE' }],
];

async function answer(store: MarketStore, path: string, q: Record<string, string>): Promise<string> {
  const ep = ENDPOINT_BY_PATH.get(path);
  if (!ep) throw new Error(`no endpoint ${path}`);
  try {
    return toJson(await ep.run(store, parseParams(ep.schema, q) as Record<string, unknown>), 0);
  } catch (e) {
    return `error ${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
}

describe('facts: DuckDB and PostgreSQL give identical JSON', () => {
  let duck: DuckDbStore;
  let pgt: PgTestStore;
  const tmp = tempDir('md-parity-');

  beforeAll(async () => {
    const days = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-20', '2026-01-21', '2026-01-22'];
    const rows = days.flatMap((day, i) => [`SPY,${day},${(i - 3) * 1_000_000},${500_000_000 + i * 1_000_000}`, `IWM,${day},${(2 - i) * 250_000},`]);
    const flows = tmp.write('flows/flows.csv', `fund,date,flow_usd,aum_usd\n${rows.join('\n')}\n`);
    duck = await memoryStore();
    pgt = await pgTestStore('md_parity');
    const [a, b] = await Promise.all([
      importPaths(duck, [...FILES, flows], { dataRoot: DATA_DIR, lenient: false }),
      importPaths(pgt.store, [...FILES, flows], { dataRoot: DATA_DIR, lenient: false }),
    ]);
    expect(a.totals.failed).toBe(0);
    // The same counts file by file: new, revised, unchanged.
    expect(b.files.map((f) => [f.file, f.status, f.rowsRead, f.rowsNew, f.rowsRevised])).toEqual(
      a.files.map((f) => [f.file, f.status, f.rowsRead, f.rowsNew, f.rowsRevised]),
    );
  }, ALL ? 3_600_000 : 600_000);

  afterAll(async () => {
    await duck?.close();
    await pgt?.drop();
    tmp.cleanup();
  });

  it('covers every endpoint (a new capability must be added here)', () => {
    expect(new Set(CALLS.map(([p]) => p))).toEqual(new Set(ENDPOINTS.map((e) => e.path)));
  });

  it.each(CALLS)('%s %o', async (path, q) => {
    const [x, y] = [await answer(duck, path, q), await answer(pgt.store, path, q)];
    expect(y).toBe(x);
    // Expected errors, identical on both: an unknown symbol; contributions need IWM's ~2,000 member price files (whole folder only).
    const expectError = q.symbols === 'NOPE' || (path === '/api/contributions' && !ALL);
    expect(x.startsWith('error'), x).toBe(expectError);
  }, 120_000);

  it('the same number of rows in every table', async () => {
    const pgc = await import('pg');
    const c = new pgc.default.Client({ connectionString: pgt.url.replace(/\?schema=.*/, '') });
    await c.connect();
    try {
      for (const table of ['imports', 'instruments', 'price_sources', 'bars', 'series_meta', 'observations', 'holdings', 'fundamentals', 'flows']) {
        const p = await c.query(`SELECT count(*)::int AS n FROM ${pgt.schema}.${table}`);
        const q = await duck.sql(`SELECT count(*)::INT AS n FROM ${table}`);
        expect([table, p.rows[0].n]).toEqual([table, q[0].n]);
      }
    } finally {
      await c.end();
    }
  });
});
