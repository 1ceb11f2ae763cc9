/**
 * Stopping the server while pool tasks run: piscina's own close counted a worker as done each time
 * any task ended, so with two workers it terminated the one still running a report (its DuckDB call
 * in flight: "Terminating worker thread", and a Napi::Error that takes the process down when the
 * termination lands inside the native call). Now close waits for every task given to a worker: two
 * reports running when the pool is closed both answer; a task still queued, or given after close
 * began, answers 503 "the server is stopping"; nothing is terminated or aborted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/server/errors.ts';
import { WorkerPool } from '../../src/server/pool.ts';
import { buildStore, type TestStore } from './helpers.ts';

let ts: TestStore;
beforeAll(async () => {
  ts = await buildStore();
}, 120_000);
afterAll(async () => {
  await ts?.cleanup();
});

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: Error) => (e instanceof HttpError && e.status === 503 ? 'stopping' : `error: ${e.message}`),
  );

describe('worker pool: close while reports run', () => {
  it('waits for the running reports; queued and later tasks get 503; no worker is terminated mid-task', async () => {
    const pool = new WorkerPool({ dbPath: ts.path, threads: 2 });
    // Both workers started and holding their store (two short tasks at once go to the two idle workers).
    const warm = await Promise.all(['SPY', 'IWM'].map((s) => outcome(pool.run({ kind: 'endpoint', path: '/api/sessions', params: { symbols: [s] } }))));
    expect(warm).toEqual(['ok', 'ok']);
    const tasks = [
      outcome(pool.run({ kind: 'endpoint', path: '/api/report', params: { symbol: 'IWM' } })),
      outcome(pool.run({ kind: 'endpoint', path: '/api/sessions', params: { symbols: ['QQQ'] } })),
      outcome(pool.run({ kind: 'endpoint', path: '/api/report', params: { symbol: 'SPY' } })),
    ];
    await new Promise((r) => setTimeout(r, 300)); // the reports are running in the workers
    const closed = pool.close();
    const late = outcome(pool.run({ kind: 'endpoint', path: '/api/sessions', params: { symbols: ['SPY'] } }));
    await closed;
    const results = await Promise.all(tasks);
    expect(results.filter((r) => r !== 'ok' && r !== 'stopping')).toEqual([]); // before: ['error: Terminating worker thread']
    expect(results[0]).toBe('ok'); // the first report was running when close began
    expect(await late).toBe('stopping');
    await pool.close(); // a second close is the same close
  }, 120_000);
});
