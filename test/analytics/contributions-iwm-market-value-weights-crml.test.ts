/**
 * Issue 15, item 6: contribution weights come from market value ÷ total market value where the
 * holdings file has it, not from the two-decimal weight column (small names were off by up to 17%).
 * Expected values are worked out here from the raw holdings and price files.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributionsFacts } from '../../src/facts/market.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { realStore } from '../report/helpers/store.ts';
import { DATA } from './helpers/market-files.ts';

/**
 * The holdings table of the iShares export: ticker → [market value, weight %], quoted CSV cells, and
 * the total market value of every row (a ticker can appear twice: ADRO, '-').
 */
function holdings(): { byTicker: Map<string, [number, number]>; total: number } {
  const lines = readFileSync(`${DATA}/constituents/IWM_holdings_2026-05-05.csv`, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('Ticker,'));
  const byTicker = new Map<string, [number, number]>();
  let total = 0;
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('"')) continue; // the continuation of a multi-line cell, the legal text
    const c = l.slice(1).split('","');
    if (c.length < 6) continue;
    const mv = Number(c[4].replace(/,/g, ''));
    total += mv;
    byTicker.set(c[0], [mv, Number(c[5])]);
  }
  return { byTicker, total };
}

const close = (file: string, date: string, col = 4) =>
  Number((readFileSync(`${DATA}/${file}`, 'utf8').split('\n').find((l) => l.startsWith(date)) as string).split(',')[col]);

describe('IWM contributions to 2026-05-05 use market-value weights', () => {
  let store: DuckDbStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await realStore(['constituents/IWM_holdings_2026-05-05.csv', 'prices/CRML.csv', 'prices/BE.csv']));
  }, 60_000);
  afterAll(async () => cleanup());

  it('CRML: 1.28 bps from its market value, not the 1.10 the rounded 0.02% weight gives', async () => {
    const { byTicker, total } = holdings();
    // The index return R from the single-snapshot copy of IWM (dsturdy, Date,Close), given explicitly.
    const R = close('prices/alt/IWM__dsturdy.csv', '2026-05-05', 1) / close('prices/alt/IWM__dsturdy.csv', '2025-12-31', 1) - 1;
    const r = await contributionsFacts(store, { fund: 'IWM', period: 'ytd', asOf: '2026-05-05', indexReturn: R, top: 5 });
    expect(r.weightBasis).toBe('market value ÷ total market value');
    const rc = close('prices/CRML.csv', '2026-05-05', 1) / close('prices/CRML.csv', '2025-12-31', 1) - 1; // Date,Close
    const [mv, wPct] = byTicker.get('CRML') as [number, number];
    const wEnd = mv / total;
    const want = wEnd * ((1 + R) / (1 + rc)) * rc * 1e4; // start weight × return, bps
    const crml = r.rows.find((x) => x.symbol === 'CRML');
    expect(crml?.contributionBps).toBeCloseTo(want, 9);
    expect(crml?.contributionBps).toBeCloseTo(1.28, 2);
    // the two-decimal column: 0.02% → 17% lower
    const fromColumn = (wPct / 100) * ((1 + R) / (1 + rc)) * rc * 1e4;
    expect(fromColumn).toBeCloseTo(1.10, 2);
    expect(wEnd / (wPct / 100)).toBeGreaterThan(1.16);
    expect(r.provenance.notes.join(' ')).toContain('weights = market value ÷ total market value of the snapshot');
  });
});
