/**
 * The symbol report's contribution line weighs a holding by its market value ÷ the total market
 * value of the holdings snapshot (as the contributions capability does), not by the file's
 * two-decimal weight column. A four-row holdings file worked by hand, and BE in the real IWM file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionsBetween } from '../../src/model/calendar.ts';
import { buildSymbolReport, toMarkdown } from '../../src/report/index.ts';
import type { Report } from '../../src/report/types.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';
import { realStore } from './helpers/store.ts';

const fact = (r: Report, id: string) => r.facts.find((f) => f.id === id);
const num = (r: Report, id: string) => fact(r, id)?.value as number;

/**
 * TINY holds AAA 6,000.00, BBB 3,997.66, CCC 1.17 and cash 1.17: total 10,000.00. The weight
 * column rounds CCC to 0.01%; its market-value weight is 1.17 / 10,000 = 0.000117 (0.0117%).
 */
const HOLDINGS = [
  'iShares Tiny ETF',
  'Fund Holdings as of,"Jan 09, 2026"',
  ' ',
  'Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Quantity,Price,Location,Exchange,Currency,FX Rate,Market Currency,Accrual Date',
  '"AAA","AAA CORP","Industrials","Equity","6,000.00","60.00","6,000.00","600.00","10.00","United States","NYSE","USD","1.00","USD","-"',
  '"BBB","BBB CORP","Industrials","Equity","3,997.66","39.98","3,997.66","399.77","10.00","United States","NYSE","USD","1.00","USD","-"',
  '"CCC","CCC CORP","Industrials","Equity","1.17","0.01","1.17","0.117","10.00","United States","NYSE","USD","1.00","USD","-"',
  '"USD","USD CASH","Cash and/or Derivatives","Cash","1.17","0.01","1.17","1.17","100.00","United States","-","USD","1.00","USD","-"',
  '',
].join('\n');

/**
 * Closes on the sessions from 2025-11-03 to 2026-01-16. CCC: 8 on 2025-12-31 (the year's base),
 * 10 on 2026-01-09 (the snapshot and the week's base), 11 on 2026-01-16; TINY: 100, 100, 102.
 * Other sessions wander a little so no series is flat.
 */
function prices(key: Record<string, number>, level: number): string {
  const days = sessionsBetween('2025-11-03', '2026-01-16');
  const rows = days.map((d, i) => `${d},${key[d] ?? level * (1 + 0.01 * Math.sin(i))}`);
  return ['Date,Close', ...rows, ''].join('\n');
}

describe('contribution weights from market value: a four-row holdings file by hand', () => {
  let store: DuckDbStore;
  let tmp: ReturnType<typeof tempDir>;
  let r: Report;
  beforeAll(async () => {
    tmp = tempDir('md-contrib-');
    const files = [
      tmp.write('data/constituents/TINY_holdings_2026-01-09.csv', HOLDINGS),
      tmp.write('data/prices/CCC.csv', prices({ '2025-12-31': 8, '2026-01-09': 10, '2026-01-16': 11 }, 9)),
      tmp.write('data/prices/TINY.csv', prices({ '2025-12-31': 100, '2026-01-09': 100, '2026-01-16': 102 }, 100)),
    ];
    store = await DuckDbStore.open(join(tmp.dir, 'store.duckdb'));
    await importPaths(store, files, { dataRoot: join(tmp.dir, 'data'), lenient: false });
    r = await buildSymbolReport(store, { symbol: 'CCC', asOf: '2026-01-16' });
  }, 60_000);
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('weighs CCC at 1.17 / 10,000 = 0.0117%, not the 0.01% of the weight column', () => {
    expect(r.article.params).toMatchObject({ symbol: 'CCC', index: 'TINY' });
    expect(num(r, 'contrib.weightSnapshot')).toBeCloseTo(0.000117, 12);
    expect(fact(r, 'contrib.weightSnapshot')?.formula).toContain('market value ÷ total market value');
    expect(num(r, 'contrib.rank')).toBe(3);
    expect(num(r, 'contrib.members')).toBe(3);
  });

  it('week: snapshot = base, so w_start = 0.000117; r = 11/10 − 1 = 10%; 0.000117 × 0.10 × 10,000 = 0.117 bps', () => {
    expect(num(r, 'perf.1w.CCC.return')).toBeCloseTo(0.1, 12);
    expect(num(r, 'contrib.1w.weightStart')).toBeCloseTo(0.000117, 12);
    expect(num(r, 'contrib.1w.bps')).toBeCloseTo(0.117, 10);
    expect(num(r, 'contrib.1w.indexBps')).toBeCloseTo(200, 9);
  });

  it('year: w_start = 0.000117 × (8/10) / (100/100) = 0.0000936; r = 11/8 − 1 = 37.5%; 0.351 bps', () => {
    expect(num(r, 'contrib.ytd.weightStart')).toBeCloseTo(0.0000936, 12);
    expect(num(r, 'perf.ytd.CCC.return')).toBeCloseTo(0.375, 12);
    expect(num(r, 'contrib.ytd.bps')).toBeCloseTo(0.351, 10);
  });

  it('the article says how the weight was obtained', () => {
    const md = toMarkdown(r.article, r.facts);
    expect(md).toContain('with a weight of 0.01%'); // 0.0117% printed with two decimals
    expect(md).toContain("Weights are market value divided by the fund's total market value");
  });
});

