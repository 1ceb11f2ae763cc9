/**
 * Every real reference file (factors/, constituents/, macro/) is claimed by exactly the one importer
 * written for it, and no price or panel file is claimed by any of these six importers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowsCsv } from '../../../src/sources/files/flows-csv.ts';
import { fred } from '../../../src/sources/files/fred.ts';
import { french } from '../../../src/sources/files/french.ts';
import { isharesHoldings } from '../../../src/sources/files/ishares-holdings.ts';
import { sp500Constituents } from '../../../src/sources/files/sp500-constituents.ts';
import { sp500Financials } from '../../../src/sources/files/sp500-financials.ts';
import { DATA_ROOT, headOf } from './helpers.ts';

const IMPORTERS = [french, isharesHoldings, sp500Constituents, sp500Financials, fred, flowsCsv];

function* walk(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.csv$/i.test(f)) yield p;
  }
}

describe('detection across the real data directory', () => {
  const claims = new Map<string, string[]>();
  for (const p of walk(DATA_ROOT)) {
    const rel = path.relative(DATA_ROOT, p).split(path.sep).join('/');
    const head = headOf(readFileSync(p, 'utf8').slice(0, 20000));
    claims.set(
      rel,
      IMPORTERS.filter((i) => i.detect({ relPath: rel, head })).map((i) => i.name),
    );
  }

  it('reference files go to their importer', () => {
    const expected: Record<string, string> = {
      'constituents/IWM_holdings_2026-05-05.csv': 'ishares-holdings',
      'constituents/sp500_constituents.csv': 'sp500-constituents',
      'constituents/sp500_constituents-financials.csv': 'sp500-financials',
      'macro/DGS10.csv': 'fred',
      'macro/T10Y2Y.csv': 'fred',
      'macro/VIXCLS.csv': 'fred',
      'macro/DFF.csv': 'fred',
      'factors/F-F_Research_Data_Factors_daily.csv': 'french',
      'factors/F-F_Research_Data_5_Factors_2x3_daily.csv': 'french',
      'factors/F-F_Research_Data_5_Factors_2x3.csv': 'french',
      'factors/F-F_Momentum_Factor_daily.csv': 'french',
      'factors/Portfolios_Formed_on_ME_Daily.csv': 'french',
      'factors/Portfolios_Formed_on_ME.CSV': 'french',
      'factors/10_Industry_Portfolios_Daily.csv': 'french',
    };
    for (const [rel, name] of Object.entries(expected)) expect([rel, claims.get(rel)]).toEqual([rel, [name]]);
  });

  it('price and panel files are left to other importers', () => {
    const others = [...claims.entries()].filter(
      ([rel]) => rel.startsWith('prices/') || rel.startsWith('panels/'),
    );
    expect(others.length).toBeGreaterThan(500);
    expect(others.filter(([, c]) => c.length > 0)).toEqual([]);
  });
});
