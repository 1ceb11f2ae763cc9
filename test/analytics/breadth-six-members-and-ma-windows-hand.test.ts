import { describe, expect, it } from 'vitest';
import { computeBreadth } from '../../src/analytics/breadth.ts';
import { UserError } from '../../src/model/errors.ts';
import { series, weekdays } from './helpers/market-files.ts';

// Five sessions: 01-02, 01-03, 01-04, 01-05, 01-08 (2024, weekdays)
//   A: 10, 11, 12, 11, 13
//   B: 20, 19, 19, 18, 17
//   C:  5,  5,  6,  7,  7
//   D:  8,  9,  —, 10,  9   (no row on 01-04)
//   F:  —,  —, 30, 31, 29   (starts 01-04)
//   E: no series at all
const S = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
const SMALL = [
  series('A', S, [10, 11, 12, 11, 13]),
  series('B', S, [20, 19, 19, 18, 17]),
  series('C', S, [5, 5, 6, 7, 7]),
  series('D', ['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08'], [8, 9, 10, 9]),
  series('F', ['2024-01-04', '2024-01-05', '2024-01-08'], [30, 31, 29]),
  series('NOTMEMBER', S, [1, 2, 3, 4, 5]),
];
const MEMBERS = ['A', 'B', 'C', 'D', 'E', 'F'];

describe('breadth on a hand-checked six-member universe', () => {
  // period {from 2024-01-03}: base = last session BEFORE 01-03 = 01-02 (perf.ts convention); end 01-08
  const r = computeBreadth({
    universe: 'hand',
    members: MEMBERS,
    series: SMALL,
    period: { from: '2024-01-03' },
    asOf: '2024-01-08',
  });

  it('period: share up among members with data; missing members listed with the reason', () => {
    // base 01-02 → 01-08: A 10→13 up, B 20→17 down, C 5→7 up, D 8→9 up; F no close on 01-02; E no series
    expect(r.period).toEqual({ start: '2024-01-02', end: '2024-01-08' });
    expect(r.members).toBe(6);
    expect(r.withData).toBe(4);
    expect([r.up, r.down, r.flat]).toEqual([3, 1, 0]);
    expect(r.shareUp).toBe(0.75); // 3/4
    expect(r.missing).toEqual([
      { symbol: 'E', reason: 'no price series' },
      { symbol: 'F', reason: 'no close on 2024-01-02' },
    ]);
  });

  it('advancers/decliners per session and the cumulative A/D line', () => {
    // 01-03 vs 01-02: A up, B down, C equal, D up (F no prior close)      → 2 adv, 1 dec, 1 unch; cum +1
    // 01-04 vs 01-03: A up, B equal, C up, D no close, F no prior close   → 2 adv, 0 dec, 1 unch; cum +3
    // 01-05 vs 01-04: A down, B down, C up, D no prior close, F up        → 2 adv, 2 dec, 0 unch; cum +3
    // 01-08 vs 01-05: A up, B down, C equal, D down, F down               → 1 adv, 3 dec, 1 unch; cum +1
    expect(r.adLine).toEqual([
      { date: '2024-01-03', advancers: 2, decliners: 1, unchanged: 1, cumulative: 1 },
      { date: '2024-01-04', advancers: 2, decliners: 0, unchanged: 1, cumulative: 3 },
      { date: '2024-01-05', advancers: 2, decliners: 2, unchanged: 0, cumulative: 3 },
      { date: '2024-01-08', advancers: 1, decliners: 3, unchanged: 1, cumulative: 1 },
    ]);
    expect([r.advancers, r.decliners, r.unchanged]).toEqual([1, 3, 1]);
  });

  it('too little history: everyone with a close on asOf is listed as insufficient', () => {
    expect(r.above50).toEqual({
      window: 50,
      count: 0,
      eligible: 0,
      share: null,
      insufficient: ['A', 'B', 'C', 'D', 'F'],
    });
    expect(r.newHighs.count).toBe(0);
    expect(r.newHighs.insufficient).toHaveLength(5);
  });

  it('provenance lists the member series actually used, not non-members', () => {
    const syms = r.provenance.series.map((x) => x.symbol);
    expect(syms).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(r.provenance.series[0]).toMatchObject({ source: 'test', first: '2024-01-02', last: '2024-01-08' });
  });

  it('an asOf that is not a session resolves to the previous session (weekend)', () => {
    const w = computeBreadth({
      universe: 'hand',
      members: MEMBERS,
      series: SMALL,
      period: { from: '2024-01-03' },
      asOf: '2024-01-07',
    });
    expect(w.asOf).toBe('2024-01-05');
    expect(w.adLine.at(-1)?.date).toBe('2024-01-05');
    expect(w.provenance.notes.join(' ')).toMatch(/not a session/);
  });

  it('errors: empty universe, asOf after the data, empty range, bad period', () => {
    const base = {
      universe: 'hand',
      members: MEMBERS,
      series: SMALL,
      period: { from: '2024-01-03' } as const,
    };
    expect(() => computeBreadth({ ...base, members: [], asOf: '2024-01-08' })).toThrow(UserError);
    expect(() => computeBreadth({ ...base, asOf: '2024-01-09' })).toThrow(/after the last session/);
    expect(() => computeBreadth({ ...base, period: { from: '2024-01-02' }, asOf: '2024-01-02' })).toThrow(
      UserError,
    );
    expect(() => computeBreadth({ ...base, members: ['A', 'A'], asOf: '2024-01-08' })).toThrow(/twice/);
    expect(() => computeBreadth({ ...base, period: 'ytd', asOf: '2024-01-08' })).toThrow(
      /ytd needs a close before 2024-01-01/,
    );
    expect(() => computeBreadth({ ...base, members: ['E'], asOf: '2024-01-08' })).toThrow(
      /no member has any price data/,
    );
  });
});

