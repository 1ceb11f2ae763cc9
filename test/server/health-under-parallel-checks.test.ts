/**
 * Scenario (issue 16): ten parallel POST /api/check with a 400 KB article ran one after another on
 * the event loop, and /api/health took 22 s meanwhile. Checks now run in a worker pool (piscina)
 * whose workers open the store read-only: health answers in < 50 ms while they run, a full queue
 * answers 503 with Retry-After, and a worker's result equals the same check run in the test.
 * The server runs in its own process (`marketdash serve`), as a user runs it, so the client's work
 * in this process does not count against it. Loopback, port 0, every wait bounded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/output.ts';
import { checkFacts } from '../../src/server/integrations.ts';
import { cliBin } from '../helpers/cli-build.ts';
import { REPO_ROOT } from '../helpers/temp.ts';
import { buildStore, startTest, type TestStore } from './helpers.ts';

const children: ChildProcess[] = [];

/** `marketdash serve --port 0` on the test store in a child process; resolves with its URL. */
function serveChild(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [cliBin(), '--db', serverDb, 'serve', '--port', '0', '--json'], {
    env: { ...process.env, MARKETDASH_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGKILL') });
      }
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
  });
}

const ARTICLE = readFileSync(join(REPO_ROOT, 'test', 'check', 'articles', 'small-caps-2026-01-22.md'), 'utf8');
/** About 400 KB: the article's body repeated under its dateline. */
const BIG = (() => {
  const [head, ...rest] = ARTICLE.split('\n');
  const body = rest.join('\n');
  const parts = [head];
  while (parts.join('\n').length < 400 * 1024) parts.push(body);
  return parts.join('\n');
})();

let ts: TestStore;
/** The served copy: `serve` owns its store file read-write (other commands reach it through its socket), while this process keeps reading the original. */
let serverDb: string;
beforeAll(async () => {
  ts = await buildStore(['prices/IWM.csv', 'prices/SPY.csv', 'prices/RUT_INDEX.csv', 'prices/GSPC_INDEX.csv', 'prices/IJR.csv', 'prices/MAGS.csv']);
  serverDb = join(dirname(ts.path), 'served.duckdb');
  copyFileSync(ts.path, serverDb);
}, 180_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await ts?.cleanup();
});

/** The q-quantile of the samples (nearest rank). */
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

const post = (url: string, text: string) =>
  fetch(`${url}/api/check`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text, signal: AbortSignal.timeout(240_000) });

/** Time GET /api/health every `everyMs` until `until` settles; returns every latency in ms. */
async function healthWhile(url: string, until: Promise<unknown>, everyMs = 100): Promise<number[]> {
  let done = false;
  until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done) {
    const t0 = performance.now();
    try {
      const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(60_000) });
      await r.json();
      expect(r.status).toBe(200);
    } catch (e) {
      if (!(e instanceof TypeError || (e as Error).name === 'TimeoutError')) throw e;
    }
    times.push(performance.now() - t0); // a failed or timed-out request counts with its full wait
    await new Promise((res) => setTimeout(res, everyMs));
  }
  return times;
}

describe('checks in the worker pool', () => {
  let srv: { url: string; stop: () => void };
  beforeAll(async () => {
    srv = await serveChild({ MARKETDASH_WORKERS: '1', MARKETDASH_QUEUE: '16' });
    // warm up: workers started and the store open in them
    expect((await post(srv.url, ARTICLE)).status).toBe(200);
  }, 120_000);
  afterAll(() => srv?.stop());

  it(`ten parallel ${Math.round(BIG.length / 1024)} KB checks: every one answered 200, /api/health under 50 ms (p90), the pool in health`, async () => {
    expect(BIG.length).toBeGreaterThanOrEqual(400 * 1024);
    const all = Promise.all(Array.from({ length: 10 }, () => post(srv.url, BIG).then(async (r) => ({ status: r.status, body: await r.text() }))));
    const times = await healthWhile(srv.url, all);
    const results = await all;
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(times.length).toBeGreaterThanOrEqual(5); // health was asked while the checks ran
    // The machine is shared (load average far above its 2 cores while the tests run), so single
    // samples can wait for a core whatever the server does: the bound is on the 90th percentile,
    // and no sample may wait for a check (before: 22 s).
    const shown = `health latencies (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`;
    expect(pct(times, 0.9), shown).toBeLessThan(50);
    expect(Math.max(...times), shown).toBeLessThan(1000);
    process.stderr.write(`health under 10 parallel checks: n=${times.length} p50 ${pct(times, 0.5).toFixed(1)} ms, p90 ${pct(times, 0.9).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms\n`);
    const h = await (await fetch(`${srv.url}/api/health`)).json();
    expect(h.workers).toMatchObject({ threads: 1, maxQueue: 16 });
    expect(h.workers.completed).toBeGreaterThanOrEqual(11);
    // the answers are the checker's: equal to the same check run here, in the test process
    const direct = toJson(await checkFacts(ts.store, { text: BIG }), 0);
    for (const r of results) expect(r.body).toBe(direct);
  }, 300_000);
});

describe('a full queue', () => {
  it('one worker and a queue of one: of five parallel checks, the overflow gets 503 with Retry-After, the rest 200', async () => {
    const srv = await startTest(ts.store, { workers: 1, maxQueue: 1 });
    try {
      expect((await post(srv.url, ARTICLE)).status).toBe(200); // warm
      const rs = await Promise.all(Array.from({ length: 5 }, () => post(srv.url, BIG)));
      const statuses = rs.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2); // one running + one queued
      const busy = rs.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      for (const r of busy) {
        expect(r.headers.get('retry-after')).toBe('2');
        expect((await r.json()).error.message).toMatch(/busy/);
      }
    } finally {
      await srv.close();
    }
  }, 300_000);
});

describe('without the pool (workers: 0), as before', () => {
  it('the same checks on the event loop hold /api/health up far beyond 50 ms (the original failure)', async () => {
    const srv = await serveChild({ MARKETDASH_WORKERS: '0' });
    try {
      expect((await post(srv.url, ARTICLE)).status).toBe(200);
      const all = Promise.allSettled(Array.from({ length: 10 }, () => post(srv.url, BIG)));
      const times = await healthWhile(srv.url, all);
      await all;
      process.stderr.write(`health with checks on the event loop: n=${times.length} p50 ${pct(times, 0.5).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms\n`);
      // A health request that arrives during a check waits for it: hundreds of ms now that checks are
      // faster (22 s before, queued behind all of them). Requests between two checks answer at once, so
      // the median is not a stable signal; the worst wait is.
      expect(times.length).toBeGreaterThanOrEqual(1);
      expect(Math.max(...times)).toBeGreaterThan(200);
    } finally {
      srv.stop();
    }
  }, 300_000);
});
