/**
 * End to end in Debian's Chromium: every page of the dashboard on a temp store of real files. The
 * key numbers shown equal the API's (each number names the API URL and field it shows); the
 * session date picker, the pair selector, the rebase picker and the chart click work; loading and
 * empty states show. Screenshots go to test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue, valueAt, type Fmt } from '../../src/server/pages/format.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { CHROMIUM_ARGS, findBrowser } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/temp.ts';
import { buildStore, startTest, type TestStore } from './helpers.ts';
import type { JsonDoc } from '../helpers/json-doc.ts';

const SHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
/** No browser on this machine: every test here is skipped with one message (see helpers/browser.ts). */
const BROWSER = findBrowser();
const suite = BROWSER.path ? describe : describe.skip;

let ts: TestStore;
let srv: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!BROWSER.path) return;
  mkdirSync(SHOTS, { recursive: true });
  ts = await buildStore();
  srv = await startTest(ts.store);
  browser = await chromium.launch({ executablePath: BROWSER.path, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await ts?.cleanup();
});

const url = (p: string) => `${srv.url}${p}`;
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

const apiCache = new Map<string, unknown>();
async function api(path: string): Promise<JsonDoc> {
  if (!apiCache.has(path)) {
    const r = await fetch(url(path));
    expect(r.status, path).toBe(200);
    apiCache.set(path, await r.json());
  }
  return apiCache.get(path);
}

/** Every number on the page tied to an API result shows that result's value, formatted. */
async function expectNumbersMatchApi(min: number): Promise<number> {
  const nums = await page.$$eval('[data-api]', (els) =>
    els.map((e) => ({ api: e.getAttribute('data-api')!, path: e.getAttribute('data-path')!, fmt: e.getAttribute('data-fmt')!, text: (e.textContent ?? '').trim() })),
  );
  expect(nums.length).toBeGreaterThanOrEqual(min);
  const wrong: string[] = [];
  for (const n of nums) {
    const want = formatValue(valueAt(await api(n.api), n.path), n.fmt as Fmt);
    if (want !== n.text) wrong.push(`${n.api} ${n.path}: page '${n.text}', API '${want}'`);
  }
  expect(wrong).toEqual([]);
  return nums.length;
}

async function pickSession(pickerId: string, date: string): Promise<void> {
  const root = page.locator(`#${pickerId}`);
  await root.locator('.dp-toggle').click();
  const panel = root.locator('.dp-panel');
  await panel.locator('.dp-year').selectOption(date.slice(0, 4));
  await panel.locator('.dp-month').selectOption(String(Number(date.slice(5, 7)) - 1));
  await panel.locator(`button.dp-day[data-date="${date}"]`).click();
}

