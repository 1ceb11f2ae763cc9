/** Volatility and drawdowns on the real files vs DuckDB (stddev_samp, window functions). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawdown, rollingVolatility, volatility } from '../../src/analytics/volatility.ts';
import { duck } from './helpers/duck.ts';
import { loadPrices, PRICES } from './helpers/real-data.ts';

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
  for (const s of ['SPY', 'IWM'])
    await db.run(`CREATE TABLE r_${s} AS
      WITH p AS (SELECT CAST(date AS DATE) AS d, close FROM read_csv('${PRICES}/${s}.csv'))
      SELECT d, close, close / LAG(close) OVER (ORDER BY d) - 1 AS r FROM p`);
});
afterAll(() => db.close());

describe('volatility (real data)', () => {
  for (const sym of ['SPY', 'IWM'] as const) {
    it(`${sym}: calendar 2025 and all data match stddev_samp`, async () => {
      const s = loadPrices(sym);
      const v = volatility(s, { from: '2025-01-01', to: '2025-12-31' });
      const [x] = await db.all(
        `SELECT stddev_samp(r) AS sd, CAST(count(r) AS INTEGER) AS n FROM r_${sym} WHERE d BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'`,
      );
      expect(v.n).toBe(x.n);
      expect(v.n).toBe(250);
      expect(v.dailyStdev).toBeCloseTo(x.sd as number, 13);
      expect(v.annualised).toBeCloseTo((x.sd as number) * Math.sqrt(252), 12);
      const all = volatility(s);
      const [y] = await db.all(`SELECT stddev_samp(r) AS sd, CAST(count(r) AS INTEGER) AS n FROM r_${sym}`);
      expect(all.n).toBe(y.n);
      expect(all.dailyStdev).toBeCloseTo(y.sd as number, 13);
    });
    it(`${sym}: rolling 21-session volatility matches a DuckDB window`, async () => {
      const s = loadPrices(sym);
      const r = rollingVolatility(s, { window: 21 });
      const rows = (await db.all(`
        SELECT strftime(d, '%Y-%m-%d') AS day,
               CASE WHEN count(r) OVER w = 21 THEN stddev_samp(r) OVER w END AS sd
        FROM r_${sym} WINDOW w AS (ORDER BY d ROWS BETWEEN 20 PRECEDING AND CURRENT ROW) ORDER BY d`)) as {
        day: string;
        sd: number | null;
      }[];
      expect(r.dates).toEqual(rows.map((x) => x.day));
      for (let i = 0; i < rows.length; i++) {
        if (rows[i].sd === null) expect(Number.isNaN(r.daily[i])).toBe(true);
        else expect(r.daily[i]).toBeCloseTo(rows[i].sd as number, 12);
      }
    });
  }
});

describe('drawdowns (real data)', () => {
  for (const sym of ['SPY', 'IWM'] as const) {
    it(`${sym}: maximum drawdown, peak, trough and recovery match SQL`, async () => {
      const r = drawdown(loadPrices(sym));
      const [x] = await db.all(`
        WITH m AS (SELECT d, close, max(close) OVER (ORDER BY d ROWS UNBOUNDED PRECEDING) AS pk FROM r_${sym}),
        t AS (SELECT d, close, pk, close / pk - 1 AS dd FROM m ORDER BY dd, d LIMIT 1),
        p AS (SELECT min(m.d) AS d FROM m, t WHERE m.close = t.pk AND m.d <= t.d),
        rc AS (SELECT min(m.d) AS d FROM m, t WHERE m.d > t.d AND m.close >= t.pk)
        SELECT (SELECT dd FROM t) AS dd, strftime((SELECT d FROM t), '%Y-%m-%d') AS trough,
               strftime((SELECT d FROM p), '%Y-%m-%d') AS peak, strftime((SELECT d FROM rc), '%Y-%m-%d') AS rec`);
      expect(r.max.drawdown).toBeCloseTo(x.dd as number, 14);
      expect(r.max.trough?.date).toBe(x.trough);
      expect(r.max.peak?.date).toBe(x.peak);
      expect(r.max.recovery).toBe(x.rec);
    });
  }
  it('measured: SPY 2007-10-09 → 2009-03-09, about −55%', () => {
    const r = drawdown(loadPrices('SPY'));
    expect(r.max.peak?.date).toBe('2007-10-09');
    expect(r.max.trough?.date).toBe('2009-03-09');
    expect(r.max.drawdown).toBeGreaterThan(-0.56);
    expect(r.max.drawdown).toBeLessThan(-0.54);
  });
});
