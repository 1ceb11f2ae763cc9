/**
 * Delivery under bad receivers: a webhook answering 500 forever is retried with backoff and given
 * up after the schedule (logged, kept as dead); a hanging receiver hits the timeout and is retried;
 * 410 disables the endpoint; an SMS provider answering 429 is retried; an SMTP server that refuses
 * (or is not there) is retried, then logged — nothing is lost. Quiet hours and daily caps hold
 * messages for the digest.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, defaultSenders, deliver } from '../../src/alerts/deliver.ts';
import { heldByLimits, inQuietHours } from '../../src/alerts/limits.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import type { Channel } from '../../src/store/state/state-store.ts';

const saved = { ...process.env };
let hits: Record<string, number> = {};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    hits[path] = (hits[path] ?? 0) + 1;
    req.resume();
    if (path.startsWith('/hang')) return; // never answers
    if (path.startsWith('/500')) return void res.writeHead(500).end();
    if (path.startsWith('/gone')) return void res.writeHead(410).end();
    if (path.includes('/Messages.json')) return void res.writeHead(hits[path] < 3 ? 429 : 201, { 'retry-after': '0' }).end('{"sid":"SM9"}');
    res.writeHead(200).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    MARKETDASH_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
    MARKETDASH_ALLOW_PRIVATE_WEBHOOKS: '1',
    MARKETDASH_WEBHOOK_TIMEOUT_MS: '300',
    MARKETDASH_SMS_API_BASE: base,
    MARKETDASH_SMS_ACCOUNT_SID: 'AC1',
    MARKETDASH_SMS_AUTH_TOKEN: 't',
    MARKETDASH_SMS_FROM: '+15550000000',
  });
});
afterAll(() => {
  process.env = saved;
  server.closeAllConnections();
  server.close();
});

async function one(channel: Channel, address: string) {
  const state = await SqliteState.open(':memory:');
  await state.enqueue([{ kind: 'alert', subscriberId: null, channel, address, idempotencyKey: `msg_${randomBytes(4).toString('hex')}`, payload: { subject: 's', text: 't', body: { x: 1 } } }]);
  const log: string[] = [];
  const s = await deliver(state, defaultSenders(state), { untilIdle: true, maxAttempts: 3, backoffMs: 20, log: (l) => log.push(l) });
  const [row] = await state.listOutbox();
  const deliveries = await state.listDeliveries(row.id);
  return { state, s, row, deliveries, log };
}

describe('delivery retries and give-ups', () => {
  it('backoff doubles per attempt with jitter in [½, 1]', () => {
    for (const n of [1, 2, 3, 4]) {
      const d = backoffDelay(n, 1000);
      expect(d).toBeGreaterThanOrEqual(500 * 2 ** (n - 1));
      expect(d).toBeLessThanOrEqual(1000 * 2 ** (n - 1));
    }
  });

  it('500 forever: 3 attempts, then dead and logged', async () => {
    hits = {};
    const r = await one('webhook', `${base}/500`);
    expect(hits['/500']).toBe(3);
    expect(r.row.status).toBe('dead');
    expect(r.deliveries.map((d) => d.status)).toEqual(['retry', 'retry', 'dead']);
    expect(r.log[0]).toMatch(/gave up after 3 attempts: HTTP 500/);
  }, 30_000);

  it('a hanging receiver times out and is retried', async () => {
    hits = {};
    const r = await one('webhook', `${base}/hang`);
    expect(hits['/hang']).toBe(3);
    expect(r.deliveries[0].detail).toBe('timed out after 300 ms');
    expect(r.row.status).toBe('dead');
  }, 30_000);

  it('410 disables the endpoint: later messages to it are not attempted', async () => {
    hits = {};
    const r = await one('webhook', `${base}/gone`);
    expect(r.row.status).toBe('dead');
    expect(await r.state.webhookDisabled(`${base}/gone`)).toMatch(/410/);
    await r.state.enqueue([{ kind: 'alert', subscriberId: null, channel: 'webhook', address: `${base}/gone`, idempotencyKey: 'msg_again', payload: { subject: 's', text: 't' } }]);
    await deliver(r.state, defaultSenders(r.state), { log: () => {} });
    expect(hits['/gone']).toBe(1);
  }, 30_000);

  it('SMS provider answering 429 twice: sent on the third attempt', async () => {
    hits = {};
    const r = await one('sms', '+15551112222');
    expect(r.row.status).toBe('sent');
    expect(r.deliveries.map((d) => d.status)).toEqual(['retry', 'retry', 'sent']);
    expect(r.deliveries[2].providerId).toBe('SM9');
  }, 30_000);

  it('an SMTP server that refuses, or is not there: retried, then logged; the row stays', async () => {
    const refusing = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], disableReverseLookup: true, logger: false, onRcptTo: (_a, _s, cb) => cb(Object.assign(new Error('mailbox busy'), { responseCode: 451 })) });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    process.env.MARKETDASH_SMTP_URL = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`;
    const r = await one('email', 'x@example.com');
    expect(r.deliveries.map((d) => d.status)).toEqual(['retry', 'retry', 'dead']);
    expect(r.deliveries[0].detail).toMatch(/451/);
    expect(r.log[0]).toMatch(/gave up after 3 attempts/);
    refusing.close();
    process.env.MARKETDASH_SMTP_URL = 'smtp://127.0.0.1:1';
    const down = await one('email', 'y@example.com');
    expect(down.row.status).toBe('dead');
    expect(down.deliveries[0].detail).toMatch(/ECONNREFUSED/);
  }, 60_000);
});

describe('quiet hours and daily caps', () => {
  it('holds what falls in quiet hours (New York time) or over the cap', async () => {
    const state = await SqliteState.open(':memory:');
    const sub = await state.upsertSubscriber({ email: 'q@example.com' });
    await state.updateSubscriber(sub.id, { quietStart: 22, quietEnd: 7, dailyCap: 2 });
    const s = (await state.getSubscriber(sub.id)) as NonNullable<Awaited<ReturnType<typeof state.getSubscriber>>>;
    expect(inQuietHours(s, new Date('2026-01-15T04:30:00Z'))).toBe(true); // 23:30 in New York
    expect(inQuietHours(s, new Date('2026-01-15T15:00:00Z'))).toBe(false); // 10:00 in New York
    const noon = new Date('2026-01-15T17:00:00Z');
    const r = await heldByLimits(state, [1, 2, 3].map(() => ({ subscriber: s, channel: 'email' as const })), noon);
    expect(r).toEqual([false, false, true]); // the third is over the cap of 2
  });
});
