/**
 * The dashboard in Chromium: subscribe from the instrument page and the pair page (the request
 * reaches the state store as a pending, double-opt-in subscription), then on /alerts add a rule with
 * the token, see it, pause it, replay a condition, and read the alert log.
 */
import { randomBytes } from 'node:crypto';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../helpers/browser.ts';
import { storeData } from '../../src/alerts/data.ts';
import { runAlerts } from '../../src/alerts/run.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { SqliteState } from '../../src/store/state/sqlite-state.ts';
import { buildMarketStore } from './helpers.ts';

/** No browser on this machine: every test here is skipped with one message (test/helpers/browser.ts). */
const BROWSER = findBrowser();
const suite = BROWSER.path ? describe : describe.skip;

const TOKEN = randomBytes(12).toString('hex');
let env: Awaited<ReturnType<typeof buildMarketStore>>;
let market: DuckDbStore;
let srv: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  if (!BROWSER.path) return;
  env = await buildMarketStore(['prices/IWM.csv', 'prices/SPY.csv']);
  Object.assign(process.env, { MARKETDASH_STATE: `${env.dir}/ui-state.sqlite`, MARKETDASH_SMTP_URL: 'smtp://127.0.0.1:1', MARKETDASH_DELIVERY_BACKOFF_MS: '600000' });
  market = await DuckDbStore.open(env.dbPath, { readOnly: true });
  srv = await startServer(market, { host: '127.0.0.1', port: 0, token: TOKEN });
  browser = await chromium.launch({ executablePath: BROWSER.path ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => errors.push(e.message));
}, 180_000);
afterAll(async () => {
  process.env = saved;
  await browser?.close();
  await srv?.close();
  await market?.close();
  env?.cleanup();
});

suite('dashboard: alerts and subscriptions in Chromium', () => {
  it('subscribes from the instrument and the pair pages', async () => {
    await page.goto(`${srv.url}/instrument/IWM`);
    await expect(page.locator('#subscribe-box h2').textContent()).resolves.toBe('Get IWM alerts — weekly insight + SMS alerts');
    await page.fill('#subscribe-box [name=email]', 'ui@example.com');
    await page.click('#subscribe-box button[type=submit]');
    await page.waitForSelector('.subscribe-status[data-state]');
    expect(await page.textContent('.subscribe-status')).toBe('Almost done: click the link we emailed you.');
    await page.goto(`${srv.url}/pair/IWM/SPY`);
    await page.fill('#subscribe-box [name=sms]', '12345');
    await page.click('#subscribe-box button[type=submit]');
    await page.waitForSelector('.subscribe-status[data-state=error]');
    expect(await page.textContent('.subscribe-status')).toMatch(/^Not subscribed: sms: E\.164/);
    const state = await SqliteState.open(process.env.MARKETDASH_STATE as string);
    const subs = await state.listSubscriptions();
    await state.close();
    expect(subs).toEqual([expect.objectContaining({ kind: 'symbol', target: 'IWM', status: 'pending', weekly: true, alerts: true })]);
  }, 120_000);

  it('adds, pauses and replays rules on /alerts and shows the alert log', async () => {
    await page.goto(`${srv.url}/alerts`);
    await page.fill('#rule-form [name=when]', 'streak IWM SPY >= 10');
    await page.fill('#rule-form [name=token]', TOKEN);
    await Promise.all([page.waitForEvent('load'), page.click('#rule-form button[type=submit]')]);
    expect(await page.textContent('#rules tbody tr[data-rule="1"] code')).toBe('streak IWM SPY >= 10');
    const state = await SqliteState.open(process.env.MARKETDASH_STATE as string);
    await runAlerts(state, storeData(market, () => null, '2026-01-15'), '2026-01-15');
    await state.close();
    await page.reload();
    expect(await page.textContent('#log tbody')).toContain('IWM beat SPY for 10 straight sessions');
    await Promise.all([page.waitForEvent('load'), page.click('#rules button[data-action=pause]')]);
    expect(await page.textContent('#rules tbody tr[data-rule="1"] td:nth-child(4)')).toMatch(/^paused/);
    await page.fill('#replay-form [name=from]', '2025-12-01');
    await page.click('#replay-form button[type=submit]');
    await page.waitForSelector('#replay-out li');
    expect(await page.textContent('#replay-out li')).toMatch(/^2026-01-15: IWM beat SPY for 10 straight sessions/);
    expect(errors).toEqual([]);
  }, 120_000);
});
