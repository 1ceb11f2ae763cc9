/**
 * Hand-sized inputs whose answers are worked out in the comments: breadth above the N-day average,
 * sector-leader changes, flows over N records, the spread in points, the watchlist universe form,
 * and and/or on the union of sessions.
 */
import { describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/analytics/series.ts';
import { compile } from '../../src/alerts/compile.ts';
import type { AlertData } from '../../src/alerts/data.ts';
import { replay } from '../../src/alerts/evaluate.ts';
import { parseCondition } from '../../src/alerts/parser.ts';
import { breadthTrack, flowsTrack, sectorLeaderTrack } from '../../src/alerts/tracks-market.ts';
import { spreadTrack } from '../../src/alerts/tracks-price.ts';

const ps = (symbol: string, dates: string[], close: number[]): PriceSeries => ({ symbol, source: 'hand', adjustment: 'none', dates, close: Float64Array.from(close), open: null, high: null, low: null, volume: null });
const D = ['2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05', '2026-01-06'];

describe('hand-checked tracks', () => {
  it('breadth above the 2-day average', () => {
    // A: 1,2,3,2,5 → SMA2 from day 2: 1.5,2.5,2.5,3.5 → above: y,y,n,y
    // B: 5,4,3,4,1 → SMA2: 4.5,3.5,3.5,2.5 → above: n,n,y,n
    // C: only the last 3 days: 1,1,2 → SMA2: 1,1.5 → above: n,y
    const t = breadthTrack('hand', [ps('A', D, [1, 2, 3, 2, 5]), ps('B', D, [5, 4, 3, 4, 1]), ps('C', D.slice(2), [1, 1, 2])], 2, { op: '<=', value: 40 });
    expect(t.dates).toEqual(D);
    expect([...t.value]).toEqual([Number.NaN, 50, 50, (1 / 3) * 100, (2 / 3) * 100]);
    expect([...t.holds]).toEqual([0, 0, 0, 1, 0]);
  });

  it('sector-leader changes when another fund has the best YTD return (same year)', () => {
    // base = 2025-12-31 close. X: 100→101,103,104 (+1,+3,+4%); Y: 50→52,51,53 (+4,+2,+6%)
    const x = ps('XLK', D, [99, 100, 101, 103, 104]);
    const y = ps('XLE', D, [49, 50, 52, 51, 53]);
    const t = sectorLeaderTrack([x, y]);
    // leaders: 12-31 (2025 ytd: X +1.01%, Y +2.04% → Y), 01-02 Y, 01-05 X, 01-06 Y
    expect(t.dates.filter((_, i) => t.holds[i])).toEqual(['2026-01-05', '2026-01-06']);
    expect(t.detail(3).message).toMatch(/^XLK took the lead among sector funds YTD on 2026-01-05 \(\+3\.00%\), from XLE/);
  });

  it('flows over the last 2 records', () => {
    const flows = [1e9, -2e8, 5e8, 7e8].map((flow, i) => ({ fund: 'IWM', date: D[i], flow, aum: null }));
    const t = flowsTrack('IWM', flows, 2, { op: '>=', value: 1e9 });
    expect([...t.value]).toEqual([Number.NaN, 8e8, 3e8, 1.2e9]);
    expect([...t.holds]).toEqual([0, 0, 0, 1]);
  });

  it('spread in points: return A − return B', () => {
    // ytd from 2025-12-31: A 10→11 (+10%), B 20→21 (+5%) on 01-02 → +5 pts
    const t = spreadTrack(ps('A', D.slice(0, 3), [9, 10, 11]), ps('B', D.slice(0, 3), [19, 20, 21]), 'ytd', { op: '>=', value: 5 });
    expect(t.value[2]).toBeCloseTo(5, 12);
    expect(t.holds[2]).toBe(1);
  });

  it('record * close in watchlist: any member with a record; and/or on the union of sessions', async () => {
    const series: Record<string, PriceSeries> = {
      AAA: ps('AAA', D, [10, 11, 10, 12, 12]), // records on 12-31, 01-05
      BBB: ps('BBB', D.slice(1), [5, 6, 7, 6]), // records on 01-02, 01-05
    };
    const data: AlertData = {
      price: async (n) => series[n],
      any: async (n) => series[n],
      universe: async () => ({ label: '', series: [] }),
      sectorFunds: async () => [],
      flows: async () => [],
      watchlist: async (n) => (n === 'mine' ? ['AAA', 'BBB'] : []),
    };
    const any = await compile(parseCondition('record * close in watchlist:mine'), data);
    expect(any.dates.filter((_, i) => any.holds[i]).map((d) => [d, any.detail(any.dates.indexOf(d)).value])).toEqual([['2025-12-31', 1], ['2026-01-02', 1], ['2026-01-05', 2]]);
    expect(any.detail(3).message).toMatch(/AAA set a record close.*; BBB set a record close/);
    // The rule (and so its replay) fires member by member: one event per member, naming it.
    const r = await replay(data, { when: 'record * close in watchlist:mine', frequency: 'every-session', from: '2025-01-01', to: '2026-12-31' });
    expect(r.events.map((e) => [e.date, e.subject, e.value])).toEqual([['2025-12-31', 'AAA', 11], ['2026-01-02', 'BBB', 6], ['2026-01-05', 'AAA', 12], ['2026-01-05', 'BBB', 7]]);
    expect(r.events[3].message).toMatch(/^watchlist mine: BBB set a record close of 7\.00 on 2026-01-05/);
    expect(r.sessions).toBe(5);
    // on-change per member: AAA 12-31 (no record 01-02) and again 01-05; BBB 01-02 and 01-05 continues its run.
    const changed = await replay(data, { when: 'record * close in watchlist:mine', frequency: 'on-change', from: '2025-01-01', to: '2026-12-31' });
    expect(changed.events.map((e) => [e.date, e.subject])).toEqual([['2025-12-31', 'AAA'], ['2026-01-02', 'BBB'], ['2026-01-05', 'AAA']]);
    const first = await replay(data, { when: 'record * close in watchlist:mine', frequency: 'once', from: '2026-01-03', to: '2026-12-31' });
    expect(first.events.map((e) => [e.date, e.subject])).toEqual([['2026-01-05', 'AAA'], ['2026-01-05', 'BBB']]);
    const both = await compile(parseCondition('record AAA close and record BBB close'), data);
    expect(both.dates.filter((_, i) => both.holds[i])).toEqual(['2026-01-05']);
    const either = await compile(parseCondition('record AAA close or record BBB close'), data);
    expect(either.dates.filter((_, i) => either.holds[i])).toEqual(['2025-12-31', '2026-01-02', '2026-01-05']);
    const once = await replay(data, { when: 'record AAA close or record BBB close', frequency: 'once', from: '2026-01-01', to: '2026-12-31' });
    expect(once.events.map((e) => e.date)).toEqual(['2026-01-02']);
    const cooled = await replay(data, { when: 'record AAA close or record BBB close', frequency: 'every-session', cooldown: 1, from: '2025-01-01', to: '2026-12-31' });
    expect(cooled.events.map((e) => e.date)).toEqual(['2025-12-31', '2026-01-05']); // 01-02 is 1 session after a fire
  });
});
