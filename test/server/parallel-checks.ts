/**
 * Shared pieces of the tests that send many POST /api/check at once: the ~400 KB article, the store
 * they check against, `marketdash serve` in a child process, and /api/health timed while the checks run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { cliBin } from '../helpers/cli-build.ts';
import { REPO_ROOT } from '../helpers/temp.ts';
import { buildStore, type TestStore } from './helpers.ts';

/** The real files the checks read. */
export const CHECK_FILES = ['prices/IWM.csv', 'prices/SPY.csv', 'prices/RUT_INDEX.csv', 'prices/GSPC_INDEX.csv', 'prices/IJR.csv', 'prices/MAGS.csv'];

export const ARTICLE = readFileSync(join(REPO_ROOT, 'test', 'check', 'articles', 'small-caps-2026-01-22.md'), 'utf8');

/** About 400 KB: the article's body repeated under its dateline. */
export const BIG = (() => {
  const [head, ...rest] = ARTICLE.split('\n');
  const body = rest.join('\n');
  const parts = [head];
  while (parts.join('\n').length < 400 * 1024) parts.push(body);
  return parts.join('\n');
})();

/** `marketdash serve --port 0` on `db` in a child process (kept in `children`); resolves with its URL. */
export function serveChild(db: string, children: ChildProcess[], env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [cliBin(), '--db', db, 'serve', '--port', '0', '--json'], {
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

/** The q-quantile of the samples (nearest rank). */
export const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

export const post = (url: string, text: string) =>
  fetch(`${url}/api/check`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text, signal: AbortSignal.timeout(240_000) });

/** Time GET /api/health every `everyMs` until `until` settles; returns every latency in ms. */
export async function healthWhile(url: string, until: Promise<unknown>, everyMs = 100): Promise<number[]> {
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

/**
 * For a test file: the store of CHECK_FILES, built before its tests, and a copy of it for `serve`
 * (which owns its store file read-write while the test keeps reading the original); after the
 * tests, the `serve` children still running are killed and the store removed.
 */
export function checkStores(): { store: () => TestStore; servedDb: () => string; children: ChildProcess[] } {
  const children: ChildProcess[] = [];
  let ts: TestStore | undefined;
  let served = '';
  beforeAll(async () => {
    ts = await buildStore(CHECK_FILES);
    served = join(dirname(ts.path), 'served.duckdb');
    copyFileSync(ts.path, served);
  }, 180_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await ts?.cleanup();
  });
  return { store: () => ts!, servedDb: () => served, children };
}
