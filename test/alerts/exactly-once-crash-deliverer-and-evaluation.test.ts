/**
 * Exactly once, with real crashes: a child process is killed (SIGKILL, via the test-only
 * MARKETDASH_TEST_CRASH_AT hook) after claiming outbox rows, and after sending before recording.
 * A second deliverer then finishes: nothing is lost; nothing is sent twice, except the one message
 * that was sent but not recorded, which goes out again with the SAME webhook-id. An evaluation
 * killed inside its transaction leaves no event and no outbox row; the next run writes them once.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeData } from '../../src/alerts/data.ts';
import { defaultSenders, deliver } from '../../src/alerts/deliver.ts';
import { runAlerts } from '../../src/alerts/run.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import { cliAsync } from '../cli/run-cli.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { buildMarketStore } from './helpers.ts';

const received: string[] = [];
let server: Server;
let url: string;
const tmp = tempDir('md-crash-');
const saved = { ...process.env };

function child(statePath: string, crashAt: string): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/alerts/fixtures/deliver-child.ts'), statePath], {
      env: { ...process.env, MARKETDASH_TEST_CRASH_AT: crashAt },
      cwd: REPO_ROOT,
      stdio: 'ignore',
    });
    c.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

async function seed(name: string): Promise<{ state: SqliteState; path: string }> {
  const path = join(tmp.dir, `${name}.sqlite`);
  const state = await SqliteState.open(path);
  const rule = await state.addRule({ name: null, condition: 'record IWM close', canonical: 'x', scope: 'symbol:IWM', frequency: 'every-session', cooldown: 0, expires: null, channels: { webhook: url } });
  await state.recordFire({
    ruleId: rule.id,
    session: '2026-01-15',
    ruleState: 'active',
    ruleReason: 'r',
    events: [
      {
        subject: null,
        value: 1,
        message: 'm',
        facts: [],
        outbox: (e) => [1, 2, 3].map((k) => ({ kind: 'alert' as const, subscriberId: null, channel: 'webhook' as const, address: `${url}?n=${k}`, idempotencyKey: `msg_${name}_evt${e.id}_${k}`, payload: { body: { k } } })),
      },
    ],
  });
  return { state, path };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(String(req.headers['webhook-id']));
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  Object.assign(process.env, { MARKETDASH_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`, MARKETDASH_ALLOW_PRIVATE_WEBHOOKS: '1' });
});
afterAll(() => {
  process.env = saved;
  server?.close();
  tmp.cleanup();
});

describe('exactly-once delivery under kill -9', () => {
  it('killed after claiming: the rows are claimed again after the lease, each sent once', async () => {
    received.length = 0;
    const { state, path } = await seed('claim');
    const r = await child(path, 'after-claim');
    expect(r.signal).toBe('SIGKILL');
    expect(received).toHaveLength(0);
    expect((await state.listOutbox({ status: 'claimed' })).length).toBe(3);
    // within the lease nobody else takes them
    expect(await deliver(state, defaultSenders(state), { leaseMs: 60_000 })).toMatchObject({ sent: 0 });
    expect(await deliver(state, defaultSenders(state), { leaseMs: 0 })).toMatchObject({ sent: 3, dead: 0 });
    expect([...received].sort()).toEqual(['msg_claim_evt1_1', 'msg_claim_evt1_2', 'msg_claim_evt1_3']);
    expect((await state.listOutbox({ status: 'sent' })).length).toBe(3);
    await state.close();
  }, 120_000);

  it('killed after sending, before recording: that one message goes again with the same webhook-id', async () => {
    received.length = 0;
    const { state, path } = await seed('send');
    const r = await child(path, 'after-send');
    expect(r.signal).toBe('SIGKILL');
    expect(received).toEqual(['msg_send_evt1_1']);
    await deliver(state, defaultSenders(state), { leaseMs: 0 });
    expect(received).toEqual(['msg_send_evt1_1', 'msg_send_evt1_1', 'msg_send_evt1_2', 'msg_send_evt1_3']);
    const rows = await state.listOutbox();
    expect(rows.map((x) => x.status)).toEqual(['sent', 'sent', 'sent']);
    const deliveries = await state.listDeliveries(rows[0].id);
    expect(deliveries).toHaveLength(1); // the crashed attempt left no record; the resend is attempt 2
    expect(deliveries[0]).toMatchObject({ attempt: 2, status: 'sent' });
    await state.close();
  }, 120_000);

  it('an evaluation killed mid-transaction leaves no half-written event', async () => {
    const env = await buildMarketStore(['prices/IWM.csv', 'prices/SPY.csv']);
    try {
      const base = { MARKETDASH_DB: env.dbPath, MARKETDASH_STATE: '' };
      const add = await cliAsync(['alerts', 'add', '--when', 'streak IWM SPY >= 10', '--frequency', 'once', '--webhook', url], base);
      expect(add.code).toBe(0);
      const killed = await cliAsync(['alerts', 'run', '--as-of', '2026-01-15', '--no-deliver'], { ...base, MARKETDASH_TEST_CRASH_AT: 'mid-evaluation' });
      expect(killed.code).toBe(-1); // killed by a signal
      const state = await SqliteState.open(join(env.dir, 'state.sqlite'));
      expect(await state.listEvents()).toHaveLength(0);
      expect(await state.listOutbox()).toHaveLength(0);
      expect((await state.getRule(1))?.state).toBe('active');
      const market = await DuckDbStore.open(env.dbPath, { readOnly: true });
      const run = await runAlerts(state, storeData(market, () => null, '2026-01-15'), '2026-01-15');
      expect(run.rules[0]).toMatchObject({ result: 'fired', outbox: 1 });
      expect(await state.listEvents()).toHaveLength(1);
      expect(await state.listOutbox()).toHaveLength(1);
      expect((await state.getRule(1))?.state).toBe('fired');
      await market.close();
      await state.close();
    } finally {
      env.cleanup();
    }
  }, 180_000);
});
