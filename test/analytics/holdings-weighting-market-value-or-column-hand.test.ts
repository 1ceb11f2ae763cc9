/**
 * holdingsWeighting by hand: market value ÷ the total market value of every row (cash included) when
 * every equity row has a market value; the published weight column otherwise.
 */
import { describe, expect, it } from 'vitest';
import { holdingsWeighting } from '../../src/facts/pure.ts';

const row = (symbol: string, assetClass: string | null, weight: number | null, marketValue: number | null) => ({
  symbol,
  assetClass,
  weight,
  marketValue,
});

describe('holdings weights: market value or the weight column', () => {
  it('AAA 6,000, BBB 3,997.66, CCC 1.17 and cash 1.17: total 10,000; CCC 0.0117%, not the column’s 0.01%', () => {
    const rows = [
      row('AAA', 'Equity', 0.6, 6000),
      row('BBB', 'Equity', 0.3998, 3997.66),
      row('CCC', null, 0.0001, 1.17), // no asset class: counted as equity
      row('USD', 'Cash', 0.0001, 1.17),
    ];
    const hw = holdingsWeighting(rows);
    expect(hw.byMarketValue).toBe(true);
    expect(hw.basis).toBe('market value ÷ total market value');
    expect(hw.totalMarketValue).toBeCloseTo(10_000, 9);
    expect(hw.equity.map((r) => r.symbol)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(hw.equity.map((r) => hw.weightOf(r))).toEqual([
      expect.closeTo(0.6, 12),
      expect.closeTo(0.399766, 12),
      expect.closeTo(0.000117, 12),
    ]);
  });

  it('one equity row without a market value: every weight from the column as published', () => {
    const rows = [row('AAA', 'Equity', 0.6, 6000), row('BBB', 'Equity', 0.4, null), row('USD', 'Cash', 0, 0)];
    const hw = holdingsWeighting(rows);
    expect(hw.byMarketValue).toBe(false);
    expect(hw.basis).toBe('weight column (rounded as published)');
    expect(hw.equity.map((r) => hw.weightOf(r))).toEqual([0.6, 0.4]);
  });
});