describe('moving-average breadth and 52-week highs/lows (generated series)', () => {
  const cal = weekdays('2023-01-02', 260);
  const asOf = cal[259];
  const n = (len: number, f: (i: number) => number) => Array.from({ length: len }, (_, i) => f(i));
  const members = [
    // UP: 100..359; SMA50 = mean(310..359) = 334.5, SMA200 = mean(160..359) = 259.5 → above both;
    //     prior 251 closes max 358 < 359 → new high
    series(
      'UP',
      cal,
      n(260, (i) => 100 + i),
    ),
    // DOWN: 400..141; SMA50 = mean(141..190) = 165.5 > 141 → below; prior min 142 > 141 → new low
    series(
      'DOWN',
      cal,
      n(260, (i) => 400 - i),
    ),
    // FLAT: all 100; close = SMA → not above (strict); equal to prior high/low → neither
    series(
      'FLAT',
      cal,
      n(260, () => 100),
    ),
    // SHORT: 120 sessions 1..120; SMA50 = mean(71..120) = 95.5 → above; < 200 and < 252 closes → insufficient
    series(
      'SHORT',
      cal.slice(140),
      n(120, (i) => i + 1),
    ),
    // DIP: 200 then last 150; SMA50 = (49×200 + 150)/50 = 199 → below; 150 < 200 → new low
    series(
      'DIP',
      cal,
      n(260, (i) => (i === 259 ? 150 : 200)),
    ),
    // EX: exactly 252 closes: 500, then 250 × 100, then 499. Prior 251 = 500 and 100s → max 500 > 499 → NOT a high.
    //     SMA50 = (49×100 + 499)/50 = 107.98, SMA200 = (199×100 + 499)/200 = 101.995 → above both
    series(
      'EX',
      cal.slice(8),
      n(252, (i) => (i === 0 ? 500 : i === 251 ? 499 : 100)),
    ),
    // EX2: 253 closes, same pattern; the 500 is 252 closes back → outside the window → new high
    series(
      'EX2',
      cal.slice(7),
      n(253, (i) => (i === 0 ? 500 : i === 252 ? 499 : 100)),
    ),
  ];
  const r = computeBreadth({
    universe: 'gen',
    members: members.map((m) => m.symbol),
    series: members,
    period: { from: cal[250] },
    asOf,
  });

  it('above 50- and 200-session averages, with eligibility', () => {
    // eligible50: all 7; above: UP, SHORT, EX, EX2 → 4/7
    expect(r.above50).toEqual({ window: 50, count: 4, eligible: 7, share: 4 / 7, insufficient: [] });
    // eligible200: all but SHORT (120 closes) → 6; above: UP, EX, EX2 → 3/6
    expect(r.above200).toEqual({ window: 200, count: 3, eligible: 6, share: 0.5, insufficient: ['SHORT'] });
  });

  it('52-week highs and lows on the close, 252-session window including asOf', () => {
    expect(r.newHighs).toEqual({ count: 2, symbols: ['UP', 'EX2'], eligible: 6, insufficient: ['SHORT'] });
    expect(r.newLows).toEqual({ count: 2, symbols: ['DOWN', 'DIP'], eligible: 6, insufficient: ['SHORT'] });
  });

  it('provenance first date reaches back to the oldest close used', () => {
    const up = r.provenance.series.find((x) => x.symbol === 'UP')!;
    expect(up.first).toBe(cal[260 - 252]); // 252-session window start
    expect(up.last).toBe(asOf);
  });
});
