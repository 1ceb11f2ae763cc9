/**
 * A store with only IWM and SPY: the report keeps what the data support and leaves out the ladder,
 * the sectors, breadth and the long view, each with the reason — nothing is filled in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPairReport, toJsonDoc, toMarkdown } from '../../src/report/index.ts';
import type { Report } from '../../src/report/types.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { numbersNotInFacts } from './helpers/numbers.ts';
import { realStore } from './helpers/store.ts';

describe('missing data: sections are left out with a note', () => {
  let store: DuckDbStore;
  let cleanup: () => Promise<void>;
  let r: Report;
  beforeAll(async () => {
    ({ store, cleanup } = await realStore(['prices/IWM.csv', 'prices/SPY.csv']));
    r = await buildPairReport(store, { asOf: '2026-01-22' });
  });
  afterAll(async () => cleanup());

  it('keeps the sections the two price files support', () => {
    const doc = toJsonDoc(r.article, r.facts).report;
    expect(doc.sections.map((s) => s.id)).toEqual(['numbers', 'streak', 'analogs', 'levels']);
    expect(doc.headline).toBe(
      'Small caps beat large caps for the 14th straight session, the longest run in data back to 2000',
    );
  });

  it('leaves out the ladder, sectors, breadth and the long view, each with its reason', () => {
    const doc = toJsonDoc(r.article, r.facts).report;
    const reasons = Object.fromEntries(doc.omitted.map((o) => [o.id, o.reason]));
    expect(Object.keys(reasons)).toEqual(['ladder', 'sectors', 'breadth', 'longview']);
    expect(reasons.ladder).toMatch(
      /MAGS \(not in the store\), IJH \(not in the store\) and IWC \(not in the store\)/,
    );
    expect(reasons.sectors).toMatch(/Fewer than 3 sector funds/);
    expect(reasons.breadth).toBe('No constituent universe (holdings file or stock panel) is stored.');
    expect(reasons.longview).toMatch(/not in the store/);
    const md = toMarkdown(r.article, r.facts);
    expect(md).toContain('## Left out');
    expect(md).not.toContain('## Sector leadership');
    expect(md).toContain(
      'Not shown: MAGS (not in the store), QQQ (not in the store), RSP (not in the store)',
    );
  });

  it('has no fact for anything it could not compute', () => {
    const ids = r.facts.map((f) => f.id);
    for (const prefix of [
      'smb.',
      'sectors.ytd.',
      'ladder.1d.',
      'breadth.IWM',
      'perf.ytd.MAGS',
      'perf.ytd.QQQ',
    ])
      expect(ids.filter((i) => i.startsWith(prefix))).toEqual([]);
    expect(numbersNotInFacts(toMarkdown(r.article, r.facts), r.facts).problems).toEqual([]);
  });

  it('refuses a date that is not a common session, and an unknown symbol', async () => {
    await expect(buildPairReport(store, { asOf: '2026-01-19' })).rejects.toThrow(
      /not a session common to IWM and SPY/,
    );
    await expect(buildPairReport(store, { pair: 'IWM:NOPE' })).rejects.toThrow(/unknown symbol 'NOPE'/);
    await expect(buildPairReport(store, { pair: 'IWM' })).rejects.toThrow(/A:B/);
  });
});
