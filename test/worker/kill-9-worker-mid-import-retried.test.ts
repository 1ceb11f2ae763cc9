/**
 * Fault test (real processes, loopback): a worker is killed with SIGKILL (with its sandboxed job
 * process) in the middle of an import job; another worker takes the job over once the lock lapses,
 * and the PostgreSQL store ends identical to a clean import of the same files (row counts and an
 * ordered checksum per table), with no duplicate keys.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { importJobId, openQueue } from '../../src/jobs/queues.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { PG_BASE, type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { cliBin } from '../helpers/cli-build.ts';
import { DATA_DIR } from '../helpers/temp.ts';
import { dropPrefix, REDIS_URL, uniquePrefix } from './helpers.ts';

const prefix = uniquePrefix();
const FILES = ['factors/Portfolios_Formed_on_ME_Daily.csv', 'prices/IWM.csv', 'prices/SPY.csv', 'prices/QQQ.csv', 'factors/F-F_Momentum_Factor_daily.csv'].map((f) => join(DATA_DIR, f));
const children: ChildProcess[] = [];
let queued: PgTestStore;
let clean: PgTestStore;

function startWorker(url: string): ChildProcess {
  const child = spawn(process.execPath, [cliBin(), '--db', url, '--data', DATA_DIR, 'worker', '--queues', 'import', '--no-schedulers'], {
    env: { ...process.env, MARKETDASH_REDIS: REDIS_URL, MARKETDASH_QUEUE_PREFIX: prefix, MARKETDASH_JOB_LOCK_MS: '4000' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: SIGKILL to the group takes the sandboxed job process too, like a lost machine
  });
  child.stdout!.resume();
  child.stderr!.resume();
  children.push(child);
  return child;
}

const until = async (what: string, ok: () => Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

async function tableDigest(schema: string): Promise<Record<string, unknown>> {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows[0];
    return {
      bars: await q(`SELECT count(*)::int AS n, count(DISTINCT (symbol, source, date))::int AS keys,
        md5(string_agg(concat_ws('|', symbol, source, date, open, high, low, close, adj_close, volume, provisional, line), ',' ORDER BY symbol, source, date)) AS h FROM ${schema}.bars`),
      observations: await q(`SELECT count(*)::int AS n, count(DISTINCT (series, source, freq, date))::int AS keys,
        md5(string_agg(concat_ws('|', series, source, freq, date, value, line), ',' ORDER BY series, source, freq, date)) AS h FROM ${schema}.observations`),
      meta: await q(`SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', series, kind, name, unit, is_return), ',' ORDER BY series)) AS h FROM ${schema}.series_meta`),
      sources: await q(`SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', symbol, source, priority, adjustment), ',' ORDER BY symbol, source)) AS h FROM ${schema}.price_sources`),
      imports: await q(`SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', file, sha256, rows_read, rows_new, rows_revised), ',' ORDER BY file)) AS h FROM ${schema}.imports`),
    };
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
  await queued?.drop();
  await clean?.drop();
  await dropPrefix(prefix);
});

describe('kill -9 a worker mid-import', () => {
  it('another worker retries the job; the store equals a clean import', async () => {
    queued = await pgTestStore('md_kill');
    clean = await pgTestStore('md_clean');
    await queued.store.close(); // migrated; the workers open it
    const q = openQueue('import', { redis: REDIS_URL, prefix });
    try {
      const w1 = startWorker(queued.url);
      for (const f of FILES) await q.add('import', { path: f, dataRoot: DATA_DIR, lenient: false }, { jobId: importJobId(f) });
      await until('a job to start', async () => (await q.getActiveCount()) > 0, 90_000);
      const [victim] = await q.getActive();
      await new Promise((r) => setTimeout(r, 1500)); // mid-import: parsing or writing the first (largest) file
      const killedAt = Date.now();
      process.kill(-w1.pid!, 'SIGKILL');
      const w2 = startWorker(queued.url);
      await until('every job to complete', async () => (await q.getCompletedCount()) === FILES.length, 240_000);
      const job = await q.getJob(victim.id!);
      expect(job!.finishedOn!).toBeGreaterThan(killedAt);
      expect(await q.getFailedCount()).toBe(0);
      // Graceful stop of the second worker.
      w2.kill('SIGTERM');
      expect(await new Promise((r) => w2.on('exit', (code) => r(code)))).toBe(0);
    } finally {
      await q.close();
    }
    const s = await import('../../src/store/postgres/pg-store.ts').then((m) => m.PgStore.open(clean.url));
    const r = await importPaths(s, [...FILES].sort(), { dataRoot: DATA_DIR, lenient: false });
    await s.close();
    expect(r.totals.failed).toBe(0);
    const [a, b] = [await tableDigest(queued.schema), await tableDigest(clean.schema)];
    expect(a).toEqual(b);
    const bars = a.bars as { n: number; keys: number };
    expect(bars.n).toBe(bars.keys); // no duplicates
    expect(bars.n).toBeGreaterThan(20_000);
  }, 400_000);
});
