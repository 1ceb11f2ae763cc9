/**
 * Done-when: a reader subscribes to IWM by email, confirms through the link in the confirmation
 * email (in-process SMTP server, parsed with mailparser), and receives the weekly insight for the
 * week ending 2026-01-16 with the streak alert of 2026-01-15 in it. A second reader on SMS (a local
 * fake of Twilio's Messages API) answers YES, gets the alert, sends STOP, and gets nothing more.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeData } from '../../src/alerts/data.ts';
import { defaultSenders, deliver } from '../../src/alerts/deliver.ts';
import { weeklyDigest } from '../../src/alerts/digest.ts';
import { addRule } from '../../src/alerts/rules.ts';
import { runAlerts } from '../../src/alerts/run.ts';
import { confirmToken, inboundSms, subscribe } from '../../src/alerts/subscriptions.ts';
import { insightRenderer } from '../../src/worker/insight.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import { buildMarketStore } from './helpers.ts';

const mails: ParsedMail[] = [];
const sms: { to: string; body: string; auth: string }[] = [];
let smtp: SMTPServer;
let twilio: Server;
let env: Awaited<ReturnType<typeof buildMarketStore>>;
let market: DuckDbStore;
let state: SqliteState;
const saved = { ...process.env };
/** A raw header's value (mailparser folds List-* headers into one object). */
const header = (m: ParsedMail, key: string) => m.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');

beforeAll(async () => {
  env = await buildMarketStore(['IWM', 'SPY', 'RUT_INDEX', 'GSPC_INDEX', 'QQQ', 'RSP', 'MAGS'].map((s) => `prices/${s}.csv`));
  market = await DuckDbStore.open(env.dbPath, { readOnly: true });
  state = await SqliteState.open(`${env.dir}/state.sqlite`);
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => {
        mails.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  twilio = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const f = new URLSearchParams(body);
      sms.push({ to: f.get('To') ?? '', body: f.get('Body') ?? '', auth: req.headers.authorization ?? '' });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${sms.length}`, status: 'queued' }));
    });
  });
  await new Promise<void>((r) => twilio.listen(0, '127.0.0.1', r));
  Object.assign(process.env, {
    MARKETDASH_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    MARKETDASH_SMS_API_BASE: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`,
    MARKETDASH_SMS_ACCOUNT_SID: 'ACtest',
    MARKETDASH_SMS_AUTH_TOKEN: 'tok',
    MARKETDASH_SMS_FROM: '+15550000000',
    MARKETDASH_PUBLIC_URL: 'https://dash.example',
  });
}, 180_000);

afterAll(async () => {
  process.env = saved;
  await state?.close();
  await market?.close();
  smtp?.close();
  twilio?.close();
  env?.cleanup();
});

describe('weekly insight for IWM, week ending 2026-01-16', () => {
  it('confirmed through the emailed link, the subscriber gets the insight with the streak alert', async () => {
    const data = storeData(market);
    await addRule(state, data, { when: 'streak IWM SPY >= 10', frequency: 'on-change' });
    const s = await subscribe(state, { email: 'Reader@Example.com', symbol: 'IWM', weekly: true, alerts: true }, (x) => x.toUpperCase());
    expect(s.subscription.status).toBe('pending');
    expect(await deliver(state, defaultSenders(state))).toMatchObject({ sent: 1 });
    expect(mails).toHaveLength(1);
    const link = /(https:\/\/dash\.example\/api\/subscriptions\/confirm\?token=([\w-]+))/.exec(mails[0].text ?? '');
    expect(link?.[1]).toMatch(/confirm\?token=[\w-]+$/);
    expect(header(mails[0], 'list-unsubscribe')).toMatch(/^<https:\/\/dash\.example\/api\/subscriptions\/unsubscribe\?token=[\w-]+>$/);

    // an alert before confirmation reaches nobody
    await runAlerts(state, storeData(market, () => null, '2026-01-14'), '2026-01-14');
    expect(await confirmToken(state, link?.[2] as string)).toMatchObject({ activated: 1 });
    await expect(confirmToken(state, link?.[2] as string)).rejects.toThrow(/already used/);

    const run = await runAlerts(state, storeData(market, () => null, '2026-01-15'), '2026-01-15');
    expect(run.rules[0]).toMatchObject({ result: 'fired', outbox: 1 });
    await deliver(state, defaultSenders(state));
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toMatch(/IWM beat SPY for 10 straight sessions/);
    expect(mails[1].to && 'text' in mails[1].to ? mails[1].to.text : '').toBe('reader@example.com');

    const plan = await weeklyDigest(state, '2026-01-16', insightRenderer(market));
    expect(plan).toHaveLength(1);
    expect(plan[0].alerts).toEqual([{ date: '2026-01-15', message: expect.stringMatching(/^IWM beat SPY for 10 straight sessions \(2026-01-02 → 2026-01-15\)/) }]);
    await deliver(state, defaultSenders(state));
    expect(mails).toHaveLength(3);
    const weekly = mails[2];
    expect(weekly.subject).toBe('MarketDash weekly: IWM (week ending 2026-01-16)');
    expect(weekly.html).toContain('IWM beat SPY for 10 straight sessions');
    expect(weekly.html).toContain('<svg'); // charts inline
    expect(weekly.text).toContain('Alerts this week:\n- 2026-01-15: IWM beat SPY for 10 straight sessions');
    expect(header(weekly, 'list-unsubscribe')).toMatch(/^<https:\/\/dash\.example\/api\/subscriptions\/unsubscribe\?token=[\w-]+>$/);
    expect(header(weekly, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(weekly.text).toContain('Unsubscribe: https://dash.example/api/subscriptions/unsubscribe?token=');

    // a second run for the same week queues nothing new
    await weeklyDigest(state, '2026-01-16', insightRenderer(market));
    await deliver(state, defaultSenders(state));
    expect(mails).toHaveLength(3);
  }, 180_000);

  it('SMS: YES confirms, the alert goes out in Twilio format, STOP ends it', async () => {
    const rule = await addRule(state, storeData(market), { when: 'streak IWM SPY >= 1', frequency: 'every-session' });
    await subscribe(state, { sms: '+15551234567', rule: rule.id, alerts: true }, (x) => x);
    await deliver(state, defaultSenders(state));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: '+15551234567', auth: `Basic ${Buffer.from('ACtest:tok').toString('base64')}` });
    expect(sms[0].body).toMatch(/reply YES/);
    expect(await inboundSms(state, '+15551234567', ' yes ')).toMatchObject({ action: 'start' });
    await runAlerts(state, storeData(market, () => null, '2026-01-16'), '2026-01-16');
    await deliver(state, defaultSenders(state));
    expect(sms).toHaveLength(2);
    expect(sms[1].body).toMatch(/^MarketDash: IWM beat SPY for 11 straight sessions/);
    expect((await inboundSms(state, '+15551234567', 'HELP')).reply).toMatch(/STOP/);
    expect(await inboundSms(state, '+15551234567', 'Stop')).toMatchObject({ action: 'stop' });
    await runAlerts(state, storeData(market, () => null, '2026-01-20'), '2026-01-20');
    await deliver(state, defaultSenders(state));
    expect(sms).toHaveLength(2);
    expect(await state.isSuppressed('sms', '+15551234567')).toBe(true);
  }, 120_000);
});
