/**
 * IWM-over-SPY analogs on the real files: episodes from DuckDB SQL streaks, forward returns from the
 * raw CSV closes on the common dates, summary recomputed here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analogs } from '../../src/analytics/analogs.ts';
import { streakSql } from '../../src/store/duckdb/sql-twins/streak-sql.ts';
import { duck } from './helpers/duck.ts';
import { loadPrices, PRICES, readPriceRows } from './helpers/real-data.ts';

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
});
afterAll(() => db.close());

const src = (s: string) => ({ source: `read_csv('${PRICES}/${s}.csv')` });

describe('analogs IWM over SPY, 8-session streaks (real data)', () => {
  const horizons = [21, 63, 126, 252];
  const r = analogs(loadPrices('IWM'), loadPrices('SPY'), { minStreak: 8, horizons });

  it('episodes and forward returns agree with the SQL streaks and the raw closes', async () => {
    const spy = new Map(readPriceRows('SPY').map((x) => [x[0], Number(x[4])]));
    const common = readPriceRows('IWM')
      .filter((x) => spy.has(x[0]))
      .map((x) => ({ date: x[0], a: Number(x[4]), b: spy.get(x[0]) as number }));
    const pos = new Map(common.map((c, i) => [c.date, i]));
    const runs = (await db.all(streakSql({ a: src('IWM'), b: src('SPY'), min: 8 }))) as {
      start: string;
      length: number;
    }[];
    const expected = runs.reverse().map((run) => {
      const t = (pos.get(run.start) as number) + 7;
      return {
        reachedOn: common[t].date,
        streakLength: run.length,
        spreads: horizons.map((h) =>
          t + h < common.length
            ? (common[t + h].a / common[t].a - common[t + h].b / common[t].b) * 100
            : null,
        ),
      };
    });
    expect(r.episodes.map((e) => [e.reachedOn, e.streakLength])).toEqual(
      expected.map((e) => [e.reachedOn, e.streakLength]),
    );
    for (const [i, e] of r.episodes.entries()) {
      for (const [k, f] of e.forward.entries()) {
        const x = expected[i].spreads[k];
        if (x === null) expect(f.spreadPts).toBeNull();
        else expect(f.spreadPts as number).toBeCloseTo(x, 10);
      }
    }
    // summary recomputed
    horizons.forEach((h, k) => {
      const v = expected.map((e) => e.spreads[k]).filter((x): x is number => x !== null);
      const s = r.summary[k];
      expect(s.horizon).toBe(h);
      expect(s.count).toBe(v.length);
      expect(s.excludedIncomplete).toBe(expected.length - v.length);
      expect(s.meanSpreadPts as number).toBeCloseTo(v.reduce((p, q) => p + q, 0) / v.length, 10);
      expect(s.hitRate as number).toBeCloseTo(v.filter((x) => x > 0).length / v.length, 15);
      const sorted = [...v].sort((p, q) => p - q);
      const med =
        sorted.length % 2
          ? sorted[(sorted.length - 1) / 2]
          : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      expect(s.medianSpreadPts as number).toBeCloseTo(med, 10);
      expect(s.min as number).toBeCloseTo(sorted[0], 10);
      expect(s.max as number).toBeCloseTo(sorted[sorted.length - 1], 10);
    });
  });

  it('measured: 11 episodes since 2000; the January 2026 one reached 8 on 2026-01-13', () => {
    expect(r.episodes).toHaveLength(11);
    const jan = r.episodes[r.episodes.length - 1];
    expect(jan).toMatchObject({
      streakStart: '2026-01-02',
      reachedOn: '2026-01-13',
      streakLength: 14,
      ongoing: false,
    });
    expect(jan.forward[0].end).toBe('2026-02-12'); // 21 common sessions later
    expect(jan.forward[3].spreadPts).toBeNull(); // 252 sessions run past 2026-08-21
    expect(r.summary[3].excludedIncomplete).toBe(1);
  });
});