suite('overview', () => {
  it('scoreboard, streaks and ladder equal the API; the date picker offers only sessions and navigates', async () => {
    await page.goto(url('/'));
    const rows = await page.$$eval('table.score tbody tr', (trs) => trs.map((t) => t.getAttribute('data-pair')));
    expect(rows).toEqual(expect.arrayContaining(['IWM:SPY', 'RSP:SPY', 'XLK:SPY', 'QQQ:SPY', 'XLF:SPY', 'XLE:SPY', 'XLV:SPY', 'XLI:SPY', 'XLY:SPY', 'XLP:SPY', 'XLU:SPY', 'XLB:SPY', 'XLRE:SPY', 'XLC:SPY']));
    const last = (await api('/api/sessions?symbols=SPY')).last;
    expect(await page.locator('#asof').textContent()).toBe(last);
    await expectNumbersMatchApi(100);
    await expect.poll(() => page.locator('#ladder table tbody tr').count()).toBe(5);
    await shot('overview');

    // The picker: weekends and holidays are not offered; a session navigates with the state in the URL.
    await page.locator('#dp-asOf .dp-toggle').click();
    const panel = page.locator('#dp-asOf .dp-panel');
    await panel.locator('.dp-year').selectOption('2026');
    await panel.locator('.dp-month').selectOption('0');
    expect(await panel.locator('button.dp-day[data-date="2026-01-19"]').count()).toBe(0); // MLK day
    expect(await panel.locator('button.dp-day[data-date="2026-01-24"]').count()).toBe(0); // Saturday
    expect(await panel.locator('.dp-day.off', { hasText: /^19$/ }).count()).toBe(1);
    await shot('overview-datepicker');
    await Promise.all([page.waitForURL(/asOf=2026-01-22/), panel.locator('button.dp-day[data-date="2026-01-22"]').click()]);
    expect(await page.locator('#asof').textContent()).toBe('2026-01-22');
    const iwm = page.locator('tr[data-pair="IWM:SPY"] td.streak .num');
    expect(await iwm.textContent()).toBe('14');
    expect((await api('/api/streak?a=IWM&asOf=2026-01-22&b=SPY')).current.length).toBe(14);
    await expectNumbersMatchApi(100);
    await shot('overview-2026-01-22');

    // Previous session: a link computed from the sessions list.
    await Promise.all([page.waitForURL(/asOf=2026-01-21/), page.locator('#dp-asOf .dp-prev').click()]);
    expect(await page.locator('#asof').textContent()).toBe('2026-01-21');
    await expectNumbersMatchApi(100);
  }, 120_000);

  it('empty state: before some funds have data, their rows say so', async () => {
    await page.goto(url('/?asOf=2001-06-01'));
    expect(await page.locator('tr[data-pair="RSP:SPY"] .empty-cell').textContent()).toBe('no data for this range');
    expect(await page.locator('#ladder .empty').textContent()).toBe('no data for this range');
    await expectNumbersMatchApi(10);
    await shot('overview-empty-2001');
  }, 60_000);
});

