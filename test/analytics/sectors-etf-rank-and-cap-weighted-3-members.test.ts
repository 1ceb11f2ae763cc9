import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeContributions } from '../../src/analytics/contributions.ts';
import {
  normalizeSector,
  SECTOR_ETFS,
  sectorReturnsFromEtfs,
  sectorReturnsFromHoldings,
  withSectorDivergence,
} from '../../src/analytics/sectors.ts';
import { UserError } from '../../src/model/errors.ts';
import type { Holding } from '../../src/model/types.ts';
import { closeToClose, DATA, loadClose } from './helpers/market-files.ts';

const period = { start: '2025-12-31', end: '2026-01-22' };

function holding(
  symbol: string,
  sector: string | null,
  weight: number | null,
  extra: Partial<Holding> = {},
): Holding {
  return {
    fund: 'TEST',
    asOf: '2026-01-22',
    symbol,
    name: null,
    sector,
    subIndustry: null,
    assetClass: 'Equity',
    weight,
    shares: null,
    marketValue: null,
    price: null,
    ...extra,
  };
}

describe('sector returns from sector ETFs', () => {
  it('ranks with ties sharing the better rank; missing ETFs listed', () => {
    const r = sectorReturnsFromEtfs({
      returns: { XLK: 0.05, XLF: 0.02, XLV: 0.02, XLE: -0.01, XLI: 0.03 },
      period,
      etfs: {
        'Information Technology': 'XLK',
        Financials: 'XLF',
        'Health Care': 'XLV',
        Energy: 'XLE',
        Industrials: 'XLI',
        'Communication Services': 'XLC',
      },
    });
    // 5% → 1; 3% → 2; 2%, 2% → 3, 3 (ties by name: Financials, Health Care); −1% → 5
    expect(r.rows.map((x) => [x.sector, x.rank])).toEqual([
      ['Information Technology', 1],
      ['Industrials', 2],
      ['Financials', 3],
      ['Health Care', 3],
      ['Energy', 5],
    ]);
    expect(r.rows[0]).toMatchObject({ etf: 'XLK', coverage: 1, return: 0.05 });
    expect(r.missing).toEqual([
      { sector: 'Communication Services', symbols: ['XLC'], reason: 'no return for XLC' },
    ]);
  });

  it('the default map covers the 11 GICS sectors with the SPDR tickers', () => {
    expect(Object.keys(SECTOR_ETFS)).toHaveLength(11);
    expect(SECTOR_ETFS['Real Estate']).toBe('XLRE');
    expect(SECTOR_ETFS['Communication Services']).toBe('XLC');
  });

  it('no ETF with a return is a UserError', () => {
    expect(() => sectorReturnsFromEtfs({ returns: {}, period })).toThrow(UserError);
  });
});

