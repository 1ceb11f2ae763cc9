import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  aggregateValuation,
  parseValuationCsv,
  spreadFromPairs,
  spreadPercentile,
  valuationSpread,
} from '../../src/analytics/valuation.ts';
import { ImportError, UserError } from '../../src/model/errors.ts';
import type { Fundamentals } from '../../src/model/types.ts';
import { DATA } from './helpers/market-files.ts';

function f(symbol: string, v: Partial<Fundamentals>): Fundamentals {
  return {
    symbol,
    asOf: '2026-08-22',
    price: null,
    pe: null,
    forwardPe: null,
    ps: null,
    pb: null,
    evEbitda: null,
    debtEquity: null,
    marketCap: null,
    ebitda: null,
    eps: null,
    dividendYield: null,
    low52: null,
    high52: null,
    ...v,
  };
}

// Group A
//   X cap 100, P/E 10 → earnings 10;   P/S 2 → sales 50;  P/B  1 → book 100
//   Y cap 300, P/E 40 → earnings 7.5;  P/S 5 → sales 60;  P/B −3 → book −100 (negative)
//   Z cap 100, P/E blank, EPS −2, price 50 → earnings = 100 × −2/50 = −4; P/S 1 → 100; P/B 2 → book 50
//   W no market cap
const A = [
  f('X', { marketCap: 100, pe: 10, ps: 2, pb: 1 }),
  f('Y', { marketCap: 300, pe: 40, ps: 5, pb: -3 }),
  f('Z', { marketCap: 100, eps: -2, price: 50, ps: 1, pb: 2 }),
  f('W', { pe: 15 }),
];
// Group B: U cap 200 P/E 20 (earnings 10), P/S 4 (50), P/B 2 (100); V cap 200 P/E 10 (20), P/S 2 (100), P/B 2 (100)
const B = [
  f('U', { marketCap: 200, pe: 20, ps: 4, pb: 2 }),
  f('V', { marketCap: 200, pe: 10, ps: 2, pb: 2 }),
];

describe('aggregate valuation (Σ cap / Σ denominator, never the mean of ratios)', () => {
  it('excluding loss-makers (the alternative to the default)', () => {
    const g = aggregateValuation(A, { label: 'A', negatives: 'exclude' });
    // P/E = (100 + 300)/(10 + 7.5) = 400/17.5 = 22.857142857 (mean of ratios would be 25)
    expect(g.metrics.pe.value).toBeCloseTo(400 / 17.5, 12);
    expect(g.metrics.pe).toMatchObject({ included: 2, excludedNegative: 1, missing: 1, derivedFromEps: 1 });
    expect(g.metrics.pe.capCoverage).toBeCloseTo(0.8, 14); // 400 of 500
    // P/S = 500/(50 + 60 + 100) = 500/210 = 2.380952381
    expect(g.metrics.ps.value).toBeCloseTo(500 / 210, 12);
    // P/B excluding Y's negative book: (100 + 100)/(100 + 50) = 1.333333
    expect(g.metrics.pb.value).toBeCloseTo(200 / 150, 12);
    expect(g.metrics.forwardPe).toMatchObject({ value: null, reason: 'no member with this ratio' });
    expect(g.totalCap).toBe(500);
  });

  it('including negatives (the default: S&P and the other index providers)', () => {
    const g = aggregateValuation(A, { label: 'A' });
    expect(g.negatives).toBe('include');
    // P/E = 500/(10 + 7.5 − 4) = 500/13.5 = 37.037037
    expect(g.metrics.pe.value).toBeCloseTo(500 / 13.5, 12);
    expect(g.metrics.pe.capCoverage).toBe(1);
    // P/B = 500/(100 − 100 + 50) = 10
    expect(g.metrics.pb.value).toBeCloseTo(10, 12);
  });

  it('Σ earnings ≤ 0 gives no ratio', () => {
    const g = aggregateValuation([f('L', { marketCap: 100, pe: -5 }), f('P', { marketCap: 100, pe: 50 })], {
      negatives: 'include',
    });
    // earnings −20 + 2 = −18 → not meaningful
    expect(g.metrics.pe.value).toBeNull();
    expect(g.metrics.pe.reason).toMatch(/not positive/);
  });

  it('errors: empty group, no caps, duplicate members', () => {
    expect(() => aggregateValuation([])).toThrow(UserError);
    expect(() => aggregateValuation([f('X', { pe: 10 })])).toThrow(/no member has a market cap/);
    expect(() => aggregateValuation([f('X', { marketCap: 1 }), f('X', { marketCap: 1 })])).toThrow(/twice/);
  });
});

