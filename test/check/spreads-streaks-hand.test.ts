/**
 * Spreads ("outperformed by 6.9 percentage points", "lagged by", "a gap of") and streaks ("seven
 * consecutive sessions", "a 9-day winning streak", "the longest since March 1999 / since 2011",
 * "the longest on record"), true and false versions, on hand-made series.
 */
import { describe, expect, it } from 'vitest';
import { sessionsBetween } from '../../src/model/calendar.ts';
import { claimAt, check, series } from './helpers/data.ts';

const DATELINE = 'NEW YORK – March 6, 2026 – ';
// ^RUT +5.30% YTD, ^GSPC −1.60% YTD → spread +6.90 points.
const rutY = series('^RUT', '2025-11-03', '2026-03-06', (_i, d) =>
  d <= '2025-12-31' ? 2000 : d === '2026-03-06' ? 2106 : 2050,
);
const gspcY = series('^GSPC', '2025-11-03', '2026-03-06', (_i, d) =>
  d <= '2025-12-31' ? 6000 : d === '2026-03-06' ? 5904 : 5950,
);

describe('spreads', () => {
  it('outperformed / lagged / a gap: true', async () => {
    const r = await check(
      `${DATELINE}Small caps have outperformed large caps by 6.9 percentage points this year. The S&P 500 has lagged the Russell 2000 by 6.9 points year-to-date, a gap of 690 basis points.`,
      [rutY, gspcY],
    );
    const [out, lag, gap] = r.claims.filter((c) => c.type === 'spread');
    expect([out.verdict, out.stated.value, out.computed?.text]).toEqual(['supported', 6.9, '+6.90 pts']);
    expect(out.evidence.series.map((s) => s.symbol)).toEqual(['^RUT', '^GSPC']);
    expect(out.evidence.formula).toMatch(/\+5\.30% − \(−1\.60%\) = 6\.900 pts/);
    expect([lag.verdict, lag.stated.value, lag.computed?.text]).toEqual(['supported', -6.9, '−6.90 pts']);
    expect([gap.verdict, gap.stated.value]).toEqual(['supported', 6.9]);
  });

  it('outperformed / lagged: false', async () => {
    const r = await check(
      `${DATELINE}Small caps have outperformed large caps by 2.4 percentage points this year. The Russell 2000 has lagged the S&P 500 by 6.9 points this year.`,
      [rutY, gspcY],
    );
    const [a, b] = r.claims.filter((c) => c.type === 'spread');
    expect([a.verdict, a.computed?.text]).toEqual(['contradicted', '+6.90 pts']);
    expect([b.verdict, b.stated.value, b.computed?.text]).toEqual(['contradicted', -6.9, '+6.90 pts']);
  });

  it("checks a spread against the article's own returns: 6.1 = 4.5 − (−1.6) (true) and 2.9 (false)", async () => {
    const t = await check(
      'Small caps rose 4.5% this year while large caps fell 1.6% this year, a gap of 6.1 percentage points.',
    );
    const d = claimAt(t, '6.1 percentage points', 'difference');
    expect([d.verdict, d.computed?.value]).toEqual(['supported', 6.1]);
    expect(d.evidence.formula).toMatch(/\|\+4\.5 − \(−1\.6\)\| = 6\.1 pts/);
    expect(claimAt(t, '6.1 percentage points', 'spread').verdict).toBe('unverifiable'); // no data, no as-of
    const f = await check(
      'Small caps rose 4.5% this year while large caps fell 1.6% this year, a gap of 2.9 percentage points.',
    );
    expect(claimAt(f, '2.9 percentage points', 'difference')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 6.1 },
    });
  });
});

