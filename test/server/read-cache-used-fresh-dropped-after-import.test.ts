/**
 * The server answers reads from the store's read cache while it is fresh, and never after a write:
 * - the cache of a hand-written store is built, then one close in it is changed to 99 (the store says
 *   12.1): a server started on the store answers 99, so the answer came from the cache (through a pool
 *   worker, as every uncached fact does);
 * - an import through the server's socket (what `marketdash import` does while it serves) adds a session
 *   to ABC and a symbol XYZ: the next answers are the store's (12.1 again, the new session, XYZ), with a
 *   new ETag, and /api/health says the cache is no longer used;
 * - when the server stops it rebuilds the cache (as write commands do): the next server uses it again
 *   and shows the new session.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startOwnedServer } from '../../src/server/start.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { CacheFile, barBlockLayout, readCachePath } from '../../src/store/duckdb/read-cache-file.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { connectRemoteStore } from '../../src/store/remote/remote-store.ts';
import { rebuildReadCache } from '../../src/store/read-cache.ts';
import { tempDir } from '../helpers/temp.ts';

const ABC = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10,100\n2026-01-21,10,12,10,11,200\n2026-01-22,11,12.5,10.8,12.1,150\n';
const ABC_NEXT = 'date,open,high,low,close,volume\n2026-01-23,12,13,11.9,12.6,120\n';
const XYZ = 'date,open,high,low,close,volume\n2026-01-22,45,55,44,54,100\n2026-01-23,54,56,53,55,100\n';

const tmp = tempDir('md-read-cache-server-');
const db = join(tmp.dir, 'store.duckdb');

afterAll(() => tmp.cleanup());

/** Overwrite ABC's last close in the cache file (the store file, and so the cache's stamp, untouched). */
function tamperLastClose(value: number): void {
  const file = CacheFile.open(db);
  if (!file) throw new Error('no fresh cache');
  const header = file.header;
  file.close();
  const block = Object.values(header.bars.ABC)[0];
  const headLen = readFileSync(readCachePath(db)).readUInt32LE(8); // magic (8 bytes), header length, header
  const dataStart = 12 + headLen + ((8 - ((12 + headLen) % 8)) % 8);
  const closeAt = dataStart + block.at + barBlockLayout(block.n, block.prov).colsAt + 8 * block.n * 3 + 8 * (block.n - 1);
  const fd = openSync(readCachePath(db), 'r+');
  writeSync(fd, new Uint8Array(new Float64Array([value]).buffer), 0, 8, closeAt);
  closeSync(fd);
}

async function get(url: string, init?: RequestInit) {
  const r = await fetch(url, init);
  return { status: r.status, etag: r.headers.get('etag'), body: (await r.json()) as Record<string, unknown> };
}

describe('the server and the read cache', () => {
  it('answers from a fresh cache, from the store after an import through its socket, and rebuilds the cache when it stops', async () => {
    const w = await DuckDbStore.open(db);
    await importPaths(w, [tmp.write('a/ABC.csv', ABC)], { dataRoot: tmp.dir, lenient: false });
    await w.close();
    expect(await rebuildReadCache(db)).toBe(true);
    tamperLastClose(99);

    let owned = await startOwnedServer(db, { role: 'serve', port: 0, workers: 1 });
    try {
      const url = owned.server.url;
      expect((await get(`${url}/api/health`)).body.readCache).toBe(true);
      const before = await get(`${url}/api/bars/ABC`);
      expect(before.status).toBe(200);
      expect((before.body.close as number[]).at(-1)).toBe(99); // the cache's number: the cache answered

      // An import through the owner's socket, as `marketdash import` does while a server runs.
      // (Another process finds the socket in the owner file; this one is the owner, so it connects itself.)
      const client = await connectRemoteStore(owned.socket!, db);
      const s = await importPaths(client, [tmp.write('b/ABC.csv', ABC_NEXT), tmp.write('b/XYZ.csv', XYZ)], { dataRoot: tmp.dir, lenient: false });
      await client.close();
      expect(s.totals.failed).toBe(0);

      expect((await get(`${url}/api/health`)).body.readCache).toBe(false);
      const after = await get(`${url}/api/bars/ABC`);
      expect(after.body.dates).toEqual(['2026-01-20', '2026-01-21', '2026-01-22', '2026-01-23']);
      expect(after.body.close).toEqual([10, 11, 12.1, 12.6]);
      expect(after.etag).not.toBe(before.etag);
      expect((await get(`${url}/api/bars/XYZ`)).body.close).toEqual([54, 55]);
    } finally {
      await owned.close();
    }

    // Stopped after a write: the cache was rebuilt from the store, and the next server answers from it.
    const rebuilt = CacheFile.open(db);
    expect(rebuilt).not.toBeNull();
    rebuilt?.close();
    owned = await startOwnedServer(db, { role: 'serve', port: 0, workers: 1 });
    try {
      expect((await get(`${owned.server.url}/api/health`)).body.readCache).toBe(true);
      expect((await get(`${owned.server.url}/api/bars/ABC`)).body.close).toEqual([10, 11, 12.1, 12.6]);
    } finally {
      await owned.close();
    }
  }, 120_000);
});
