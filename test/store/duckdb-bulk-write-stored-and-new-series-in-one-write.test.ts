/**
 * The DuckDB bulk write inserts the rows of series the store does not hold yet straight from the
 * staged numbers, and compares only the rows of stored series with the store (bulk-write.ts
 * mergeRaw). Hand values: RT is stored from V1 (3 sessions). One write then holds V2 of RT (revises
 * 01-22: 11.2 → 11.3, adds 01-23, repeats two sessions) beside NEW, a series the store has never
 * seen (2 sessions): RT must count 1 new, 1 revised, 2 unchanged, NEW 2 new. A last write holds two
 * versions of one new series (keys shared inside the write, merged file by file). Second method: the
 * same files written one by one (writeBatch, one transaction each) into another store; the stored
 * bars, with their import ids and lines, must be the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { priceCsvImporter } from '../../src/sources/files/price-csv.ts';
import { sha256 } from '../../src/sources/files/text.ts';
import { memoryStore } from '../helpers/temp.ts';

const V1 = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';
const V2 = `${V1.replace('2026-01-22,11,11.5,10.8,11.2,150', '2026-01-22,11,11.5,10.8,11.3,150')}2026-01-23,11.3,11.6,11.1,11.5,90\n`;
const NEW = 'date,open,high,low,close,volume\n2026-01-20,5,6,4,5.5,10\n2026-01-21,5.5,6,5,5.75,20\n';
const NEW2 = `${NEW.replace('5.75,20', '5.8,20')}2026-01-22,5.8,6,5.7,5.9,30\n`;

const batchOf = (file: string, text: string) =>
  priceCsvImporter.parse({ path: file, relPath: file, text, sha256: sha256(Buffer.from(text)) }, { lenient: false });

async function bars(store: DuckDbStore): Promise<string[]> {
  const out: string[] = [];
  for (const sym of ['RT', 'NEW', 'TWO']) {
    const s = await store.getPriceSeries(sym).catch(() => null);
    if (!s) continue;
    for (let i = 0; i < s.dates.length; i++) out.push(`${sym}|${s.dates[i]}|${s.close[i]}|${s.source}`);
  }
  return out;
}

describe('DuckDB bulk write: stored and new series in one write', () => {
  let bulk: DuckDbStore;
  let oneByOne: DuckDbStore;
  beforeAll(async () => {
    bulk = await memoryStore();
    oneByOne = await memoryStore();
  });
  afterAll(async () => {
    await bulk.close();
    await oneByOne.close();
  });

  it('a stored series is compared (1 new, 1 revised, 2 unchanged), a new one is all new (2)', async () => {
    const [first] = await bulk.writeBatches([batchOf('prices/RT.csv', V1)]);
    expect(first).toEqual({ status: 'imported', rowsRead: 3, rowsNew: 3, rowsRevised: 0, rowsUnchanged: 0 });
    const [rt, fresh] = await bulk.writeBatches([batchOf('prices/RT.csv', V2), batchOf('prices/NEW.csv', NEW)]);
    expect(rt).toEqual({ status: 'imported', rowsRead: 4, rowsNew: 1, rowsRevised: 1, rowsUnchanged: 2 });
    expect(fresh).toEqual({ status: 'imported', rowsRead: 2, rowsNew: 2, rowsRevised: 0, rowsUnchanged: 0 });
    const s = await bulk.getPriceSeries('RT');
    expect(s.dates).toEqual(['2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23']);
    expect(Array.from(s.close)).toEqual([10.5, 11, 11.3, 11.5]);
    expect(Array.from((await bulk.getPriceSeries('NEW')).close)).toEqual([5.5, 5.75]);
  });

  it('two versions of one new series in one write are merged one after the other (2 new; then 1 new, 1 revised, 1 unchanged)', async () => {
    const [a, b] = await bulk.writeBatches([batchOf('prices/TWO.csv', NEW), batchOf('prices/TWO.csv', NEW2)]);
    expect(a).toEqual({ status: 'imported', rowsRead: 2, rowsNew: 2, rowsRevised: 0, rowsUnchanged: 0 });
    expect(b).toEqual({ status: 'imported', rowsRead: 3, rowsNew: 1, rowsRevised: 1, rowsUnchanged: 1 });
    expect(Array.from((await bulk.getPriceSeries('TWO')).close)).toEqual([5.5, 5.8, 5.9]);
  });

  it('the store holds what writing the files one by one leaves, import ids and lines included', async () => {
    for (const [f, t] of [
      ['prices/RT.csv', V1],
      ['prices/RT.csv', V2],
      ['prices/NEW.csv', NEW],
      ['prices/TWO.csv', NEW],
      ['prices/TWO.csv', NEW2],
    ])
      await oneByOne.writeBatch(batchOf(f, t));
    expect(await bars(bulk)).toEqual(await bars(oneByOne));
    const rows = (s: DuckDbStore) => s.sql('SELECT symbol, date::VARCHAR AS d, close, import_id, line FROM bars ORDER BY ALL');
    expect(await rows(bulk)).toEqual(await rows(oneByOne));
    expect((await rows(bulk)).find((r) => r.symbol === 'RT' && r.d === '2026-01-22')).toMatchObject({ close: 11.3, import_id: 2, line: 4 });
  });
});
