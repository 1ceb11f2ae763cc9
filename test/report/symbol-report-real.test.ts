/** The weekly insight for BE on the real data: week vs IWM and XLI, the largest move, contribution to IWM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSymbolReport, toJsonDoc, toMarkdown } from '../../src/report/index.ts';
import type { Report } from '../../src/report/types.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { numbersNotInFacts } from './helpers/numbers.ts';
import { realStore } from './helpers/store.ts';

describe('weekly symbol report on real data', () => {
  let store: DuckDbStore;
  let cleanup: () => Promise<void>;
  let r: Report;
  beforeAll(async () => {
    ({ store, cleanup } = await realStore([
      'prices/BE.csv',
      'prices/IWM.csv',
      'prices/XLI.csv',
      'prices/alt/IWM__aurum.csv',
      'constituents/IWM_holdings_2026-05-05.csv',
    ]));
    r = await buildSymbolReport(store, { symbol: 'be' });
  });
  afterAll(async () => cleanup());

  const fact = (id: string) => r.facts.find((f) => f.id === id)?.value;

  it('is as of BE’s last complete session (the intraday 2026-08-03 row is excluded)', () => {
    expect(r.article.asOf).toBe('2026-07-31');
    expect(r.article.params).toMatchObject({ symbol: 'BE', index: 'IWM', sectorFund: 'XLI' });
  });

  it('compares the week with its index and sector fund', () => {
    expect(fact('perf.1w.BE.return') as number).toBeCloseTo(0.1131, 4);
    expect(fact('perf.1w.BE.base')).toBe('2026-07-24');
    expect(fact('perf.1w.XLI.return') as number).toBeCloseTo(-0.0154, 4);
    expect(fact('week.sessions')).toBe(5);
    expect(fact('move.date')).toBe('2026-07-30');
    expect(fact('move.return') as number).toBeCloseTo(0.2649, 4);
    expect(fact('move.since')).toBe('2026-04-29');
  });

  it('gives its contribution to IWM from the holdings weight', () => {
    // market value ÷ total market value (symbol-contribution-market-value-weights.test.ts has the
    // exact figure); the file's weight column rounds it to 1.93%
    expect(fact('contrib.weightSnapshot') as number).toBeCloseTo(0.0193, 4);
    expect(fact('contrib.rank')).toBe(1);
    const w0 = fact('contrib.1w.weightStart') as number;
    expect(fact('contrib.1w.bps') as number).toBeCloseTo(
      w0 * (fact('perf.1w.BE.return') as number) * 10_000,
      9,
    );
    const doc = toJsonDoc(r.article, r.facts).report;
    expect(doc.sections.map((s) => s.id)).toEqual(['week', 'streaks', 'contribution', 'levels']);
    expect(doc.headline).toBe(doc.headlineRanking[0].headline);
  });

  it('every number in the Markdown is one of the facts', () => {
    const md = toMarkdown(r.article, r.facts);
    const res = numbersNotInFacts(md, r.facts);
    expect(res.problems).toEqual([]);
    expect(res.checked).toBeGreaterThan(60);
  });

  it('a symbol no holdings file lists has no contribution section, and says why', async () => {
    const x = await buildSymbolReport(store, { symbol: 'XLI', asOf: '2026-07-31' });
    const doc = toJsonDoc(x.article, x.facts).report;
    expect(doc.omitted).toEqual([
      {
        id: 'contribution',
        title: 'Contribution to the index',
        reason: 'No stored holdings file lists XLI, so its weight in an index is unknown.',
      },
    ]);
    expect(x.facts.some((f) => f.id.startsWith('contrib.'))).toBe(false);
  });
});
