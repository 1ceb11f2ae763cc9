/**
 * The volatility result's rolling series is columns (dates, daily, annualised: like /api/bars), no
 * longer one object per session. Over SPY's whole history (8,400+ sessions, the bench's 1 MB case) and
 * IWM's last year with a 63-session window, the columns hold exactly the numbers of the old rows,
 * computed here the old way (the series as the facts load it, rollingVolatility, sessions from the
 * drawdown's start with a finite value),
 * in the same order; the CLI's --json and the API return the same document (contract test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawdown, rollingVolatility } from '../../src/analytics/volatility.ts';
import { volatilityFacts } from '../../src/facts/core.ts';
import { loadPriceLike } from '../../src/facts/load.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { openSharedStore } from '../helpers/shared-store.ts';

let store: DuckDbStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openSharedStore(['prices/SPY.csv', 'prices/IWM.csv']));
}, 120_000);
afterAll(() => cleanup?.());

/** The rows as the result held them before: one per session from the drawdown's start, finite values only. */
function oldRows(s: Awaited<ReturnType<typeof loadPriceLike>>, q: { period?: 'max' | '1y'; window: number }) {
  const from = drawdown(s, { period: q.period }).start;
  const r = rollingVolatility(s, { window: q.window });
  const rows: { date: string; daily: number; annualised: number }[] = [];
  for (let i = 0; i < r.dates.length; i++) {
    if (r.dates[i] < from || !Number.isFinite(r.daily[i])) continue;
    rows.push({ date: r.dates[i], daily: r.daily[i], annualised: r.annualised[i] });
  }
  return rows;
}

describe('volatility: rolling series as columns', () => {
  for (const [symbol, period, window] of [
    ['SPY', 'max', 21],
    ['IWM', '1y', 63],
  ] as const) {
    it(`${symbol} period=${period} window=${window}: the columns are the old rows' numbers, session by session`, async () => {
      const doc = await volatilityFacts(store, { symbol, period, window: String(window) });
      const rows = oldRows(await loadPriceLike(store, symbol), { period, window });
      expect(rows.length).toBeGreaterThan(period === 'max' ? 8000 : 200);
      const { dates, daily, annualised } = doc.rolling;
      expect(dates).toEqual(rows.map((r) => r.date));
      expect(daily).toEqual(rows.map((r) => r.daily));
      expect(annualised).toEqual(rows.map((r) => r.annualised));
      // An independent check of one number: annualised = daily × √252.
      expect(annualised.at(-1)).toBeCloseTo((daily.at(-1) as number) * Math.sqrt(252), 14);
      expect(Object.keys(doc.rolling)).toEqual(['window', 'dates', 'daily', 'annualised', 'provenance']);
    }, 60_000);
  }
});
