/**
 * Return claims ("up 5.3% year-to-date", "fell 0.8% on Thursday", "gained 1.3% this week", "little
 * changed"), each in a true and a false version, on hand-made series over the real NYSE calendar.
 * ^RUT: 2,000 at the end of 2025, 2,080 on Fri 2026-02-27, 2,120 on Wed 03-04, −0.8% on Thu 03-05,
 * 2,106 on Fri 03-06 (YTD +5.30%, week +1.25%). ^GSPC: 6,000 → 5,904 (YTD −1.60%), Friday +0.02%.
 */
import { describe, expect, it } from 'vitest';
import { claimAt, check, series } from './helpers/data.ts';

const RUT_FIXED: Record<string, number> = {
  '2026-02-27': 2080,
  '2026-03-02': 2100,
  '2026-03-03': 2110,
  '2026-03-04': 2120,
  '2026-03-05': 2120 * 0.992,
  '2026-03-06': 2106,
};
const rut = series(
  '^RUT',
  '2025-11-03',
  '2026-03-06',
  (i, d) => RUT_FIXED[d] ?? (d <= '2025-12-31' ? 2000 : 2000 + i / 10),
);
const gspc = series('^GSPC', '2025-11-03', '2026-03-06', (_i, d) =>
  d === '2026-03-06' ? 5904 : d <= '2025-12-31' ? 6000 : 5903,
);
const DATELINE = 'NEW YORK – March 6, 2026 – ';

