/**
 * Issue 15, item 4: a plain `date,close` file of the user's gives no evidence of how its prices are
 * adjusted. It is stored as adjustment 'unknown', its returns read "price return (adjustment
 * unknown)", and the import warns once — unless the user passes `--adjustment`. The commands run
 * in-process (`cliInProcess`: same output and exit codes as the bin, no Node start-up per call).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { storeFingerprint, tempDir } from '../helpers/temp.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { cliInProcess, json } from './run-cli.ts';

const tmp = tempDir('md-adj-');
afterAll(() => tmp.cleanup());

// Two sessions each; by hand: MYA 100 → 103 = +3.00%, MYB 50 → 49 = −2.00%.
const a = tmp.write('mine/MYA.csv', 'date,close\n2026-03-02,100\n2026-03-03,103\n');
const b = tmp.write('mine/MYB.csv', 'date,close\n2026-03-02,50\n2026-03-03,49\n');

describe('import of user files without evidence of their adjustment', () => {
  const db = `${tmp.dir}/unknown.duckdb`;
  it('stores adjustment unknown and warns once on stderr for both files', async () => {
    const r = await cliInProcess(['import', a, b, '--db', db, '--data', tmp.dir]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/warning: /g)).toHaveLength(1);
    expect(r.stderr).toContain(`2 file(s) give no evidence of how their prices are adjusted (mine/MYA.csv, mine/MYB.csv)`);
    expect(r.stderr).toContain('--adjustment');
    const src = json((await cliInProcess(['sources', 'list', 'MYA', '--db', db, '--json'])).stdout);
    expect(JSON.stringify(src)).toContain('"adjustment":"unknown"');
  });

  it('perf says "price return (adjustment unknown)", never total return, and notes why', async () => {
    const r = json((await cliInProcess(['perf', 'MYA', 'MYB', '--from', '2026-03-03', '--db', db, '--json'])).stdout);
    expect(r.rows.map((x: { return: number }) => x.return)).toEqual([expect.closeTo(0.03, 12), expect.closeTo(-0.02, 12)]);
    expect(r.rows.map((x: { returnType: string }) => x.returnType)).toEqual([
      'price return (adjustment unknown)',
      'price return (adjustment unknown)',
    ]);
    expect(r.provenance.returnType).toBe('price return (adjustment unknown)');
    expect(r.provenance.seriesNotes).toContainEqual({ kind: 'adjustment-unknown', series: 'MYA', source: 'file' });
    const text = (await cliInProcess(['perf', 'MYA', '--from', '2026-03-03', '--db', db])).stdout;
    expect(text).toContain('price return (adjustment unknown)');
    expect(text).not.toContain('total return');
  });

  it('--adjustment split+dividend says it: total return, no warning', async () => {
    const db2 = `${tmp.dir}/stated.duckdb`;
    const r = await cliInProcess(['import', a, '--adjustment', 'split+dividend', '--db', db2, '--data', tmp.dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('warning');
    const p = json((await cliInProcess(['perf', 'MYA', '--from', '2026-03-03', '--db', db2, '--json'])).stdout);
    expect(p.rows[0].returnType).toBe('total return');
  });

  it('a bad --adjustment is exit 2, names the flag, and stores nothing', async () => {
    const db3 = `${tmp.dir}/bad.duckdb`;
    const s0 = await DuckDbStore.open(db3);
    const before = await storeFingerprint(s0);
    await s0.close();
    const r = await cliInProcess(['import', a, '--adjustment', 'dividends', '--db', db3, '--data', tmp.dir]);
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/--adjustment must be one of split\+dividend, split, none, got 'dividends'/);
    const s1 = await DuckDbStore.open(db3);
    expect(await storeFingerprint(s1)).toBe(before);
    await s1.close();
  });
});