describe('premium/discount between two groups', () => {
  it('premiumPct = (a/b − 1) × 100', () => {
    const s = valuationSpread(
      aggregateValuation(A, { label: 'A', negatives: 'exclude' }),
      aggregateValuation(B, { label: 'B', negatives: 'exclude' }),
    );
    const by = Object.fromEntries(s.rows.map((r) => [r.metric, r]));
    // B: P/E = 400/30 = 13.3333; P/S = 400/150 = 2.6667; P/B = 400/200 = 2
    // P/E: (400/17.5)/(400/30) − 1 = 30/17.5 − 1 = 0.7142857 → +71.428571%
    expect(by['P/E'].premiumPct).toBeCloseTo((30 / 17.5 - 1) * 100, 10);
    // P/S: (50/21)/(8/3) − 1 = 150/168 − 1 = −0.1071429 → −10.714286%
    expect(by['P/S'].premiumPct).toBeCloseTo((150 / 168 - 1) * 100, 10);
    // P/B: (4/3)/2 − 1 = −33.3333%
    expect(by['P/B'].premiumPct).toBeCloseTo(-100 / 3, 10);
    expect(by['forward P/E']).toMatchObject({ premiumPct: null, reason: 'no value for a' });
    // A's P/E covers 80% of its cap → flagged
    expect(s.provenance.notes.join(' ')).toMatch(/A P\/E covers 80\.0%/);
    expect(s.labels).toEqual({ a: 'A', b: 'B' });
  });

  it('percentile of the current spread within its history', () => {
    // history 1,2,5,8,9,5 vs current 5: below 2 (1, 2), equal 2 → (2 + 0.5×2)/6 = 50
    expect(spreadPercentile(5, [1, 2, 5, 8, 9, 5])).toEqual({
      percentile: 50,
      n: 6,
      below: 2,
      equal: 2,
      min: 1,
      max: 9,
    });
    // above everything → 100; NaN entries ignored
    expect(spreadPercentile(10, [1, 2, Number.NaN, 3])?.percentile).toBe(100);
    expect(spreadPercentile(10, [])).toBeNull();
    const s = spreadFromPairs([{ metric: 'P/E', a: 24, b: 20 }], { history: { 'P/E': [10, 15, 25, 30] } });
    // premium 20%: below 10, 15 → 2/4 → 50
    expect(s.rows[0].premiumPct).toBeCloseTo(20, 12);
    expect(s.rows[0].percentile?.percentile).toBe(50);
  });
});