describe('contribution weights from market value: BE in the IWM holdings of 2026-05-05', () => {
  let cleanup: () => Promise<void>;
  let r: Report;
  beforeAll(async () => {
    let store: DuckDbStore;
    ({ store, cleanup } = await realStore([
      'prices/BE.csv',
      'prices/IWM.csv',
      'prices/alt/IWM__aurum.csv',
      'constituents/IWM_holdings_2026-05-05.csv',
    ]));
    r = await buildSymbolReport(store, { symbol: 'BE' });
  }, 60_000);
  afterAll(async () => cleanup());

  /** BE's market value and the total of every row, read from the raw iShares file. */
  function fromFile(): { be: number; total: number } {
    const lines = readFileSync(`${DATA_DIR}/constituents/IWM_holdings_2026-05-05.csv`, 'utf8').split(/\r?\n/);
    const start = lines.findIndex((l) => l.startsWith('Ticker,'));
    let total = 0;
    let be = Number.NaN;
    for (const l of lines.slice(start + 1)) {
      if (!l.startsWith('"')) continue; // the legal text after the table
      const c = l.slice(1).split('","');
      if (c.length < 6) continue;
      const mv = Number(c[4].replace(/,/g, ''));
      total += mv;
      if (c[0] === 'BE') be = mv;
    }
    return { be, total };
  }
  const close = (file: string, date: string, col: number) =>
    Number(
      (readFileSync(`${DATA_DIR}/${file}`, 'utf8').split('\n').find((l) => l.startsWith(date)) as string).split(',')[col],
    );

  it('weight = 1,532,594,919.50 / Σ market value, and the week’s contribution carries it to the base', () => {
    const { be, total } = fromFile();
    expect(be).toBe(1_532_594_919.5);
    const w = be / total;
    // 1,532,594,919.50 / 79,332,456,869.53 = 0.0193186 (the weight column: 1.93)
    expect(total).toBeCloseTo(79_332_456_869.53, 1);
    expect(w).toBeCloseTo(0.0193186, 7);
    expect(num(r, 'contrib.weightSnapshot')).toBeCloseTo(w, 12);
    // The week's base is 2026-07-24; carried from the snapshot by BE's and IWM's closes (raw files).
    expect(fact(r, 'perf.1w.BE.base')?.value).toBe('2026-07-24');
    const wStart =
      (w * (close('prices/BE.csv', '2026-07-24', 1) / close('prices/BE.csv', '2026-05-05', 1))) /
      (close('prices/IWM.csv', '2026-07-24', 4) / close('prices/IWM.csv', '2026-05-05', 4));
    expect(num(r, 'contrib.1w.weightStart')).toBeCloseTo(wStart, 9);
    const rBE = close('prices/BE.csv', '2026-07-31', 1) / close('prices/BE.csv', '2026-07-24', 1) - 1;
    expect(num(r, 'contrib.1w.bps')).toBeCloseTo(wStart * rBE * 10_000, 6);
  });
});