// Relative streak data: ^RUT's daily return beats ^GSPC's (flat) on a run of 8 sessions ending in
// March 1999, a run of 5 ending in 2011, runs of 1 elsewhere, and the current run of 7 to 2026-03-06.
const days = sessionsBetween('1998-06-01', '2026-03-06');
const idxOf = (d: string) => days.indexOf(d);
const run8End = idxOf('1999-03-12');
const run5End = idxOf('2011-06-10');
const last = days.length - 1;
const pcts = days.map((_d, i) => {
  if (i === 0) return 0;
  if (i > last - 7) return 0.2; // current run of 7
  if (i === last - 7) return -0.1;
  if (i > run8End - 8 && i <= run8End) return 0.2;
  if (i === run8End + 1 || i === run8End - 8) return -0.1;
  if (i > run5End - 5 && i <= run5End) return 0.2;
  if (i === run5End + 1 || i === run5End - 5) return -0.1;
  return i % 2 === 0 ? 0.1 : -0.1;
});
const levels: number[] = [];
for (const [i, p] of pcts.entries()) levels.push(i === 0 ? 1000 : levels[i - 1] * (1 + p / 100));
const rutS = series('^RUT', '1998-06-01', '2026-03-06', (i) => levels[i]);
const gspcS = series('^GSPC', '1998-06-01', '2026-03-06', () => 5000);

describe('streaks', () => {
  it('a relative streak and "the longest since March 1999": true', async () => {
    const r = await check(
      `${DATELINE}Small caps beat large caps for seven consecutive sessions, the longest such streak since March 1999.`,
      [rutS, gspcS],
    );
    const len = claimAt(r, 'seven consecutive sessions', 'streak');
    expect([len.verdict, len.computed?.value]).toEqual(['supported', 7]);
    expect(len.evidence.dates.streakStart).toBe(days[last - 6]);
    const since = r.claims.find((c) => c.type === 'streak' && c.stated.unit === 'date');
    expect(since).toMatchObject({
      verdict: 'supported',
      stated: { value: '1999-03' },
      computed: { value: '1999-03' },
    });
    expect(since?.evidence.dates.previousAsLong).toMatch(/\.\.1999-03-12$/);
  });

  it('a relative streak and "since": false (wrong length; wrong year; "on record" when an earlier run was longer)', async () => {
    const r = await check(
      `${DATELINE}Small caps beat large caps for nine consecutive sessions, the longest streak since 2011.`,
      [rutS, gspcS],
    );
    expect(claimAt(r, 'nine consecutive sessions', 'streak')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 7 },
    });
    const since = r.claims.find((c) => c.stated.unit === 'date');
    expect(since).toMatchObject({ verdict: 'contradicted', computed: { value: '1999-03' } });
    const rec = await check(
      `${DATELINE}Small caps beat large caps for 7 straight sessions, the longest on record.`,
      [rutS, gspcS],
    );
    expect(rec.claims.find((c) => c.stated.unit === 'date')).toMatchObject({ verdict: 'contradicted' });
  });

  it('an up streak ("a 10-day winning streak"): true; "9-day", "five sessions in a row": false', async () => {
    // alternating before 2026-02-23, then up every session: 02-23..03-06 = 10 sessions
    const up = series('^GSPC', '2025-11-03', '2026-03-06', (i, d) =>
      d >= '2026-02-23' ? 6000 + i : d === '2026-02-20' ? 5990 : 6000 - (i % 2),
    );
    const t = await check(`${DATELINE}The S&P 500 extended its 10-day winning streak.`, [up]);
    expect(claimAt(t, '10-day winning streak')).toMatchObject({
      verdict: 'supported',
      computed: { value: 10 },
    });
    expect(claimAt(t, '10-day winning streak').evidence.formula).toMatch(/> 0 strictly/);
    const f = await check(
      `${DATELINE}The S&P 500 extended its 9-day winning streak. The S&P 500 rose for five sessions in a row.`,
      [up],
    );
    expect(claimAt(f, '9-day winning streak')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 10 },
    });
    expect(claimAt(f, 'five sessions in a row')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 10 },
    });
  });

  it('weekly streaks are recognised but unverifiable, with the reason', async () => {
    const r = await check(`${DATELINE}Small caps beat large caps for three straight weeks.`, [rutS, gspcS]);
    expect(claimAt(r, 'three straight weeks')).toMatchObject({ verdict: 'unverifiable' });
    expect(claimAt(r, 'three straight weeks').reason).toMatch(/sessions only/);
  });
});
