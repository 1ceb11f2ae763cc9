/**
 * A write command reads its read cache from the store it still holds (prepareReadCache: the
 * checkpoint runs meanwhile), and writes it after closing only if the file is exactly as stamped.
 * Second method: the cache rebuilt afterwards from a read-only reopening (refreshReadCache) is the
 * same file but for its stamp. And when something writes between the closing and the writing of the
 * prepared cache, it is not written (its stamp no longer matches) and the rebuild takes over, so no
 * cache ever answers with data older than the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterWrite, beforeClose, openStore } from '../../src/cli/context.ts';
import { recordsFacts } from '../../src/facts/core.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { prepareReadCache, refreshReadCache, writePreparedCache } from '../../src/store/duckdb/read-cache-build.ts';
import { CacheFile, readCachePath, removeReadCache } from '../../src/store/duckdb/read-cache-file.ts';
import { CachedStore } from '../../src/store/duckdb/read-cache-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const ABC = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10.5,100\n2026-01-21,10.5,12,10,11,200\n2026-01-22,11,11.5,10.8,11.2,150\n';
const XYZ = 'date,open,high,low,close,volume\n2026-01-20,50,51,49,50,100\n2026-01-21,50,51,44,45,100\n2026-01-22,45,55,44,54,100\n';
const FACTORS = ',Mkt-RF,SMB,HML,RF\n20260120,    0.52,   -0.31,    0.10,    0.02\n20260121,   -1.05,    0.40,    0.25,    0.02\n';

const tmp = tempDir('md-read-cache-before-close-');
afterAll(() => tmp.cleanup());

/** The cache file without its header's stamp (the stamps differ by design). */
function cacheWithoutStamp(db: string): string {
  return readFileSync(readCachePath(db)).toString('latin1').replace(/"stamp":"[^"]*"/, '"stamp":""');
}

/** XYZ's record close as a read command sees it, and whether the read cache answered. */
async function readXyzHigh(db: string): Promise<{ cached: boolean; high: number }> {
  const read = await openStore({ db });
  try {
    return { cached: read instanceof CachedStore, high: (await recordsFacts(read, { symbol: 'XYZ', basis: 'close' })).allTimeHigh.value };
  } finally {
    await read.close();
  }
}

describe('read cache read before the store closes', () => {
  it('is the cache a read-only reopening builds, stamp aside, and it answers', async () => {
    const db = join(tmp.dir, 'a.duckdb');
    const files = [tmp.write('prices/ABC.csv', ABC), tmp.write('prices/XYZ.csv', XYZ), tmp.write('factors/F-F_Research_Data_Factors_daily.csv', FACTORS)];
    const store = await DuckDbStore.open(db);
    await importPaths(store, files, { dataRoot: tmp.dir, lenient: false });
    const prepared = await beforeClose(db, store);
    expect(prepared).not.toBeNull();
    await store.close();
    await afterWrite(db, store, prepared);
    const viaPrepared = cacheWithoutStamp(db);
    const fresh = CacheFile.open(db);
    expect(fresh).not.toBeNull();
    fresh?.close();

    removeReadCache(db);
    expect(await refreshReadCache(db, (p) => DuckDbStore.open(p, { readOnly: true }))).toBe(true);
    expect(cacheWithoutStamp(db)).toBe(viaPrepared);

    expect(await readXyzHigh(db)).toEqual({ cached: true, high: 54 });
  });

  it('is not written when the file changed after it was stamped; the rebuild has the new data', async () => {
    const db = join(tmp.dir, 'b.duckdb');
    const store = await DuckDbStore.open(db);
    await importPaths(store, [tmp.write('b/ABC.csv', ABC)], { dataRoot: tmp.dir, lenient: false });
    const prepared = await prepareReadCache(db, store);
    expect(prepared).not.toBeNull();
    await store.close();
    // Another writer slips in before the prepared cache is written.
    const other = await DuckDbStore.open(db);
    await importPaths(other, [tmp.write('c/XYZ.csv', XYZ)], { dataRoot: tmp.dir, lenient: false });
    await other.close();
    expect(writePreparedCache(prepared!)).toBe(false);
    await afterWrite(db, store, prepared);
    expect(await readXyzHigh(db)).toEqual({ cached: true, high: 54 });
  });

  it('is not read again when the store did not change (the cache is still fresh)', async () => {
    const db = join(tmp.dir, 'a.duckdb');
    const store = await DuckDbStore.open(db);
    const s = await importPaths(store, [join(tmp.dir, 'prices/ABC.csv')], { dataRoot: tmp.dir, lenient: false });
    expect(s.totals.unchanged).toBe(1);
    expect(await prepareReadCache(db, store)).toBeNull();
    await store.close();
    const fresh = CacheFile.open(db);
    expect(fresh).not.toBeNull();
    fresh?.close();
  });
});
