/**
 * A stale read cache never answers: after a write that did not rebuild it (an import by another
 * program, here the store written directly), the read commands' store is the DuckDB file itself and
 * the answer has the new data; a write through the CLI's store runner rebuilds the cache, which
 * then answers with the new data too. Hand values: ABC closes 10.5, 11, 11.2, then 11.3 revised and
 * 11.5 added on 2026-01-23.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, withStore } from '../../src/cli/context.ts';
import { recordsFacts } from '../../src/facts/core.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { readCachePath } from '../../src/store/duckdb/read-cache-file.ts';
import { CachedStore } from '../../src/store/duckdb/read-cache-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const FIRST = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';
const SECOND = `${FIRST.replace('2026-01-22,11,11.5,10.8,11.2,150', '2026-01-22,11,11.5,10.8,11.3,150')}2026-01-23,11.3,11.6,11.1,11.5,90\n`;

const tmp = tempDir('md-read-cache-stale-');
afterAll(() => tmp.cleanup());

/** Record high of ABC as the read commands see it, and whether the cache answered. */
async function readRecord(db: string): Promise<{ cached: boolean; high: number; asOf: string }> {
  const store = await openStore({ db });
  try {
    const r = await recordsFacts(store, { symbol: 'ABC', basis: 'close' });
    return { cached: store instanceof CachedStore, high: r.allTimeHigh.value, asOf: r.asOf };
  } finally {
    await store.close();
  }
}

describe('read cache: stale after a write, rebuilt by the CLI writers', () => {
  const db = join(tmp.dir, 'store.duckdb');
  const file = join(tmp.dir, 'prices', 'ABC.csv');

  it('an import through the CLI runner writes the cache, and reads use it', async () => {
    tmp.write('prices/ABC.csv', FIRST);
    await withStore({ db }, (s) => importPaths(s, [file], { dataRoot: tmp.dir, lenient: false }), { readOnly: false, role: 'import' });
    expect(existsSync(readCachePath(db))).toBe(true);
    expect(await readRecord(db)).toEqual({ cached: true, high: 11.2, asOf: '2026-01-22' });
  });

  it('a later import that does not rebuild it makes it stale: the store answers, with the new data', async () => {
    writeFileSync(file, SECOND);
    const w = await DuckDbStore.open(db);
    const summary = await importPaths(w, [file], { dataRoot: tmp.dir, lenient: false });
    await w.close();
    expect(summary.totals.rowsNew).toBe(1);
    expect(existsSync(readCachePath(db))).toBe(true);
    expect(await readRecord(db)).toEqual({ cached: false, high: 11.5, asOf: '2026-01-23' });
  });

  it('the next CLI write rebuilds it with the new data', async () => {
    await withStore({ db }, async () => null, { readOnly: false, role: 'import' });
    expect(await readRecord(db)).toEqual({ cached: true, high: 11.5, asOf: '2026-01-23' });
  });
});
