/**
 * Background work yields to requests: the pages pre-rendered at start used to give the pool dozens of
 * tasks at once, and a request arriving meanwhile queued behind all of them (a cold first request
 * waited for the whole overview). Now a background task is given to a worker only while no request is
 * in flight, two per thread: with one thread and eight background tasks submitted first, a request
 * submitted next is answered third at the latest (after the two background tasks already given to the
 * worker), not ninth.
 * The answers are the same as the facts computed here in the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/capabilities/registry.ts';
import { toJson } from '../../src/format/json.ts';
import { WorkerPool } from '../../src/server/pool.ts';
import { JsonText } from '../../src/server/results.ts';
import { buildStore, type TestStore } from './helpers.ts';

let ts: TestStore;
let pool: WorkerPool;
const perf = CAPABILITIES.find((c) => c.name === 'perf')!;

beforeAll(async () => {
  ts = await buildStore();
  pool = new WorkerPool({ dbPath: ts.path, threads: 1 });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await ts?.cleanup();
});

describe('worker pool: background tasks yield to requests', () => {
  it('a request submitted after eight background tasks is answered third at the latest, with the same result as the facts here', async () => {
    const order: string[] = [];
    const task = (params: Record<string, unknown>) => ({ kind: 'endpoint' as const, path: '/api/perf', params });
    const periods = ['1w', '1m', '3m', '6m', 'ytd', '1y', '3y', '5y'];
    const background = periods.map((period) =>
      pool.run(task({ symbols: 'IWM,SPY,QQQ', period }), { background: true }).then((v) => {
        order.push(`background ${period}`);
        return v;
      }),
    );
    const request = pool.run(task({ symbols: 'IWM,SPY', period: 'max' })).then((v) => {
      order.push('request');
      return v;
    });
    const [answer] = await Promise.all([request, ...background]);
    expect(order).toHaveLength(9);
    expect(order.indexOf('request')).toBeLessThanOrEqual(2);
    expect(order.filter((x) => x !== 'request')).toEqual(periods.map((p) => `background ${p}`));
    // The worker sends an endpoint's result as its JSON text (serialised off the event loop).
    expect(answer).toBeInstanceOf(JsonText);
    expect((answer as JsonText).text).toBe(toJson(await perf.facts(ts.store, { symbols: 'IWM,SPY', period: 'max' }), 0));
  }, 180_000);
});
