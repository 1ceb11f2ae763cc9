/**
 * The store contract, run against both implementations (DuckDB in memory; PostgreSQL in a schema of
 * its own, dropped at the end): migrations, transactional idempotent imports with new / revised /
 * unchanged counts, preferred sources, series reads, holdings, flows, the import log. Values are
 * the hand-written files' own numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/store/ingest.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { pgTestStore } from '../helpers/pg.ts';
import { DATA_DIR, memoryStore, tempDir } from '../helpers/temp.ts';

const GOOD = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';
const REVISED = `${GOOD.replace('2026-01-22,11,11.5,10.8,11.2,150', '2026-01-22,11,11.5,10.8,11.3,150')}2026-01-23,11.3,11.6,11.1,11.5,90\n`;
const ALT = 'date,close\n2026-01-20,10.4\n2026-01-21,11.1\n';
const FLOWS = 'fund,date,flow_usd,aum_usd\nSPY,2026-01-20,"1,000,000",500000000\nIWM,2026-01-20,-250000,\nSPY,2026-01-21,-3000000,497000000\n';

type Backend = { name: string; open: () => Promise<{ store: MarketStore; done: () => Promise<void> }> };
const backends: Backend[] = [
  { name: 'duckdb', open: async () => { const store = await memoryStore(); return { store, done: () => store.close() }; } },
  { name: 'postgres', open: async () => { const t = await pgTestStore('md_contract'); return { store: t.store, done: t.drop }; } },
];

async function fingerprint(store: MarketStore): Promise<string> {
  return JSON.stringify([await store.listSeries(), (await store.imports()).map((i) => [i.file, i.rowsRead, i.rowsNew])]);
}

for (const b of backends) {
  describe(`store contract: ${b.name}`, () => {
    let store: MarketStore;
    let done: () => Promise<void>;
    const tmp = tempDir(`md-contract-${b.name}-`);
    const imp = (files: string[], root = tmp.dir) => importPaths(store, files, { dataRoot: root, lenient: false });

    beforeAll(async () => {
      ({ store, done } = await b.open());
    }, 30_000);
    afterAll(async () => {
      await done();
      tmp.cleanup();
    });

    it('is migrated to the latest schema; migrating again applies nothing', async () => {
      expect(await store.schemaVersion()).toBe(1);
      expect(await store.migrate()).toBe(0);
      expect(await store.imports()).toEqual([]);
    });

    it('imports a file once: 3 new rows, then unchanged; a revision counts 1 revised + 1 new', async () => {
      const f = tmp.write('prices/ABC.csv', GOOD);
      expect((await imp([f])).totals).toMatchObject({ imported: 1, rowsRead: 3, rowsNew: 3, rowsRevised: 0 });
      expect((await imp([f])).totals).toMatchObject({ imported: 0, unchanged: 1, rowsNew: 0 });
      const v2 = tmp.write('v2/prices/ABC.csv', REVISED);
      expect((await imp([v2], `${tmp.dir}/v2`)).totals).toMatchObject({ rowsRead: 4, rowsNew: 1, rowsRevised: 1 });
      const s = await store.getPriceSeries('ABC');
      expect(s.dates).toEqual(['2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23']);
      expect(Array.from(s.close)).toEqual([10.5, 11, 11.3, 11.5]);
      expect(Array.from(s.volume!)).toEqual([100, 200, 150, 90]);
      expect(Array.from(s.high!)).toEqual([11, 12, 11.5, 11.6]);
    });

    it('a bad file changes nothing', async () => {
      const before = await fingerprint(store);
      const bad = tmp.write('prices/BAD.csv', `${GOOD}2026-01-23,1,2\n`);
      const r = await imp([bad]);
      expect(r.totals.failed).toBe(1);
      expect(await fingerprint(store)).toBe(before);
    });

    it('keeps a second source beside the primary; the preferred source can be chosen', async () => {
      const alt = tmp.write('prices/alt/ABC__aurum.csv', ALT);
      const r = await imp([alt]);
      expect(r.totals.failed).toBe(0);
      const sources = await store.listSources('ABC');
      expect(sources.length).toBe(2);
      expect(sources[0].preferred).toBe(true);
      const other = sources[1].source;
      expect(sources[1]).toMatchObject({ rows: 2, first: '2026-01-20', last: '2026-01-21', preferred: false });
      await store.setPreferredSource('ABC', other);
      const s = await store.getPriceSeries('ABC');
      expect(s.source).toBe(other);
      expect(Array.from(s.close)).toEqual([10.4, 11.1]);
      expect(s.open).toBeNull();
      await store.setPreferredSource('ABC', sources[0].source);
      expect((await store.getPriceSeries('ABC')).source).toBe(sources[0].source);
      await expect(store.setPreferredSource('ABC', 'nope')).rejects.toThrow(/no source 'nope' for ABC/);
    });

    it('reads many series in one call, in symbol order, leaving out symbols without data', async () => {
      await imp([tmp.write('prices/ABD.csv', GOOD.replace(/10\.5,100/, '10.5,101'))]);
      const src = (await store.listSources('ABD'))[0].source;
      const many = await store.getPriceSeriesMany(['ABD', 'ZZZ', 'ABC'], src);
      expect(many.map((s) => s.symbol)).toEqual(['ABC', 'ABD']);
      expect(Array.from(many[1].close)).toEqual([10.5, 11, 11.2]);
      expect(await store.hasSymbol('ABD')).toBe(true);
      expect(await store.hasSymbol('ZZZ')).toBe(false);
      expect([...(await store.priceSymbols())].sort()).toEqual(['ABC', 'ABD']);
      await expect(store.getPriceSeries('ZZZ')).rejects.toThrow(/unknown symbol 'ZZZ'/);
    });

    it('stores flows and reads them per fund in date order', async () => {
      await imp([tmp.write('flows.csv', FLOWS)]);
      expect(await store.getFlows(['SPY'])).toEqual([
        { fund: 'SPY', date: '2026-01-20', flow: 1_000_000, aum: 500_000_000 },
        { fund: 'SPY', date: '2026-01-21', flow: -3_000_000, aum: 497_000_000 },
      ]);
      expect((await store.getFlows()).map((f) => f.fund)).toEqual(['IWM', 'SPY', 'SPY']);
      expect((await store.getFlows(['IWM']))[0].aum).toBeNull();
    });

    it('reads a return series (real momentum factor file: percent ÷ 100) and a holdings snapshot (real IWM file)', async () => {
      await imp([`${DATA_DIR}/factors/F-F_Momentum_Factor_daily.csv`, `${DATA_DIR}/constituents/IWM_holdings_2026-05-05.csv`], DATA_DIR);
      const mom = await store.getReturnSeries('FF.Mom');
      // First data line of the file: 19261102,   -0.05 (checked by hand).
      expect(mom.dates[0]).toBe('1926-11-03');
      expect(mom.ret.length).toBeGreaterThan(25_000);
      const h = await store.getHoldings('IWM');
      expect(h.asOf).toBe('2026-05-05');
      expect(h.file).toBe('constituents/IWM_holdings_2026-05-05.csv');
      expect(h.rows.length).toBeGreaterThan(1900);
      expect(await store.listHoldingSnapshots()).toEqual([{ fund: 'IWM', asOf: '2026-05-05', rows: h.rows.length }]);
      await expect(store.getHoldings('IWM', '2026-01-01')).rejects.toThrow(/no holdings stored for 'IWM' on or before 2026-01-01/);
    }, 60_000);

    it('logs every import with consecutive ids and its counts', async () => {
      const log = await store.imports();
      expect(log.map((i) => i.id)).toEqual(log.map((_, i) => i + 1));
      expect(log[0]).toMatchObject({ file: 'prices/ABC.csv', rowsRead: 3, rowsNew: 3, rowsRevised: 0 });
      expect(log[1]).toMatchObject({ file: 'prices/ABC.csv', rowsRead: 4, rowsNew: 1, rowsRevised: 1 });
      expect(log[0].importedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    });
  });
}

describe('postgres: two processes importing the same file at once store it once', () => {
  it('one imports, the other finds it unchanged; rows stored once', async () => {
    const t = await pgTestStore('md_race');
    const other = await PgStore.open(t.url);
    const tmp = tempDir('md-race-');
    try {
      const f = tmp.write('prices/ABC.csv', GOOD);
      const [a, b] = await Promise.all([
        importPaths(t.store, [f], { dataRoot: tmp.dir, lenient: false }),
        importPaths(other, [f], { dataRoot: tmp.dir, lenient: false }),
      ]);
      expect([a.totals.imported, b.totals.imported].sort()).toEqual([0, 1]);
      expect([a.totals.unchanged, b.totals.unchanged].sort()).toEqual([0, 1]);
      expect((await t.store.getPriceSeries('ABC')).dates.length).toBe(3);
      expect((await t.store.imports()).length).toBe(1);
    } finally {
      await other.close();
      await t.drop();
      tmp.cleanup();
    }
  }, 30_000);
});