describe('returns: true and false versions', () => {
  it('year-to-date, a weekday, this week: true', async () => {
    const r = await check(
      `${DATELINE}The Russell 2000 is up 5.3% year-to-date after it fell 0.8% on Thursday. Small caps gained 1.3% this week. The S&P 500 has lost 1.6% so far this year and was little changed on Friday.`,
      [rut, gspc],
    );
    expect(r.asOf).toBe('2026-03-06');
    expect(r.asOfSource).toBe('dateline');
    const ytd = claimAt(r, '5.3%');
    expect([ytd.type, ytd.verdict, ytd.stated.value]).toEqual(['return', 'supported', 5.3]);
    expect(ytd.computed?.text).toBe('+5.30%');
    expect(ytd.evidence.dates).toEqual({ base: '2025-12-31', end: '2026-03-06' });
    expect(ytd.evidence.series[0]).toMatchObject({ symbol: '^RUT', basis: 'price return', proxy: false });
    const thu = claimAt(r, '0.8%');
    expect([thu.verdict, thu.stated.value, thu.computed?.text]).toEqual(['supported', -0.8, '−0.80%']);
    expect(thu.evidence.dates).toEqual({ base: '2026-03-04', end: '2026-03-05' });
    const week = claimAt(r, '1.3%');
    expect([week.verdict, week.computed?.text]).toEqual(['supported', '+1.25%']);
    expect(week.evidence.dates.base).toBe('2026-02-27'); // the previous week's last close
    const spx = claimAt(r, '1.6%');
    expect([spx.verdict, spx.stated.value, spx.computed?.text]).toEqual(['supported', -1.6, '−1.60%']);
    const flat = claimAt(r, 'little changed');
    expect([flat.verdict, flat.stated.qualifier]).toEqual(['supported', 'flat']);
  });

  it('year-to-date, a weekday, this week: false, with the right values shown', async () => {
    const r = await check(
      `${DATELINE}The Russell 2000 is up 6.3% year-to-date after it fell 1.8% on Thursday. Small caps gained 2.3% this week. The S&P 500 has lost 0.6% so far this year and was little changed on Wednesday.`,
      [rut, gspc],
    );
    expect(claimAt(r, '6.3%')).toMatchObject({ verdict: 'contradicted', computed: { text: '+5.30%' } });
    expect(claimAt(r, '1.8%')).toMatchObject({ verdict: 'contradicted', computed: { text: '−0.80%' } });
    expect(claimAt(r, '2.3%')).toMatchObject({ verdict: 'contradicted', computed: { text: '+1.25%' } });
    expect(claimAt(r, '0.6%')).toMatchObject({ verdict: 'contradicted', computed: { text: '−1.60%' } });
    // Wednesday 03-04: 5,903 → 5,903 is flat; Thursday is not tested here. Use the Russell for a non-flat day:
    const r2 = await check(`${DATELINE}The Russell 2000 was little changed on Thursday.`, [rut]);
    expect(claimAt(r2, 'little changed')).toMatchObject({
      verdict: 'contradicted',
      computed: { text: '−0.80%' },
    });
  });

  it('rounding: 5.3 covers 5.25..5.35; 5.4 is within twice the tolerance of 5.30 → approximately', async () => {
    const r = await check(
      `${DATELINE}The Russell 2000 is up 5.4% year-to-date, and up 5.30% by another count.`,
      [rut],
    );
    expect(claimAt(r, '5.4%').verdict).toBe('approximately');
    expect(claimAt(r, '5.30%').verdict).toBe('supported');
  });

  it('qualifiers: more than, about, nearly, less than', async () => {
    const t = await check(
      `${DATELINE}The Russell 2000 is up more than 5% this year. Small caps have gained about 5% year-to-date. The S&P 500 is down less than 2% this year.`,
      [rut, gspc],
    );
    const [more, about] = t.claims.filter((c) => c.type === 'return' && c.stated.value === 5);
    expect([more.stated.qualifier, more.verdict]).toEqual(['more-than', 'supported']);
    expect([about.stated.qualifier, about.verdict]).toEqual(['about', 'supported']);
    expect(claimAt(t, '2%')).toMatchObject({ verdict: 'supported', stated: { qualifier: 'less-than' } });
    const f = await check(
      `${DATELINE}The Russell 2000 is up more than 6% this year. Small caps have gained nearly 8% year-to-date. The S&P 500 is down less than 1% this year.`,
      [rut, gspc],
    );
    expect(claimAt(f, '6%')).toMatchObject({ verdict: 'contradicted', stated: { qualifier: 'more-than' } });
    expect(claimAt(f, '8%')).toMatchObject({ verdict: 'contradicted', stated: { qualifier: 'about' } });
    expect(claimAt(f, '1%')).toMatchObject({ verdict: 'contradicted', stated: { qualifier: 'less-than' } });
  });

  it('a stand-in ETF (total return) for an index: at best approximately, and the evidence says why', async () => {
    const iwm = series('IWM', '2025-11-03', '2026-03-06', (_i, d) =>
      d <= '2025-12-31' ? 200 : d === '2026-03-06' ? 210.8 : 205,
    );
    const r = await check(
      `${DATELINE}The Russell 2000 is up 5.3% this year. IWM is up 5.4% this year, and up 9.9% by a wrong count.`,
      [iwm],
    );
    const idx = claimsAtType(r, 'return');
    expect(idx[0]).toMatchObject({ verdict: 'approximately', computed: { text: '+5.40%' } });
    expect(idx[0].evidence.series[0]).toMatchObject({ symbol: 'IWM', proxy: true, basis: 'total return' });
    expect(idx[0].evidence.notes.join(' ')).toMatch(/IWM .*stands in for Russell 2000/);
    expect(idx[1]).toMatchObject({ verdict: 'supported' }); // IWM named itself
    expect(idx[2]).toMatchObject({ verdict: 'contradicted' });
  });

  it('a Saturday dateline: the data are taken as of Friday', async () => {
    const r = await check('NEW YORK, March 7, 2026 — The Russell 2000 is up 5.3% year-to-date.', [rut]);
    expect([r.asOf, r.dataAsOf]).toEqual(['2026-03-07', '2026-03-06']);
    expect(claimAt(r, '5.3%').verdict).toBe('supported');
  });

  it('--as-of overrides the dateline; without any as-of date, relative periods are unverifiable with the reason', async () => {
    const r = await check(`${DATELINE}The Russell 2000 is up 5.3% year-to-date.`, [rut], {
      asOf: '2026-03-04',
    });
    expect(r.asOfSource).toBe('option');
    expect(claimAt(r, '5.3%')).toMatchObject({ verdict: 'contradicted', computed: { text: '+6.00%' } });
    const none = await check('The Russell 2000 is up 5.3% year-to-date.', [rut]);
    expect(none.asOf).toBeNull();
    const c = claimAt(none, '5.3%');
    expect(c.verdict).toBe('unverifiable');
    expect(c.reason).toMatch(/needs an as-of date/);
  });

  it('no period, no series, no data: unverifiable, each with its reason (never a guess)', async () => {
    const r = await check(
      `${DATELINE}Acme Corp (ACME) gained 48% this year. Its shares have gained 48.5% since the start of the year.\n\nStocks have gained 12% this year. The Russell 2000 surged 20%.`,
      [rut],
    );
    expect(claimAt(r, '48.5%').reason).toMatch(/ACME: no data stored/); // "its" refers back to Acme
    expect(claimAt(r, '48%')).toMatchObject({ verdict: 'unverifiable' });
    expect(claimAt(r, '48%').reason).toMatch(/ACME: no data stored/);
    expect(claimAt(r, '12%').reason).toMatch(/no series named/);
    expect(claimAt(r, '20%').reason).toMatch(/no period stated/);
  });
});

function claimsAtType(r: Awaited<ReturnType<typeof check>>, type: string) {
  return r.claims.filter((c) => c.type === type);
}

describe('figures that are not moves of the named series are not checked as such', () => {
  it('oil, inflation, yields, earnings, weights and rates next to an index name', async () => {
    const r = await check(
      `${DATELINE}The S&P 500 rose 0.5% on Friday as oil fell 3% on Friday. Inflation rose 3.1% in January. S&P 500 earnings grew 5% this year. Treasury yields climbed 5 basis points. Nvidia accounts for 7% of the S&P 500. The 10-year yield rose to 4.25%.`,
      [rut, gspc],
    );
    const figures = r.claims
      .filter((c) => c.type === 'return' || c.type === 'spread')
      .map((c) => [r.text.slice(c.focus.start, c.focus.end), c.verdict]);
    expect(figures).toEqual([
      ['0.5%', 'contradicted'], // the S&P 500 itself: +0.02% on Friday
      ['3%', 'unverifiable'],
      ['3.1%', 'unverifiable'],
      ['5%', 'unverifiable'],
    ]);
    for (const f of ['3%', '3.1%', '5%']) expect(claimAt(r, f).reason).toMatch(/no series named/);
  });
});
