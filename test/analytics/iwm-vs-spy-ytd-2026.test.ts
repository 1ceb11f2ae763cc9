/**
 * YTD 2026 as of 2026-01-22 on the real files. SOURCES.md: IWM close 245.723 on 2025-12-31 and
 * 269.311 on 2026-01-22 (+9.60%); SPY 680.063 → 687.104 (+1.04%).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perf } from '../../src/analytics/perf.ts';
import { duck } from './helpers/duck.ts';
import { loadPrices, PRICES, readPriceRows } from './helpers/real-data.ts';

const iwm = loadPrices('IWM');
const spy = loadPrices('SPY');

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
});
afterAll(() => db.close());

describe('IWM vs SPY year to date, as of 2026-01-22', () => {
  const r = perf([iwm, spy], { period: 'ytd', asOf: '2026-01-22' });

  it('bases on the 2025-12-31 close and ends on 2026-01-22', () => {
    expect(r.rows.map((x) => [x.symbol, x.start, x.end])).toEqual([
      ['IWM', '2025-12-31', '2026-01-22'],
      ['SPY', '2025-12-31', '2026-01-22'],
    ]);
    expect(r.rows[0].startPrice).toBeCloseTo(245.723, 3);
    expect(r.rows[0].endPrice).toBeCloseTo(269.311, 3);
    expect(r.rows[1].startPrice).toBeCloseTo(680.063, 3);
    expect(r.rows[1].endPrice).toBeCloseTo(687.104, 3);
  });

  it('returns match the SOURCES.md closes to 4 decimals: IWM +9.60%, SPY +1.04%', () => {
    expect(r.rows[0].return).toBeCloseTo(269.311 / 245.723 - 1, 4); // 0.095994
    expect(r.rows[1].return).toBeCloseTo(687.104 / 680.063 - 1, 4); // 0.010354
    expect(Math.round(r.rows[0].return * 10000) / 100).toBe(9.6);
    expect(Math.round(r.rows[1].return * 10000) / 100).toBe(1.04);
    expect(r.spreads).toHaveLength(1);
    expect(r.spreads[0].a).toBe('IWM');
    expect(r.spreads[0].spreadPts).toBeCloseTo((269.311 / 245.723 - 687.104 / 680.063) * 100, 2); // ≈ 8.56 pts
    expect(r.provenance.returnType).toBe('total return');
  });

  it('equals the return computed from the raw CSV text exactly', () => {
    for (const [i, sym] of (['IWM', 'SPY'] as const).entries()) {
      const rows = readPriceRows(sym);
      const close = (d: string) => Number((rows.find((x) => x[0] === d) as string[])[4]);
      expect(r.rows[i].return).toBe(close('2026-01-22') / close('2025-12-31') - 1);
    }
  });

  it('equals DuckDB: last close of 2025 and close on asOf, straight from the CSV', async () => {
    for (const [i, sym] of (['IWM', 'SPY'] as const).entries()) {
      const [x] = await db.all(`
        WITH p AS (SELECT CAST(date AS DATE) AS d, close FROM read_csv('${PRICES}/${sym}.csv'))
        SELECT (SELECT close FROM p WHERE d = DATE '2026-01-22') /
               (SELECT close FROM p WHERE d < DATE '2026-01-01' ORDER BY d DESC LIMIT 1) - 1 AS ret`);
      expect(r.rows[i].return).toBeCloseTo(x.ret as number, 14);
    }
  });

  it('other periods as of 2026-01-22 agree with DuckDB (base on/before the calendar target)', async () => {
    const targets: Record<string, string> = {
      '1w': '2026-01-15',
      '1m': '2025-12-22',
      '1y': '2025-01-22',
      '5y': '2021-01-22',
    };
    for (const [period, target] of Object.entries(targets)) {
      const p = perf([iwm, spy], { period: period as '1w', asOf: '2026-01-22' });
      for (const [i, sym] of (['IWM', 'SPY'] as const).entries()) {
        const [x] = await db.all(`
          WITH p AS (SELECT CAST(date AS DATE) AS d, close FROM read_csv('${PRICES}/${sym}.csv')),
               b AS (SELECT d, close FROM p WHERE d <= DATE '${target}' ORDER BY d DESC LIMIT 1)
          SELECT strftime((SELECT d FROM b), '%Y-%m-%d') AS base,
                 (SELECT close FROM p WHERE d = DATE '2026-01-22') / (SELECT close FROM b) - 1 AS ret`);
        expect(p.rows[i].start, `${sym} ${period}`).toBe(x.base);
        expect(p.rows[i].return).toBeCloseTo(x.ret as number, 14);
      }
    }
  });

  it('asOf defaults to the latest common session (2026-08-21)', () => {
    expect(perf([iwm, spy], { period: 'mtd' }).asOf).toBe('2026-08-21');
    expect(() => perf([iwm, spy], { period: 'ytd', asOf: '2026-01-19' })).toThrow(/not a session of IWM/); // MLK day
    expect(() => perf([iwm, spy], { period: 'ytd', asOf: '1999-01-04' })).toThrow(
      /before the data of IWM \(first date 2000-05-26\)/,
    );
  });
});
