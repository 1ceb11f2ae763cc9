/**
 * The IWM:SPY report on the real data files: every number in the Markdown is a fact, the JSON lists
 * each fact with its provenance, sections without data are left out with a note, the January 2026
 * streak leads the report of 2026-01-22, and two runs give identical bytes.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../helpers/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPairReport, toJsonDoc, toMarkdown, writeReport } from '../../src/report/index.ts';
import type { Report } from '../../src/report/types.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { numbersNotInFacts } from './helpers/numbers.ts';
import { PAIR_FILES, realStore } from './helpers/store.ts';

describe('pair report on real data', () => {
  let store: DuckDbStore;
  let cleanup: () => Promise<void>;
  let latest: Report;
  let jan: Report;
  beforeAll(async () => {
    ({ store, cleanup } = await realStore(PAIR_FILES));
    latest = await buildPairReport(store, {});
    jan = await buildPairReport(store, { pair: 'IWM:SPY', asOf: '2026-01-22' });
  });
  afterAll(async () => cleanup());

  it('defaults to IWM:SPY as of their latest common session', () => {
    expect(latest.article.params.pair).toBe('IWM:SPY');
    expect(latest.article.asOf).toBe('2026-08-21');
  });

  for (const which of ['latest', 'jan'] as const) {
    it(`every number in the Markdown (${which}) is one of the JSON facts`, () => {
      const r = which === 'latest' ? latest : jan;
      const md = toMarkdown(r.article, r.facts);
      const facts = (
        JSON.parse(JSON.stringify(toJsonDoc(r.article, r.facts))) as {
          facts: { id: string; value: number | string; unit: string }[];
        }
      ).facts;
      const res = numbersNotInFacts(md, facts);
      expect(res.problems).toEqual([]);
      expect(res.checked).toBeGreaterThan(200);
    });
  }

  it('the number check catches a number that is not a fact', () => {
    const facts = latest.facts;
    expect(numbersNotInFacts('IWM rose 9.99% on Aug. 21, 2026.', facts).problems.map((p) => p.token)).toEqual(
      ['9.99%'],
    );
    expect(
      numbersNotInFacts('The run began on Jan. 3, 2026, with 1,234 sessions.', facts).problems.map(
        (p) => p.token,
      ),
    ).toEqual(['Jan. 3, 2026', '1,234']);
    expect(
      numbersNotInFacts('IWM is up 22.36% (`prices/IWM_2026.csv`), the Russell 2000 too.', facts).problems,
    ).toEqual([]);
  });

  it('the JSON lists each fact with id, value, unit, series, sources, dates and formula', () => {
    const doc = toJsonDoc(latest.article, latest.facts);
    const ids = doc.facts.map((f) => f.id);
    expect([...ids].sort()).toEqual(ids);
    for (const f of doc.facts) {
      expect(Object.keys(f).sort()).toEqual([
        'dates',
        'formula',
        'id',
        'label',
        'series',
        'sources',
        'unit',
        'value',
      ]);
      expect(f.formula.length).toBeGreaterThan(0);
    }
    const ytd = doc.facts.find((f) => f.id === 'perf.ytd.IWM.return')!;
    expect(ytd).toMatchObject({
      unit: 'return',
      series: ['IWM'],
      dates: { start: '2025-12-31', end: '2026-08-21' },
    });
    expect(ytd.sources).toContain('prices/IWM.csv (market-lab)');
    // The store's real figures (splice repaired at load): IWM +22.36%, SPY +12.89% this year.
    expect(ytd.value as number).toBeCloseTo(0.2236, 4);
    expect(doc.facts.find((f) => f.id === 'perf.ytd.IWM-SPY.spread')!.value as number).toBeCloseTo(9.48, 2);
  });

  it('headline and lede come from the top-ranked fact', () => {
    const doc = toJsonDoc(latest.article, latest.facts).report;
    expect(doc.headline).toBe(doc.headlineRanking[0].headline);
    expect(doc.headline).toMatch(
      /^Small caps lead large caps by 9\.48 points this year, the widest gap at this point of the year since \d{4}$/,
    );
    expect(doc.lede[0].startsWith('Small caps lead large caps by 9.48 percentage points this year')).toBe(
      true,
    );
  });

  it('on 2026-01-22 the 14-session streak, the longest in the data, is the headline', () => {
    const doc = toJsonDoc(jan.article, jan.facts).report;
    expect(doc.headline).toBe(
      'Small caps beat large caps for the 14th straight session, the longest run in data back to 2000',
    );
    expect(doc.headlineRanking[0]).toMatchObject({ kind: 'streak', qualifies: true, rarityYears: 25 });
    expect(doc.sections.map((s) => s.id)).toContain('ladder');
    const md = toMarkdown(jan.article, jan.facts);
    expect(md).toContain('| 1 | 14 | 2026-01-02 | 2026-01-22 |');
    expect(md).toContain('| 2 | 13 | 2008-05-20 | 2008-06-06 |');
  });

  it('sections the data do not support are left out with a note, never filled', () => {
    const doc = toJsonDoc(latest.article, latest.facts).report;
    expect(doc.sections.map((s) => s.id)).toEqual([
      'numbers',
      'streak',
      'analogs',
      'sectors',
      'levels',
      'longview',
    ]);
    expect(doc.omitted.map((o) => o.id)).toEqual(['ladder', 'breadth']);
    expect(doc.omitted[0].reason).toMatch(
      /MAGS \(data end July 31, 2026\), IJH \(data end July 31, 2026\) and IWC \(data end July 31, 2026\)/,
    );
    expect(doc.omitted[1].reason).toMatch(
      /IWM holdings file .* lists 1,924 stocks, and none of them has a price/,
    );
    const ids = latest.facts.map((f) => f.id);
    expect(ids.some((i) => i.startsWith('ladder.1d.'))).toBe(false);
    // MAGS and RSP end on 2026-07-31: no return for them in the table, a note instead.
    expect(ids).not.toContain('perf.ytd.MAGS.return');
    const md = toMarkdown(latest.article, latest.facts);
    expect(md).toContain('Not shown: MAGS (data end July 31, 2026), RSP (data end July 31, 2026)');
    // The factor data end 2026-04-30: the long view says so and is as of that date.
    expect(latest.facts.find((f) => f.id === 'smb.asOf')?.value).toBe('2026-04-30');
    expect(md).toContain('Its data end on April 30, 2026, before this report');
  });

  it('the methods footer names each source with its dates, the splice and the provisional rows', () => {
    const md = toMarkdown(latest.article, latest.facts);
    const methods = md.slice(md.indexOf('## Methods and sources'));
    expect(methods).toContain('| IWM | `guydekowski/market-lab`');
    expect(methods).toContain('| FF.SMB | Kenneth R. French Data Library');
    expect(methods).toMatch(/IWM on March 17, 2026 \(about −0\.24%/);
    expect(methods).toMatch(/SPY on March 19, 2026 \(about −0\.26%/);
    expect(methods).toMatch(/price only/);
    expect(methods).toMatch(/provisional and excluded/);
  });

  it('two runs give byte-identical files', async () => {
    const again = await buildPairReport(store, {});
    const a = tempDir('md-rep-a-');
    const b = tempDir('md-rep-b-');
    try {
      const fa = writeReport(latest, { outDir: a.dir });
      const fb = writeReport(again, { outDir: b.dir });
      expect(fa.map((p) => p.slice(a.dir.length))).toEqual(fb.map((p) => p.slice(b.dir.length)));
      expect(readdirSync(a.dir).sort()).toEqual([
        'iwm-spy-2026-08-21-rs.svg',
        'iwm-spy-2026-08-21-streaks.svg',
        'iwm-spy-2026-08-21.html',
        'iwm-spy-2026-08-21.json',
        'iwm-spy-2026-08-21.md',
      ]);
      for (const name of readdirSync(a.dir))
        expect(readFileSync(join(b.dir, name)).equals(readFileSync(join(a.dir, name)))).toBe(true);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });

  it.skipIf(!findBrowser().path)('the HTML page shows the headline, the tables and the charts in a browser (screenshot in test-output/)', async () => {
    const out = tempDir('md-rep-html-');
    const browser = await chromium.launch({ executablePath: findBrowser().path!, args: CHROMIUM_ARGS });
    try {
      const files = writeReport(latest, { outDir: out.dir, formats: ['html'] });
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      await page.goto(`file://${files[0]}`);
      const h1 = (await page.locator('h1#headline').innerText()).trim();
      expect(h1).toBe(toJsonDoc(latest.article, latest.facts).report.headline);
      const tables = await page.locator('table').count();
      expect(tables).toBeGreaterThanOrEqual(6);
      const charts = page.locator('figure.chart svg');
      expect(await charts.count()).toBe(2);
      for (let i = 0; i < 2; i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box!.width).toBeGreaterThan(300);
        expect(box!.height).toBeGreaterThan(150);
        // Drawn data, not an empty frame: the paths (the ratio line, or one bar per streak) hold thousands of coordinates.
        const drawn = await charts
          .nth(i)
          .evaluate((svg) =>
            Array.from(svg.querySelectorAll('path')).reduce(
              (n, p) => n + (p.getAttribute('d') ?? '').length,
              0,
            ),
          );
        expect(drawn).toBeGreaterThan(3000);
      }
      expect(await page.locator('section#numbers table td', { hasText: '+22.36%' }).count()).toBe(1);
      expect(await page.locator('footer.methods').innerText()).toContain('Methods and sources');
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      mkdirSync(join(REPO_ROOT, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(REPO_ROOT, 'test-output', 'report-iwm-spy.png'), fullPage: true });
    } finally {
      await browser.close();
      out.cleanup();
    }
  });
});
