/**
 * A whole article in the style of market coverage (Markdown, test/check/articles/), checked on the
 * real data as of its dateline (2026-01-22): the true version has every checkable claim supported;
 * the version with ten planted errors has exactly those contradicted, with the right values shown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle, storeCheckData } from '../../src/check/index.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { openSharedStore } from '../helpers/shared-store.ts';
import { REPO_ROOT } from '../helpers/temp.ts';
import { verdicts } from './helpers/data.ts';

const article = (f: string) => readFileSync(join(REPO_ROOT, 'test', 'check', 'articles', f), 'utf8');
let store: DuckDbStore;
beforeAll(async () => {
  ({ store } = await openSharedStore(['IWM', 'SPY', 'RUT_INDEX', 'GSPC_INDEX', 'MAGS'].map((f) => `prices/${f}.csv`)));
});
afterAll(async () => {
  await store.close();
});

describe('"Small caps extend record run" (Markdown, real data)', () => {
  it('true version: every claim supported except the forecast', async () => {
    const r = await checkArticle(article('small-caps-2026-01-22.md'), storeCheckData(store));
    expect([r.asOf, r.asOfSource, r.format]).toEqual(['2026-01-22', 'dateline', 'markdown']);
    expect(verdicts(r)).toEqual([
      ['return', '0.8%', 'supported'],
      ['closed-day', 'on Thursday', 'supported'],
      ['level', '2,718.77', 'supported'],
      ['record', 'second straight record close', 'supported'],
      ['return', '9.5%', 'supported'],
      ['return', '1.0%', 'supported'],
      ['spread', '8.6 percentage points', 'supported'],
      ['difference', '8.6 percentage points', 'supported'],
      ['streak', '14 consecutive sessions', 'supported'],
      ['streak', 'longest such streak on record', 'supported'],
      ['return', '9.6%', 'supported'],
      ['return', '1.04%', 'supported'],
      ['return', '1.6%', 'supported'],
      ['closed-day', 'Tuesday', 'supported'],
      ['return', '2.1%', 'supported'],
      ['return', '1.2%', 'supported'],
      ['closed-day', 'on Wednesday', 'supported'],
      ['table', '2,718.77', 'supported'],
      ['table', '+9.5', 'supported'],
      ['table', '6,913.35', 'supported'],
      ['table', '+1.0', 'supported'],
      ['forecast', '3,000', 'unverifiable'],
      ['distance', '10%', 'supported'],
      ['level', '2,718.77', 'supported'],
    ]);
    expect(r.summary).toMatchObject({
      total: 24,
      supported: 23,
      contradicted: 0,
      approximately: 0,
      unverifiable: 1,
    });
    // spans point into the normalised text
    for (const s of r.spans) expect(r.text.slice(s.focusStart, s.focusEnd).length).toBeGreaterThan(0);
  });

  it('version with planted errors: each is contradicted, with the computed value', async () => {
    const r = await checkArticle(article('small-caps-2026-01-22-wrong.md'), storeCheckData(store));
    const contradicted = r.claims
      .filter((c) => c.verdict === 'contradicted')
      .map((c) => [r.text.slice(c.focus.start, c.focus.end), c.computed?.text]);
    expect(contradicted).toEqual([
      ['1.8%', '+0.76%'],
      ['2,781.77', 'close 2,718.77 on 2026-01-22'],
      ['fifth straight record close', '2 straight record close(s) 2026-01-21..2026-01-22'],
      ['12.5%', '+9.54%'],
      ['6.8 percentage points', '+8.55 pts'],
      ['6.8 percentage points', '11.50'], // 12.5 − 1.0 as the article states them
      ['12 consecutive sessions', "14 sessions with IWM's daily return above SPY's (2026-01-02..2026-01-22)"],
      ['6.9%', '+9.60%'],
      ['1.40%', '+1.035%'],
      ['1.6%', '−1.56%'],
      ['3.1%', '−2.06%'],
      ['on Monday', 'the NYSE was closed on Mon 2026-01-19 (Martin Luther King, Jr. Day)'],
      ['+5.9', '+9.54%'],
      ['20%', '10.34'],
    ]);
    const monday = r.claims.find((c) => r.text.slice(c.focus.start, c.focus.end) === '1.2%');
    expect(monday?.verdict).toBe('unverifiable'); // no move on a holiday
  });
});
