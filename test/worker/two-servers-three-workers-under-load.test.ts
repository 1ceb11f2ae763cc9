/**
 * Load test on loopback (bounded): 2 servers + 3 workers on one PostgreSQL and one Redis, started
 * by the test. 50 concurrent API clients for 10 s across both servers while the workers import
 * price files: no errors, no non-2xx; afterwards both servers show the imported data (new ETags)
 * without a restart. Prints p50/p99.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { importJobId, openQueue } from '../../src/jobs/queues.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { DATA_DIR, REPO_ROOT } from '../helpers/temp.ts';
import { dropPrefix, REDIS_URL, uniquePrefix } from './helpers.ts';

const prefix = uniquePrefix();
const children: ChildProcess[] = [];
let t: PgTestStore;
const NEW = ['QQQ', 'DIA', 'MDY', 'IJR', 'XLK', 'XLF', 'XLE', 'XLV'].map((s) => join(DATA_DIR, 'prices', `${s}.csv`));

function start(args: string[]): { child: ChildProcess; firstJson: Promise<Record<string, unknown>> } {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'marketdash.mjs'), '--db', t.url, '--data', DATA_DIR, ...args], {
    env: { ...process.env, MARKETDASH_REDIS: REDIS_URL, MARKETDASH_QUEUE_PREFIX: prefix, MARKETDASH_REFRESH_MS: '1000', MARKETDASH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stderr!.resume();
  let out = '';
  const firstJson = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      try {
        resolve(JSON.parse(out));
      } catch {}
    });
    child.on('exit', (c) => reject(new Error(`${args[0]} exited ${c}: ${out}`)));
  });
  return { child, firstJson };
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t?.drop();
  await dropPrefix(prefix);
});

describe('2 servers + 3 workers + PostgreSQL + Redis', () => {
  it('50 clients for 10 s while imports run: 0 errors; both servers then show the new data', async () => {
    t = await pgTestStore('md_load');
    await importPaths(t.store, ['IWM', 'SPY'].map((s) => join(DATA_DIR, 'prices', `${s}.csv`)), { dataRoot: DATA_DIR, lenient: false });
    const servers = [start(['serve', '--port', '0', '--json']), start(['serve', '--port', '0', '--json'])];
    const workers = [0, 1, 2].map(() => start(['worker', '--queues', 'import', '--no-schedulers', '--json']));
    const urls = (await Promise.all(servers.map((s) => s.firstJson))).map((i) => i.url as string);
    await Promise.all(workers.map((w) => w.firstJson));
    const perfPath = '/api/perf?symbols=IWM,SPY&period=ytd&asOf=2026-01-22';
    const before = await Promise.all(urls.map(async (u) => (await fetch(u + perfPath)).headers.get('etag')));
    const q = openQueue('import', { redis: REDIS_URL, prefix });
    try {
      for (const f of NEW) await q.add('import', { path: f, dataRoot: DATA_DIR, lenient: false }, { jobId: importJobId(f) });
      const paths = [perfPath, '/api/streak?a=IWM&b=SPY&asOf=2026-01-22', '/api/health', '/api/series', '/api/volatility?symbol=SPY&period=1y'];
      const results = await Promise.all(
        urls.map((url) =>
          autocannon({ url, connections: 25, duration: 10, requests: paths.map((path) => ({ method: 'GET', path })) }),
        ),
      );
      for (const r of results) {
        process.stdout.write(`load ${r.url}: ${r.requests.total} requests, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors}, non2xx ${r.non2xx}\n`);
        expect(r.errors).toBe(0);
        expect(r.timeouts).toBe(0);
        expect(r.non2xx).toBe(0);
        expect(r.requests.total).toBeGreaterThan(50);
      }
      const end = Date.now() + 180_000;
      while ((await q.getCompletedCount()) < NEW.length) {
        if (Date.now() > end) throw new Error(`imports did not finish: ${JSON.stringify(await q.getJobCounts())}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(await q.getFailedCount()).toBe(0);
    } finally {
      await q.close();
    }
    // Both servers show the new data within the poll interval, with new ETags, and agree.
    await new Promise((r) => setTimeout(r, 2500));
    const qqq = await Promise.all(urls.map(async (u) => (await fetch(`${u}/api/perf?symbols=QQQ,XLK&period=ytd&asOf=2026-01-22`)).json()));
    expect(qqq[0].rows.map((r: { symbol: string }) => r.symbol)).toEqual(['QQQ', 'XLK']);
    expect(qqq[1]).toEqual(qqq[0]);
    const after = await Promise.all(urls.map(async (u) => (await fetch(u + perfPath)).headers.get('etag')));
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    const jobs = await (await fetch(`${urls[0]}/api/jobs`)).json();
    expect(jobs.queues.find((x: { queue: string }) => x.queue === 'import').counts.completed).toBe(NEW.length);
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => new Promise((r) => w.child.on('exit', (c) => r(c)))))).toEqual([0, 0, 0]);
  }, 420_000);
});
