/**
 * The ten failure classes of issue 11, each on hand-made series where every value is worked out by
 * hand. Sessions Dec. 31, 2025 … Jan. 22, 2026 (14 sessions after Dec. 31; Jan. 19 is a holiday):
 *   ^RUT +1.0% every session from 2,000 (YTD 1.01^14 − 1 = +14.95%; intraday high = close × 1.005)
 *   ^GSPC +0.1% (YTD +1.41%), QQQ +0.15% (YTD +2.12%), DIA 0% (flat), IJH +0.2% but −0.3% on Jan. 20,
 *   IWM +0.9% (YTD +13.37%), SPY +0.05%.
 */
import { describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/analytics/series.ts';
import { sessionsBetween } from '../../src/model/calendar.ts';
import { check, claimAt, series } from './helpers/data.ts';

const FROM = '2025-12-31';
const TO = '2026-01-22';
const daily = (
  symbol: string,
  start: number,
  pct: (d: string) => number,
  from = FROM,
  hi = false,
): PriceSeries => {
  const ds = sessionsBetween(from, TO);
  const closes: number[] = [start];
  for (const d of ds.slice(1)) closes.push(closes[closes.length - 1] * (1 + pct(d) / 100));
  const m = new Map(ds.map((d, i) => [d, closes[i]]));
  return series(
    symbol,
    from,
    TO,
    (_i, d) => m.get(d) as number,
    hi ? { high: (_i, d) => (m.get(d) as number) * 1.005 } : {},
  );
};
const RUT = daily('^RUT', 2000, () => 1.0, FROM, true);
const GSPC = daily('^GSPC', 6000, () => 0.1);
const QQQ = daily('QQQ', 600, () => 0.15);
const DIA = daily('DIA', 480, () => 0);
const IJH = daily('IJH', 65, (d) => (d === '2026-01-20' ? -0.3 : 0.2));
const IWM = daily('IWM', 245, () => 0.9);
const SPY = daily('SPY', 680, () => 0.05);
const ALL = [RUT, GSPC, QQQ, DIA, IJH, IWM, SPY];
const DL = 'NEW YORK, Jan. 22, 2026 – ';

describe('1. binding each number to its own subject', () => {
  it('possessive, "while", "versus", parentheses: each figure is checked on its own series', async () => {
    const r = await check(
      `${DL}Small caps are up more than 14% this year, well ahead of the Nasdaq-100’s slim 2.1% rise. The Russell 2000 rose 1.0% on Thursday while the S&P 500 added 0.1%. The Russell 2000 rose 1.0% on Thursday, versus 0.05% for SPY. The S&P 500 (up 1.4% this year) lagged the Russell 2000 (up 14.9% this year).`,
      ALL,
    );
    const q = claimAt(r, '2.1%');
    expect([q.verdict, q.evidence.series[0].symbol, q.computed?.text]).toEqual([
      'supported',
      'QQQ',
      '+2.12%',
    ]);
    expect(q.evidence.binding).toContain('possessive');
    expect(claimAt(r, '14%')).toMatchObject({ verdict: 'supported', computed: { text: '+14.95%' } });
    expect(claimAt(r, '0.1%').evidence.series[0].symbol).toBe('^GSPC');
    expect(claimAt(r, '0.1%').verdict).toBe('supported');
    expect(claimAt(r, '0.05%')).toMatchObject({
      verdict: 'supported',
      evidence: { series: [{ symbol: 'SPY' }] },
    });
    const s = claimAt(r, '1.4%');
    expect([s.verdict, s.evidence.series[0].symbol]).toEqual(['supported', '^GSPC']);
    const u = claimAt(r, '14.9%');
    expect([u.verdict, u.evidence.series[0].symbol]).toEqual(['supported', '^RUT']);
    expect(u.evidence.binding).toContain('parenthesis');
  });

  it('", which": the figure belongs to the name the clause refers to, not to the sentence subject', async () => {
    const r = await check(
      `${DL}The Russell 2000 rose 1.0% on Thursday, ahead of the S&P 500, which added 0.1%.`,
      ALL,
    );
    const c = claimAt(r, '0.1%');
    expect([c.verdict, c.evidence.series[0].symbol]).toEqual(['supported', '^GSPC']);
  });
});

describe('2. relative streaks are relative, in the article’s direction', () => {
  it('"its run of beating X", "outperformance for A over B", "B trailed A": A vs B, never reversed', async () => {
    const r = await check(
      `${DL}The Russell 2000 stretched its run of beating the S&P 500 to 14 straight sessions. It was the 14th straight day of outperformance for small caps over large caps. Large caps have trailed small caps for 14 sessions in a row.`,
      ALL,
    );
    const [a, b, c] = r.claims.filter((x) => x.type === 'streak');
    expect([a.verdict, a.computed?.text]).toEqual([
      'supported',
      "14 sessions with ^RUT's daily return above ^GSPC's (2026-01-02..2026-01-22)",
    ]);
    expect(b.computed?.text).toContain("^RUT's daily return above ^GSPC's");
    expect(b.verdict).toBe('supported');
    expect(c.computed?.text).toContain("^GSPC's daily return below ^RUT's");
    expect(c.verdict).toBe('supported');
  });

  it('an absolute streak stays absolute; a wrong relative count is contradicted', async () => {
    const r = await check(
      `${DL}The Russell 2000 rose 14 days in a row. The Russell 2000 beat the S&P 500 for 13 straight sessions.`,
      ALL,
    );
    expect(claimAt(r, '14 days in a row')).toMatchObject({ verdict: 'supported', computed: { value: 14 } });
    expect(claimAt(r, '13 straight sessions')).toMatchObject({
      verdict: 'contradicted',
      computed: { value: 14 },
    });
  });
});

describe('3. compound sentences: two claims, two verdicts', () => {
  it('"set intraday highs for N sessions in a row while beating large caps each day"', async () => {
    const t = await check(
      `${DL}The Russell 2000 set intraday highs for 14 sessions in a row while beating large caps each day.`,
      ALL,
    );
    const rec = claimAt(t, '14 sessions in a row', 'record');
    expect([rec.verdict, rec.computed?.text]).toEqual([
      'supported',
      '14 straight intraday record high(s) 2026-01-02..2026-01-22',
    ]);
    const rel = claimAt(t, '14 sessions in a row', 'streak');
    expect([rel.verdict, rel.stated.qualifier]).toEqual(['supported', 'at-least']);
    expect(rel.computed?.text).toContain("^RUT's daily return above ^GSPC's");
    const f = await check(
      `${DL}The Russell 2000 set intraday highs for 15 sessions in a row while beating large caps each day.`,
      ALL,
    );
    expect(
      f.claims
        .filter((c) => c.verdict === 'contradicted')
        .map((c) => c.type)
        .sort(),
    ).toEqual(['record', 'streak']);
  });
});

describe('4. "longest since": the earlier run is found; a short index history falls back to a labelled proxy', () => {
  // IWM and SPY from 2024-01-02: SPY wins every session except a 16-session IWM run ending 2024-05-15
  // and the 14 sessions Jan. 2–22, 2026. ^RUT/^GSPC only start on Dec. 31, 2025.
  const long = (symbol: string, win: (d: string) => boolean, mine: number, other: number) =>
    daily(symbol, 100, (d) => (win(d) ? mine : other), '2024-01-02');
  const runDays = new Set(sessionsBetween('2024-01-02', '2024-05-15').slice(-16));
  const iwmWins = (d: string) => runDays.has(d) || d >= '2026-01-02';
  const iwmL = long('IWM', iwmWins, 0.3, 0.1);
  const spyL = long('SPY', iwmWins, 0.1, 0.2);

  it('true date via IWM/SPY standing in for the indexes, labelled; a wrong date is contradicted', async () => {
    const r = await check(
      `${DL}The Russell 2000 has beaten the S&P 500 for 14 straight sessions, the longest such run since May 2024. The Russell 2000 has beaten the S&P 500 for 14 straight sessions, the longest such run since 2023.`,
      [RUT, GSPC, iwmL, spyL],
    );
    const [ok, bad] = r.claims.filter((c) => c.type === 'streak' && c.stated.unit === 'date');
    expect(ok.verdict).toBe('supported');
    expect(ok.evidence.series.map((s) => [s.symbol, s.proxy])).toEqual([
      ['IWM', true],
      ['SPY', true],
    ]);
    expect(ok.evidence.dates.previousAsLong).toBe(`${[...runDays][0]}..2024-05-15`);
    expect(ok.evidence.notes.join(' ')).toContain('stands in for Russell 2000');
    expect(bad.verdict).toBe('contradicted');
  });

  it('"in nearly 2 years" (the run ended 1.7 years earlier) is supported, "in 3 years" and "equalling a record since May 2024" (16 ≠ 14) are not', async () => {
    const r = await check(
      `${DL}IWM has beaten SPY for 14 straight sessions, the longest such run in nearly 2 years. IWM has beaten SPY for 14 straight sessions, the longest such run in 3 years. IWM has beaten SPY for 14 straight sessions, equalling a record that had stood since May 2024.`,
      [iwmL, spyL],
    );
    const ranks = r.claims.filter((c) => c.type === 'streak' && c.stated.unit === 'date');
    expect(ranks.map((c) => [c.stated.text, c.verdict])).toEqual([
      ['longest such run in nearly 2 years', 'supported'],
      ['longest such run in 3 years', 'contradicted'],
      ['equalling a record that had stood since May 2024', 'contradicted'],
    ]);
    expect(ranks[0].reason).toContain('ended 2024-05-15, 1.7 years before 2026-01-22');
    expect(ranks[2].reason).toContain('16 sessions then, 14 now');
  });
});

describe('5. bounds and hedges', () => {
  it('"more than 15%" with 14.95% is contradicted; "more than 14%", "nearly 15%", "roughly 1.4%", "flat" are supported', async () => {
    const r = await check(
      `${DL}The Russell 2000 is up more than 15% this year. The Russell 2000 is up more than 14% this year. The Russell 2000 is up nearly 15% year-to-date. The Russell 2000 is up at least 15% this year. The S&P 500 is up roughly 1.4% this year. The Dow has been flat this year.`,
      ALL,
    );
    const v = r.claims.filter((c) => c.type === 'return').map((c) => [c.stated.text, c.verdict]);
    expect(v).toEqual([
      ['up 15%', 'contradicted'],
      ['up 14%', 'supported'],
      ['up 15%', 'supported'],
      ['up 15%', 'contradicted'],
      ['up 1.4%', 'supported'],
      ['flat', 'supported'],
    ]);
    expect(r.claims[0].tolerance?.rule).toContain('"more than"');
  });

  it('qualitative words have documented ranges: "modest gain", "edged higher", "gone nowhere", "plunged"', async () => {
    const r = await check(
      `${DL}The S&P 500 posted a modest gain this year. The S&P 500 edged higher on Thursday. The Dow has gone nowhere this year. The Russell 2000 posted a modest gain this year. The Nasdaq-100 plunged on Tuesday.`,
      ALL,
    );
    const v = r.claims
      .filter((c) => c.type === 'return')
      .map((c) => [c.stated.text, c.verdict, c.tolerance?.rule]);
    expect(v).toEqual([
      ['modest gain', 'supported', '"modest gain": 0 < change < 2%'], // ^GSPC +1.41%
      ['edged higher', 'supported', '"edged higher": 0 < change < 0.5%'], // +0.1%
      ['has gone nowhere', 'supported', '"has gone nowhere": |change| < 1%'], // DIA 0%
      ['modest gain', 'contradicted', '"modest gain": 0 < change < 2%'], // ^RUT +14.95%
      ['plunged', 'contradicted', '"plunged": change ≤ −2%'], // QQQ +0.15% on Jan. 20
    ]);
  });
});

describe('6. single-session moves on named days', () => {
  it('datelined Wednesday: "on Tuesday" is Jan. 20; "on Monday" was a holiday', async () => {
    const r = await check(
      'WASHINGTON, Wednesday, Jan. 21, 2026 – On Tuesday the Nasdaq-100 rose 0.15% while mid caps slipped only 0.3%. On Monday the Russell 2000 fell 1%.',
      ALL,
    );
    expect(claimAt(r, '0.15%')).toMatchObject({
      verdict: 'supported',
      evidence: { dates: { base: '2026-01-16', end: '2026-01-20' } },
    });
    expect(claimAt(r, '0.3%')).toMatchObject({
      verdict: 'supported',
      evidence: { series: [{ symbol: 'IJH' }] },
    });
    expect(claimAt(r, 'Monday', 'closed-day').verdict).toBe('contradicted');
    const mon = claimAt(r, '1%', 'return');
    expect(mon.verdict).toBe('unverifiable');
    expect(mon.reason).toContain('closed');
  });
});

describe('7. tables', () => {
  it('run-together rows, accounting negatives, a per-row figure and an in-entity average are not column claims', async () => {
    const text = `${DL}Tuesday's moves.

| Fund | Day % (Jan. 20) | Avg Debt/Equity |
| --- | ---: | ---: |
| IJH | (0.30) | 0.8 |
| QQQ | 0.15 | 0.5 |

Mid caps earn an average of 70% of their sales at home.

IndexYTD %Day %
Russell 2000+14.95+1.00
S&P 500+1.41+0.10
`;
    const r = await check(text, ALL);
    expect(claimAt(r, '(0.30)')).toMatchObject({
      type: 'table',
      verdict: 'supported',
      stated: { value: -0.3 },
    });
    expect(claimAt(r, '+14.95')).toMatchObject({ type: 'table', verdict: 'supported' });
    expect(claimAt(r, '+1.41')).toMatchObject({ type: 'table', verdict: 'supported' });
    expect(r.claims.filter((c) => c.type === 'average')).toEqual([]);
    expect(r.claims.some((c) => r.text.slice(c.focus.start, c.focus.end) === '0.8')).toBe(false);
  });
});

describe('8. duplicated page content', () => {
  it('the same paragraph twice is one claim with count 2', async () => {
    const p = 'The Russell 2000 rose 1.0% on Thursday.';
    const r = await check(`${DL}Thursday's session.\n\n${p}\n\n${p}\n\n${p.replace('1.0%', '1.3%')}`, ALL);
    const [a, b] = r.claims.filter((c) => c.type === 'return');
    expect([a.count, a.verdict, a.repeats?.length]).toEqual([2, 'supported', 1]);
    expect([b.count, b.verdict]).toEqual([1, 'contradicted']);
  });
});

describe('9. explicit dates win', () => {
  it('"As of Jan. 15" beats the dashboard default; the default applies only when the text has no date', async () => {
    const text = 'As of Jan. 15, 2026, the Russell 2000 is up 10.5% this year.'; // 1.01^10 − 1 = 10.46%
    const r = await check(text, ALL, { defaultAsOf: '2026-01-22' });
    expect([r.asOf, r.asOfSource]).toEqual(['2026-01-15', 'as-of phrase']);
    expect(claimAt(r, '10.5%')).toMatchObject({
      verdict: 'supported',
      evidence: { series: [{ symbol: '^RUT', proxy: false }] },
    });
    const d = await check('The Russell 2000 is up 14.9% this year.', ALL, { defaultAsOf: '2026-01-22' });
    expect([d.asOf, d.asOfSource, claimAt(d, '14.9%').verdict]).toEqual([
      '2026-01-22',
      'default',
      'supported',
    ]);
    const o = await check(text, ALL, { asOf: '2026-01-22' });
    expect([o.asOf, o.asOfSource]).toEqual(['2026-01-22', 'option']);
  });
});

describe('10. series choice', () => {
  it('the index when it has the dates, else the ETF labelled as a proxy; "the benchmark tracked by IWM" is the index', async () => {
    const r = await check(
      `${DL}The small-cap benchmark tracked by IWM rose 1.0% on Thursday. The Russell 2000 is up 14.9% this year.`,
      ALL,
    );
    expect(claimAt(r, '1.0%')).toMatchObject({
      verdict: 'supported',
      evidence: { series: [{ symbol: '^RUT', proxy: false }] },
    });
    const p = await check(`${DL}The Russell 2000 is up 13.4% this year.`, [IWM, GSPC]);
    const c = claimAt(p, '13.4%');
    expect([c.verdict, c.evidence.series[0].symbol, c.evidence.series[0].proxy]).toEqual([
      'approximately',
      'IWM',
      true,
    ]);
    expect(c.evidence.notes.join(' ')).toContain('stands in for Russell 2000');
  });
});
