/**
 * Rank claims of a streak, on hand-made series:
 *  - a question answered by a bare date in the next sentence ("The last time we saw a run like this?
 *    March 2009."): bound to the streak stated before it; the earlier run at least as long must
 *    touch the named month (a run of Feb. 25 – Mar. 6, 2009 answers both "February" and "March");
 *  - a small-vs-large "longest since 1987" before the price data start: checked on the Fama-French
 *    SMB factor, labelled "by proxy", unverifiable without the factor.
 */
import { describe, expect, it } from 'vitest';
import { memoryCheckData } from '../../src/check/index.ts';
import { checkArticle } from '../../src/check/index.ts';
import { sessionsBetween } from '../../src/model/calendar.ts';
import type { ReturnSeries } from '../../src/model/series.ts';
import { check, claimAt, series } from './helpers/data.ts';

const DATELINE = 'NEW YORK – March 6, 2026 – ';

/**
 * ^RUT against a flat ^GSPC: up on every other session (runs of one), except an 8-session run of
 * 2009-02-25..2009-03-06 and the current 7-session run 2026-02-26..2026-03-06.
 */
function smallOverLarge(from: string): ReturnType<typeof series>[] {
  const days = sessionsBetween(from, '2026-03-06');
  const inRun = (d: string) => (d >= '2009-02-25' && d <= '2009-03-06') || d >= '2026-02-26';
  const levels: number[] = [];
  days.forEach((_d, i) => {
    const prev = i === 0 ? 1000 : levels[i - 1];
    levels.push(i === 0 ? 1000 : upSession(days, i, inRun) ? prev * 1.01 : prev * 0.99);
  });
  return [
    series('^RUT', from, '2026-03-06', (i) => levels[i]),
    series('^GSPC', from, '2026-03-06', () => 5000),
  ];
}

/** Up inside a run; down on the sessions next to one; else up on every other session (runs of one). */
function upSession(days: string[], i: number, inRun: (d: string) => boolean): boolean {
  if (inRun(days[i])) return true;
  if ((i > 0 && inRun(days[i - 1])) || (i + 1 < days.length && inRun(days[i + 1]))) return false;
  return i % 2 === 0;
}

describe('"The last time we saw a run like this? <date>."', () => {
  const data = smallOverLarge('2008-01-02');
  // Sessions of the runs, counted on the NYSE calendar: Feb 25, 26, 27, Mar 2, 3, 4, 5, 6 (2009) = 8;
  // Feb 26, 27, Mar 2, 3, 4, 5, 6 (2026) = 7.
  it('the hand-made runs are as described', () => {
    expect(sessionsBetween('2009-02-25', '2009-03-06')).toHaveLength(8);
    expect(sessionsBetween('2026-02-26', '2026-03-06')).toHaveLength(7);
  });

  it('the named month of the earlier run: supported (its end month, or its start month)', async () => {
    const r = await check(
      `${DATELINE}Small caps beat large caps for seven straight sessions. The last time we saw a run like this? March 2009.`,
      data,
    );
    expect(claimAt(r, 'seven straight sessions', 'streak')).toMatchObject({
      verdict: 'supported',
      computed: { value: 7 },
    });
    const a = claimAt(r, 'March 2009', 'streak');
    expect(a).toMatchObject({
      verdict: 'supported',
      stated: { value: '2009-03', unit: 'date' },
      computed: { value: '2009-03' },
    });
    expect(a.text).toBe('The last time we saw a run like this? March 2009.');
    expect(a.evidence.dates.previousAsLong).toBe('2009-02-25..2009-03-06');
    const feb = await check(
      `${DATELINE}Small caps beat large caps for seven straight sessions. When was the last time small caps did that? February 2009.`,
      data,
    );
    expect(claimAt(feb, 'February 2009', 'streak').verdict).toBe('supported');
    // "the longest since February 2009" names the END of the earlier run: March, so it is false.
    const since = await check(
      `${DATELINE}Small caps beat large caps for seven straight sessions, the longest such run since February 2009.`,
      data,
    );
    expect(since.claims.find((c) => c.stated.unit === 'date')).toMatchObject({ verdict: 'contradicted' });
  });

  it('a wrong month or year: contradicted, naming the earlier run', async () => {
    const r = await check(
      `${DATELINE}Small caps beat large caps for seven straight sessions. The last time we saw a run like this? March 2011.`,
      data,
    );
    const a = claimAt(r, 'March 2011', 'streak');
    expect(a).toMatchObject({ verdict: 'contradicted', computed: { value: '2009-03' } });
    expect(a.reason).toMatch(/2009-02-25\.\.2009-03-06/);
    const y = await check(
      `${DATELINE}Small caps beat large caps for seven straight sessions. The last time we saw a run like this? Not since 2010.`,
      data,
    );
    expect(claimAt(y, '2010', 'streak').verdict).toBe('contradicted');
  });

  it('no binding without a streak just before, or when the answer is not the next sentence', async () => {
    const none = await check(`${DATELINE}The last time we saw a run like this? March 2009.`, data);
    expect(none.claims.filter((c) => c.type === 'streak')).toEqual([]);
    const late = await check(
      `${DATELINE}Small caps beat large caps for seven straight sessions. The last time we saw a run like this? Traders shrugged. March 2009.`,
      data,
    );
    expect(late.claims.filter((c) => c.type === 'streak' && c.stated.unit === 'date')).toEqual([]);
  });
});

