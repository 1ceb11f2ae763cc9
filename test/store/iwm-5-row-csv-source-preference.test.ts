/**
 * Scenario (issue 16): a user imports a valid 5-row IWM.csv — the last five real rows of the real IWM
 * file. It used to become IWM's preferred source silently, so `streak IWM SPY` answered from 5 rows
 * and `perf IWM SPY --period ytd` failed. Now it is stored beside the preferred source and both
 * commands answer exactly as before; it becomes preferred only with --prefer / `sources prefer`, or
 * when it holds the whole preferred series plus more and agrees on the overlap; a disagreeing file is
 * reported as a conflict naming the first dates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { compareOverlap } from '../../src/store/preference.ts';
import { cliInProcess, json } from '../cli/run-cli.ts';
import { copySharedStore } from '../helpers/shared-store.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';

const tmp = tempDir('md-pref-');
const db = join(tmp.dir, 'pref.duckdb');
const real = readFileSync(join(DATA_DIR, 'prices', 'IWM.csv'), 'utf8')
  .trim()
  .split(/\r?\n/);
const header = real[0];
const rows = real.slice(1);
const lastFive = rows.slice(-5);
// The commands run in-process (same tree, output and exit codes as the bin; no Node start-up per call).
const run = (...args: string[]) => cliInProcess([...args, '--db', db, '--json']);

let streakBefore: string;
let perfBefore: string;

beforeAll(async () => {
  // A private copy of the run's IWM + SPY store (the two real files imported once per run).
  await copySharedStore(['prices/IWM.csv', 'prices/SPY.csv'], db);
  const st = await run('streak', 'IWM', 'SPY');
  const pf = await run('perf', 'IWM', 'SPY', '--period', 'ytd');
  expect(st.code, st.stderr).toBe(0);
  expect(pf.code, pf.stderr).toBe(0);
  streakBefore = st.stdout;
  perfBefore = pf.stdout;
}, 120_000);
afterAll(() => tmp.cleanup());

describe('importing a 5-row IWM.csv beside the real series', () => {
  it('is stored beside market-lab, which stays preferred; the summary says why, with the overlap numbers', async () => {
    const f = tmp.write('mine/IWM.csv', `${header}\n${lastFive.join('\n')}\n`);
    const r = await run('import', f);
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r.stdout);
    const d = doc.files[0].sources;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      symbol: 'IWM',
      source: 'file',
      outcome: 'beside',
      previous: 'market-lab',
      preferred: 'market-lab',
    });
    // the five rows are the real ones: 5 sessions compared, no difference; the other sessions are missing
    expect(d[0].overlap).toMatchObject({
      sessions: 5,
      maxAbsDiffPct: 0,
      disagreeing: 0,
      missingFromIncoming: rows.length - 5,
      extraInIncoming: 0,
    });
    const list = json((await run('sources', 'list', 'IWM')).stdout);
    expect(list.sources.find((s: { preferred: boolean }) => s.preferred).source).toBe('market-lab');
  });

  it('streak IWM SPY and perf IWM SPY --period ytd answer exactly as before', async () => {
    const st = await run('streak', 'IWM', 'SPY');
    const pf = await run('perf', 'IWM', 'SPY', '--period', 'ytd');
    expect(st.code, st.stderr).toBe(0);
    expect(pf.code, pf.stderr).toBe(0);
    expect(st.stdout).toBe(streakBefore);
    expect(pf.stdout).toBe(perfBefore);
  });

  it('a file disagreeing on overlapping dates is a conflict naming the first dates (OHLC +1% on two of them)', async () => {
    const bumped = lastFive.map((l, i) => {
      if (i !== 1 && i !== 3) return l;
      const c = l.split(',');
      for (const k of [1, 2, 3, 4]) c[k] = String(Number(c[k]) * 1.01);
      return c.join(',');
    });
    const f = tmp.write('other/IWM.csv', `${header}\n${bumped.join('\n')}\n`);
    const store = await DuckDbStore.open(':memory:');
    try {
      await importPaths(store, [join(DATA_DIR, 'prices', 'IWM.csv')], { dataRoot: DATA_DIR, lenient: false });
      const s = await importPaths(store, [f], { dataRoot: null, lenient: false });
      expect(s.totals).toMatchObject({ imported: 1, failed: 0, sourceConflicts: 1 });
      const d = s.files[0].sources[0];
      expect(d).toMatchObject({ outcome: 'conflict', previous: 'market-lab', preferred: 'market-lab' });
      expect(d.overlap?.sessions).toBe(5);
      expect(d.overlap?.disagreeing).toBe(2);
      expect(d.overlap?.firstDisagreements.map((x) => x.date)).toEqual([
        lastFive[1].split(',')[0],
        lastFive[3].split(',')[0],
      ]);
      expect(d.overlap?.maxAbsDiffPct).toBeCloseTo(1, 9);
      expect(d.message).toContain('CONFLICT');
      expect(d.message).toContain(lastFive[1].split(',')[0]);
      expect((await store.listSources('IWM')).find((x) => x.preferred)?.source).toBe('market-lab');
    } finally {
      await store.close();
    }
  });

  it('--prefer makes the file preferred, and `sources prefer` switches back', async () => {
    const f = tmp.write('again/IWM.csv', `${header}\n${lastFive.join('\n')}\n`);
    const r = await run('import', f, '--prefer');
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).files[0].sources[0]).toMatchObject({ outcome: 'requested', preferred: 'file' });
    expect(json((await run('sources', 'list', 'IWM')).stdout).sources[0]).toMatchObject({
      source: 'file',
      preferred: true,
      rows: 5,
    });
    expect((await run('sources', 'prefer', 'IWM', 'market-lab')).code).toBe(0);
    expect((await run('streak', 'IWM', 'SPY')).stdout).toBe(streakBefore);
  });
});

describe('a source that strictly extends the preferred one and agrees becomes preferred', () => {
  it('all real SPY rows plus one new session: preferred, the summary gives sessions compared and max abs diff', async () => {
    const spy = readFileSync(join(DATA_DIR, 'prices', 'SPY.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const last = spy[spy.length - 1].split(',');
    const next = ['2026-08-24', ...last.slice(1)].join(',');
    const f = tmp.write('ext/SPY.csv', `${spy.join('\n')}\n${next}\n`);
    const store = await DuckDbStore.open(db);
    try {
      const s = await importPaths(store, [f], { dataRoot: null, lenient: false });
      const d = s.files[0].sources[0];
      expect(d).toMatchObject({
        symbol: 'SPY',
        source: 'file',
        outcome: 'extends',
        previous: 'market-lab',
        preferred: 'file',
      });
      expect(d.overlap).toMatchObject({
        sessions: spy.length - 1,
        maxAbsDiffPct: 0,
        extraInIncoming: 1,
        missingFromIncoming: 0,
      });
      expect(d.message).toContain(`overlap: ${spy.length - 1} sessions compared, max abs diff 0.0000%`);
      expect((await store.listSources('SPY')).find((x) => x.preferred)?.source).toBe('file');
    } finally {
      await store.close();
    }
  });
});

describe('the data notes ranking still orders the data folder (primary > panel)', () => {
  it('the 5-year panel AAPL first, then prices/AAPL.csv: market-lab replaces the panel, with the overlap reported', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      await importPaths(store, [join(DATA_DIR, 'panels', 'individual_stocks_5yr', 'AAPL_data.csv')], {
        dataRoot: DATA_DIR,
        lenient: false,
      });
      const s = await importPaths(store, [join(DATA_DIR, 'prices', 'AAPL.csv')], {
        dataRoot: DATA_DIR,
        lenient: false,
      });
      const d = s.files[0].sources[0];
      expect(d).toMatchObject({ outcome: 'ranked', previous: 'kaggle-5yr', preferred: 'market-lab' });
      expect(d.overlap?.sessions).toBeGreaterThan(1000);
      expect((await store.listSources('AAPL'))[0]).toMatchObject({ source: 'market-lab', preferred: true });
    } finally {
      await store.close();
    }
  });
});

describe('compareOverlap by hand', () => {
  it('stored 100/200/300 vs incoming 202/300/310 (one date each side alone): 2 compared, max 1%, 1 beyond 0.1%', () => {
    const o = compareOverlap(
      { dates: ['2026-01-02', '2026-01-05', '2026-01-06'], values: [100, 200, 300] },
      { dates: ['2026-01-05', '2026-01-06', '2026-01-07'], values: [202, 300, 310] },
    );
    expect(o.sessions).toBe(2);
    expect(o.maxAbsDiffPct).toBeCloseTo(1, 12);
    expect(o.disagreeing).toBe(1);
    expect(o.firstDisagreements).toEqual([
      { date: '2026-01-05', stored: 200, incoming: 202, diffPct: expect.closeTo(1, 12) },
    ]);
    expect(o.missingFromIncoming).toBe(1);
    expect(o.extraInIncoming).toBe(1);
  });
});
