/**
 * The checker on the real data (../shared/data, imported into an in-memory store), as of
 * 2026-01-22. Verified facts: YTD IWM +9.60% (245.723 → 269.311), SPY +1.04%, ^RUT +9.54%,
 * ^GSPC +0.99%, MAGS −1.56%; IWM beat SPY on 14 straight sessions 2026-01-02..01-22, the longest in
 * IWM's data (since 2000-05-30; the previous record, 13 sessions, ended 2008-06-06); ^RUT closed at
 * records on 01-21 and 01-22; ^GSPC fell 2.06% on Tue 01-20; ^RUT closed at 2,698.17 on 01-21 (above 2,700
 * intraday) and
 * 2,718.77 on 01-22; the NYSE was closed on Mon 01-19 (Martin Luther King, Jr. Day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle, type CheckResult, storeCheckData } from '../../src/check/index.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { openSharedStore } from '../helpers/shared-store.ts';
import { claimAt } from './helpers/data.ts';

let store: DuckDbStore;
beforeAll(async () => {
  // The run's shared store of these files, read-only (its build fails if any file fails to import).
  ({ store } = await openSharedStore(['IWM', 'SPY', 'RUT_INDEX', 'GSPC_INDEX', 'MAGS'].map((f) => `prices/${f}.csv`)));
});
afterAll(async () => {
  await store.close();
});

const run = (text: string, asOf?: string): Promise<CheckResult> =>
  checkArticle(text, storeCheckData(store), { asOf });

describe('real data, as of 2026-01-22', () => {
  it('a wrong year-to-date return for a real index is contradicted, with the right value shown', async () => {
    const r = await run('NEW YORK, Jan. 22, 2026 – The Russell 2000 is up 12.5% year-to-date.');
    const c = claimAt(r, '12.5%');
    expect(c.verdict).toBe('contradicted');
    expect(c.computed?.text).toBe('+9.54%');
    expect(c.evidence.series[0]).toMatchObject({
      symbol: '^RUT',
      basis: 'price return',
      proxy: false,
      first: '2025-12-31',
      last: '2026-01-22',
    });
    expect(c.evidence.formula).toBe(
      '(2,718.77 / 2,481.91 − 1) × 100 = 9.543% (close[end] / close[base] − 1, year-to-date)',
    );
  });

  it('the right year-to-date returns are supported: ^RUT 9.5%, IWM 9.6%, SPY 1.04%, S&P 500 1.0%, MAGS −1.6%', async () => {
    const r = await run(
      'NEW YORK, Jan. 22, 2026 – The Russell 2000 is up 9.5% year-to-date. IWM is up 9.6% this year, and SPY has gained 1.04% this year. The S&P 500 is up 1.0% this year. The Magnificent Seven have fallen 1.6% year-to-date.',
    );
    expect(claimAt(r, '9.5%')).toMatchObject({ verdict: 'supported', computed: { text: '+9.54%' } });
    expect(claimAt(r, '9.6%')).toMatchObject({
      verdict: 'supported',
      computed: { text: '+9.60%' },
      evidence: { series: [{ symbol: 'IWM', basis: 'total return' }] },
    });
    expect(claimAt(r, '1.04%')).toMatchObject({ verdict: 'supported', computed: { text: '+1.035%' } });
    expect(claimAt(r, '1.0%')).toMatchObject({ verdict: 'supported', computed: { text: '+0.99%' } });
    expect(claimAt(r, '1.6%')).toMatchObject({
      verdict: 'supported',
      computed: { text: '−1.56%' },
      evidence: { series: [{ symbol: 'MAGS' }] },
    });
    expect(r.summary).toMatchObject({ total: 5, supported: 5 });
  });

  it('IWM beat SPY 14 straight sessions, the longest on record (true); 13 sessions, the longest since 2008 (false)', async () => {
    const t = await run(
      'NEW YORK, Jan. 22, 2026 – IWM beat SPY for 14 straight sessions, the longest streak on record.',
    );
    expect(claimAt(t, '14 straight sessions')).toMatchObject({
      type: 'streak',
      verdict: 'supported',
      computed: { value: 14 },
    });
    expect(claimAt(t, '14 straight sessions').evidence.dates).toMatchObject({
      asOf: '2026-01-22',
      streakStart: '2026-01-02',
    });
    const rec = t.claims.find((c) => c.stated.unit === 'date');
    expect(rec).toMatchObject({
      verdict: 'supported',
      computed: { text: '14-session streak: longest in the data (since 2000-05-30)' },
    });
    const f = await run(
      'NEW YORK, Jan. 22, 2026 – IWM beat SPY for 13 straight sessions, the longest streak since June 2008.',
    );
    expect(claimAt(f, '13 straight sessions')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 14 },
    });
    expect(f.claims.find((c) => c.stated.unit === 'date')).toMatchObject({ verdict: 'contradicted' });
    // a day earlier the streak was 13 long, the longest since the 13-session run that ended in June 2008
    const d = await run(
      'IWM beat SPY for 13 straight sessions, the longest streak since June 2008.',
      '2026-01-21',
    );
    expect(claimAt(d, '13 straight sessions')).toMatchObject({ verdict: 'supported' });
    expect(d.claims.find((c) => c.stated.unit === 'date')).toMatchObject({
      verdict: 'supported',
      computed: { value: '2008-06' },
    });
  });

  it('records, levels, daily moves and the MLK holiday', async () => {
    const r = await run(
      'NEW YORK, Jan. 22, 2026 – The Russell 2000 closed at a record for the second straight session and broke above 2,700 on Thursday, ending at 2,718.77. The S&P 500 fell 2.1% on Tuesday. The Russell 2000 rose 1.4% on Monday.',
    );
    expect(claimAt(r, 'second straight session')).toMatchObject({
      type: 'record',
      verdict: 'supported',
      computed: { value: 2 },
    });
    expect(claimAt(r, '2,700')).toMatchObject({ type: 'level', verdict: 'supported' });
    expect(claimAt(r, '2,718.77')).toMatchObject({ type: 'level', verdict: 'supported' });
    expect(claimAt(r, '2.1%')).toMatchObject({ verdict: 'supported', computed: { text: '−2.06%' } });
    expect(claimAt(r, 'on Monday', 'closed-day')).toMatchObject({
      verdict: 'contradicted',
      computed: { text: 'the NYSE was closed on Mon 2026-01-19 (Martin Luther King, Jr. Day)' },
    });
    expect(claimAt(r, '1.4%').verdict).toBe('unverifiable');
    const f = await run(
      'NEW YORK, Jan. 22, 2026 – The Russell 2000 closed at a record for the fifth straight session and broke above 2,700 on Wednesday.',
    );
    expect(claimAt(f, 'fifth straight session')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 2 },
    });
    // on Wednesday the index traded above 2,700 but closed below it: an intraday cross only
    expect(claimAt(f, '2,700')).toMatchObject({ verdict: 'approximately' });
    expect(claimAt(f, '2,700').reason).toMatch(
      /crossed 2,700 intraday \(high 2,7\d\d\.\d\d\) but closed at 2,698\.17/,
    );
    const g = await run('NEW YORK, Jan. 22, 2026 – The Russell 2000 broke above 2,800 on Thursday.');
    expect(claimAt(g, '2,800')).toMatchObject({ verdict: 'contradicted' });
    expect(claimAt(g, '2,800').reason).toMatch(/closed at 2,718\.77 on 2026-01-22, below 2,800/);
  });

  it('small caps vs large caps resolve to the indexes (^RUT vs ^GSPC, price returns): spread 8.55 points', async () => {
    const r = await run(
      'NEW YORK, Jan. 22, 2026 – Small caps have outperformed large caps by 8.6 percentage points this year.',
    );
    const c = claimAt(r, '8.6 percentage points');
    expect(c).toMatchObject({ verdict: 'supported', computed: { text: '+8.55 pts' } });
    expect(c.evidence.series.map((s) => [s.symbol, s.basis])).toEqual([
      ['^RUT', 'price return'],
      ['^GSPC', 'price return'],
    ]);
  });
});