suite('pair page', () => {
  it('numbers equal the API; relative strength and rebased prices draw; streaks shaded', async () => {
    await page.goto(url('/pair/IWM/SPY?asOf=2026-01-22'));
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-state')).toBe('ready');
    await expect.poll(() => page.locator('#chart-rs').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(60);
    expect(Number(await page.locator('#chart-rs').getAttribute('data-shaded'))).toBeGreaterThan(10);
    expect(await page.locator('#streak-history tbody tr').count()).toBe(15);
    expect(await page.locator('#analogs-summary tbody tr').count()).toBe(4);
    await shot('pair-IWM-SPY');
  }, 60_000);

  it('rebase: picked from the session picker or by clicking the chart, pinned through zoom, kept in the URL', async () => {
    await page.goto(url('/pair/IWM/SPY?asOf=2026-01-22'));
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-state')).toBe('ready');
    const A = await api('/api/bars/IWM?to=2026-01-22');
    const closeOn = (d: string) => A.close[A.dates.indexOf(d)];
    const expectRebased = async (base: string) => {
      await expect.poll(() => page.locator('#chart-prices').getAttribute('data-base')).toBe(base);
      const lastA = Number(await page.locator('#chart-prices').getAttribute('data-last-a'));
      expect(lastA).toBeCloseTo((100 * closeOn('2026-01-22')) / closeOn(base), 3);
    };
    // The session picker for the base: no navigation, the charts redraw.
    const before = page.url();
    await pickSession('dp-base', '2025-06-02');
    await expectRebased('2025-06-02');
    expect(page.url()).toContain('base=2025-06-02');
    expect(page.url().split('?')[0]).toBe(before.split('?')[0]);
    // Zooming does not move the base.
    await page.evaluate(() => {
      const el = document.getElementById('chart-prices')!;
      (window as JsonDoc).echarts.getInstanceByDom(el).dispatchAction({ type: 'dataZoom', start: 80, end: 100 });
    });
    await page.waitForTimeout(200);
    await expectRebased('2025-06-02');
    await shot('pair-rebased-zoomed');
    // Clicking the price chart rebases to the session under the pointer.
    const canvas = page.locator('#chart-prices canvas').first();
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-base')).not.toBe('2025-06-02');
    const clicked = (await page.locator('#chart-prices').getAttribute('data-base'))!;
    expect(A.dates).toContain(clicked);
    await expectRebased(clicked);
    expect(page.url()).toContain(`base=${clicked}`);
    // The URL is shareable: opening it gives the same base.
    await page.goto(page.url());
    await expectRebased(clicked);
  }, 90_000);

  it('the pair selector and the as-of picker keep the rest of the state', async () => {
    await page.goto(url('/pair/IWM/SPY?asOf=2026-01-22&range=3y'));
    await Promise.all([page.waitForURL(/\/pair\/RSP\/SPY\?/), page.locator('#pair-a').selectOption('RSP')]);
    expect(page.url()).toContain('asOf=2026-01-22');
    expect(page.url()).toContain('range=3y');
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(40);
    await Promise.all([page.waitForURL(/\/pair\/RSP\/QQQ\?/), page.locator('#pair-b').selectOption('QQQ')]);
    await expectNumbersMatchApi(40);
    await pickSession('dp-asOf', '2025-12-31');
    await page.waitForURL(/asOf=2025-12-31/);
    expect(page.url()).toMatch(/\/pair\/RSP\/QQQ\?/);
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(40);
    await shot('pair-RSP-QQQ-2025-12-31');
  }, 90_000);

  it('loading state shows while the chart data is on its way', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/bars/**', async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(url('/pair/XLK/SPY?asOf=2026-01-22'));
    await expect.poll(() => page.locator('#chart-prices .loading').textContent()).toBe('Loading…');
    expect(await page.locator('#chart-prices').getAttribute('data-state')).toBe('loading');
    await shot('pair-loading');
    release();
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-state')).toBe('ready');
    await page.unroute('**/api/bars/**');
  }, 60_000);
});

suite('instrument page', () => {
  it('levels, records, volatility and drawdown equal the API; the chart drawdown matches too', async () => {
    await page.goto(url('/instrument/IWM?asOf=2026-01-22'));
    for (const id of ['chart-price', 'chart-vol', 'chart-dd']) await expect.poll(() => page.locator(`#${id}`).getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(20);
    const vol = await api('/api/volatility?asOf=2026-01-22&period=1y&symbol=IWM&window=21');
    expect(Number(await page.locator('#chart-dd').getAttribute('data-max-drawdown'))).toBeCloseTo(vol.drawdown.max.drawdown, 10);
    expect(Number(await page.locator('#chart-vol').getAttribute('data-points'))).toBe(vol.rolling.rows.length);
    expect(Number(await page.locator('#chart-price').getAttribute('data-records'))).toBeGreaterThan(10);
    await expect.poll(async () => Number(await page.locator('#chart-price').getAttribute('data-levels'))).toBeGreaterThan(2);
    await shot('instrument-IWM');
    await Promise.all([page.waitForURL(/\/instrument\/SPY\?asOf=2026-01-22/), page.locator('#symbol').selectOption('SPY')]);
    await expect.poll(() => page.locator('#chart-price').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(20);
    await Promise.all([page.waitForURL(/period=5y/), page.locator('.choices[data-param=period] a', { hasText: '5Y' }).click()]);
    await expectNumbersMatchApi(20);
    await shot('instrument-SPY-5y');
  }, 90_000);
});

suite('factor page', () => {
  it('the size factor since 1926: numbers equal the API, cumulative chart ends at the API value', async () => {
    await page.goto(url('/factor'));
    await expect.poll(() => page.locator('#chart-cum').getAttribute('data-state')).toBe('ready');
    await expect.poll(() => page.locator('#chart-roll').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(20);
    const sessions = await api('/api/sessions?symbols=FF.SMB');
    expect(sessions.first).toBe('1926-07-01');
    const bars = await api(`/api/bars/FF.SMB?to=${sessions.last}`);
    expect(Number(await page.locator('#chart-cum').getAttribute('data-last'))).toBeCloseTo(bars.close.at(-1), 12);
    await shot('factor-SMB');
    await pickSession('dp-asOf', '2020-03-16');
    await page.waitForURL(/asOf=2020-03-16/);
    await expect.poll(() => page.locator('#chart-cum').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(20);
    await shot('factor-SMB-2020-03-16');
  }, 90_000);
});

suite('reports page', () => {
  it('shows the generated article, the same as the API', async () => {
    await page.goto(url('/reports?pair=IWM:SPY&asOf=2026-01-22'));
    const frame = page.frameLocator('#report-frame');
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 30_000 }).toBeTruthy();
    const src = await page.locator('#report-frame').getAttribute('src');
    const html = await (await fetch(url(src!))).text();
    const shown = (await frame.locator('body').innerText()).replace(/\s+/g, ' ').trim();
    const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    expect(title).toBeTruthy();
    expect(shown).toContain(title!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
    const nums = await frame.locator('[data-fact]').count();
    expect(nums).toBeGreaterThan(5);
    await shot('reports-IWM-SPY');
    await Promise.all([page.waitForURL(/symbol=QQQ/), page.locator('.report-list a', { hasText: /^QQQ$/ }).click()]);
    await expect.poll(() => page.frameLocator('#report-frame').locator('[data-fact]').count()).toBeGreaterThan(3);
    await shot('reports-QQQ');
  }, 90_000);
});

suite('checker page', () => {
  it('paste an article, see each claim highlighted with the verdict the API gives', async () => {
    await page.goto(url('/check?asOf=2026-01-22'));
    await page.locator('#check-sample').click();
    const text = await page.locator('#article').inputValue();
    expect(text).toContain('IWM');
    await page.locator('#check-run').click();
    await expect.poll(() => page.locator('#check-output').getAttribute('data-state')).toBe('ready');
    const r = await fetch(url('/api/check'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, asOf: '2026-01-22' }) });
    const res = await r.json();
    expect(Number(await page.locator('#check-output').getAttribute('data-claims'))).toBe(res.claims.length);
    const rows = await page.$$eval('#check-claims tbody tr', (trs) => trs.map((t) => [Number(t.getAttribute('data-claim')), t.getAttribute('data-verdict')]));
    expect(rows).toEqual(res.claims.map((c: { id: number; verdict: string }) => [c.id, c.verdict]));
    const marks = await page.$$eval('#check-article mark.claim', (ms) => ms.map((m) => [Number(m.getAttribute('data-claim')), m.getAttribute('data-verdict')]));
    expect(marks.length).toBeGreaterThan(0);
    for (const [id, v] of marks) expect(res.claims.find((c: { id: number }) => c.id === id)?.verdict).toBe(v);
    for (const v of ['supported', 'approximately', 'contradicted', 'unverifiable'])
      expect(Number(await page.locator(`#check-summary [data-verdict=${v}]`).getAttribute('data-count'))).toBe(res.summary[v]);
    // The wrong figure in the sample is caught.
    expect(res.summary.contradicted).toBeGreaterThan(0);
    await shot('checker');
    // Empty input: an empty state, no request.
    await page.locator('#article').fill('');
    await page.locator('#check-run').click();
    await expect.poll(() => page.locator('#check-output').getAttribute('data-state')).toBe('empty');
  }, 90_000);
});

suite('whole site', () => {
  it('no script errors on any page; unknown pages and symbols are 404 pages', async () => {
    const r = await page.goto(url('/pair/NOPE/SPY'));
    expect(r?.status()).toBe(404);
    expect(await page.locator('.notice.error').textContent()).toMatch(/NOPE/);
    const r2 = await page.goto(url('/instrument/IWM?asOf=2026-02-30'));
    expect(r2?.status()).toBe(400);
    await shot('error-bad-date');
    expect(pageErrors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
  }, 60_000);
});
