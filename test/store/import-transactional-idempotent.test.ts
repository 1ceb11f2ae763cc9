import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { memoryStore, storeFingerprint, tempDir } from '../helpers/temp.ts';

const GOOD = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';

describe('imports are transactional and idempotent', () => {
  let store: DuckDbStore;
  const tmp = tempDir();
  beforeAll(async () => {
    store = await memoryStore();
  });
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('imports a file, then reports 0 new rows on the second run', async () => {
    const f = tmp.write('prices/ABC.csv', GOOD);
    const first = await importPaths(store, [f], { dataRoot: tmp.dir, lenient: false });
    expect(first.totals).toMatchObject({ imported: 1, failed: 0, rowsRead: 3, rowsNew: 3 });
    const again = await importPaths(store, [f], { dataRoot: tmp.dir, lenient: false });
    expect(again.totals).toMatchObject({ imported: 0, unchanged: 1, rowsNew: 0, rowsRevised: 0 });
    const s = await store.getPriceSeries('ABC');
    expect(s.dates).toEqual(['2026-01-20', '2026-01-21', '2026-01-22']);
    expect(Array.from(s.close)).toEqual([10.5, 11, 11.2]);
  });

  it('the same rows from another file (same content, other path) add nothing', async () => {
    const f = tmp.write('copy/prices/ABC.csv', GOOD);
    const r = await importPaths(store, [f], { dataRoot: `${tmp.dir}/copy`, lenient: false });
    expect(r.totals).toMatchObject({ rowsRead: 3, rowsNew: 0, rowsRevised: 0 });
  });

  it('a revised value from a newer file replaces the old one and is counted as revised', async () => {
    const f = tmp.write('v2/prices/ABC.csv', `${GOOD.replace('2026-01-22,11,11.5,10.8,11.2,150', '2026-01-22,11,11.5,10.8,11.3,150')}2026-01-23,11.3,11.6,11.1,11.5,90\n`);
    const r = await importPaths(store, [f], { dataRoot: `${tmp.dir}/v2`, lenient: false });
    expect(r.totals).toMatchObject({ rowsRead: 4, rowsNew: 1, rowsRevised: 1 });
    const s = await store.getPriceSeries('ABC');
    expect(Array.from(s.close)).toEqual([10.5, 11, 11.3, 11.5]);
  });

  const bad: [string, string | Uint8Array, RegExp][] = [
    ['malformed row in the middle', `${GOOD}2026-01-23,1,2\n`, /BAD\.csv:5: truncated row/],
    ['binary junk', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0xff, 0xfe]), /binary data/],
    ['empty file', '', /empty file/],
    ['a wrong header', 'foo,bar\n1,2\n', /no importer recognises this file/],
  ];
  for (const [name, content, re] of bad) {
    it(`rejects ${name} and leaves the store exactly as it was`, async () => {
      const before = await storeFingerprint(store);
      const f = tmp.write(`bad/prices/BAD.csv`, content);
      const r = await importPaths(store, [f], { dataRoot: `${tmp.dir}/bad`, lenient: false });
      expect(r.totals.failed).toBe(1);
      expect(r.files[0].error).toMatch(re);
      expect(await storeFingerprint(store)).toBe(before);
      await expect(store.getPriceSeries('BAD')).rejects.toThrow(/unknown symbol 'BAD'/);
    });
  }

  it('a failure inside the store transaction rolls everything back', async () => {
    const before = await storeFingerprint(store);
    const batch = {
      importer: 'test', source: 'test', file: 'x.csv', sha256: 'y', instruments: [{ symbol: 'ZZZ', name: null, kind: 'stock' as const }],
      bars: [{ symbol: 'ZZZ', date: '2026-01-20', open: null, high: null, low: null, close: 1, adjClose: null, volume: null, adjustment: 'none' as const, provisional: false, prov: { source: 'test', file: 'x.csv', line: 2 } }],
      // an observation with a date DuckDB cannot cast makes the second table's insert fail mid-transaction
      observations: [{ series: 'S', freq: 'D' as const, date: 'not-a-date', value: 1, unit: 'fraction' as const, prov: { source: 'test', file: 'x.csv', line: 3 } }],
      holdings: [], fundamentals: [], flows: [], seriesMeta: [], warnings: [], skipped: [],
    };
    await expect(store.writeBatch(batch)).rejects.toThrow();
    expect(await storeFingerprint(store)).toBe(before);
  });

  it('a second source is kept apart, and the primary stays preferred', async () => {
    const f = tmp.write('alt/prices/alt/ABC__other.csv', 'Date,Close\n2026-01-20,10.6\n2026-01-21,11\n');
    await importPaths(store, [f], { dataRoot: `${tmp.dir}/alt`, lenient: false });
    const sources = await store.listSources('ABC');
    expect(sources.map((s) => [s.source, s.preferred])).toEqual([
      ['market-lab', true], // a yfinance-layout file in a prices/ folder is attributed to the collector in prices/SOURCES.md
      ['other', false],
    ]);
    expect((await store.getPriceSeries('ABC', { source: 'other' })).dates).toHaveLength(2);
    await store.setPreferredSource('ABC', 'other');
    expect((await store.getPriceSeries('ABC')).source).toBe('other');
    await store.setPreferredSource('ABC', 'market-lab');
  });

  it('lenient mode stores the good rows and lists the bad ones', async () => {
    const f = tmp.write('len/prices/LEN.csv', 'Date,Close\n2026-01-20,1\n2026-01-21,x\n2026-01-22,3\n');
    const r = await importPaths(store, [f], { dataRoot: `${tmp.dir}/len`, lenient: true });
    expect(r.totals).toMatchObject({ imported: 1, rowsNew: 2, rowsSkipped: 1 });
    expect(r.files[0].skipped).toEqual([{ file: 'prices/LEN.csv', line: 3, reason: "column close: 'x' is not a number" }]);
  });
});
