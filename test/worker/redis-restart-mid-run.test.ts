/**
 * Fault test: the Redis behind the queue restarts while a worker is importing (a private
 * redis-server on a free loopback port, append-only file on, so queued jobs survive as in a real
 * deployment). The worker reconnects and finishes every job; each file is stored once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importJobId, openQueue } from '../../src/jobs/queues.ts';
import { type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { cliBin } from '../helpers/cli-build.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';

const FILES = ['IWM', 'SPY', 'QQQ', 'DIA', 'MDY', 'XLK'].map((s) => join(DATA_DIR, 'prices', `${s}.csv`));
const tmp = tempDir('md-redis-');
const children: ChildProcess[] = [];
let t: PgTestStore;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

function redis(port: number): ChildProcess {
  const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', tmp.dir], { stdio: 'ignore' });
  children.push(c);
  return c;
}

async function until(what: string, ok: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t?.drop();
  tmp.cleanup();
});

describe('Redis restarted mid-run', () => {
  it('the worker reconnects and finishes every job', async () => {
    t = await pgTestStore('md_redis');
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    let r = redis(port);
    const cfg = { redis: url, prefix: 'mdtest' };
    const q = openQueue('import', cfg);
    q.on('error', () => undefined); // refused connections while Redis is down are expected; ioredis reconnects
    await until('redis', async () => (await q.getWaitingCount()) >= 0, 20_000);
    for (const f of FILES) await q.add('import', { path: f, dataRoot: DATA_DIR, lenient: false }, { jobId: importJobId(f) });
    const worker = spawn(process.execPath, [cliBin(), '--db', t.url, 'worker', '--queues', 'import', '--no-schedulers'], {
      env: { ...process.env, MARKETDASH_REDIS: url, MARKETDASH_QUEUE_PREFIX: 'mdtest', MARKETDASH_JOB_LOCK_MS: '5000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(worker);
    let log = '';
    worker.stderr!.on('data', (d) => (log += d));
    await until('the first job to finish', async () => (await q.getCompletedCount()) >= 1, 120_000);
    // Restart Redis while jobs are left: a clean shutdown writes the append-only file; the same port comes back.
    expect(await q.getCompletedCount()).toBeLessThan(FILES.length);
    r.kill('SIGTERM');
    await new Promise((res) => r.on('exit', res));
    await new Promise((res) => setTimeout(res, 1500));
    r = redis(port);
    await until('every job to complete after the restart', async () => (await q.getCompletedCount()) === FILES.length, 180_000);
    expect(await q.getFailedCount()).toBe(0);
    expect((await t.store.imports()).map((i) => i.file).sort()).toEqual(FILES.map((f) => `prices/${f.split('/').at(-1)}`).sort());
    worker.kill('SIGTERM');
    expect(await new Promise((res) => worker.on('exit', (c) => res(c)))).toBe(0);
    await q.close();
  }, 360_000);
});
