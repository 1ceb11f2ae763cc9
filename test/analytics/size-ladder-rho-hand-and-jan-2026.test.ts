import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LADDER,
  FRENCH_SIZE_LADDER,
  interpretSizeRho,
  sizeLadder,
} from '../../src/analytics/ladder.ts';
import { UserError } from '../../src/model/errors.ts';
import { closeToClose, loadClose } from './helpers/market-files.ts';

const period = { start: '2025-12-31', end: '2026-01-22' };
const ladder = (returns: Record<string, number | null>) =>
  sizeLadder({ segments: DEFAULT_LADDER, returns, asOf: period.end, period });

describe('size ladder, hand cases (sizeRank 1 = mega … 5 = micro)', () => {
  it('returns rising as size falls: rho = +1, "in exact order"', () => {
    // return ranks 1,2,3,4,5 against size ranks 1,2,3,4,5 → d = 0 → rho = 1
    const r = ladder({ MAGS: -0.0156, SPY: 0.0104, IJH: 0.0659, IWM: 0.096, IWC: 0.1119 });
    expect(r.rows.map((x) => x.segment)).toEqual(['mega', 'large', 'mid', 'small', 'micro']);
    expect(r.spearman.rho).toBe(1);
    expect(r.spearman.n).toBe(5);
    expect(r.spearman.interpretation).toBe('in exact order: the smaller the segment, the better it did');
  });

  it('one adjacent swap: rho = 0.9, "though not in exact order"', () => {
    // return ranks 1,2,3,5,4: d = 0,0,0,−1,1 → Σd² = 2 → rho = 1 − 6·2/(5·24) = 1 − 12/120 = 0.9
    const r = ladder({ MAGS: -0.0156, SPY: 0.0104, IJH: 0.0659, IWM: 0.12, IWC: 0.096 });
    expect(r.spearman.rho).toBeCloseTo(0.9, 12);
    expect(r.spearman.interpretation).toBe(
      'the smaller the segment, the better it did, though not in exact order',
    );
  });

  it('moderate: rho = 0.6, "tended to"', () => {
    // return ranks 3,1,2,5,4: d = −2,1,1,−1,1 → Σd² = 8 → rho = 1 − 48/120 = 0.6
    const r = ladder({ MAGS: 0.03, SPY: 0.01, IJH: 0.02, IWM: 0.05, IWC: 0.04 });
    expect(r.spearman.rho).toBeCloseTo(0.6, 12);
    expect(r.spearman.interpretation).toBe('smaller segments tended to do better');
  });

  it('no pattern: rho = −0.1', () => {
    // return ranks 3,2,4,5,1: d = −2,0,−1,−1,4 → Σd² = 22 → rho = 1 − 132/120 = −0.1
    const r = ladder({ MAGS: 0.02, SPY: 0.01, IJH: 0.03, IWM: 0.05, IWC: 0 });
    expect(r.spearman.rho).toBeCloseTo(-0.1, 12);
    expect(r.spearman.interpretation).toBe('no consistent pattern by size');
  });

  it('large beats small: rho = −1', () => {
    const r = ladder({ MAGS: 0.05, SPY: 0.04, IJH: 0.03, IWM: 0.02, IWC: 0.01 });
    expect(r.spearman.rho).toBe(-1);
    expect(r.spearman.interpretation).toBe('in exact order: the larger the segment, the better it did');
  });

  it('a segment without data is listed and left out of rho', () => {
    // sizes 2,3,4,5 with returns rising → rho = 1 over n = 4
    const r = ladder({ MAGS: null, SPY: 0.0104, IJH: 0.0659, IWM: 0.096, IWC: 0.1119 });
    expect(r.missing).toEqual(['MAGS']);
    expect(r.rows[0]).toMatchObject({ segment: 'mega', return: null });
    expect(r.spearman).toMatchObject({ rho: 1, n: 4 });
    expect(r.provenance.notes[0]).toMatch(/MAGS/);
  });

  it('fewer than 3 returns: rho null with a reason, no interpretation', () => {
    const r = ladder({ SPY: 0.01, IWM: 0.02 });
    expect(r.spearman.rho).toBeNull();
    expect(r.spearman.interpretation).toBeNull();
    expect(r.spearman.reason).toMatch(/at least 3/);
  });

  it('errors: no segments, no returns at all, duplicate ranks', () => {
    expect(() => sizeLadder({ segments: [], returns: {}, asOf: period.end, period })).toThrow(UserError);
    expect(() => ladder({})).toThrow(/no segment has a return/);
    expect(() =>
      sizeLadder({
        segments: [
          { segment: 'a', symbol: 'X', sizeRank: 1 },
          { segment: 'b', symbol: 'Y', sizeRank: 1 },
        ],
        returns: { X: 1, Y: 2 },
        asOf: period.end,
        period,
      }),
    ).toThrow(/used twice/);
  });

  it('thresholds at the edges', () => {
    expect(interpretSizeRho(0.8)).toMatch(/though not in exact order/);
    expect(interpretSizeRho(0.7999)).toBe('smaller segments tended to do better');
    expect(interpretSizeRho(0.5)).toBe('smaller segments tended to do better');
    expect(interpretSizeRho(-0.4999)).toBe('no consistent pattern by size');
    expect(interpretSizeRho(null)).toBeNull();
  });
});