/**
 * FF.SMB by hand: +0.1 and −0.1 alternate (runs of one) from 1985 to 2009, except a 9-session run of
 * SMB > 0 on 1987-08-04..1987-08-14 and a 7-session run on 1995-06-01..1995-06-09.
 */
function smb(): ReturnSeries {
  const dates = sessionsBetween('1985-01-02', '2009-12-31');
  const run = (d: string) =>
    (d >= '1987-08-04' && d <= '1987-08-14') || (d >= '1995-06-01' && d <= '1995-06-09');
  return {
    symbol: 'FF.SMB',
    source: 'test',
    dates,
    ret: Float64Array.from(dates, (_d, i) => (upSession(dates, i, run) ? 0.1 : -0.1)),
  };
}

describe('small caps vs large caps before the price data: the Fama-French SMB proxy', () => {
  const pair = smallOverLarge('2010-01-04'); // the index pair starts in 2010, no earlier run of 7
  const f = smb();
  it('the hand-made factor runs are as described', () => {
    expect(sessionsBetween('1987-08-04', '1987-08-14')).toHaveLength(9);
    expect(sessionsBetween('1995-06-01', '1995-06-09')).toHaveLength(7);
  });

  it('"the longest since 1995": supported by proxy (the last SMB > 0 run of 7+ sessions ended 1995-06-09)', async () => {
    const r = await checkArticle(
      `${DATELINE}Small caps beat large caps for seven straight sessions, the longest such run since 1995.`,
      memoryCheckData(pair, [f]),
    );
    const c = r.claims.find((x) => x.stated.unit === 'date');
    expect(c).toMatchObject({ verdict: 'supported', computed: { value: '1995-06' } });
    expect(c?.reason).toMatch(/^supported by proxy: Fama-French SMB/);
    expect(c?.evidence.reading).toMatch(/by proxy: Fama-French SMB/);
    expect(c?.evidence.dates.proxyRun).toBe('1995-06-01..1995-06-09');
    expect(c?.evidence.series.find((s) => s.symbol === 'FF.SMB')).toMatchObject({ proxy: true });
  });

  it('"the longest since 1987": contradicted by proxy (1995); "since June 1995": supported', async () => {
    const r = await checkArticle(
      `${DATELINE}Small caps beat large caps for seven straight sessions, the longest such run since 1987.`,
      memoryCheckData(pair, [f]),
    );
    const c = r.claims.find((x) => x.stated.unit === 'date');
    expect(c).toMatchObject({ verdict: 'contradicted', computed: { value: '1995-06' } });
    expect(c?.reason).toMatch(/^contradicted by proxy: Fama-French SMB/);
    const june = await checkArticle(
      `${DATELINE}Small caps beat large caps for seven straight sessions, the longest since June 1995.`,
      memoryCheckData(pair, [f]),
    );
    expect(june.claims.find((x) => x.stated.unit === 'date')?.verdict).toBe('supported');
  });

  it('without the factor: unverifiable, saying why; a pair that is not small vs large never uses it', async () => {
    const r = await checkArticle(
      `${DATELINE}Small caps beat large caps for seven straight sessions, the longest such run since 1995.`,
      memoryCheckData(pair),
    );
    const c = r.claims.find((x) => x.stated.unit === 'date');
    expect(c?.verdict).toBe('unverifiable');
    expect(c?.reason).toMatch(/data start 2010-01-05.*Fama-French size factor FF\.SMB, is not in the store/);
    const [rut, gspc] = pair;
    const other = await checkArticle(
      `${DATELINE}The Nasdaq 100 beat the S&P 500 for seven straight sessions, the longest such run since 1995.`,
      memoryCheckData([{ ...rut, symbol: '^NDX' }, gspc], [f]),
    );
    const o = other.claims.find((x) => x.stated.unit === 'date');
    expect(o?.verdict).toBe('unverifiable');
    expect(o?.reason).not.toMatch(/proxy/);
  });
});
