/**
 * Record highs on the real SPY / IWM files vs DuckDB window functions:
 * record = value > max(value) over all PRECEDING rows; run length via gaps-and-islands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHighs } from '../../src/analytics/records.ts';
import { duck } from './helpers/duck.ts';
import { loadPrices, PRICES } from './helpers/real-data.ts';

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
  for (const s of ['SPY', 'IWM']) {
    for (const basis of ['close', 'high']) {
      await db.run(`
        CREATE TABLE rec_${s}_${basis} AS
        WITH p AS (SELECT CAST(date AS DATE) AS d, ${basis} AS v, close FROM read_csv('${PRICES}/${s}.csv')),
        m AS (SELECT d, v, close, max(v) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max,
                     max(v) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ath,
                     ROW_NUMBER() OVER (ORDER BY d) AS rn FROM p),
        f AS (SELECT *, COALESCE(v > prev_max, FALSE) AS rec FROM m),
        g AS (SELECT *, rn - ROW_NUMBER() OVER (PARTITION BY rec ORDER BY d) AS grp FROM f)
        SELECT strftime(d, '%Y-%m-%d') AS day, rec, close, ath,
               CASE WHEN rec THEN CAST(ROW_NUMBER() OVER (PARTITION BY rec, grp ORDER BY d) AS INTEGER) ELSE 0 END AS run
        FROM g ORDER BY d`);
    }
  }
});
afterAll(() => db.close());

describe('record highs (real data) vs DuckDB', () => {
  for (const sym of ['SPY', 'IWM'] as const) {
    for (const basis of ['close', 'high'] as const) {
      it(`${sym} basis ${basis}: run, ATH and distance on many sessions`, async () => {
        const series = loadPrices(sym);
        const rows = (await db.all(`SELECT * FROM rec_${sym}_${basis}`)) as {
          day: string;
          run: number;
          close: number;
          ath: number;
        }[];
        expect(rows.length).toBe(series.dates.length);
        const idx = new Set<number>();
        for (let i = rows.length - 300; i < rows.length; i++) idx.add(i);
        for (let i = 0; i < rows.length; i += 53) idx.add(i);
        for (const i of idx) {
          const r = recordHighs(series, { basis, asOf: rows[i].day });
          expect(r.current.length, rows[i].day).toBe(rows[i].run);
          expect(r.allTimeHigh.value).toBe(rows[i].ath);
          expect(r.distanceFromHigh).toBeCloseTo(rows[i].close / rows[i].ath - 1, 14);
          expect(r.distanceFromHigh).toBeLessThanOrEqual(0);
        }
      });
    }
  }
  it('measured: SPY and IWM as of 2026-08-21 and 2026-01-22 (basis close)', () => {
    const at = (sym: string, asOf: string) => recordHighs(loadPrices(sym), { basis: 'close', asOf });
    const iwmJan = at('IWM', '2026-01-22');
    expect(iwmJan.current).toEqual({ length: 2, start: '2026-01-21', end: '2026-01-22' });
    expect(iwmJan.allTimeHigh).toEqual({ value: 269.3109436035156, date: '2026-01-22' });
    expect(iwmJan.distanceFromHigh).toBe(0);
    const iwmAug = at('IWM', '2026-08-21');
    expect(iwmAug.current.length).toBe(0);
    expect(iwmAug.allTimeHigh).toEqual({ value: 305.0899963378906, date: '2026-08-14' });
    expect(iwmAug.distanceFromHigh).toBeCloseTo(-0.016815, 6);
    const spyJan = at('SPY', '2026-01-22');
    expect(spyJan.current.length).toBe(0);
    expect(spyJan.allTimeHigh.date).toBe('2026-01-12');
    expect(spyJan.distanceFromHigh).toBeCloseTo(-0.00889, 5);
    const spyAug = at('SPY', '2026-08-21');
    expect(spyAug.allTimeHigh).toEqual({ value: 777.8800048828125, date: '2026-08-13' });
    expect(spyAug.distanceFromHigh).toBeCloseTo(-0.015632, 6);
  });
});
