/**
 * Issue #10: the PostgreSQL store writes a file in few round trips (every client.query is one; COPY
 * included). A price file: begin+lock+staging+lookup, reference rows, COPY, merge, log+commit = 5
 * (14 before). A file already imported: lookup, commit = 2. The counts of new and revised rows the
 * merge returns are checked against the rows written by hand.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { priceCsvImporter } from '../../src/sources/files/price-csv.ts';
import { sha256 } from '../../src/sources/files/text.ts';
import { type PgTestStore, pgTestStore } from '../helpers/pg.ts';

const V1 = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';
// One close revised (01-22: 11.2 → 11.3) and one new session (01-23); 01-20 and 01-21 unchanged.
const V2 = `${V1.replace('2026-01-22,11,11.5,10.8,11.2,150', '2026-01-22,11,11.5,10.8,11.3,150')}2026-01-23,11.3,11.6,11.1,11.5,90\n`;

const batchOf = (text: string) =>
  priceCsvImporter.parse({ path: 'prices/RT.csv', relPath: 'prices/RT.csv', text, sha256: sha256(Buffer.from(text)) }, { lenient: false });

describe('PostgreSQL import round trips per file', () => {
  let t: PgTestStore;
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  beforeAll(async () => {
    t = await pgTestStore('md_rt');
  });
  beforeEach(() => {
    spy.mockClear();
  });
  afterAll(async () => {
    spy.mockRestore();
    await t?.drop();
  });

  it('a new price file: 5 round trips, 3 rows new; the same file again: 2 round trips, unchanged', async () => {
    const first = await t.store.writeBatch(batchOf(V1));
    expect(spy).toHaveBeenCalledTimes(5);
    expect(first).toEqual({ status: 'imported', rowsRead: 3, rowsNew: 3, rowsRevised: 0, rowsUnchanged: 0 });
    spy.mockClear();
    const again = await t.store.writeBatch(batchOf(V1));
    expect(spy).toHaveBeenCalledTimes(2);
    expect(again.status).toBe('unchanged');
  });

  it('a revised file: 5 round trips, 1 new and 1 revised, the stored closes are the new ones', async () => {
    const r = await t.store.writeBatch(batchOf(V2));
    expect(spy).toHaveBeenCalledTimes(5);
    expect(r).toEqual({ status: 'imported', rowsRead: 4, rowsNew: 1, rowsRevised: 1, rowsUnchanged: 2 });
    const s = await t.store.getPriceSeries('RT');
    expect(s.dates).toEqual(['2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23']);
    expect(Array.from(s.close)).toEqual([10.5, 11, 11.3, 11.5]);
    const log = await t.store.imports();
    expect(log.map((x) => [x.id, x.rowsRead, x.rowsNew, x.rowsRevised])).toEqual([
      [1, 3, 3, 0],
      [2, 4, 1, 1],
    ]);
  });
});
