/** Scenario: `marketdash fetch SPY` against a local server speaking Stooq's CSV format, stored in one transaction. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { tempDir } from '../helpers/temp.ts';
// The commands' answers are under test, not the process: they run in this process (run-cli.ts).
import { cliInProcess as cliAsync, json } from './run-cli.ts';

const CSV = 'Date,Open,High,Low,Close,Volume\n2026-01-20,680.1,684.2,676.0,677.5,91234567\n2026-01-21,678.0,686.9,677.1,685.9,81234567\n';
let server: Server;
let base = '';
const hits: string[] = [];
const tmp = tempDir('md-fetch-');

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const s = new URL(req.url ?? '/', 'http://x').searchParams.get('s');
    if (s === 'spy.us') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(CSV);
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('No data');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  tmp.cleanup();
});

describe('marketdash fetch (Stooq format, local server)', () => {
  it('stores the bars under source stooq; a second fetch adds nothing', async () => {
    const db = join(tmp.dir, 'f.duckdb');
    const env = { MARKETDASH_STOOQ_URL: base };
    const r = await cliAsync(['fetch', 'SPY', '--provider', 'stooq', '--db', db, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).results[0]).toMatchObject({ request: 'SPY', source: 'stooq', status: 'imported', rowsNew: 2 });
    const again = await cliAsync(['fetch', 'SPY', '--db', db, '--json'], env);
    expect(json(again.stdout).results[0]).toMatchObject({ rowsNew: 0 });
    const store = await DuckDbStore.open(db);
    const s = await store.getPriceSeries('SPY', { source: 'stooq' });
    await store.close();
    expect(s.dates).toEqual(['2026-01-20', '2026-01-21']);
    expect(Array.from(s.close)).toEqual([677.5, 685.9]);
    expect(hits.some((h) => h.includes('s=spy.us'))).toBe(true);
  });

  it('an unknown symbol is a clear not-found error and a non-zero exit', async () => {
    const r = await cliAsync(['fetch', 'NOSUCH', '--db', join(tmp.dir, 'g.duckdb'), '--json'], { MARKETDASH_STOOQ_URL: base });
    expect(r.code).toBe(2);
    expect(json(r.stdout).results[0].status).toBe('failed');
    expect(json(r.stdout).results[0].error).toMatch(/NOSUCH/i);
  });
});