describe('cap-weighted sector returns from holdings (3-member hand case)', () => {
  // Tech:   A w 0.50 r +10%, B w 0.30 r −5%, D w 0.10 (no return)
  // Energy: C w 0.20 r +2%
  // Cash line excluded (asset class Cash)
  // Tech   = (0.5×0.10 + 0.3×−0.05)/(0.5+0.3) = (0.05 − 0.015)/0.8 = 0.035/0.8 = 0.04375; coverage 0.8/0.9 = 0.8889
  // Energy = 0.2×0.02/0.2 = 0.02; coverage 1
  const holdings = [
    holding('A', 'Information Technology', 0.5),
    holding('B', 'Info Tech', 0.3),
    holding('C', 'Energy', 0.2),
    holding('D', 'Information Technology', 0.1),
    holding('USD', 'Cash and/or Derivatives', 0.01, { assetClass: 'Cash' }),
  ];
  const returns = { A: 0.1, B: -0.05, C: 0.02 };
  const r = sectorReturnsFromHoldings({ universe: 'u1', holdings, returns, period });

  it('weights by holdings weight over members with data; lists members without', () => {
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({
      sector: 'Information Technology',
      rank: 1,
      membersWithData: 2,
      members: 3,
    });
    expect(r.rows[0].return).toBeCloseTo(0.04375, 14);
    expect(r.rows[0].coverage).toBeCloseTo(0.8 / 0.9, 14);
    expect(r.rows[1]).toMatchObject({ sector: 'Energy', rank: 2, coverage: 1 });
    expect(r.rows[1].return).toBeCloseTo(0.02, 14);
    expect(r.missing).toEqual([
      { sector: 'Information Technology', symbols: ['D'], reason: 'no return for the period' },
    ]);
    expect(r.excluded).toEqual([{ symbol: 'USD', reason: 'asset class Cash' }]);
  });

  it('second method: Σ contributions within the sector / Σ start weight', () => {
    // contributions.ts on the tech members with data: 500 bps + (−150) bps = 350 bps; / 0.8 → 437.5 bps = 4.375%
    const c = computeContributions([
      { symbol: 'A', weightStart: 0.5, return: 0.1 },
      { symbol: 'B', weightStart: 0.3, return: -0.05 },
    ]);
    expect(c.totalBps / 10_000 / 0.8).toBeCloseTo(r.rows[0].return, 14);
  });

  it('weights by market value when asked (unrounded)', () => {
    const mv = sectorReturnsFromHoldings({
      universe: 'mv',
      holdings: [
        holding('A', 'Energy', 0.01, { marketValue: 300 }),
        holding('B', 'Energy', 0.01, { marketValue: 100 }),
      ],
      returns: { A: 0.1, B: 0.02 },
      period,
      weightBy: 'marketValue',
    });
    // (300×0.10 + 100×0.02)/400 = (30 + 2)/400 = 0.08 (equal rounded weights would give 0.06)
    expect(mv.rows[0].return).toBeCloseTo(0.08, 14);
  });

  it('divergence between two universes, in points', () => {
    // u2: Tech E w 1 r +1%; Energy F w 1 r +3%; Utilities G (only in u2)
    const u2 = sectorReturnsFromHoldings({
      universe: 'u2',
      holdings: [
        holding('E', 'Information Technology', 1),
        holding('F', 'Energy', 1),
        holding('G', 'Utilities', 1),
      ],
      returns: { E: 0.01, F: 0.03, G: 0 },
      period,
    });
    const d = withSectorDivergence(r, u2);
    // Tech: (0.04375 − 0.01) × 100 = 3.375 pts; Energy: (0.02 − 0.03) × 100 = −1 pt
    expect(d.divergence!.map((x) => x.sector)).toEqual(['Information Technology', 'Energy']);
    expect(d.divergence![0].divergencePts).toBeCloseTo(3.375, 12);
    expect(d.divergence![1].divergencePts).toBeCloseTo(-1, 12);
    expect(d.divergenceUnmatched).toEqual([{ sector: 'Utilities', in: 'b' }]);
    expect(d.rows).toBe(r.rows);
  });

  it('errors: empty holdings, mismatched periods, duplicate holdings', () => {
    expect(() => sectorReturnsFromHoldings({ universe: 'x', holdings: [], returns: {}, period })).toThrow(
      UserError,
    );
    const other = sectorReturnsFromHoldings({
      universe: 'u3',
      holdings: [holding('A', 'Energy', 1)],
      returns: { A: 0 },
      period: { start: '2025-12-31', end: '2026-01-23' },
    });
    expect(() => withSectorDivergence(r, other)).toThrow(/periods differ/);
    expect(() =>
      sectorReturnsFromHoldings({
        universe: 'x',
        holdings: [holding('A', 'Energy', 1), holding('A', 'Energy', 1)],
        returns: {},
        period,
      }),
    ).toThrow(/held twice/);
    expect(() =>
      sectorReturnsFromHoldings({
        universe: 'x',
        holdings: [holding('A', 'Energy', 1)],
        returns: {},
        period,
      }),
    ).toThrow(/no sector has a member with a return/);
  });

  it('normalises provider sector names', () => {
    expect(normalizeSector('Communication')).toBe('Communication Services');
    expect(normalizeSector(' health  care ')).toBe('Health Care');
    expect(normalizeSector('Cash and/or Derivatives')).toBe('Cash and/or Derivatives');
  });
});

describe('sector ETFs on real data, 2025-12-31 → 2026-01-22: TypeScript vs DuckDB SQL', () => {
  type Con = { runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }> };
  let con: Con;
  let close: () => void = () => {};
  beforeAll(async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    con = c as unknown as Con;
    close = () => {
      c.closeSync();
      inst.closeSync();
    };
  });
  afterAll(() => close());

  it('ranks the 11 sectors identically', async () => {
    const closeOnly = new Set(['XLB', 'XLRE', 'XLC']);
    const returns: Record<string, number> = {};
    for (const etf of Object.values(SECTOR_ETFS)) {
      returns[etf] = closeToClose(loadClose(etf, { dropLast: closeOnly.has(etf) }), period.start, period.end);
    }
    const r = sectorReturnsFromEtfs({ returns, period });
    expect(r.rows).toHaveLength(11);
    // second method: SQL over read_csv (both file layouts have a date and a close column)
    const union = Object.values(SECTOR_ETFS)
      .map(
        (
          etf,
        ) => `SELECT '${etf}' AS etf, CAST(${closeOnly.has(etf) ? 'Date' : 'date'} AS DATE) AS d, ${closeOnly.has(etf) ? 'Close' : 'close'} AS c
                  FROM read_csv_auto('${DATA}/prices/${etf}.csv')`,
      )
      .join(' UNION ALL ');
    const rows = (
      await con.runAndReadAll(`
      WITH p AS (${union})
      SELECT e.etf, e.c / b.c - 1 AS ret FROM p b JOIN p e USING (etf)
      WHERE b.d = DATE '${period.start}' AND e.d = DATE '${period.end}' ORDER BY ret DESC`)
    ).getRowObjects();
    expect(rows.map((x) => x.etf)).toEqual(r.rows.map((x) => x.etf));
    for (const [i, x] of rows.entries()) expect(x.ret as number).toBeCloseTo(r.rows[i].return, 12);
    // measured (both methods agree): XLE +9.3939% first … XLF −1.7528% last
    expect(r.rows.map((x) => x.etf)).toEqual([
      'XLE',
      'XLB',
      'XLI',
      'XLP',
      'XLY',
      'XLV',
      'XLRE',
      'XLK',
      'XLU',
      'XLC',
      'XLF',
    ]);
    expect(r.rows[0].return * 100).toBeCloseTo(9.3939, 4);
    expect(r.rows[10].return * 100).toBeCloseTo(-1.7528, 4);
  });
});
