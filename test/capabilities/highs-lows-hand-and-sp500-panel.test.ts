/**
 * highs-lows: per session, members at a new N-session closing high / low.
 * (1) A hand case: three members, window 3, every count worked out below.
 * (2) The real 505-stock panel, window 252: the counts equal breadth.ts's new 52-week highs/lows
 *     (an independent implementation) on each of the last 10 sessions of the panel, and the
 *     as-of session's symbols equal breadth's lists.
 */
import { describe, expect, it } from 'vitest';
import { computeBreadth } from '../../src/analytics/breadth.ts';
import { newHighsLows } from '../../src/capabilities/highs-lows.ts';
import type { PriceSeries } from '../../src/model/series.ts';
import { loadPanel } from '../analytics/helpers/market-files.ts';

const D = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12'];
const s = (symbol: string, dates: string[], close: number[]): PriceSeries => ({
  symbol, source: 'hand', adjustment: 'split+dividend', dates, close: Float64Array.from(close),
  open: null, high: null, low: null, volume: null,
});

describe('highs-lows by hand (window 3: close vs the previous 2 closes of the member)', () => {
  const A = s('A', D, [10, 11, 12, 11, 13, 9]); // d3 12>11 high; d4 11 = min(11,12) neither; d5 13>12 high; d6 9<11 low
  const B = s('B', D, [5, 4, 3, Number.NaN, 6, 6]); // d3 3<4 low; d4 no close; d5 6 > max(4,3) high; d6 6 = max(3,6) neither
  const C = s('C', D.slice(3), [20, 21, 19]); // d4, d5 too short; d6 19 < min(20,21) low
  const opts = { window: 3, sessions: 4, asOf: '2026-01-12', universe: 'hand', members: 3 };

  it('counts per session, eligible and too-short members', () => {
    const r = newHighsLows([A, B, C], opts);
    expect(r.rows).toEqual([
      { date: '2026-01-07', highs: 1, lows: 1, eligible: 2, insufficient: 0 },
      { date: '2026-01-08', highs: 0, lows: 0, eligible: 1, insufficient: 1 },
      { date: '2026-01-09', highs: 2, lows: 0, eligible: 2, insufficient: 1 },
      { date: '2026-01-12', highs: 0, lows: 2, eligible: 3, insufficient: 0 },
    ]);
    expect(r.latest).toEqual({ date: '2026-01-12', highs: [], lows: ['A', 'C'] });
    expect(r.provenance.series.map((x) => [x.symbol, x.first, x.last])).toEqual([
      ['A', '2026-01-05', '2026-01-12'],
      ['B', '2026-01-05', '2026-01-12'],
      ['C', '2026-01-08', '2026-01-12'],
    ]);
  });

  it('an as-of between sessions uses the last session on or before it', () => {
    const r = newHighsLows([A, B, C], { ...opts, sessions: 2, asOf: '2026-01-10' });
    expect(r.asOf).toBe('2026-01-09');
    expect(r.rows.map((x) => [x.date, x.highs, x.lows])).toEqual([
      ['2026-01-08', 0, 0],
      ['2026-01-09', 2, 0],
    ]);
    expect(r.latest).toEqual({ date: '2026-01-09', highs: ['A', 'B'], lows: [] });
  });
});

describe('highs-lows on the 505-stock panel equals breadth.ts new 52-week highs/lows', () => {
  it('last 10 sessions, window 252', () => {
    const panel = loadPanel();
    const last = panel.map((x) => x.dates[x.dates.length - 1]).sort().at(-1)!;
    const r = newHighsLows(panel, { window: 252, sessions: 10, asOf: last, universe: 'panel', members: panel.length });
    expect(r.rows).toHaveLength(10);
    expect(r.rows.some((x) => x.highs > 0) && r.rows.some((x) => x.lows > 0)).toBe(true);
    for (const row of r.rows) {
      const b = computeBreadth({ universe: 'panel', members: panel.map((x) => x.symbol), series: panel, period: 'ytd', asOf: row.date });
      expect([row.date, row.highs, row.lows, row.eligible]).toEqual([row.date, b.newHighs.count, b.newLows.count, b.newHighs.eligible]);
      if (row.date === r.asOf) {
        expect(r.latest.highs).toEqual([...b.newHighs.symbols].sort());
        expect(r.latest.lows).toEqual([...b.newLows.symbols].sort());
      }
    }
  });
});
