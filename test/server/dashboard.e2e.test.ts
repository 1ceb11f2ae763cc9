/**
 * End to end in Debian's Chromium at 1440×900, on a temp store of real files: the numbers shown
 * equal the API's; the price chart's OHLC tooltip equals /api/bars; log scale and the 1M range
 * switch without a reload; YTD in % agrees with perf's YTD; search "iwm" opens IWM; a 4-symbol
 * PerfChart ends at /api/perf's values; the RRG draws; a CSV export equals the API; the checker
 * gives the article's own date's verdict; the newsroom lists stories and the feeds validate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../helpers/browser.ts';
import type { JsonDoc } from '../helpers/json-doc.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { apiClient, expectNumbersMatchApi, launch, SHOTS, settled } from './browser.ts';
import { buildStore, startTest, type TestStore } from './helpers.ts';

/** No browser on this machine: every test here is skipped with one message (test/helpers/browser.ts). */
const BROWSER = findBrowser();
const suite = BROWSER.path ? describe : describe.skip;

let ts: TestStore;
let srv: RunningServer;
let browser: Browser;
let page: Page;
let api: ReturnType<typeof apiClient>;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!BROWSER.path) return;
  ts = await buildStore();
  srv = await startTest(ts.store);
  api = apiClient(srv.url);
  browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await ctx.newPage();
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
const f2 = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function pickSession(pickerId: string, date: string): Promise<void> {
  const root = page.locator(`#${pickerId}`);
  await root.locator('.dp-toggle').click();
  const panel = root.locator('.dp-panel');
  await panel.locator('.dp-year').selectOption(date.slice(0, 4));
  await panel.locator('.dp-month').selectOption(String(Number(date.slice(5, 7)) - 1));
  await panel.locator(`button.dp-day[data-date="${date}"]`).click();
}

