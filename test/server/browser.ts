/** Shared pieces of the Chromium end-to-end tests: launch, axe-core, screenshots, API fetches. */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { findBrowser } from '../helpers/browser.ts';
import { expect } from 'vitest';
import { type Fmt, formatValue, valueAt } from '../../src/server/pages/format.ts';
import { REPO_ROOT } from '../helpers/temp.ts';

export const SHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

/** Every page of the dashboard (one of each kind). */
export const PAGES: [string, string][] = [
  ['overview', '/'],
  ['instrument', '/instrument/IWM'],
  ['pair', '/pair/IWM/SPY'],
  ['perfchart', '/perf?symbols=SPY,IWM,QQQ,XLK'],
  ['rrg', '/rrg'],
  ['newsroom', '/reports'],
  ['story', '/reports/pair/IWM/SPY'],
  ['checker', '/check'],
  ['factor', '/factor'],
  ['watchlists', '/watchlists'],
];

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: findBrowser().path ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Wait until no element on the page is still loading. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-state]')).every((e) => (e as HTMLElement).dataset.state !== 'loading'), null, { timeout: 60_000 });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page as it is now (empty = none). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') stays on.
  await page.evaluate(AXE);
  const v = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((x: { id: string; impact: string; nodes: { target: string[] }[] }) => ({ id: x.id, impact: x.impact, targets: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return v.filter((x: { impact: string }) => x.impact === 'serious' || x.impact === 'critical').map((x: { id: string; impact: string; targets: string[] }) => `${x.impact} ${x.id}: ${x.targets.join(', ')}`);
}

export function apiClient(base: string) {
  const cache = new Map<string, unknown>();
  // biome-ignore lint/suspicious/noExplicitAny: API documents are checked field by field
  return async (path: string): Promise<any> => {
    if (!cache.has(path)) {
      const r = await fetch(base + path);
      expect(r.status, path).toBe(200);
      cache.set(path, await r.json());
    }
    return cache.get(path);
  };
}

/** Every number on the page tied to an API result shows that result's value, formatted. */
export async function expectNumbersMatchApi(page: Page, api: ReturnType<typeof apiClient>, min: number): Promise<number> {
  const nums = await page.$$eval('[data-api]', (els) =>
    els.map((e) => ({ api: e.getAttribute('data-api') as string, path: e.getAttribute('data-path') as string, fmt: e.getAttribute('data-fmt') as string, text: (e.textContent ?? '').trim() })),
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
