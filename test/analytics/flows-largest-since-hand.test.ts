import { describe, expect, it } from 'vitest';
import { computeFlows } from '../../src/analytics/flows.ts';
import { UserError } from '../../src/model/errors.ts';
import type { Flow } from '../../src/model/types.ts';
import { weekdays } from './helpers/market-files.ts';

const d = weekdays('2026-03-02', 8); // d[0]..d[7] = Mar 2..11 (weekdays)
const rows = (fund: string, flows: (number | null)[]): Flow[] =>
  flows.flatMap((flow, i) => (flow === null ? [] : [{ fund, date: d[i], flow, aum: null }]));

// F1: 10, 20, −5, 30, 0, 25, 5, 20   → 2-session totals (ending d1..d7): 30, 15, 25, 30, 25, 30, 25
// F2: −10, −20, −30, 5, −1, −40, −10, (none on d7) → −30, −50, −25, 4, −41, −50, n/a
const F1 = rows('F1', [10, 20, -5, 30, 0, 25, 5, 20]);
const F2 = rows('F2', [-10, -20, -30, 5, -1, -40, -10, null]);

describe('fund flows over an N-session window, with "largest since"', () => {
  it('totals, ranking, and largest since in the same direction', () => {
    const r = computeFlows({ flows: [...F1, ...F2], asOf: d[6], window: 2, source: 'test' });
    expect(r.window).toEqual({ sessions: 2, start: d[5], end: d[6] });
    // F1 at d6: 25 + 5 = 30 (inflow). Back: d5 25 < 30; d4 0+30 = 30 ≥ 30 → largest since the window ending d4
    // F2 at d6: −40 + −10 = −50 (outflow). Back: d5 −41, d4 4, d3 −25 (none ≤ −50); d2 −50 ≤ −50 → window ending d2
    expect(r.rows).toEqual([
      {
        fund: 'F1',
        total: 30,
        rank: 1,
        direction: 'inflow',
        largestSince: { date: d[4], start: d[3], total: 30 },
        comparedBackTo: d[4],
      },
      {
        fund: 'F2',
        total: -50,
        rank: 2,
        direction: 'outflow',
        largestSince: { date: d[2], start: d[1], total: -50 },
        comparedBackTo: d[2],
      },
    ]);
    // sum: 2-session totals of F1+F2 ending d1..d6: 0, −35, 0, 34, −16, −20
    // at d6 −20 (outflow); back: d5 −16, d4 34, d3 0 (none ≤ −20); d2 −35 ≤ −20 → window ending d2
    expect(r.sum).toEqual({
      total: -20,
      direction: 'outflow',
      largestSince: { date: d[2], start: d[1], total: -35 },
      comparedBackTo: d[2],
      funds: 2,
    });
    expect(r.provenance.series).toEqual([
      { symbol: 'F1', source: 'test', first: d[0], last: d[7] },
      { symbol: 'F2', source: 'test', first: d[0], last: d[6] },
    ]);
  });

  it('largest in the data: null, with how far back it was compared', () => {
    // F2 at d2: −50; back: d1 −30 → no earlier window as large → null; compared back to d1 (the first window)
    const r = computeFlows({ flows: F2, asOf: d[2], window: 2 });
    expect(r.rows[0]).toMatchObject({ total: -50, largestSince: null, comparedBackTo: d[1] });
    // first possible window: nothing earlier to compare
    const first = computeFlows({ flows: F2, asOf: d[1], window: 2 });
    expect(first.rows[0]).toMatchObject({ total: -30, largestSince: null, comparedBackTo: null });
  });

  it('an incomplete window has no total, lists the missing session, and leaves the sum undefined', () => {
    // at d7 F2 has no row → total null; F1 at d7: 5 + 20 = 25; back: d6 30 ≥ 25 → since d6
    const r = computeFlows({ flows: [...F1, ...F2], asOf: d[7], window: 2 });
    expect(r.rows[0]).toMatchObject({
      fund: 'F1',
      total: 25,
      rank: 1,
      largestSince: { date: d[6], total: 30 },
    });
    expect(r.rows[1]).toMatchObject({
      fund: 'F2',
      total: null,
      rank: null,
      largestSince: null,
      missingSessions: [d[7]],
    });
    expect(r.sum.total).toBeNull();
    expect(r.provenance.notes.join(' ')).toMatch(/sum not available/);
  });

  it("a gap stops the backward walk; missingAsZero fills only inside the fund's span", () => {
    // F3 has no row on d2: 1, 2, —, 1, 1, 1, 9  (calendar d0..d6 given)
    // 2-session totals ending d1..d6: 3, n/a, n/a, 2, 2, 10 → at d6 10; back d5 2, d4 2, d3 incomplete → stop
    const F3 = rows('F3', [1, 2, null, 1, 1, 1, 9]);
    const cal = d.slice(0, 7);
    const strict = computeFlows({ flows: F3, asOf: d[6], window: 2, calendar: cal });
    expect(strict.rows[0]).toMatchObject({ total: 10, largestSince: null, comparedBackTo: d[4] });
    // with d2 = 0: totals 3, 2, 1, 2, 2, 10 → largest back to the first window (d1)
    const zero = computeFlows({ flows: F3, asOf: d[6], window: 2, calendar: cal, missingAsZero: true });
    expect(zero.rows[0]).toMatchObject({ total: 10, largestSince: null, comparedBackTo: d[1] });
    // before the fund's first row nothing is filled: F2 has no d7 row → still missing at d7
    const tail = computeFlows({ flows: [...F1, ...F2], asOf: d[7], window: 2, missingAsZero: true });
    expect(tail.rows.find((x) => x.fund === 'F2')?.total).toBeNull();
  });

  it('a zero total has no direction and no "largest since"', () => {
    const r = computeFlows({ flows: rows('Z', [5, -5, 0]), asOf: d[1], window: 2 });
    expect(r.rows[0]).toMatchObject({ total: 0, direction: 'none', largestSince: null });
  });

  it('asOf on a non-flow date resolves to the previous one', () => {
    // d[4] is Friday 2026-03-06; Saturday 03-07 → window ends d4
    const r = computeFlows({ flows: F1, asOf: '2026-03-07', window: 2 });
    expect(r.asOf).toBe(d[4]);
    expect(r.rows[0].total).toBe(30); // 30 + 0
  });

  it('errors', () => {
    expect(() => computeFlows({ flows: [], asOf: d[1], window: 2 })).toThrow(UserError);
    expect(() => computeFlows({ flows: F1, asOf: d[1], window: 0 })).toThrow(/window/);
    expect(() => computeFlows({ flows: F1, asOf: d[0], window: 2 })).toThrow(/needs 2 sessions/);
    expect(() => computeFlows({ flows: F1, asOf: '2026-04-01', window: 2 })).toThrow(
      /after the last flow date/,
    );
    expect(() => computeFlows({ flows: F1, asOf: d[3], window: 2, funds: ['NOPE'] })).toThrow(
      /no flow data for fund NOPE/,
    );
    expect(() => computeFlows({ flows: [...F1, F1[0]], asOf: d[3], window: 2 })).toThrow(/two rows/);
    expect(() => computeFlows({ flows: F1, asOf: 'yesterday', window: 2 })).toThrow(/not a valid date/);
  });
});
