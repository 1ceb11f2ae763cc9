/**
 * Done-when scenario, through the real CLI: a `once` rule `streak IWM SPY >= 10` with a webhook;
 * `alerts run --as-of 2026-01-15` delivers exactly one POST whose Standard Webhooks signature
 * verifies; running again, or for 2026-01-16, delivers nothing more; without
 * MARKETDASH_ALLOW_PRIVATE_WEBHOOKS the same loopback URL is refused by the SSRF guard.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../src/alerts/channels/ssrf.ts';
// The commands' answers are under test, not the process: they run in this process (run-cli.ts).
import { cliInProcess as cliAsync, json } from '../cli/run-cli.ts';
import { buildMarketStore } from './helpers.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const received: { headers: Record<string, string>; body: string }[] = [];
let server: Server;
let url: string;
let env: Awaited<ReturnType<typeof buildMarketStore>>;
let base: Record<string, string>;

beforeAll(async () => {
  env = await buildMarketStore();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  base = { MARKETDASH_DB: env.dbPath, MARKETDASH_STATE: '', MARKETDASH_WEBHOOK_SECRET: secret, MARKETDASH_ALLOW_PRIVATE_WEBHOOKS: '1' };
}, 120_000);
afterAll(() => {
  server?.close();
  env?.cleanup();
});

describe('webhook rule, once, IWM beat SPY for 10 sessions on 2026-01-15', () => {
  it('delivers exactly one signed POST, then nothing more', async () => {
    const add = await cliAsync(['alerts', 'add', '--when', 'streak IWM SPY >= 10', '--frequency', 'once', '--webhook', url, '--json'], base);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(json(add.stdout).rule).toMatchObject({ id: 1, state: 'active', scope: 'pair:IWM:SPY' });

    const run1 = await cliAsync(['alerts', 'run', '--as-of', '2026-01-15', '--json'], base);
    expect(run1.code).toBe(0);
    expect(json(run1.stdout).rules[0]).toMatchObject({ id: 1, result: 'fired', outbox: 1 });
    expect(received).toHaveLength(1);
    const msg = received[0];
    const payload = new Webhook(secret).verify(msg.body, msg.headers) as { event: { date: string; value: number; facts: { dates: { start: string } }[] } };
    expect(payload.event.date).toBe('2026-01-15');
    expect(payload.event.value).toBe(10);
    expect(payload.event.facts[0].dates.start).toBe('2026-01-02');
    expect(msg.headers['webhook-id']).toMatch(/^msg_evt1_rule_webhook$/);
    // a tampered body does not verify
    expect(() => new Webhook(secret).verify(msg.body.replace('2026-01-15', '2026-01-14'), msg.headers)).toThrow();

    const again = await cliAsync(['alerts', 'run', '--as-of', '2026-01-15', '--json'], base);
    expect(again.code).toBe(0);
    const next = await cliAsync(['alerts', 'run', '--as-of', '2026-01-16', '--json'], base);
    expect(json(next.stdout).rules[0]).toMatchObject({ id: 1, result: 'skipped' });
    expect(received).toHaveLength(1);

    const show = json((await cliAsync(['alerts', 'show', '1', '--json'], base)).stdout);
    expect(show.rule).toMatchObject({ state: 'fired', lastFiredSession: '2026-01-15' });
    expect(show.events).toHaveLength(1);
  }, 120_000);

  it('a duplicate rule is rejected naming the existing one; nothing is stored', async () => {
    const dup = await cliAsync(['alerts', 'add', '--when', 'streak  iwm spy >=10', '--frequency', 'once', '--webhook', url], base);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/#1 'streak IWM SPY >= 10'/);
    const list = json((await cliAsync(['alerts', 'list', '--json'], base)).stdout);
    expect(list.rules).toHaveLength(1);
  }, 120_000);

  it('bad input: a condition with the column, an unknown symbol (exit 3), a bad frequency; nothing stored', async () => {
    const bad = await cliAsync(['alerts', 'add', '--when', 'streak IWM SPY >= ten', '--webhook', url], base);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/at column 19/);
    const unknown = await cliAsync(['alerts', 'add', '--when', 'record NOPE close', '--webhook', url], base);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/unknown symbol or series 'NOPE'/);
    const freq = await cliAsync(['alerts', 'add', '--when', 'record IWM close', '--frequency', 'sometimes', '--webhook', url], base);
    expect(freq.code).toBe(2);
    expect(freq.stderr).toMatch(/--frequency must be one of once, every-session, on-change/);
    expect(json((await cliAsync(['alerts', 'list', '--json'], base)).stdout).rules).toHaveLength(1);
  }, 120_000);

  it('without MARKETDASH_ALLOW_PRIVATE_WEBHOOKS the loopback URL is refused by the SSRF guard', async () => {
    const env2 = { ...base, MARKETDASH_ALLOW_PRIVATE_WEBHOOKS: '' };
    const r = await cliAsync(['alerts', 'add', '--when', 'record IWM close', '--webhook', url], env2);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused by the SSRF guard: 127\.0\.0\.1 is a loopback address/);
    expect(received).toHaveLength(1);
  }, 120_000);

  it('the guard refuses private, link-local and unique-local addresses, allows public ones', async () => {
    const saved = process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS;
    delete process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS;
    try {
      for (const u of ['http://10.1.2.3/x', 'http://192.168.0.1/x', 'http://172.20.0.1/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://[fd00::1]/x', 'http://[fe80::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://0.0.0.0/x']) {
        await expect(checkWebhookUrl(u), u).rejects.toThrow(/SSRF guard/);
      }
      await expect(checkWebhookUrl('https://93.184.215.14/hook')).resolves.toBeInstanceOf(URL);
      await expect(checkWebhookUrl('file:///etc/passwd')).rejects.toThrow(/only http\(s\)/);
    } finally {
      if (saved !== undefined) process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS = saved;
    }
  });
});

