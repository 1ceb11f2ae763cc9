/**
 * The HTTP API of alerts and subscriptions (in-process app): token on rule writes, validation and
 * rate limits on the public endpoints, the alert log, confirmation by token (once), one-click
 * unsubscribe, the inbound-SMS webhook with Twilio's signature, and the OpenAPI document.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeData } from '../../src/alerts/data.ts';
import { runAlerts } from '../../src/alerts/run.ts';
import { createApp } from '../../src/server/app.ts';
import { twilioSignature } from '../../src/server/routes/alerts.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import { buildMarketStore } from './helpers.ts';

let env: Awaited<ReturnType<typeof buildMarketStore>>;
let market: DuckDbStore;
let app: Awaited<ReturnType<typeof createApp>>['app'];
const saved = { ...process.env };
const TOKEN = randomBytes(12).toString('hex');

const req = async (method: string, path: string, b?: unknown, headers: Record<string, string> = {}) => {
  const r = await app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: b === undefined ? undefined : typeof b === 'string' ? b : JSON.stringify(b) });
  const text = await r.text();
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes, checked field by field
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: r.status, body };
};
const auth = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  env = await buildMarketStore(['prices/IWM.csv', 'prices/SPY.csv']);
  Object.assign(process.env, { MARKETDASH_STATE: `${env.dir}/api-state.sqlite`, MARKETDASH_PUBLIC_RATE_LIMIT: '8', MARKETDASH_SMTP_URL: 'smtp://127.0.0.1:1', MARKETDASH_SMS_AUTH_TOKEN: 'tok', MARKETDASH_PUBLIC_URL: 'https://dash.example' });
  market = await DuckDbStore.open(env.dbPath, { readOnly: true });
  ({ app } = await createApp(market, { token: TOKEN }));
}, 120_000);
afterAll(async () => {
  process.env = saved;
  await market?.close();
  env?.cleanup();
});

describe('alerts API', () => {
  it('rule writes need the token; a duplicate is 409 naming the rule; bad conditions are 400 with the column', async () => {
    expect((await req('POST', '/api/alerts/rules', { when: 'streak IWM SPY >= 10' })).status).toBe(401);
    const ok = await req('POST', '/api/alerts/rules', { when: 'streak IWM SPY >= 10', frequency: 'on-change' }, auth);
    expect(ok.status).toBe(201);
    expect(ok.body.rule).toMatchObject({ id: 1, scope: 'pair:IWM:SPY', state: 'active' });
    const dup = await req('POST', '/api/alerts/rules', { when: 'STREAK IWM SPY >= 10' }, auth);
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/#1/);
    const bad = await req('POST', '/api/alerts/rules', { when: 'move IWM <= -2' }, auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/at column 13/);
    expect((await req('POST', '/api/alerts/rules', { when: 'record NOPE close' }, auth)).status).toBe(404);
    expect((await req('POST', '/api/alerts/rules/1/pause', undefined, auth)).body.rule.state).toBe('paused');
    expect((await req('POST', '/api/alerts/rules/1/resume', undefined, auth)).body.rule.state).toBe('active');
  });

  it('the alert log lists fired events; replay answers over HTTP', async () => {
    const state = await SqliteState.open(process.env.MARKETDASH_STATE as string);
    await runAlerts(state, storeData(market, () => null, '2026-01-15'), '2026-01-15');
    await state.close();
    const log = await req('GET', '/api/alerts/events');
    expect(log.status).toBe(200);
    expect(log.body.events).toHaveLength(1);
    expect(log.body.events[0]).toMatchObject({ session: '2026-01-15', value: 10, condition: 'streak IWM SPY >= 10' });
    const rp = await req('GET', '/api/alerts/replay?when=streak%20IWM%20SPY%20%3E%3D%2010&from=2026-01-01&to=2026-01-31');
    expect(rp.body.events.map((e: { date: string }) => e.date)).toEqual(['2026-01-15']);
  });

  it('public subscribe validates every field; confirm works once; unsubscribe suppresses', async () => {
    expect((await req('POST', '/api/subscriptions', { email: 'not-an-email', symbol: 'IWM', weekly: true })).status).toBe(400);
    expect((await req('POST', '/api/subscriptions', { sms: '5551234', symbol: 'IWM', alerts: true })).status).toBe(400);
    expect((await req('POST', '/api/subscriptions', { email: 'a@b.co', symbol: 'IWM', weekly: true, extra: 1 })).status).toBe(400);
    expect((await req('POST', '/api/subscriptions', { email: 'a@b.co', symbol: 'NOPE', weekly: true })).status).toBe(404);
    const s = await req('POST', '/api/subscriptions', { email: 'a@b.co', symbol: 'iwm', weekly: true, alerts: true });
    expect(s.status).toBe(202);
    expect(s.body).toMatchObject({ status: 'pending', subscription: { kind: 'symbol', target: 'IWM' }, confirmations: ['email'] });
    const state = await SqliteState.open(process.env.MARKETDASH_STATE as string);
    const row = (await state.listOutbox()).find((r) => r.kind === 'confirm');
    const token = /confirm\?token=([\w-]+)/.exec(String(row?.payload.text))?.[1] as string;
    const sub = await state.findSubscriber({ email: 'a@b.co' });
    await state.close();
    const c1 = await req('GET', `/api/subscriptions/confirm?token=${token}`, undefined, { accept: 'application/json' });
    expect(c1).toMatchObject({ status: 200, body: { activated: 1 } });
    expect((await req('GET', `/api/subscriptions/confirm?token=${token}`)).status).toBe(409);
    expect((await req('GET', '/api/subscriptions/confirm?token=short')).status).toBe(400);
    const u = await req('POST', `/api/subscriptions/unsubscribe?token=${sub?.unsubscribeToken}`);
    expect(u).toMatchObject({ status: 200, body: { unsubscribed: true } });
    const again = await req('POST', '/api/subscriptions', { email: 'a@b.co', symbol: 'IWM', weekly: true });
    expect(again.status).toBe(409); // the suppression list is never bypassed
  });

  it('inbound SMS needs a valid Twilio signature; STOP suppresses the number', async () => {
    const form = { From: '+15557654321', Body: 'STOP', To: '+15550000000' };
    const body = new URLSearchParams(form).toString();
    const h = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await req('POST', '/api/sms/inbound', body, { ...h, 'x-twilio-signature': 'bad' })).status).toBe(403);
    const sig = twilioSignature('tok', 'https://dash.example/api/sms/inbound', form);
    const r = await req('POST', '/api/sms/inbound', body, { ...h, 'x-twilio-signature': sig });
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<Response><Message>MarketDash: you are unsubscribed/);
    const state = await SqliteState.open(process.env.MARKETDASH_STATE as string);
    expect(await state.isSuppressed('sms', '+15557654321')).toBe(true);
    // a status callback for a message the provider numbered SM77
    await state.enqueue([{ kind: 'alert', subscriberId: null, channel: 'sms', address: '+15551230000', idempotencyKey: 'msg_status', payload: { subject: 's', text: 't' } }]);
    const [row] = await state.claimOutbox('w', 10, 1000);
    await state.recordDelivery(row.id, { status: 'sent', detail: 'HTTP 201', providerId: 'SM77' });
    const st = { MessageSid: 'SM77', MessageStatus: 'delivered' };
    const sr = await req('POST', '/api/sms/status', new URLSearchParams(st).toString(), { ...h, 'x-twilio-signature': twilioSignature('tok', 'https://dash.example/api/sms/status', st) });
    expect(sr).toMatchObject({ status: 200, body: { recorded: true } });
    expect((await state.listDeliveries(row.id)).map((d) => d.status)).toEqual(['sent', 'provider:delivered']);
    await state.close();
  });

  it('public endpoints are rate-limited (429 with Retry-After)', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await req('POST', '/api/subscriptions', { email: 'x' })).status;
    expect(last).toBe(429);
  });

  it('the OpenAPI document lists the alert and subscription endpoints', async () => {
    const doc = (await req('GET', '/api/openapi.json')).body;
    for (const p of ['/api/alerts/rules', '/api/alerts/events', '/api/alerts/replay', '/api/subscriptions', '/api/subscriptions/confirm', '/api/sms/inbound']) expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths['/api/alerts/rules'].post.security).toEqual([{ token: [] }]);
  });
});