describe('ladder definitions', () => {
  it('DEFAULT_LADDER maps to files in the data folder', () => {
    expect(DEFAULT_LADDER.map((s) => [s.segment, s.symbol, s.sizeRank])).toEqual([
      ['mega', 'MAGS', 1],
      ['large', 'SPY', 2],
      ['mid', 'IJH', 3],
      ['small', 'IWM', 4],
      ['micro', 'IWC', 5],
    ]);
    for (const s of DEFAULT_LADDER) expect(loadClose(s.symbol).dates.length).toBeGreaterThan(500);
  });

  it('FRENCH_SIZE_LADDER: Hi 10 (rank 1) … Dec 9 … Dec 2 … Lo 10 (rank 10)', () => {
    expect(FRENCH_SIZE_LADDER.map((s) => s.symbol)).toEqual([
      'FF.ME.Hi 10',
      'FF.ME.Dec 9',
      'FF.ME.Dec 8',
      'FF.ME.Dec 7',
      'FF.ME.Dec 6',
      'FF.ME.Dec 5',
      'FF.ME.Dec 4',
      'FF.ME.Dec 3',
      'FF.ME.Dec 2',
      'FF.ME.Lo 10',
    ]);
    expect(FRENCH_SIZE_LADDER.map((s) => s.sizeRank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('size ladder on real data, 2025-12-31 → 2026-01-22', () => {
  it('matches the returns stated in prices/SOURCES.md and lines up in exact size order', () => {
    const dsturdy = new Set(['MAGS', 'IJH', 'IWC']); // last row intraday → dropped
    const returns: Record<string, number> = {};
    for (const s of DEFAULT_LADDER) {
      returns[s.symbol] = closeToClose(
        loadClose(s.symbol, { dropLast: dsturdy.has(s.symbol) }),
        period.start,
        period.end,
      );
    }
    // second source: SOURCES.md table (IWM +9.60%, SPY +1.04%, MAGS −1.56%)
    expect(returns.IWM * 100).toBeCloseTo(9.6, 2);
    expect(returns.SPY * 100).toBeCloseTo(1.04, 2);
    expect(returns.MAGS * 100).toBeCloseTo(-1.56, 2);
    // measured: IJH +6.5909%, IWC +11.1858%
    expect(returns.IJH * 100).toBeCloseTo(6.5909, 4);
    expect(returns.IWC * 100).toBeCloseTo(11.1858, 4);
    const r = ladder(returns);
    expect(r.spearman.rho).toBe(1);
    expect(r.spearman.interpretation).toBe('in exact order: the smaller the segment, the better it did');
  });
});
