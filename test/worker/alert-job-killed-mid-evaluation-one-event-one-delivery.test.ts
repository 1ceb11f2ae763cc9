/**
 * Fault test (real processes, loopback, PostgreSQL state): two `once` rules on IWM vs SPY (both hold
 * on 2026-01-15: IWM beat SPY for the 10th straight session, streak from 2026-01-02) each with a
 * webhook. Their evaluation jobs `alert:<rule>:2026-01-15` go on the alerts queue; the first worker
 * is stopped inside the first rule's fire transaction (event written, not committed) and killed
 * with SIGKILL, job process included, like a lost machine. A second worker retries the job once
 * the lock lapses: each rule ends with exactly one event, one outbox row and one delivery, and the
 * receiver gets exactly one POST per rule with a valid Standard Webhooks signature. Adding the same
 * job again is one job and sends nothing more.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateData } from '../../src/alerts/data.ts';
import { addRule } from '../../src/alerts/rules.ts';
import { addEvaluateJob, alertJobId } from '../../src/jobs/alert-jobs.ts';
import { openQueue } from '../../src/jobs/queues.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { openState } from '../../src/store/state/open.ts';
import type { StateStore } from '../../src/store/state/state-store.ts';
import { dropSchema, type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { cliBin } from '../helpers/cli-build.ts';
import { DATA_DIR } from '../helpers/temp.ts';
import { dropPrefix, REDIS_URL, uniquePrefix } from './helpers.ts';

const prefix = uniquePrefix();
const secret = `whsec_${randomBytes(24).toString('base64')}`;
const saved = { ...process.env };
const children: ChildProcess[] = [];
const received: { id: string; rule: string; body: string; verified: boolean }[] = [];
let server: Server;
let url: string;
let market: PgTestStore;
let state: StateStore;

function startWorker(extra: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  let err = '';
  const child = spawn(process.execPath, [cliBin(), '--db', market.url, 'worker', '--queues', 'alerts', '--no-schedulers'], {
    env: { ...process.env, MARKETDASH_REDIS: REDIS_URL, MARKETDASH_QUEUE_PREFIX: prefix, MARKETDASH_JOB_LOCK_MS: '4000', MARKETDASH_STATE: '', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: SIGKILL to the group takes the job process too
  });
  child.stdout!.resume();
  child.stderr!.on('data', (d) => (err += d));
  children.push(child);
  return { child, stderr: () => err };
}

const until = async (what: string, ok: () => Promise<boolean> | boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  Object.assign(process.env, { MARKETDASH_WEBHOOK_SECRET: secret, MARKETDASH_ALLOW_PRIVATE_WEBHOOKS: '1', MARKETDASH_STATE: '' });
  const wh = new Webhook(secret);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      let verified = true;
      try {
        wh.verify(body, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      received.push({ id: String(req.headers['webhook-id']), rule: new URL(req.url ?? '/', 'http://x').searchParams.get('r') ?? '', body, verified });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  market = await pgTestStore('md_alq');
  const r = await importPaths(market.store, ['prices/IWM.csv', 'prices/SPY.csv'].map((f) => join(DATA_DIR, f)), { dataRoot: DATA_DIR, lenient: false });
  expect(r.totals.failed).toBe(0);
  state = await openState(market.url); // the market store's URL: the state goes to <schema>_state in the same database
}, 240_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
  await state?.close();
  await market?.drop();
  if (market) await dropSchema(`${market.schema}_state`);
  await dropPrefix(prefix);
  server?.close();
  process.env = saved;
});

describe('alert evaluation job killed mid-transaction', () => {
  it('is retried by another worker: one event, one outbox row and one signed POST per rule', async () => {
    expect(state.location).toContain(`schema=${market.schema}_state`);
    const data = await stateData(state, market.store);
    const r1 = await addRule(state, data, { when: 'streak IWM SPY >= 10', frequency: 'once', webhook: `${url}?r=a` });
    const r2 = await addRule(state, data, { when: 'streak IWM SPY >= 9', frequency: 'once', webhook: `${url}?r=b` });
    const q = openQueue('alerts', { redis: REDIS_URL, prefix });
    try {
      const w1 = startWorker({ MARKETDASH_TEST_CRASH_AT: 'hold:mid-evaluation' });
      await addEvaluateJob(q, r1.id, '2026-01-15');
      await addEvaluateJob(q, r2.id, '2026-01-15');
      await until('the first evaluation to stop inside its transaction', () => w1.stderr().includes('holding at mid-evaluation'), 120_000);
      expect(await state.listEvents()).toEqual([]); // written, not committed
      const killedAt = Date.now();
      process.kill(-w1.child.pid!, 'SIGKILL');
      startWorker({});
      await until('both rules to be delivered', async () => (await state.listOutbox({ status: 'sent' })).length === 2 && (await q.getActiveCount()) === 0 && (await q.getWaitingCount()) === 0, 180_000);
      const job = await q.getJob(alertJobId(r1.id, '2026-01-15'));
      expect(job!.finishedOn!).toBeGreaterThan(killedAt);
      expect(job!.returnvalue).toMatchObject({ rule: r1.id, session: '2026-01-15', result: 'fired' });
      expect(await q.getFailedCount()).toBe(0);

      const events = await state.listEvents();
      expect(events.map((e) => [e.ruleId, e.session, e.value]).sort()).toEqual([
        [r1.id, '2026-01-15', 10],
        [r2.id, '2026-01-15', 10],
      ]);
      const outbox = await state.listOutbox();
      expect(outbox.map((o) => [o.eventId, o.status, o.attempts]).sort()).toEqual(events.map((e) => [e.id, 'sent', 1]).sort());
      for (const o of outbox) expect((await state.listDeliveries(o.id)).map((d) => [d.attempt, d.status])).toEqual([[1, 'sent']]);
      expect(received.map((x) => [x.rule, x.verified]).sort()).toEqual([
        ['a', true],
        ['b', true],
      ]);
      expect(new Set(received.map((x) => x.id)).size).toBe(2);
      expect(JSON.parse(received.find((x) => x.rule === 'a')!.body).event).toMatchObject({ date: '2026-01-15', value: 10 });
      expect((await state.getRule(r1.id))?.state).toBe('fired');

      // `jobs list` (and /api/jobs, from the same queue list) shows the alerts queue: 2 evaluations + 2 deliveries done.
      const list = spawnSync(process.execPath, [cliBin(), 'jobs', 'list', '--json'], { env: { ...process.env, MARKETDASH_REDIS: REDIS_URL, MARKETDASH_QUEUE_PREFIX: prefix }, encoding: 'utf8' });
      expect(list.status).toBe(0);
      const doc = JSON.parse(list.stdout) as { queues: { queue: string; counts: Record<string, number>; jobs: { id: string }[] }[] };
      expect(doc.queues.map((x) => x.queue)).toEqual(['import', 'reports', 'alerts']);
      const alerts = doc.queues.find((x) => x.queue === 'alerts')!;
      expect(alerts.counts.completed).toBe(4);
      expect(alerts.jobs.map((j) => j.id).sort()).toEqual([alertJobId(r1.id, '2026-01-15'), alertJobId(r2.id, '2026-01-15'), ...outbox.map((o) => `deliver:${o.id}:1`)].sort());

      // The same job again is the same (completed) job: nothing new runs or is sent.
      await addEvaluateJob(q, r1.id, '2026-01-15');
      expect(await q.getWaitingCount()).toBe(0);
      expect((await q.getJobs(['completed'])).filter((j) => j.id === alertJobId(r1.id, '2026-01-15'))).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1000));
      expect(received).toHaveLength(2);
      expect(await state.listEvents()).toHaveLength(2);
    } finally {
      await q.close();
    }
  }, 420_000);
});
