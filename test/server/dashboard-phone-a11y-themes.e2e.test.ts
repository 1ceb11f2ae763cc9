/**
 * Every page at 390×844 and 1440×900, light and dark (prefers-color-scheme), in Debian's Chromium:
 * no sideways scroll on the phone, the date picker opens inside the viewport, dates do not wrap,
 * axe-core finds no serious or critical violation, and a screenshot of each is saved.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../helpers/browser.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { axeViolations, launch, PAGES, SHOTS, settled } from './browser.ts';
import { buildStore, startTest, type TestStore } from './helpers.ts';

/** No browser on this machine: every test here is skipped with one message (test/helpers/browser.ts). */
const BROWSER = findBrowser();
const suite = BROWSER.path ? describe : describe.skip;

let ts: TestStore;
let srv: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!BROWSER.path) return;
  ts = await buildStore();
  srv = await startTest(ts.store);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await ts?.cleanup();
});

suite('phone 390×844', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: no page scrolls sideways; pickers inside the viewport; dates on one line`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: theme, isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const wide: string[] = [];
      for (const [name, path] of PAGES) {
        await page.goto(srv.url + path);
        await settled(page);
        const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        if (sw > iw) wide.push(`${path}: scrollWidth ${sw} > ${iw}`);
        // Dates never wrap ("2026-08-/21").
        const wrapped = await page.$$eval('[data-fmt=date], td.date, .dp-toggle, time', (els) =>
          els
            .filter((e) => {
              const r = document.createRange();
              r.selectNodeContents(e);
              const tops = new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top)));
              return tops.size > 1; // the text runs over more than one line
            })
            .map((e) => e.textContent),
        );
        expect(wrapped, path).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `${name}-390-${theme}.png`), fullPage: true });
        if (await page.locator('#dp-asOf .dp-toggle').count()) {
          await page.locator('#dp-asOf .dp-toggle').click();
          await page.locator('#dp-asOf .dp-panel .dp-grid').waitFor();
          const r = await page.locator('#dp-asOf .dp-panel').boundingBox();
          expect(r, path).not.toBeNull();
          expect(r!.x, `${path} picker left`).toBeGreaterThanOrEqual(0);
          expect(r!.x + r!.width, `${path} picker right`).toBeLessThanOrEqual(390);
          if (name === 'overview') await page.screenshot({ path: join(SHOTS, `overview-datepicker-390-${theme}.png`) });
        }
      }
      expect(wide).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    }, 300_000);
  }
});

suite('desktop 1440×900: accessibility and screenshots', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: axe-core finds no serious or critical violations on any page`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
      const page = await ctx.newPage();
      const found: string[] = [];
      for (const [name, path] of PAGES) {
        await page.goto(srv.url + path);
        await settled(page);
        for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
        await page.screenshot({ path: join(SHOTS, `${name}-1440-${theme}.png`), fullPage: true });
      }
      expect(found).toEqual([]);
      await ctx.close();
    }, 300_000);
  }

  it('skip link first, theme toggle switches and is kept; one tab stop per scoreboard row', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    const page = await ctx.newPage();
    await page.goto(`${srv.url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab stops in a scoreboard row: the pair link only.
    const stops = await page.$$eval('#score-leadership tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('a, button, input, select, [tabindex]')).filter((e) => (e as HTMLElement).tabIndex >= 0).length),
    );
    expect(stops.every((n) => n === 1)).toBe(true);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.locator('#theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bg()).not.toBe(light);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bg()).not.toBe(light);
    await ctx.close();
  }, 60_000);
});
