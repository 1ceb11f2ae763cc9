/**
 * The SSRF guard's DNS-rebinding gap is closed: the webhook channel resolves the host once, checks
 * every address, and connects only to those (a pinned `lookup`), never to a second DNS answer.
 * `localhost` (resolves to 127.0.0.1 / ::1) is refused unless private targets are allowed (the
 * test-only switch MARKETDASH_ALLOW_PRIVATE_WEBHOOKS=1); a resolver that answers a public address
 * first and 127.0.0.1 afterwards (a rebinding DNS) is asked once and the local receiver gets nothing.
 */
import { randomBytes } from 'node:crypto';
import http, { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pinnedLookup, type Resolved, vetWebhookUrl } from '../../src/alerts/channels/ssrf.ts';
import { WebhookChannel } from '../../src/alerts/channels/webhook.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import type { OutboxRow } from '../../src/store/state/state-store.ts';

const saved = { ...process.env };
let server: Server;
let port: number;
let state: SqliteState;
const received: string[] = [];

const row = (address: string): OutboxRow => ({
  id: 1, eventId: 1, kind: 'alert', subscriberId: null, channel: 'webhook', address, payload: { body: { ok: true } },
  idempotencyKey: 'msg_evt1_rule_webhook', status: 'claimed', attempts: 1, nextAttemptAt: new Date().toISOString(), lastError: null, createdAt: new Date().toISOString(),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(String(req.headers['webhook-id']));
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  state = await SqliteState.open(':memory:');
});
afterEach(() => {
  process.env = { ...saved, MARKETDASH_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`, MARKETDASH_WEBHOOK_TIMEOUT_MS: '500' };
  delete process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS;
  received.length = 0;
});
afterAll(async () => {
  process.env = saved;
  server?.close();
  await state?.close();
});

describe('webhook SSRF guard: pinned addresses', () => {
  it('localhost is refused by the guard (nothing reaches the receiver); allowed only with MARKETDASH_ALLOW_PRIVATE_WEBHOOKS=1', async () => {
    process.env.MARKETDASH_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
    delete process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS;
    const ch = new WebhookChannel(state);
    const refused = await ch.send(row(`http://localhost:${port}/hook`));
    expect(refused.status).toBe('dead');
    expect(refused.detail).toMatch(/refused by the SSRF guard: localhost is a loopback address/);
    expect(received).toEqual([]);
    process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS = '1';
    const sent = await ch.send(row(`http://127.0.0.1:${port}/hook`));
    expect(sent).toEqual({ status: 'sent', detail: 'HTTP 200' });
    expect(received).toEqual(['msg_evt1_rule_webhook']);
  });

  it('a stub resolver answering 127.0.0.1, or a public and a loopback address, is refused', async () => {
    const loop = async (): Promise<Resolved[]> => [{ address: '127.0.0.1', family: 4 }];
    const mixed = async (): Promise<Resolved[]> => [{ address: '93.184.215.14', family: 4 }, { address: '::1', family: 6 }];
    await expect(vetWebhookUrl(`http://hook.example:${port}/`, '--webhook', loop)).rejects.toThrow(/hook\.example is a loopback address \(127\.0\.0\.1\)/);
    await expect(vetWebhookUrl('http://hook.example/', '--webhook', mixed)).rejects.toThrow(/loopback address \(::1\)/);
    const ok = await vetWebhookUrl('https://hook.example/x', '--webhook', async () => [{ address: '93.184.215.14', family: 4 }]);
    expect(ok.addresses).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('a rebinding resolver (public first, 127.0.0.1 after) is asked once; the request never reaches the loopback receiver', async () => {
    process.env.MARKETDASH_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
    process.env.MARKETDASH_WEBHOOK_TIMEOUT_MS = '500';
    let calls = 0;
    const rebinding = async (): Promise<Resolved[]> => (calls++ === 0 ? [{ address: '203.0.113.7', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const r = await new WebhookChannel(state, rebinding).send(row(`http://rebind.example:${port}/hook`));
    expect(calls).toBe(1);
    expect(r.status).toBe('retry'); // 203.0.113.7 (TEST-NET-3) does not answer: a timeout or network error, retried later
    expect(r.detail).toMatch(/^(timed out after 500 ms|network error: )/);
    expect(received).toEqual([]);
  });

  it('the pinned lookup decides where the connection goes: a name with no DNS entry reaches the vetted address', async () => {
    const lookup = pinnedLookup([{ address: '127.0.0.1', family: 4 }]);
    const one = await new Promise<unknown[]>((r) => lookup('x', {}, (...a) => r(a)));
    expect(one).toEqual([null, '127.0.0.1', 4]);
    const all = await new Promise<unknown[]>((r) => lookup('x', { all: true }, (...a) => r(a)));
    expect(all).toEqual([null, [{ address: '127.0.0.1', family: 4 }]]);
    // `.invalid` never resolves (RFC 6761): only the pinned lookup can connect this request.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`http://pinned.invalid:${port}/hook`, { method: 'POST', lookup: lookup as never, headers: { 'webhook-id': 'pinned' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(200);
    expect(received).toEqual(['pinned']);
  });
});