suite('overview', () => {
  it('scoreboard equals the API; stale rows marked; the picker offers only sessions and navigates', async () => {
    await page.goto(url('/'));
    const last = (await api('/api/sessions?symbols=SPY')).last;
    expect(await page.locator('#asof').textContent()).toBe(last);
    await expectNumbersMatchApi(page, api, 100);
    // Rows whose data end earlier are marked, and say to when.
    const stale = await page.$$eval('tr.stale', (trs) => trs.map((t) => [t.getAttribute('data-pair'), t.getAttribute('data-asof')]));
    for (const [pair, asOf] of stale) {
      expect(asOf! < last, pair!).toBe(true);
      expect(await page.locator(`tr[data-pair="${pair}"] .stale-tag`).textContent()).toBe(`data to ${asOf}`);
    }
    const fresh = await page.$$eval('table.score tbody tr:not(.stale)', (trs) => trs.map((t) => t.getAttribute('data-asof')));
    expect(fresh.every((d) => d === last)).toBe(true);
    expect(await page.locator('table.score svg.spark').count()).toBeGreaterThan(10);
    expect(await page.locator('main').textContent()).not.toContain('(s)');
    // Every table exports as CSV, with the as-of date and the source; the cells are the page's (= the API's).
    const csvButton = page.locator('.table-csv + .table-scroll #score-leadership').locator('xpath=../preceding-sibling::button[1]');
    const [dl] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
    const csv = readFileSync((await dl.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe(`# as of: ${last}`);
    expect(csv[1]).toMatch(/^# source: MarketDash \//);
    expect(csv[2].startsWith('Pair,Session,Last session,1 week,YTD')).toBe(true);
    const iwmRow = csv.find((l) => /^"?IWM vs SPY/.test(l))!;
    const d1 = await api(`/api/perf?from=${last}&symbols=IWM,SPY&to=${last}`);
    expect(iwmRow).toContain(`${d1.spreads[0].spreadPts >= 0 ? '+' : ''}${d1.spreads[0].spreadPts.toFixed(2)} pts`);
    await page.locator('#dp-asOf .dp-toggle').click();
    const panel = page.locator('#dp-asOf .dp-panel');
    await panel.locator('.dp-year').selectOption('2026');
    await panel.locator('.dp-month').selectOption('0');
    expect(await panel.locator('button.dp-day[data-date="2026-01-19"]').count()).toBe(0); // MLK day
    await Promise.all([page.waitForURL(/asOf=2026-01-22/), panel.locator('button.dp-day[data-date="2026-01-22"]').click()]);
    expect(await page.locator('tr[data-pair="IWM:SPY"] td.streak .num').textContent()).toBe('14');
    expect((await api('/api/streak?a=IWM&asOf=2026-01-22&b=SPY')).current.length).toBe(14);
    await expectNumbersMatchApi(page, api, 100);
  }, 120_000);
});

suite('instrument chart (lightweight-charts)', () => {
  it('hovering a candle shows its OHLC as /api/bars has it; log scale; 1M without a reload; zoom in the URL', async () => {
    await page.goto(url('/instrument/IWM?asOf=2026-01-22'));
    await settled(page);
    await expect.poll(() => page.locator('#chart-price').getAttribute('data-state')).toBe('ready');
    await expectNumbersMatchApi(page, api, 8);
    const el = page.locator('#chart-price');
    const box = (await el.boundingBox())!;
    const tip = page.locator('#chart-price-tip');
    expect(await tip.getAttribute('data-date')).toBe('2026-01-22'); // before hovering: the last session
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.25, { steps: 4 });
    await expect.poll(() => tip.getAttribute('data-date')).not.toBe('2026-01-22');
    const day = (await tip.getAttribute('data-date'))!;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(day < '2026-01-22').toBe(true); // the hovered candle, not the last one
    const bars = await api('/api/bars/IWM?to=2026-01-22');
    const i = bars.dates.indexOf(day);
    expect(i).toBeGreaterThan(0);
    const text = (await tip.textContent())!;
    expect(text).toContain(`O ${f2(bars.open[i])} H ${f2(bars.high[i])} L ${f2(bars.low[i])} C ${f2(bars.close[i])}`);
    expect(text).not.toMatch(/\d\.\d{5,}/); // no raw floats
    await shot('instrument-IWM-hover');

    // Log scale.
    await page.locator('[data-seg=scale] button[data-value=log]').click();
    expect(await el.getAttribute('data-scale')).toBe('log');
    expect(await page.evaluate(() => (window as unknown as JsonDoc).MDCharts.price.priceScale('right', 0).options().mode)).toBe(1);
    expect(page.url()).toContain('scale=log');

    // 1M: no reload, the range and base change, the header return follows the API.
    await page.evaluate(() => {
      (window as unknown as JsonDoc).__sameDocument = true;
    });
    await page.locator('[data-seg=range] button[data-value="1m"]').click();
    await expect.poll(() => el.getAttribute('data-range')).toBe('1m');
    expect(await page.evaluate(() => (window as unknown as JsonDoc).__sameDocument)).toBe(true);
    expect(page.url()).toContain('range=1m');
    expect(await el.getAttribute('data-base')).toBe('2025-12-22'); // last session on or before 2025-12-22
    await expect.poll(() => page.locator('#range-return a').getAttribute('data-api')).toContain('period=1m');
    await expectNumbersMatchApi(page, api, 8);
    const visibleFrom = () => page.evaluate(() => String((window as unknown as JsonDoc).MDCharts.price.timeScale().getVisibleRange()?.from));
    // The chart applies a new visible range on its next frame.
    await expect.poll(visibleFrom).toMatch(/^2025-12-(19|22|23)$/);

    // YTD in % ends where perf's YTD does (base: the prior year's last close).
    await page.locator('[data-seg=range] button[data-value=ytd]').click();
    await page.locator('[data-seg=scale] button[data-value=pct]').click();
    await expect.poll(() => el.getAttribute('data-base')).toBe('2025-12-31');
    const ytd = await api('/api/perf?asOf=2026-01-22&period=ytd&symbols=IWM');
    expect(Number(await el.getAttribute('data-last'))).toBeCloseTo(100 * ytd.rows[0].return, 8);

    // Zoom is kept in the URL and restored from it (a user zoom, after the chart has settled from the last click).
    await page.waitForTimeout(500);
    await page.evaluate(() => (window as unknown as JsonDoc).MDCharts.price.timeScale().setVisibleRange({ from: '2026-01-05', to: '2026-01-15' }));
    await page.waitForURL(/from=2026-01-0/);
    const zoomed = page.url();
    await page.goto(zoomed);
    await settled(page);
    await expect.poll(visibleFrom).toMatch(/^2026-01-0[2-6]$/);
    expect(await el.getAttribute('data-scale')).toBe('pct');
    await shot('instrument-IWM-ytd-pct-zoomed');
  }, 120_000);

  it('CSV export of the chart equals /api/bars, with the as-of date and the source in the file', async () => {
    await page.goto(url('/instrument/SPY?asOf=2026-01-22&range=3m'));
    await settled(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#price-card [data-export=csv]').click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines).toContain('# as of: 2026-01-22');
    expect(lines.find((l) => l.startsWith('# source: '))).toMatch(/adjusted/);
    const rows = lines.filter((l) => !l.startsWith('#'));
    expect(rows[0]).toBe('date,open,high,low,close,volume');
    const bars = await api('/api/bars/SPY?to=2026-01-22');
    expect(rows.length).toBeGreaterThan(55);
    for (const r of rows.slice(1)) {
      const [d, o, h, l, c, v] = r.split(',');
      const i = bars.dates.indexOf(d);
      expect(i, d).toBeGreaterThanOrEqual(0);
      expect([Number(o), Number(h), Number(l), Number(c), Number(v)]).toEqual([bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]]);
    }
    expect(rows.at(-1)!.startsWith('2026-01-22,')).toBe(true);
  }, 60_000);
});

suite('finding things and comparing', () => {
  it('search "iwm" by keyboard opens IWM; a name search finds the fund', async () => {
    await page.goto(url('/'));
    await page.locator('#symbol-search').focus();
    await page.keyboard.type('iwm');
    await expect.poll(() => page.locator('#search-results li').count()).toBeGreaterThan(0);
    expect(await page.locator('#search-results li').first().getAttribute('data-symbol')).toBe('IWM');
    await Promise.all([page.waitForURL(/\/instrument\/IWM$/), page.keyboard.press('Enter')]);
    await settled(page);
    await page.locator('#symbol-search').fill('');
    await page.locator('#symbol-search').focus();
    await page.keyboard.type('russell');
    await expect.poll(() => page.$$eval('#search-results li', (ls) => ls.map((l) => l.getAttribute('data-symbol')))).toContain('IWM');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#search-results li[aria-selected=true]').count()).toBe(1);
  }, 60_000);

  it('watchlists: ☆ Watch on an instrument keeps it in this browser; the list is a scoreboard equal to the API', async () => {
    await page.goto(url('/instrument/XLE'));
    await page.locator('#watch-toggle').click();
    expect(await page.locator('#watch-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.goto(url('/watchlists'));
    await expect.poll(() => page.locator('#wl-boards').getAttribute('data-state')).toBe('ready');
    expect(await page.locator('#wl-boards tr[data-symbol=XLE]').count()).toBe(1);
    await page.locator('#wl-add').focus();
    await page.keyboard.type('iwm');
    await expect.poll(() => page.locator('#wl-add-list li').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#wl-boards tr[data-symbol=IWM]').count()).toBe(1);
    await expectNumbersMatchApi(page, api, 6);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('md-watchlists') ?? '{}'))).toEqual({ Main: ['XLE', 'IWM'] });
  }, 60_000);

  it('a 4-symbol PerfChart built on the page ends at /api/perf; YTD rebases at the prior year close', async () => {
    await page.goto(url('/perf?symbols=SPY,IWM,QQQ&range=ytd&asOf=2026-01-22'));
    await settled(page);
    await page.locator('#perf-add').focus();
    await page.keyboard.type('xlk');
    await expect.poll(() => page.locator('#perf-add-list li').count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/symbols=SPY%2CIWM%2CQQQ%2CXLK|symbols=SPY,IWM,QQQ,XLK/), page.keyboard.press('Enter')]);
    await settled(page);
    const el = page.locator('#chart-perf');
    expect(await el.getAttribute('data-state')).toBe('ready');
    expect(await el.getAttribute('data-symbols')).toBe('4');
    const last = JSON.parse((await el.getAttribute('data-last'))!);
    const perf = await api('/api/perf?asOf=2026-01-22&period=ytd&symbols=SPY,IWM,QQQ,XLK');
    expect(Object.keys(last).sort()).toEqual(['IWM', 'QQQ', 'SPY', 'XLK']);
    for (const r of perf.rows) {
      expect(r.start).toBe('2025-12-31');
      expect(last[r.symbol]).toBeCloseTo(100 * r.return, 9);
    }
    await expectNumbersMatchApi(page, api, 20);
    await shot('perfchart-4-ytd');
  }, 90_000);

  it('the RRG draws every fund with a tail; its table equals /api/rrg; the method is stated', async () => {
    await page.goto(url('/rrg?asOf=2026-01-22'));
    await settled(page);
    const r = await api('/api/rrg?asOf=2026-01-22&benchmark=SPY&freq=W&tail=8');
    expect(Number(await page.locator('#chart-rrg').getAttribute('data-members'))).toBe(r.members.filter((m: JsonDoc) => m.tail.length).length);
    expect(r.members.length).toBeGreaterThanOrEqual(11);
    await expectNumbersMatchApi(page, api, 30);
    expect(await page.locator('#rrg-method').textContent()).toContain('RS-Ratio = 100 × RS / mean of RS');
    for (const m of r.members) expect(await page.locator(`#rrg-table tr[data-symbol="${m.symbol}"]`).getAttribute('data-quadrant')).toBe(m.quadrant);
    await shot('rrg');
  }, 60_000);

  it('pair page: relative strength and rebased prices; the base picker and the range switch without a reload', async () => {
    await page.goto(url('/pair/IWM/SPY?asOf=2026-01-22'));
    await settled(page);
    await expectNumbersMatchApi(page, api, 50);
    expect(Number(await page.locator('#chart-rs').getAttribute('data-shaded'))).toBeGreaterThan(10);
    const A = await api('/api/bars/IWM?to=2026-01-22');
    const closeOn = (d: string) => A.close[A.dates.indexOf(d)];
    await pickSession('dp-base', '2025-06-02');
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-base')).toBe('2025-06-02');
    expect(Number(await page.locator('#chart-prices').getAttribute('data-last-a'))).toBeCloseTo((100 * closeOn('2026-01-22')) / closeOn('2025-06-02'), 6);
    expect(page.url()).toContain('base=2025-06-02');
    await page.evaluate(() => {
      (window as unknown as JsonDoc).__sameDocument = true;
    });
    await page.locator('[data-seg=range] button[data-value="3y"]').click();
    await expect.poll(() => page.locator('#chart-prices').getAttribute('data-range')).toBe('3y');
    expect(await page.evaluate(() => (window as unknown as JsonDoc).__sameDocument)).toBe(true);
    expect(await page.locator('#chart-prices').getAttribute('data-base')).toBe('2023-01-20');
    await shot('pair-IWM-SPY-3y');
  }, 90_000);
});

suite('checker', () => {
  it('a dated article gets the verdict as of its own date even with the relative-dates box ticked; evidence shown; the URL shares it', async () => {
    await page.goto(url('/check'));
    expect(await page.locator('#use-asof').isChecked()).toBe(false);
    const text = 'NEW YORK, January 22, 2026 — IWM beat SPY for the 14th straight session. Year to date, IWM has gained 8.1%.';
    await page.locator('#article').fill(text);
    await page.locator('#use-asof').check();
    await page.locator('#check-run').click();
    await expect.poll(() => page.locator('#check-output').getAttribute('data-state')).toBe('ready');
    expect(await page.locator('#check-output').getAttribute('data-as-of')).toBe('2026-01-22');
    const r = await (await fetch(url('/api/check'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).json();
    expect(r.asOf).toBe('2026-01-22');
    const rows = await page.$$eval('#check-claims tbody tr', (trs) => trs.map((t) => [Number(t.getAttribute('data-claim')), t.getAttribute('data-verdict')]));
    expect(rows).toEqual(r.claims.map((c: { id: number; verdict: string }) => [c.id, c.verdict]));
    expect(rows.find(([, v]) => v === 'supported')).toBeTruthy();
    // Evidence per claim: series, dates, formula, tolerance from the API's JSON.
    const first = page.locator('#check-claims details.evidence').first();
    await first.locator('summary').click();
    const ev = (await first.textContent())!;
    expect(ev).toContain(r.claims[0].evidence.formula);
    expect(ev).toContain(r.claims[0].tolerance.rule);
    expect(ev).toContain('IWM (');
    // Hover text names the verdict once.
    const titles = await page.$$eval('#check-article mark.claim', (ms) => ms.map((m) => m.getAttribute('title') ?? ''));
    for (const t of titles) expect(t).not.toMatch(/^(\w+): \1:/);
    await shot('checker-dated');
    // Shareable: opening the URL runs the same check.
    const shared = page.url();
    expect(shared).toContain('#text=');
    await page.goto(url('/'));
    await page.goto(shared);
    await expect.poll(() => page.locator('#check-output').getAttribute('data-state')).toBe('ready');
    expect(Number(await page.locator('#check-output').getAttribute('data-claims'))).toBe(r.claims.length);
  }, 90_000);
});

suite('newsroom and feeds', () => {
  it('front page lists the stories; a story is a page of its own with the alerts box; feeds are linked and valid', async () => {
    await page.goto(url('/reports'));
    const items = await page.$$eval('#stories li', (ls) =>
      ls.map((l) => ({ href: l.querySelector('h2 a')!.getAttribute('href')!, title: l.querySelector('h2')!.textContent!.trim(), dek: l.querySelector('.dek')!.textContent!.trim(), time: l.querySelector('time')!.getAttribute('datetime')! })),
    );
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const it of items) {
      expect(it.title.length).toBeGreaterThan(10);
      expect(it.dek.length).toBeGreaterThan(10);
      expect(it.time).toMatch(/^\d{4}-\d{2}-\d{2}T16:00:00-0[45]:00$/);
    }
    await Promise.all([page.waitForURL(/\/reports\/pair\/IWM\/SPY/), page.locator('#stories a', { hasText: items[0].title }).first().click()]);
    expect(await page.locator('iframe').count()).toBe(0);
    const json = await api('/api/report?format=json&pair=IWM:SPY');
    expect((await page.locator('#story h1').textContent())!.replace(/\s+/g, ' ').trim()).toBe(json.report.headline);
    expect(await page.locator('#story [data-fact]').count()).toBeGreaterThan(5);
    expect(await page.locator('#subscribe-box h2').textContent()).toBe('Get IWM vs SPY alerts — weekly insight + SMS alerts');
    await shot('story-IWM-SPY');

    // Autodiscovery on every page; the Atom feed parses as Atom with the stories and their dates.
    const links = await page.$$eval('link[rel=alternate]', (ls) => ls.map((l) => [l.getAttribute('type'), l.getAttribute('href')]));
    expect(links).toEqual([
      ['application/atom+xml', '/feed.atom'],
      ['application/feed+json', '/feed.json'],
    ]);
    const atomRes = await fetch(url('/feed.atom'));
    expect(atomRes.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const atom = await atomRes.text();
    const check = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const NS = 'http://www.w3.org/2005/Atom';
      const feed = doc.documentElement;
      const kids = (el: Element, n: string) => Array.from(el.children).filter((c) => c.namespaceURI === NS && c.localName === n);
      const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
      const problems: string[] = [];
      if (doc.getElementsByTagName('parsererror').length) problems.push('not well-formed');
      if (feed.namespaceURI !== NS || feed.localName !== 'feed') problems.push('root is not atom:feed');
      for (const n of ['id', 'title', 'updated']) if (kids(feed, n).length !== 1) problems.push(`feed needs one ${n}`);
      if (!kids(feed, 'author').length) problems.push('feed needs an author');
      if (!rfc3339.test(kids(feed, 'updated')[0]?.textContent ?? '')) problems.push('feed updated not RFC 3339');
      const entries = kids(feed, 'entry').map((e) => {
        for (const n of ['id', 'title', 'updated']) if (kids(e, n).length !== 1) problems.push(`entry needs one ${n}`);
        if (!rfc3339.test(kids(e, 'updated')[0]?.textContent ?? '')) problems.push('entry updated not RFC 3339');
        if (!kids(e, 'link').some((l) => l.getAttribute('rel') === 'alternate' && l.getAttribute('href'))) problems.push('entry needs an alternate link');
        return { title: kids(e, 'title')[0]?.textContent, updated: kids(e, 'updated')[0]?.textContent, href: kids(e, 'link')[0]?.getAttribute('href') };
      });
      const ids = kids(feed, 'entry').map((e) => kids(e, 'id')[0]?.textContent);
      if (new Set(ids).size !== ids.length) problems.push('entry ids not unique');
      return { problems, entries };
    }, atom);
    expect(check.problems).toEqual([]);
    expect(check.entries.map((e) => e.title)).toEqual(items.map((i) => i.title));
    expect(check.entries.map((e) => e.updated)).toEqual(items.map((i) => i.time));
    const jf = await (await fetch(url('/feed.json'))).json();
    expect(jf.version).toBe('https://jsonfeed.org/version/1.1');
    expect(jf.items.map((i: { title: string }) => i.title)).toEqual(items.map((i) => i.title));
    for (const i of jf.items) {
      expect(typeof i.id).toBe('string');
      expect(i.date_published).toMatch(/T16:00:00-0[45]:00$/);
    }
  }, 180_000);
});

suite('whole site', () => {
  it('factor page numbers equal the API; unknown symbols are 404 pages, bad dates 400', async () => {
    await page.goto(url('/factor'));
    await settled(page);
    await expectNumbersMatchApi(page, api, 20);
    const sessions = await api('/api/sessions?symbols=FF.SMB');
    const bars = await api(`/api/bars/FF.SMB?to=${sessions.last}`);
    expect(Number(await page.locator('#chart-cum').getAttribute('data-last'))).toBeCloseTo(bars.close.at(-1), 12);
    const r = await page.goto(url('/pair/NOPE/SPY'));
    expect(r?.status()).toBe(404);
    expect(await page.locator('.notice.error').textContent()).toMatch(/NOPE/);
    const r2 = await page.goto(url('/instrument/IWM?asOf=2026-02-30'));
    expect(r2?.status()).toBe(400);
    const r3 = await page.goto(url('/perf?symbols=A,B,C,D,E,F,G,H,I,J,K'));
    expect(r3?.status()).toBe(400);
    expect(await page.locator('.notice.error').textContent()).toMatch(/at most 10/);
  }, 60_000);
});

suite('light pages', () => {
  it('text responses are compressed once; hashed assets are immutable; the pair page moves < 400 KB', async () => {
    const r1 = await fetch(url('/api/streak?a=IWM&b=SPY'), { headers: { 'accept-encoding': 'br' } });
    expect(r1.headers.get('content-encoding')).toBe('br');
    const gz = await fetch(url('/api/streak?a=IWM&b=SPY'), { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(url('/api/streak?a=IWM&b=SPY'), { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await gz.json()).toEqual(await plain.json());
    const html = await (await fetch(url('/pair/IWM/SPY'))).text();
    const lib = /src="(\/assets\/lightweight-charts\.js\?v=[\w-]+)"/.exec(html)![1];
    const a = await fetch(url(lib), { headers: { 'accept-encoding': 'br' } });
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(a.headers.get('content-encoding')).toBe('br');
    expect(html).not.toContain('echarts');
    // Bytes on the wire in Chromium for the whole pair page.
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p = await ctx.newPage();
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
    });
    await p.goto(url('/pair/IWM/SPY'));
    await settled(p);
    await p.waitForLoadState('networkidle');
    expect(bytes).toBeLessThan(400 * 1024);
    await ctx.close();
    expect(pageErrors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
  }, 90_000);
});
