/**
 * Scenario: a user imports the whole ../shared/data folder with the CLI, imports it again, and
 * reads `db info` (the imports run the real CLI process; the questions after them run the commands
 * in-process, since they test the answers, not the process). Counts are checked against the files themselves (lines after the header).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';
import { cli, cliInProcess, json } from './run-cli.ts';

const tmp = tempDir('md-cli-');
const db = join(tmp.dir, 'all.duckdb');
let first: any;

/** Data rows and first/last date of a simple price CSV, read independently of the importer. */
function fileStats(rel: string) {
  const lines = readFileSync(join(DATA_DIR, rel), 'utf8').trim().split(/\r?\n/).slice(1);
  return { rows: lines.length, first: lines[0].split(',')[0], last: lines[lines.length - 1].split(',')[0] };
}

beforeAll(() => {
  const r = cli(['import', DATA_DIR, '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  first = json(r.stdout);
}, 300_000);
afterAll(() => tmp.cleanup());

describe('import the whole data folder', () => {
  it('imports every data file with no failures; only the SOURCES notes are ignored', () => {
    expect(first.totals.failed).toBe(0);
    const ignored = first.files.filter((f: any) => f.status === 'ignored').map((f: any) => f.file);
    expect(ignored.sort()).toEqual(['SOURCES-reference.md', 'prices/SOURCES.md']);
    expect(first.totals.imported).toBe(first.totals.files - 2);
    // the only skipped rows are the 12 documented source errors of the 5-year panel
    expect(first.totals.rowsSkipped).toBe(12);
  });

  it('a second run stores 0 new rows and says every file was already imported', () => {
    const r = cli(['import', DATA_DIR, '--db', db, '--json']);
    expect(r.code).toBe(0);
    const again = json(r.stdout);
    expect(again.totals).toMatchObject({ imported: 0, unchanged: first.totals.imported, rowsNew: 0, rowsRevised: 0 });
  }, 120_000);

  it('db info reports each series exactly as the files hold it', async () => {
    const r = await cliInProcess(['db', 'info', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const info = json(r.stdout);
    const find = (symbol: string, source?: string) => info.series.find((s: any) => s.symbol === symbol && (!source || s.source === source));
    for (const [sym, file] of [['SPY', 'prices/SPY.csv'], ['IWM', 'prices/IWM.csv'], ['^GSPC', 'prices/GSPC_INDEX.csv'], ['MAGS', 'prices/MAGS.csv'], ['^RUT', 'prices/RUT_INDEX.csv']] as const) {
      const st = fileStats(file);
      const s = find(sym, undefined);
      expect(s, sym).toBeDefined();
      expect({ rows: s.rows, first: s.first, last: s.last }, sym).toEqual(st);
      expect(s.preferred).toBe(true);
    }
    expect(find('SPY')).toMatchObject({ rows: 8448, first: '1993-01-29', last: '2026-08-21', source: 'market-lab', adjustment: 'split+dividend' });
    expect(find('MAGS')).toMatchObject({ provisional: 1 });
    expect(find('IWM', 'dsturdy')).toMatchObject({ preferred: false, rows: fileStats('prices/alt/IWM__dsturdy.csv').rows });
    expect(find('AAPL', 'kaggle-5yr')).toMatchObject({ rows: fileStats('panels/individual_stocks_5yr/AAPL_data.csv').rows, preferred: false });
    const smb = info.series.find((s: any) => s.symbol === 'FF.SMB' && s.freq === 'D');
    expect(smb).toMatchObject({ rows: 26233, first: '1926-07-01', last: '2026-04-30' });
  });

  it('perf YTD as of 2026-01-22 equals the ratio of the raw closes (245.723 → 269.311)', async () => {
    const r = await cliInProcess(['perf', 'IWM', 'SPY', '--period', 'ytd', '--as-of', '2026-01-22', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const p = json(r.stdout);
    const row = (sym: string) => p.rows.find((x: any) => x.symbol === sym);
    const raw = (file: string, date: string) => Number(readFileSync(join(DATA_DIR, file), 'utf8').split('\n').find((l) => l.startsWith(date))!.split(',')[4]);
    expect(row('IWM').return).toBeCloseTo(raw('prices/IWM.csv', '2026-01-22') / raw('prices/IWM.csv', '2025-12-31') - 1, 10);
    expect(row('SPY').return).toBeCloseTo(raw('prices/SPY.csv', '2026-01-22') / raw('prices/SPY.csv', '2025-12-31') - 1, 10);
    expect(row('IWM').return).toBeCloseTo(0.096, 3);
    expect(p.spreads[0].spreadPts).toBeCloseTo((row('IWM').return - row('SPY').return) * 100, 10);
  });

  it('across the March 2026 splice, the repaired YTD matches the single-snapshot copy (alt/IWM__dsturdy.csv)', async () => {
    const r = await cliInProcess(['perf', 'IWM', '--period', 'ytd', '--as-of', '2026-07-31', '--db', db, '--json']);
    const p = json(r.stdout);
    const alt = readFileSync(join(DATA_DIR, 'prices/alt/IWM__dsturdy.csv'), 'utf8').split('\n');
    const close = (d: string) => Number(alt.find((l) => l.startsWith(d))!.split(',')[1]);
    const independent = close('2026-07-31') / close('2025-12-31') - 1;
    expect(Math.abs(p.rows[0].return - independent) * 100).toBeLessThan(0.005); // within half a basis point of a percent
    expect(p.provenance.notes.join(' ')).toMatch(/splice on 2026-03-17 repaired/);
  });

  it('streak: IWM beat SPY 14 straight sessions to 2026-01-22, the longest in the data', async () => {
    const r = await cliInProcess(['streak', 'IWM', 'SPY', '--as-of', '2026-01-22', '--db', db, '--json']);
    const s = json(r.stdout);
    expect(s.current).toEqual({ length: 14, start: '2026-01-02', end: '2026-01-22' });
    expect(s.longestSince).toBeNull();
    expect(s.rank).toBe(1);
    const text = (await cliInProcess(['streak', 'IWM', 'SPY', '--as-of', '2026-01-22', '--db', db])).stdout;
    expect(text).toMatch(/longest streak in the data, which starts 2000-05-30/);
  });

  it('bad input: unknown symbol, impossible date, a holiday as-of → clear errors and non-zero exits', async () => {
    const unknown = await cliInProcess(['perf', 'NOPE', '--db', db, '--json']);
    expect(unknown.code).toBe(3);
    expect(json(unknown.stdout).error.message).toMatch(/unknown symbol or series 'NOPE'/);
    const badDate = await cliInProcess(['perf', 'SPY', '--as-of', '2026-02-30', '--db', db]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/asOf: not a real calendar date/);
    const holiday = await cliInProcess(['streak', 'IWM', 'SPY', '--as-of', '2026-01-19', '--db', db]);
    expect(holiday.code).toBe(2);
    expect(holiday.stderr).toMatch(/2026-01-19/);
    const empty = await cliInProcess(['perf', 'SPY', '--from', '2030-01-01', '--to', '2030-02-01', '--db', db]);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/error: /);
  });
});
