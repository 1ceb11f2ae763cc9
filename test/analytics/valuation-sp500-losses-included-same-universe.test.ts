/**
 * Issue 15, item 5: aggregate P/E by the index providers' convention (Σ cap ÷ Σ earnings, losses
 * included), both sides drawn from the same universe (the current constituents list), with coverage
 * (members with data / members) and the members without data listed. Second method: plain DuckDB
 * SQL over the two raw CSV files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateValuation } from '../../src/analytics/valuation.ts';
import { valuationFacts } from '../../src/facts/market.ts';
import type { Fundamentals } from '../../src/model/types.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { realStore } from '../report/helpers/store.ts';
import { DATA } from './helpers/market-files.ts';
import { duck } from './helpers/duck.ts';

const fund = (symbol: string, marketCap: number | null, pe: number | null, eps: number | null = null, price: number | null = null): Fundamentals => ({
  symbol, asOf: '2026-08-22', price, pe, forwardPe: null, ps: null, pb: null, evEbitda: null, debtEquity: null,
  marketCap, ebitda: null, eps, dividendYield: null, low52: null, high52: null,
});

describe('by hand: losses included, coverage over the universe', () => {
  it('P/E = Σ cap / Σ earnings with the loss-maker; members without data are listed', () => {
    // P cap 300 P/E 15 → earnings 20; L cap 100, P/E blank, EPS −1 at price 20 → earnings −5;
    // N cap 50, no P/E nor EPS → no data; M is in the universe but has no fundamentals row.
    const g = aggregateValuation([fund('P', 300, 15), fund('L', 100, null, -1, 20), fund('N', 50, null)], {
      label: 'G',
      universe: ['L', 'M', 'N', 'P'],
    });
    // (300 + 100) / (20 − 5) = 26.6667; excluding L would give 300/20 = 15
    expect(g.metrics.pe.value).toBeCloseTo(400 / 15, 12);
    expect(g.coverage).toEqual({ members: 4, withData: 2, without: ['M', 'N'] });
    const ex = aggregateValuation([fund('P', 300, 15), fund('L', 100, null, -1, 20)], { negatives: 'exclude' });
    expect(ex.metrics.pe.value).toBeCloseTo(15, 12);
  });
});

describe('S&P 500 snapshot: Information Technology vs the index, same universe', () => {
  let store: DuckDbStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await realStore(['constituents/sp500_constituents.csv', 'constituents/sp500_constituents-financials.csv']));
  }, 60_000);
  afterAll(async () => cleanup());

  it('agrees with a SQL aggregate over the raw files, and reports coverage', async () => {
    const r = await valuationFacts(store, { a: 'sector:Information Technology', b: 'all' });
    const db = await duck();
    let sql: Record<string, unknown>;
    let itWithout: string[];
    try {
      const base = `
        WITH cons AS (SELECT "Symbol" AS sym, "GICS Sector" AS sector FROM read_csv_auto('${DATA}/constituents/sp500_constituents.csv')),
        fin AS (SELECT * FROM read_csv_auto('${DATA}/constituents/sp500_constituents-financials.csv')),
        e AS (SELECT cons.sym, cons.sector, fin."Market Cap" AS cap,
                CASE WHEN fin."Market Cap" > 0 THEN
                  CASE WHEN "Price/Earnings" IS NOT NULL AND "Price/Earnings" <> 0 THEN "Market Cap" / "Price/Earnings"
                       WHEN "Earnings/Share" IS NOT NULL AND "Earnings/Share" <> 0 AND "Price" > 0 THEN "Market Cap" * "Earnings/Share" / "Price" END
                END AS earn
              FROM cons LEFT JOIN fin ON fin."Symbol" = cons.sym)`;
      [sql] = await db.all(`${base}
        SELECT sum(cap) FILTER (WHERE earn IS NOT NULL) / sum(earn) AS pe_all,
               sum(cap) FILTER (WHERE earn IS NOT NULL AND sector = 'Information Technology')
                 / sum(earn) FILTER (WHERE sector = 'Information Technology') AS pe_it,
               count(*) AS n_all, count(earn) AS with_all,
               count(*) FILTER (WHERE sector = 'Information Technology') AS n_it,
               count(earn) FILTER (WHERE sector = 'Information Technology') AS with_it
        FROM e`);
      itWithout = (await db.all(`${base} SELECT sym FROM e WHERE sector = 'Information Technology' AND earn IS NULL ORDER BY sym`)).map(
        (x) => x.sym as string,
      );
    } finally {
      db.close();
    }
    const pe = r.rows.find((x) => x.metric === 'P/E');
    expect(pe?.a).toBeCloseTo(sql.pe_it as number, 9);
    expect(pe?.b).toBeCloseTo(sql.pe_all as number, 9);
    expect(pe?.premiumPct).toBeCloseTo(((sql.pe_it as number) / (sql.pe_all as number) - 1) * 100, 9);
    // As the audit found: IT 36.82 with the loss-makers (35.08 without); the index, on the current
    // constituents only (no former members on either side), 26.06.
    expect(pe?.a).toBeCloseTo(36.82, 2);
    expect(pe?.b).toBeCloseTo(26.06, 2);
    const notes = r.provenance.notes.join('\n');
    expect(notes).toContain(`Information Technology: P/E coverage ${Number(sql.with_it)} of ${Number(sql.n_it)} members (without data: ${itWithout.join(', ')})`);
    expect(notes).toContain(`S&P 500: P/E coverage ${Number(sql.with_all)} of ${Number(sql.n_all)} members`);
    expect(notes).toMatch(/universe: the 503 current S&P 500 constituents for both sides; 38 fundamentals rows of other symbols \(former members\) left out/);
  });
});
