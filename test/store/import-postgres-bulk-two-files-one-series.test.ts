/**
 * Two files of one series in one PostgreSQL bulk write (pg-bulk-write.ts merges that table file by
 * file): the second file must be counted against the store as the first left it, as when they are
 * written one after the other. Hand values: V1 has 3 sessions; V2 revises one close (01-22: 11.2 →
 * 11.3), adds 01-23 and repeats two sessions unchanged (a newer
 * version of the same file). Second method: the same two files through
 * writeBatch, one transaction each, in another schema; the stored bars must be the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceCsvImporter } from '../../src/sources/files/price-csv.ts';
import { sha256 } from '../../src/sources/files/text.ts';
import { type PgTestStore, pgRows, pgTestStore } from '../helpers/pg.ts';

const V1 = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';
const V2 = `${V1.replace('2026-01-22,11,11.5,10.8,11.2,150', '2026-01-22,11,11.5,10.8,11.3,150')}2026-01-23,11.3,11.6,11.1,11.5,90\n`;

const batchOf = (file: string, text: string) =>
  priceCsvImporter.parse({ path: file, relPath: file, text, sha256: sha256(Buffer.from(text)) }, { lenient: false });

async function bars(schema: string): Promise<string[]> {
  return (await pgRows(`SELECT concat_ws('|', symbol, source, date, close, import_id, line) AS r FROM ${schema}.bars ORDER BY 1`)).map((x) => x.r as string);
}

describe('PostgreSQL bulk write: two files of one series in one transaction', () => {
  let bulk: PgTestStore;
  let oneByOne: PgTestStore;
  beforeAll(async () => {
    bulk = await pgTestStore('md_bulk2');
    oneByOne = await pgTestStore('md_bulk2ref');
  });
  afterAll(async () => {
    await bulk?.drop();
    await oneByOne?.drop();
  });

  it('the second file is counted against the first: 1 new, 1 revised, 2 unchanged; the stored rows as file by file', async () => {
    const [a, b, again] = await bulk.store.writeBatches([batchOf('prices/RT.csv', V1), batchOf('prices/RT.csv', V2), batchOf('prices/RT.csv', V1)]);
    expect(a).toEqual({ status: 'imported', rowsRead: 3, rowsNew: 3, rowsRevised: 0, rowsUnchanged: 0 });
    expect(b).toEqual({ status: 'imported', rowsRead: 4, rowsNew: 1, rowsRevised: 1, rowsUnchanged: 2 });
    expect(again).toEqual({ status: 'unchanged', rowsRead: 3, rowsNew: 0, rowsRevised: 0, rowsUnchanged: 3 });
    await oneByOne.store.writeBatch(batchOf('prices/RT.csv', V1));
    await oneByOne.store.writeBatch(batchOf('prices/RT.csv', V2));
    const stored = await bars(bulk.schema);
    expect(stored).toEqual(await bars(oneByOne.schema));
    expect(stored.find((r) => r.includes('2026-01-22'))).toBe('RT|market-lab|2026-01-22|11.3|2|4');
    expect((await bulk.store.imports()).map((r) => [r.id, r.file, r.rowsNew, r.rowsRevised])).toEqual([
      [1, 'prices/RT.csv', 3, 0],
      [2, 'prices/RT.csv', 1, 1],
    ]);
  });
});
