/**
 * A server on PostgreSQL computes in its worker pool too (before, only a DuckDB store file had one, so
 * on PostgreSQL every uncached fact, and the panel re-warmed after each import, ran on the event loop
 * and held /api/health and /api/jobs for seconds under load). The workers keep their own connections
 * and memoised reads; another process's import must not leave them answering from what they read
 * before: after the server sees the new data version, a worker answers from the new rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { tempDir } from '../helpers/temp.ts';

// Hand-written bars. The second file revises nothing and adds 2026-01-23 (close 13.2).
const ABC = 'date,open,high,low,close,volume\n2026-01-20,10,11,9,10,100\n2026-01-21,10,12,10,11,200\n2026-01-22,11,12.5,10.8,12.1,150\n';
const ABC_MORE = `${ABC}2026-01-23,12.1,13.5,12,13.2,170\n`;

const tmp = tempDir('md-pg-pool-');
let t: PgTestStore;
let srv: RunningServer;

type Bars = { dates: string[]; close: number[] };
const barsOf = (b: Bars) => b.dates.map((date, i) => ({ date, close: b.close[i] }));

beforeAll(async () => {
  t = await pgTestStore('md_pool');
  const s = await importPaths(t.store, [tmp.write('a/ABC.csv', ABC)], { dataRoot: tmp.dir, lenient: false });
  expect(s.totals.failed).toBe(0);
  srv = await startServer(t.store, { host: '127.0.0.1', port: 0, workers: 1, warm: false });
}, 60_000);

afterAll(async () => {
  await srv?.close();
  await t?.drop();
  tmp.cleanup();
});

describe('PostgreSQL server with a worker pool', () => {
  it('computes in its worker, and the worker answers from another process’s import once the server sees it', async () => {
    const health = async () => (await (await fetch(`${srv.url}/api/health`)).json()) as { workers: { threads: number; completed: number } | null };
    const h0 = await health();
    expect(h0.workers?.threads).toBe(1);

    const first = (await (await fetch(`${srv.url}/api/bars/ABC`)).json()) as Bars;
    expect(barsOf(first).map((b) => [b.date, b.close])).toEqual([
      ['2026-01-20', 10],
      ['2026-01-21', 11],
      ['2026-01-22', 12.1],
    ]);
    const h1 = await health();
    expect(h1.workers!.completed).toBeGreaterThan(h0.workers!.completed);

    // Another process (its own connections) imports the longer file.
    const other = await PgStore.open(t.url);
    try {
      const s = await importPaths(other, [tmp.write('b/ABC.csv', ABC_MORE)], { dataRoot: tmp.dir, lenient: false });
      expect(s.totals.rowsNew).toBe(1);
    } finally {
      await other.close();
    }
    expect(await srv.ctx.refresh()).toBe(true);

    const after = (await (await fetch(`${srv.url}/api/bars/ABC`)).json()) as Bars;
    expect(barsOf(after).map((b) => [b.date, b.close])).toEqual([
      ['2026-01-20', 10],
      ['2026-01-21', 11],
      ['2026-01-22', 12.1],
      ['2026-01-23', 13.2],
    ]);
    expect((await health()).workers!.completed).toBeGreaterThan(h1.workers!.completed);
  }, 60_000);
});
