/**
 * Real data (optional check): contributions of the IWM members we have prices for, from the
 * iShares holdings export of 2026-05-05 (end weights, percent, 2 decimals) over 2025-12-31 → 2026-05-05.
 * IWM's return comes from the single-snapshot dsturdy copy (alt/IWM__dsturdy.csv), which has no
 * adjustment splice in March 2026 (prices/SOURCES.md). A partial list: no reconciliation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeContributions } from '../../src/analytics/contributions.ts';
import { closeToClose, DATA, loadClose } from './helpers/market-files.ts';

function ishWeights(): Record<string, number> {
  const lines = readFileSync(`${DATA}/constituents/IWM_holdings_2026-05-05.csv`, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  expect(lines[9].startsWith('Ticker,Name,Sector,Asset Class,Market Value,Weight (%)')).toBe(true);
  const w: Record<string, number> = {};
  for (const l of lines.slice(10)) {
    if (l.trim() === '') break; // legal footer follows the first blank line
    const cells = l.match(/"([^"]*)"/g)!.map((x) => x.slice(1, -1));
    w[cells[0]] = Number(cells[5].replace(/,/g, ''));
  }
  return w;
}

describe('IWM small caps, 2026 to 5 May, from published end weights', () => {
  it('Bloom Energy: 1.93% end weight but 0.65% start weight → +156.6 bps, not the naive +462.8', () => {
    const w = ishWeights();
    const base = '2025-12-31';
    const end = '2026-05-05';
    const iwm = loadClose('alt/IWM__dsturdy');
    const R = closeToClose(iwm, base, end);
    expect(R * 100).toBeCloseTo(14.9913, 4); // measured
    const syms = ['BE', 'KTOS', 'AVAV', 'HL', 'TTMI', 'ERAS', 'CRML', 'ALMS', 'BKKT'];
    const rows = syms.map((s) => ({
      symbol: s,
      weightEnd: w[s] / 100,
      return: closeToClose(loadClose(s, { dropLast: true }), base, end),
    }));
    const r = computeContributions(rows, { weights: 'end', indexReturn: R, period: { start: base, end } });
    expect(r.wholeIndex).toBe(false);
    expect(r.reconciliation).toBeUndefined();
    const be = r.rows[0];
    expect(be.symbol).toBe('BE');
    // hand: r_BE = +239.797%; w_start = 0.0193 × 1.149913 / 3.397974 = 0.0065313; × 2.39797 × 10000 = 156.62 bps
    const wStart = (0.0193 * (1 + R)) / (1 + be.return);
    expect(be.weightStart).toBeCloseTo(wStart, 14);
    expect(be.weightStart * 100).toBeCloseTo(0.6531, 4);
    expect(be.contributionBps).toBeCloseTo(156.62, 2);
    // the naive end-weight figure would overstate it threefold
    expect(0.0193 * be.return * 10_000).toBeCloseTo(462.8, 1);
    expect(r.rows.at(-1)?.symbol).toBe('KTOS');
  });
});
