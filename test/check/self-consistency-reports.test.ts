/**
 * MarketDash must agree with itself: `check` on every article `report` writes — the IWM:SPY pair
 * report and the weekly symbol report, at five as-of dates across 2008–2026 — finds no contradicted
 * claim, and every figure it cannot settle says why. A control edit (one figure changed in a report)
 * is caught, so the test can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle, type CheckResult, storeCheckData } from '../../src/check/index.ts';
import { buildPairReport, buildSymbolReport, toMarkdown } from '../../src/report/index.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { PAIR_FILES, realStore } from '../report/helpers/store.ts';

const DATES = ['2008-06-06', '2015-05-29', '2020-03-23', '2026-01-22', '2026-08-21'];
/** BE's data run 2018-07-25..2026-07-31; before and after, the symbol report is on QQQ. */
const symbolFor = (d: string) => (d >= '2018-09-01' && d <= '2026-07-31' ? 'BE' : 'QQQ');

let store: DuckDbStore;
let cleanup: () => Promise<void>;
const articles = new Map<string, string>();
const results = new Map<string, CheckResult>();

beforeAll(async () => {
  ({ store, cleanup } = await realStore([
    ...PAIR_FILES,
    'prices/RUT_INDEX.csv',
    'prices/GSPC_INDEX.csv',
    'prices/BE.csv',
  ]));
  for (const d of DATES) {
    const pair = await buildPairReport(store, { pair: 'IWM:SPY', asOf: d });
    const sym = await buildSymbolReport(store, { symbol: symbolFor(d), asOf: d });
    for (const [k, r] of [
      [`pair ${d}`, pair],
      [`symbol ${d}`, sym],
    ] as const) {
      const md = toMarkdown(r.article, r.facts);
      articles.set(k, md);
      results.set(k, await checkArticle(md, storeCheckData(store)));
    }
  }
}, 240_000);
afterAll(async () => cleanup());

const show = (r: CheckResult, v: string) =>
  r.claims
    .filter((c) => c.verdict === v)
    .map((c) => `${c.type} «${r.text.slice(c.focus.start, c.focus.end)}» → ${c.computed?.text}: ${c.reason}`);

describe('check on the reports MarketDash writes', () => {
  for (const d of DATES)
    for (const kind of ['pair', 'symbol'])
      it(`${kind} report as of ${d}: no contradicted claim; each unverifiable one says why`, () => {
        const r = results.get(`${kind} ${d}`) as CheckResult;
        expect(r.asOf).toBe(d);
        expect(show(r, 'contradicted')).toEqual([]);
        // The check is not empty: most figures are settled, and supported.
        expect(r.summary.supported).toBeGreaterThan(kind === 'pair' ? 40 : 18);
        expect(r.summary.supported + r.summary.approximately).toBeGreaterThan(r.summary.total * 0.6);
        for (const c of r.claims.filter((x) => x.verdict === 'unverifiable'))
          expect(c.reason.length, `${c.text}`).toBeGreaterThan(15);
        // Every data verdict names its series and formula.
        for (const c of r.claims.filter((x) => x.verdict === 'supported' && x.evidence.series.length > 0))
          expect(c.evidence.formula).not.toBe('');
      });

  it('the root causes seen before are settled: week column, spread rows, std dev, 200-session average', () => {
    const r = results.get('pair 2026-01-22') as CheckResult;
    const at = (focus: string, row: string) =>
      r.claims.filter((c) => r.text.slice(c.focus.start, c.focus.end) === focus && c.text.includes(row));
    // IWM's week +1.61% (perf IWM --period 1w: base Jan. 15 close) — the trailing-week reading.
    const week = at('+1.61%', 'IWM | Small caps')[0];
    expect(week.verdict).toBe('supported');
    expect(week.evidence.dates).toMatchObject({ base: '2026-01-15', end: '2026-01-22' });
    expect(week.evidence.reading).toContain('trailing week');
    // "IWM minus SPY +2.08 pts" is a spread of the two funds, not one fund's return.
    const spread = at('+2.08 pts', 'IWM minus SPY')[0];
    expect(spread).toMatchObject({ verdict: 'supported', type: 'table' });
    expect(spread.evidence.series.map((s) => s.symbol)).toEqual(['IWM', 'SPY']);
    // The standard deviation of daily returns is not a return.
    const sd = at('0.81%', 'standard deviation')[0];
    expect(sd.verdict).toBe('unverifiable');
    expect(sd.reason).toContain('standard deviation');
    // The 200-session average is a moving average of closes, not the mean of a table column.
    const ma = at('629.66', '200-session average')[0];
    expect(ma).toMatchObject({ type: 'level', verdict: 'supported' });
    expect(ma.evidence.formula).toContain('over 200 sessions');
  });

  it('a splice step is the step of the ratio to a single-snapshot copy, not the day’s return', () => {
    const r = results.get('pair 2026-08-21') as CheckResult;
    const step = r.claims.find(
      (c) =>
        r.text.slice(c.focus.start, c.focus.end) === '−0.24%' &&
        c.text.includes('The windows in this report span'),
    );
    // By hand from the raw CSVs: IWM.csv close / alt/IWM__aurum.csv adj_close is
    // 248.477997 / 247.888504 = 1.002378 on 2026-03-16 and 249.456772 / 249.456772 = 1 on 2026-03-17,
    // a step of 1 / 1.002378 − 1 = −0.237% (the data notes: 2026-03-17, −0.24%). IWM's own move that
    // day, on the repaired closes, is 249.456772 / (248.477997 × 0.997628) − 1 = +0.63%.
    expect(step?.verdict).toBe('supported');
    expect(step?.computed?.value).toBeCloseTo(-0.2372, 3);
    expect(step?.evidence.dates).toMatchObject({ rescaledTo: '2026-03-16', splice: '2026-03-17' });
    expect(step?.evidence.formula).toContain('IWM (aurum)');
  });

  it('control: a figure changed in a report is contradicted', async () => {
    const md = articles.get('pair 2026-01-22') as string;
    expect(md).toContain('IWM is up 9.60% this year');
    const wrong = md.replace('IWM is up 9.60% this year', 'IWM is up 9.90% this year');
    const r = await checkArticle(wrong, storeCheckData(store));
    const bad = show(r, 'contradicted');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toContain('9.90%');
    expect(bad[0]).toContain('+9.599%');
  });
});
