import { describe, expect, it } from 'vitest';
import { technicalLevels } from '../../src/analytics/levels.ts';
import { UserError } from '../../src/model/errors.ts';
import { DATA, loadClose, series, weekdays } from './helpers/market-files.ts';

// idx:    0   1   2    3     4    5   6    7     8     9
// close: 10, 12, 11, 11.5, 11.8, 11, 13, 12.5, 12.6, 12.2
const cal = weekdays('2024-03-04', 10);
const S = series('LVL', cal, [10, 12, 11, 11.5, 11.8, 11, 13, 12.5, 12.6, 12.2]);
const opts = { lookback: 100, minInside: 3, swingK: 1, clusterPct: 0.02, minTouches: 2 };

describe('technical levels, hand-checked ten-session series', () => {
  const r = technicalLevels(S, cal[9], opts);

  it('breakout: first close above the prior high after ≥ M sessions inside', () => {
    // high 12 set at idx 1; idx 2..5 stay ≤ 12 (4 sessions ≥ M = 3); idx 6 closes 13 > 12 → breakout
    // closes since the breakout 13, 12.5, 12.6, 12.2: none below 12 → still above
    expect(r.breakout).toEqual({
      date: cal[6],
      level: 12,
      close: 13,
      sessionsInsideBefore: 4,
      stillAbove: true,
      firstCloseBelow: null,
      lastCloseAbove: true,
    });
    // the base broken out of: idx 1 (high 12) .. idx 5; its low 11 (idx 2, first of two), not the
    // window's lowest close 10 (idx 0, before the high)
    expect(r.range).toEqual({
      high: 12,
      highDate: cal[1],
      low: 11,
      lowDate: cal[2],
      sessionsInside: 4,
      lookback: 10,
      from: cal[1],
      to: cal[5],
      windowLow: 10,
      windowLowDate: cal[0],
    });
    // measured move: 12 + (12 − 11) = 13 (the whole window's low would give 14)
    expect(r.measuredMoveTarget).toBe(13);
  });

  it('a close back below the breakout level since the breakout: not still above, even if the last close is', () => {
    // idx 7 closes 11.9 < 12, then 12.6 and 12.2 > 12
    const dip = series('DIP', cal, [10, 12, 11, 11.5, 11.8, 11, 13, 11.9, 12.6, 12.2]);
    const b = technicalLevels(dip, cal[9], opts).breakout;
    expect(b).toMatchObject({ date: cal[6], stillAbove: false, firstCloseBelow: cal[7], lastCloseAbove: true });
  });

  it('supports and resistances from clustered swings (k = 1, 2%)', () => {
    // swings: highs 12 (1), 11.8 (4), 13 (6), 12.6 (8); lows 11 (2), 11 (5), 12.5 (7)
    // sorted: 11, 11, 11.8, 12, 12.5, 12.6, 13
    // clusters: {11, 11} (≤ 11×1.02 = 11.22); {11.8, 12} (≤ 12.036); {12.5, 12.6} (≤ 12.75); {13} dropped (1 touch)
    // asOf close 12.2: supports 11.9, 11 (nearest first); resistance 12.55
    expect(r.supports.map((x) => [x.level, x.touches])).toEqual([
      [11.9, 2],
      [11, 2],
    ]);
    expect(r.supports[0].dates).toEqual([cal[1], cal[4]]);
    expect(r.resistances).toHaveLength(1);
    expect(r.resistances[0].level).toBeCloseTo(12.55, 12);
    expect(r.resistances[0]).toMatchObject({ touches: 2, low: 12.5, high: 12.6, dates: [cal[7], cal[8]] });
  });

  it('SMAs are null with fewer than 50/200 closes', () => {
    expect(r.sma50).toBeNull();
    expect(r.sma200).toBeNull();
    expect(r.close).toBe(12.2);
  });

  it('no breakout when M is not met: range is the whole window', () => {
    // the 4 sessions inside are fewer than M = 5
    const n = technicalLevels(S, cal[9], { ...opts, minInside: 5 });
    expect(n.breakout).toBeNull();
    expect(n.measuredMoveTarget).toBeNull();
    // window high 13 (idx 6), low 10 (idx 0); sessions after the high through asOf: 9 − 6 = 3
    expect(n.range).toMatchObject({
      high: 13,
      highDate: cal[6],
      low: 10,
      lowDate: cal[0],
      sessionsInside: 3,
    });
  });

  it('lookback limits the window', () => {
    // last 5 sessions: 11, 13, 12.5, 12.6, 12.2 → 13 is the 2nd close, M = 1 not met (0 sessions inside)
    const w = technicalLevels(S, cal[9], { ...opts, lookback: 5, minInside: 1 });
    expect(w.breakout).toBeNull();
    expect(w.range).toMatchObject({
      high: 13,
      low: 11,
      lowDate: cal[5],
      lookback: 5,
      from: cal[5],
      sessionsInside: 3,
    });
  });

  it('asOf before the breakout reports the range as it stood', () => {
    const b = technicalLevels(S, cal[5], opts);
    expect(b.breakout).toBeNull();
    expect(b.range).toMatchObject({ high: 12, low: 10, sessionsInside: 4, to: cal[5] });
  });

  it('asOf on a weekend resolves to the previous session; out-of-range asOf is an error', () => {
    // cal[4] is Friday 2024-03-08; Saturday 03-09 → 03-08
    expect(technicalLevels(S, '2024-03-09', opts).asOf).toBe('2024-03-08');
    expect(() => technicalLevels(S, '2024-03-30', opts)).toThrow(/after the last close/);
    expect(() => technicalLevels(S, '2024-01-01', opts)).toThrow(/before the first close/);
    expect(() => technicalLevels(S, cal[0], opts)).toThrow(/at least two/);
    expect(() => technicalLevels(S, cal[9], { lookback: 0 })).toThrow(UserError);
    expect(() => technicalLevels(series('E', [], []), cal[9])).toThrow(/no price data/);
  });
});

