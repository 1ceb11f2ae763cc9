/**
 * Nothing stale after an import: the server's rendered pages are dropped with its results when the
 * data version changes (an import through the owner's socket is a write on the store, then refresh()).
 * A page that was a 404 before the import (cached like any rendered page) shows the new symbol after
 * it, and another page's ETag changes, so a browser's If-None-Match gets the page again, not a 304.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { tempDir } from '../helpers/temp.ts';
import { startTest } from './helpers.ts';

// Hand-written bars: XYZ closes 50, 45, 54 (last close 54.00; 54/50 − 1 = +8.00% over the three sessions).
const ABC = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10,100\n2026-01-21,10,12,10,11,200\n2026-01-22,11,12.5,10.8,12.1,150\n';
const XYZ = 'date,open,high,low,close,volume\n2026-01-20,50,51,49,50,100\n2026-01-21,50,51,44,45,100\n2026-01-22,45,55,44,54,100\n';

const tmp = tempDir('md-pages-import-');
let store: DuckDbStore;
let srv: RunningServer;

beforeAll(async () => {
  store = await DuckDbStore.open(join(tmp.dir, 'store.duckdb'));
  const s = await importPaths(store, [tmp.write('first/ABC.csv', ABC)], { dataRoot: tmp.dir, lenient: false });
  expect(s.totals.failed).toBe(0);
  srv = await startTest(store, { workers: 0, warm: false });
}, 60_000);

afterAll(async () => {
  await srv?.close();
  await store?.close();
  tmp.cleanup();
});

describe('pages after an import', () => {
  it('a page cached before the import (404, and one shown) answers from the new data after it, with a new ETag', async () => {
    const missing = await fetch(`${srv.url}/instrument/XYZ`);
    expect(missing.status).toBe(404);
    await missing.text();
    const before = await fetch(`${srv.url}/instrument/ABC`);
    expect(before.status).toBe(200);
    const etag = before.headers.get('etag')!;
    expect(etag).toBeTruthy();
    await before.text();
    expect((await fetch(`${srv.url}/instrument/ABC`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    // What an import through the owner's socket does: write on the store, then publish the new version.
    await srv.ctx.store.direct((inner) => importPaths(inner, [tmp.write('second/XYZ.csv', XYZ)], { dataRoot: tmp.dir, lenient: false }));
    expect(await srv.ctx.refresh()).toBe(true);

    const page = await fetch(`${srv.url}/instrument/XYZ`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('54.00');
    const after = await fetch(`${srv.url}/instrument/ABC`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  }, 60_000);
});
