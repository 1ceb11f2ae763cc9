/**
 * Record highs ("record highs in each of the past N sessions", "a record for the fifth straight
 * session", "closed at a record high", "3.2% below its record high") and levels ("broke above 1,980
 * on March 3", "currently 2,015.40", "closed at 2,012 on Thursday"), true and false versions.
 */
import { describe, expect, it } from 'vitest';
import { claimAt, check, series } from './helpers/data.ts';

const DATELINE = 'NEW YORK – March 6, 2026 – ';

// ^GSPC: 5,000 flat with a 5,100 peak on 2026-01-15, then records on the last five sessions (03-02..03-06).
const LAST5: Record<string, number> = {
  '2026-03-02': 5110,
  '2026-03-03': 5120,
  '2026-03-04': 5130,
  '2026-03-05': 5140,
  '2026-03-06': 5150,
};
const gspc = series(
  '^GSPC',
  '2025-11-03',
  '2026-03-06',
  (_i, d) => LAST5[d] ?? (d === '2026-01-15' ? 5100 : 5000),
);
// ^RUT: peak 2,200 on 2026-01-15, then 2,129.60 on 03-06 (3.2% below the record).
const rutDown = series('^RUT', '2025-11-03', '2026-03-06', (_i, d) =>
  d === '2026-01-15' ? 2200 : d === '2026-03-06' ? 2129.6 : 2100,
);

describe('record highs', () => {
  it('true: each of the past five sessions, the fifth straight record, a record on Friday, 3.2% below the record', async () => {
    const r = await check(
      `${DATELINE}The S&P 500 set record highs in each of the past five sessions. The S&P 500 closed at a record for the fifth straight session on Friday. The Russell 2000 is 3.2% below its record high.`,
      [gspc, rutDown],
    );
    expect(claimAt(r, 'each of the past five sessions')).toMatchObject({
      type: 'record',
      verdict: 'supported',
      computed: { value: 5 },
    });
    expect(claimAt(r, 'fifth straight session')).toMatchObject({
      type: 'record',
      verdict: 'supported',
      computed: { value: 5 },
    });
    expect(claimAt(r, 'fifth straight session').evidence.dates).toMatchObject({
      recordRunStart: '2026-03-02',
      allTimeHigh: '2026-03-06',
    });
    const dist = claimAt(r, '3.2% below its record high');
    expect([dist.type, dist.verdict, dist.stated.value]).toEqual(['record', 'supported', -3.2]);
    const one = await check(`${DATELINE}The S&P 500 closed at a record high on Thursday.`, [gspc]);
    expect(claimAt(one, 'closed at a record high')).toMatchObject({ verdict: 'supported' });
  });

  it('false: seven sessions, the sixth straight record, a record on a day without one, 1.5% below the record', async () => {
    const r = await check(
      `${DATELINE}The S&P 500 set record highs in each of the past seven sessions. The S&P 500 closed at a record for the sixth straight session. The Russell 2000 is 1.5% below its record high.`,
      [gspc, rutDown],
    );
    expect(claimAt(r, 'each of the past seven sessions')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 5 },
    });
    expect(claimAt(r, 'sixth straight session')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 5 },
    });
    expect(claimAt(r, '1.5% below its record high')).toMatchObject({ verdict: 'contradicted' });
    expect(claimAt(r, '1.5% below its record high').computed?.text).toMatch(
      /^−3\.20% from the record close 2,200\.00 \(2026-01-15\)/,
    );
    const one = await check(`${DATELINE}The S&P 500 closed at a record high on Friday, Feb. 27.`, [gspc]);
    expect(claimAt(one, 'closed at a record high')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 0 },
    });
  });
});

// ^RUT levels: 1,975 on Mon 03-02, 1,990 on Tue 03-03 (high 2,005), 2,010, 2,012, 2,015.40 on Fri 03-06.
const LV: Record<string, number> = {
  '2026-03-02': 1975,
  '2026-03-03': 1990,
  '2026-03-04': 2010,
  '2026-03-05': 2012,
  '2026-03-06': 2015.4,
};
const rut = series('^RUT', '2025-11-03', '2026-03-06', (_i, d) => LV[d] ?? 1950, {
  high: (_i, d) => (d === '2026-03-03' ? 2005 : (LV[d] ?? 1950)),
});

describe('levels', () => {
  it('true: broke above 1,980 on March 3; currently 2,015.40; closed at 2,012 on Thursday; fell below 2,000 ... false first', async () => {
    const r = await check(
      `${DATELINE}The Russell 2000 broke above 1,980 on March 3 and is currently 2,015.40. The Russell 2000 closed at 2,012 on Thursday.`,
      [rut],
    );
    expect(claimAt(r, '1,980')).toMatchObject({ type: 'level', verdict: 'supported' });
    expect(claimAt(r, '1,980').evidence.formula).toBe(
      'close[2026-03-02] = 1,975.00 → close[2026-03-03] = 1,990.00 vs level 1,980',
    );
    expect(claimAt(r, '2,015.40')).toMatchObject({ verdict: 'supported', computed: { value: 2015.4 } });
    expect(claimAt(r, '2,012')).toMatchObject({ verdict: 'supported' });
  });

  it('false: broke above 1,980 on March 4 (already above), currently 2,051.40, closed at 2,021 on Thursday; intraday cross → approximately', async () => {
    const r = await check(
      `${DATELINE}The Russell 2000 broke above 1,980 on March 4 and is currently 2,051.40. The Russell 2000 closed at 2,021 on Thursday. The Russell 2000 broke above 2,000 on March 3. The Russell 2000 broke above 2,100 on March 3.`,
      [rut],
    );
    expect(claimAt(r, '1,980')).toMatchObject({ verdict: 'contradicted' });
    expect(claimAt(r, '1,980').reason).toMatch(
      /already above 1,980 at the previous close \(1,990\.00 on 2026-03-03\)/,
    );
    expect(claimAt(r, '2,051.40')).toMatchObject({ verdict: 'contradicted', computed: { value: 2015.4 } });
    expect(claimAt(r, '2,021')).toMatchObject({ verdict: 'contradicted', computed: { value: 2012 } });
    expect(claimAt(r, '2,000')).toMatchObject({ verdict: 'approximately' });
    expect(claimAt(r, '2,000').reason).toMatch(/intraday \(high 2,005\.00\) but closed at 1,990\.00/);
    expect(claimAt(r, '2,100')).toMatchObject({ verdict: 'contradicted' });
  });

  it('levels are never checked on a stand-in (an ETF for its index): unverifiable with the reason', async () => {
    const iwm = series('IWM', '2025-11-03', '2026-03-06', () => 201.54);
    const r = await check(`${DATELINE}The Russell 2000 is currently 2,015.40.`, [iwm]);
    expect(claimAt(r, '2,015.40')).toMatchObject({ verdict: 'unverifiable' });
    expect(claimAt(r, '2,015.40').reason).toMatch(
      /IWM stands in for Russell 2000 elsewhere, but its price level is not Russell 2000's/,
    );
  });
});