describe('moving averages', () => {
  it('sma50/sma200 over 250 closes 1..250', () => {
    const c = weekdays('2023-01-02', 250);
    const s = series(
      'SMA',
      c,
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    const r = technicalLevels(s, c[249]);
    // sma50 = mean(201..250) = (201+250)/2 = 225.5; sma200 = mean(51..250) = (51+250)/2 = 150.5
    expect(r.sma50).toBe(225.5);
    expect(r.sma200).toBe(150.5);
    // a steadily rising series breaks no range (every close is a new high, 0 sessions inside)
    expect(r.breakout).toBeNull();
    // provenance reaches back to the first close used by the 200-SMA
    expect(r.provenance.series[0].first).toBe(c[0]);
  });
});

describe('Russell 2000 index (^RUT) on real data: TypeScript vs DuckDB SQL', () => {
  it('first close above the November 2021 record, 2025-09-18, after 967 sessions inside', async () => {
    const rut = { ...loadClose('RUT_INDEX'), adjustment: 'none' as const };
    const r = technicalLevels(rut, '2026-01-22', { lookback: 1260, minInside: 60 });
    expect(r.breakout).toMatchObject({
      date: '2025-09-18',
      level: 2442.739990234375,
      sessionsInsideBefore: 967,
    });
    // the base from the 2021-11-08 record to the day before the breakout; its low 2023-10-27
    expect(r.range).toMatchObject({ highDate: '2021-11-08', from: '2021-11-08', low: 1636.93994140625, lowDate: '2023-10-27' });
    // target = 2442.74 + (2442.74 − 1636.94) = 3248.54
    expect(r.measuredMoveTarget).toBeCloseTo(2 * 2442.739990234375 - 1636.93994140625, 9);
    expect(r.close).toBe(2718.77001953125); // SOURCES.md: ^RUT 2026-01-22 close 2718.77

    // second method: window functions in SQL over the raw file
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    try {
      const rows = (
        await con.runAndReadAll(`
        WITH p AS (SELECT date, close, row_number() OVER (ORDER BY date) AS i
                   FROM read_csv_auto('${DATA}/prices/RUT_INDEX.csv') WHERE date <= DATE '2026-01-22'),
        w AS (SELECT * FROM p WHERE i > (SELECT max(i) FROM p) - 1260),
        r AS (SELECT *, max(close) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prior_max,
                        min(close) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prior_min FROM w),
        h AS (SELECT r.*, (SELECT min(w2.i) FROM w w2 WHERE w2.close = r.prior_max) AS h_i FROM r),
        b AS (SELECT h.*, (SELECT min(w3.close) FROM w w3 WHERE w3.i BETWEEN h.h_i AND h.i - 1) AS base_min FROM h)
        SELECT CAST(date AS VARCHAR) AS date, prior_max, base_min, CAST(i - 1 - h_i AS INTEGER) AS inside,
               (SELECT CAST(min(date) AS VARCHAR) FROM p WHERE p.i >= b.i AND p.close < b.prior_max) AS first_below,
               (SELECT avg(close) FROM (SELECT close FROM p ORDER BY i DESC LIMIT 50)) AS sma50,
               (SELECT avg(close) FROM (SELECT close FROM p ORDER BY i DESC LIMIT 200)) AS sma200
        FROM b WHERE close > prior_max AND i - 1 - h_i >= 60 ORDER BY i DESC LIMIT 1`)
      ).getRowObjects();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        date: r.breakout!.date,
        prior_max: r.breakout!.level,
        base_min: r.range.low,
        inside: 967,
      });
      expect(rows[0].first_below ?? null).toBe(r.breakout!.firstCloseBelow);
      expect(r.breakout!.stillAbove).toBe(rows[0].first_below === null);
      expect(rows[0].sma50 as number).toBeCloseTo(r.sma50!, 9);
      expect(rows[0].sma200 as number).toBeCloseTo(r.sma200!, 9);
    } finally {
      con.closeSync();
      inst.closeSync();
    }
  });
});