describe('parseValuationCsv', () => {
  it('reads metric,a,b', () => {
    const rows = parseValuationCsv('metric,a,b\nP/E,24,20\n"P/S",2.5,3\n');
    expect(rows).toEqual([
      { metric: 'P/E', a: 24, b: 20 },
      { metric: 'P/S', a: 2.5, b: 3 },
    ]);
    const s = spreadFromPairs(rows);
    // 24/20 − 1 = +20%; 2.5/3 − 1 = −16.6667%
    expect(s.rows[0].premiumPct).toBeCloseTo(20, 12);
    expect(s.rows[1].premiumPct).toBeCloseTo(-50 / 3, 12);
  });

  it('line-numbered errors', () => {
    const msg = (t: string) => {
      try {
        parseValuationCsv(t);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(msg('metric,a,b\nP/E,24,20\nP/B,0,2\n')).toBe(
      'valuation CSV:3: a = 0: a premium needs a positive value',
    );
    expect(msg('metric,a,b\nP/E,x,20\n')).toBe('valuation CSV:2: a: "x" is not a number');
    expect(msg('metric,a,b\nP/E,1,2\np/e,3,4\n')).toBe('valuation CSV:3: metric p/e already given on line 2');
    expect(msg('metric,a\nP/E,1\n')).toMatch(/^valuation CSV:1: .*missing "b"/);
  });
});

describe('S&P 500 fundamentals snapshot (real data): TypeScript vs DuckDB SQL', () => {
  it('index P/E and Information Technology premium agree with a plain SQL aggregate', async () => {
    // plain parse of the two files (quoted fields in the constituents file)
    const splitCsv = (line: string) =>
      line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const finLines = readFileSync(`${DATA}/constituents/sp500_constituents-financials.csv`, 'utf8')
      .trim()
      .split('\n');
    const hdr = splitCsv(finLines[0]);
    const col = (n: string) => hdr.indexOf(n);
    const num = (s: string) => (s === undefined || s.trim() === '' ? null : Number(s));
    const fund = finLines.slice(1).map((l) => {
      const c = splitCsv(l);
      return f(c[col('Symbol')], {
        price: num(c[col('Price')]),
        pe: num(c[col('Price/Earnings')]),
        eps: num(c[col('Earnings/Share')]),
        marketCap: num(c[col('Market Cap')]),
        ps: num(c[col('Price/Sales')]),
        pb: num(c[col('Price/Book')]),
      });
    });
    const consLines = readFileSync(`${DATA}/constituents/sp500_constituents.csv`, 'utf8').trim().split('\n');
    const sectorOf = new Map(
      consLines
        .slice(1)
        .map((l) => splitCsv(l))
        .map((c) => [c[0], c[2]]),
    );
    const tech = fund.filter((x) => sectorOf.get(x.symbol) === 'Information Technology');
    const all = aggregateValuation(fund, { label: 'S&P 500', negatives: 'exclude' });
    const it = aggregateValuation(tech, { label: 'Information Technology', negatives: 'exclude' });
    const spread = valuationSpread(it, all, { metrics: ['pe'] });

    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    try {
      const [row] = (
        await con.runAndReadAll(`
        WITH fin AS (SELECT * FROM read_csv_auto('${DATA}/constituents/sp500_constituents-financials.csv')),
        cons AS (SELECT "Symbol" AS sym, "GICS Sector" AS sector FROM read_csv_auto('${DATA}/constituents/sp500_constituents.csv')),
        e AS (SELECT fin."Symbol" AS sym, "Market Cap" AS cap,
                CASE WHEN "Price/Earnings" IS NOT NULL AND "Price/Earnings" <> 0 THEN "Market Cap" / "Price/Earnings"
                     WHEN "Earnings/Share" IS NOT NULL AND "Earnings/Share" <> 0 AND "Price" > 0
                       THEN "Market Cap" * "Earnings/Share" / "Price" END AS earn
              FROM fin WHERE "Market Cap" > 0)
        SELECT sum(cap) FILTER (WHERE earn > 0) / sum(earn) FILTER (WHERE earn > 0) AS pe_all,
               sum(cap) FILTER (WHERE earn > 0 AND sector = 'Information Technology')
                 / sum(earn) FILTER (WHERE earn > 0 AND sector = 'Information Technology') AS pe_it,
               sum(cap) FILTER (WHERE earn > 0) / sum(cap) AS coverage_all
        FROM e LEFT JOIN cons USING (sym)`)
      ).getRowObjects();
      expect(all.metrics.pe.value!).toBeCloseTo(row.pe_all as number, 9);
      expect(it.metrics.pe.value!).toBeCloseTo(row.pe_it as number, 9);
      expect(all.metrics.pe.capCoverage).toBeCloseTo(row.coverage_all as number, 12);
      expect(spread.rows[0].premiumPct!).toBeCloseTo(
        ((row.pe_it as number) / (row.pe_all as number) - 1) * 100,
        9,
      );
    } finally {
      con.closeSync();
      inst.closeSync();
    }
    // measured on the 2026-08-22 snapshot
    expect(all.members).toBe(503);
    // (pinned; both methods agree): index P/E 25.04 over 439 profitable members (97.8% of cap;
    // 30 loss-makers excluded), Information Technology 35.08 → premium +40.13%
    expect(all.metrics.pe.value!).toBeCloseTo(25.0372, 4);
    expect(all.metrics.pe).toMatchObject({ included: 439, excludedNegative: 30, missing: 34 });
    expect(it.metrics.pe.value!).toBeCloseTo(35.084, 3);
    expect(spread.rows[0].premiumPct!).toBeCloseTo(40.127, 3);
  });
});
