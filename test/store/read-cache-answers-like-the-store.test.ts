/**
 * The read cache answers every question exactly as the DuckDB store it was built from (second
 * method: the store itself, on the server test store of real files): every capability's contract
 * and bench queries give the same JSON document (or the same error), and the store questions the
 * facts and reports ask give equal values for every stored symbol, series and holdings snapshot.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/capabilities/registry.ts';
import { toJson } from '../../src/format/json.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { readCachePath } from '../../src/store/duckdb/read-cache-file.ts';
import { refreshReadCache } from '../../src/store/duckdb/read-cache-build.ts';
import { CachedStore } from '../../src/store/duckdb/read-cache-store.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { tempDir } from '../helpers/temp.ts';
import { buildStore, FLOWS_CSV, type TestStore } from '../server/helpers.ts';

let ts: TestStore;
let duck: DuckDbStore;
let cached: CachedStore;
const tmp = tempDir('md-read-cache-');

beforeAll(async () => {
  ts = await buildStore(undefined, [{ rel: 'flows/etf_flows.csv', content: `${FLOWS_CSV}\n` }]);
  const path = join(tmp.dir, 'copy.duckdb');
  copyFileSync(ts.path, path);
  expect(await refreshReadCache(path, (db) => DuckDbStore.open(db, { readOnly: true }))).toBe(true);
  expect(existsSync(readCachePath(path))).toBe(true);
  duck = await DuckDbStore.open(path, { readOnly: true });
  const c = CachedStore.open(path, async () => duck);
  if (!c) throw new Error('the fresh cache was not used');
  cached = c;
}, 120_000);
afterAll(async () => {
  await duck?.close();
  await ts?.cleanup();
  tmp.cleanup();
});

/** The JSON document of an answer, or the error's code and message. */
async function answer(fn: () => Promise<unknown>): Promise<string> {
  try {
    return toJson(await fn());
  } catch (e) {
    return `error ${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
}

describe('every capability: the cached store gives the same document as the store', () => {
  for (const cap of CAPABILITIES) {
    const queries = [cap.examples.contract, ...(cap.examples.bench ?? []).map((b) => b.query)];
    it(`${cap.name}: ${queries.length} queries`, async () => {
      for (const q of queries) {
        const a = await answer(() => cap.facts(duck as MarketStore, q));
        const b = await answer(() => cap.facts(cached, q));
        expect(b, `${cap.name} ${JSON.stringify(q)}`).toBe(a);
      }
    }, 60_000);
  }
});

describe('store questions: equal answers for everything stored', () => {
  it('price symbols, sources and series (default, by source, adjusted closes, provisional rows), provenance', async () => {
    const symbols = [...(await duck.priceSymbols())].sort();
    expect([...(await cached.priceSymbols())].sort()).toEqual(symbols);
    expect(symbols.length).toBeGreaterThan(20);
    for (const sym of [...symbols, 'NOPE']) {
      expect(await cached.listSources(sym)).toEqual(await duck.listSources(sym));
      expect(await cached.hasSymbol(sym)).toBe(await duck.hasSymbol(sym));
      expect(await answer(() => cached.getPriceSeries(sym))).toBe(await answer(() => duck.getPriceSeries(sym)));
      const sources = (await duck.listSources(sym)).map((s) => s.source);
      for (const source of sources)
        for (const q of [{ source }, { source, useAdjClose: true }, { source, includeProvisional: true }])
          expect(await answer(() => cached.getPriceSeries(sym, q)), `${sym} ${JSON.stringify(q)}`).toBe(await answer(() => duck.getPriceSeries(sym, q)));
      const prov = { kind: 'price' as const, symbol: sym, sources: [...sources].reverse() };
      expect(await cached.provenanceOf(prov)).toEqual(await duck.provenanceOf(prov));
      expect(await cached.holdingsContaining(sym)).toEqual(await duck.holdingsContaining(sym));
      expect(await cached.holdingsContaining(sym, '2026-01-02')).toEqual(await duck.holdingsContaining(sym, '2026-01-02'));
    }
    for (const source of ['kaggle-5yr', 'file:prices', 'aurum', 'nope']) {
      expect(await cached.panelMembers(source)).toEqual(await duck.panelMembers(source));
      expect(await cached.sourceSpan(source)).toEqual(await duck.sourceSpan(source));
    }
    const many = await duck.getPriceSeriesMany(['SPY', 'IWM', 'NOPE', 'SPY'], 'file:prices');
    expect(toJson(await cached.getPriceSeriesMany(['SPY', 'IWM', 'NOPE', 'SPY'], 'file:prices'))).toBe(toJson(many));
  }, 120_000);

  it('return series, names, holdings, fundamentals, flows', async () => {
    for (const name of ['FF.SMB', 'ff.smb', 'Mkt-RF', 'SPY', 'spy', 'NOPE']) {
      const q = { symbol: name.toUpperCase(), series: name };
      expect(await cached.resolveName(q)).toEqual(await duck.resolveName(q));
    }
    for (const s of ['FF.SMB', 'FF.HML', 'FF.Mkt-RF', 'NOPE']) {
      expect(await answer(() => cached.getReturnSeries(s))).toBe(await answer(() => duck.getReturnSeries(s)));
      expect(await answer(() => cached.getReturnSeries(s, 'M'))).toBe(await answer(() => duck.getReturnSeries(s, 'M')));
      const q = { kind: 'returns' as const, series: s, freq: 'D' as const, source: 'french' };
      expect(await cached.provenanceOf(q)).toEqual(await duck.provenanceOf(q));
    }
    const snaps = await duck.listHoldingSnapshots();
    expect(await cached.listHoldingSnapshots()).toEqual(snaps);
    expect(snaps.length).toBeGreaterThan(0);
    for (const s of snaps) {
      expect(toJson(await cached.getHoldings(s.fund, s.asOf))).toBe(toJson(await duck.getHoldings(s.fund, s.asOf)));
      expect(toJson(await cached.getHoldings(s.fund))).toBe(toJson(await duck.getHoldings(s.fund)));
      for (const d of ['2026-01-22', '2026-05-05', '2018-02-05'])
        expect(await cached.holdingsPricedOn(s.fund, s.asOf, d)).toBe(await duck.holdingsPricedOn(s.fund, s.asOf, d));
    }
    expect(await answer(() => cached.getHoldings('NOPE'))).toBe(await answer(() => duck.getHoldings('NOPE')));
    expect(toJson(await cached.getFundamentals())).toBe(toJson(await duck.getFundamentals()));
    expect(toJson(await cached.getFundamentals(['AAPL', 'MSFT']))).toBe(toJson(await duck.getFundamentals(['AAPL', 'MSFT'])));
    expect(toJson(await cached.getFlows())).toBe(toJson(await duck.getFlows()));
    expect(toJson(await cached.getFlows(['IWM']))).toBe(toJson(await duck.getFlows(['IWM'])));
  }, 120_000);

});
