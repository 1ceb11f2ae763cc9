/**
 * `serve` (warm before listen) computes the default highs-lows panel before it listens, so the first
 * request is a cached answer; other servers (background warm-up) leave it for the first request.
 * Store: the server test files and five files of the 5-year panel. The cached answer is the same JSON
 * as the capability computed on the store directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import highsLows from '../../src/capabilities/highs-lows.ts';
import { toJson } from '../../src/format/json.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { buildStore, SERVER_FILES, startTest, type TestStore } from './helpers.ts';

const PANEL = ['AAL', 'AAPL', 'ABBV', 'AMZN', 'MSFT'].map(
  (s) => `panels/individual_stocks_5yr/${s}_data.csv`,
);
const KEY = '/api/highs-lows?universe=panel';

let ts: TestStore;
const servers: RunningServer[] = [];

beforeAll(async () => {
  ts = await buildStore([...SERVER_FILES, ...PANEL]);
}, 300_000);

afterAll(async () => {
  for (const s of servers) await s.close();
  await ts?.cleanup();
});

describe('the default highs-lows panel at start', () => {
  it('serve: computed before listening, and the first request is that answer', async () => {
    const srv = await startTest(ts.store, { warm: 'before-listen', workers: 0 });
    servers.push(srv);
    expect(srv.ctx.results.has(KEY)).toBe(true);
    const misses = srv.ctx.results.stats().misses;
    const r = await fetch(`${srv.url}${KEY}`);
    expect(r.status).toBe(200);
    const body = await r.text();
    expect(srv.ctx.results.stats().misses).toBe(misses);
    const direct = await highsLows.facts(ts.store, { universe: 'panel' });
    expect(body).toBe(toJson(direct, 0));
    expect((JSON.parse(body) as { members: number }).members).toBe(PANEL.length);
  }, 120_000);

  it('a server warming in the background renders its pages only', async () => {
    const srv = await startTest(ts.store, { warm: true, workers: 0 });
    servers.push(srv);
    await srv.ctx.warming;
    expect(srv.ctx.results.has(KEY)).toBe(false);
  }, 120_000);
});
