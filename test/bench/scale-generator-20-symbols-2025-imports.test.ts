/**
 * The scale bench's generator (bench/scale/generate.ts), small: 20 symbols × the 250 NYSE sessions of
 * 2025. The same seed gives byte-identical files, another seed other prices; the files import with
 * the project's own importers; the stored row count is the hand count; one stored close equals the
 * number read straight from the generated CSV line; breadth runs over the generated fund's 20 members.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Generated, generate, type ScaleSpec } from '../../bench/scale/generate.ts';
import { breadthFacts } from '../../src/facts/market.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { memoryStore, tempDir } from '../helpers/temp.ts';

// 2025: 261 weekdays minus 11 weekday closures (New Year, Jan 9 national mourning for President
// Carter, MLK, Presidents Day, Good Friday, Memorial Day, Juneteenth, July 4, Labor Day, Thanksgiving,
// Christmas) = 250 sessions, from Thu 2025-01-02 to Wed 2025-12-31.
const SESSIONS_2025 = 250;
const spec: ScaleSpec = { symbols: 20, sessions: SESSIONS_2025, end: '2025-12-31', seed: 7, fund: 'SYNT' };
const tmp = tempDir('md-scale-gen-');
afterAll(() => tmp.cleanup());

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const sub of ['prices', 'constituents']) for (const f of readdirSync(join(dir, sub)).sort()) out.set(`${sub}/${f}`, readFileSync(join(dir, sub, f), 'utf8'));
  return out;
}

describe('scale generator: 20 symbols × 2025', () => {
  let a: Generated;
  beforeAll(async () => {
    a = await generate(join(tmp.dir, 'a'), spec);
  });

  it('is deterministic: the same seed gives the same bytes, another seed other closes', async () => {
    const b = await generate(join(tmp.dir, 'b'), spec);
    const c = await generate(join(tmp.dir, 'c'), { ...spec, seed: 8 });
    const [fa, fb, fc] = [filesOf(a.dir), filesOf(b.dir), filesOf(c.dir)];
    expect(fa.size).toBe(21);
    expect([...fb.entries()]).toEqual([...fa.entries()]);
    expect(fc.get('prices/S0001.csv')).not.toBe(fa.get('prices/S0001.csv'));
    expect([a.rows, a.first, a.last]).toEqual([20 * 250, '2025-01-02', '2025-12-31']);
  });

  it('imports: 5,000 bars, one close as written, breadth over the 20 members', async () => {
    const store = await memoryStore();
    try {
      const s = await importPaths(store, [a.dir], { dataRoot: a.dir, lenient: false });
      expect(s.totals.failed).toBe(0);
      const bars = s.files.filter((f) => f.file.startsWith('prices/')).reduce((n, f) => n + f.rowsNew, 0);
      expect(bars).toBe(5_000);
      // Second method: the CSV line itself (S0007 on 2025-06-02, a Monday session).
      const line = readFileSync(join(a.dir, 'prices', 'S0007.csv'), 'utf8').split('\n').find((l) => l.startsWith('2025-06-02,'))!;
      const closeInFile = Number(line.split(',')[4]);
      const series = await store.getPriceSeries('S0007');
      expect(series.dates.length).toBe(SESSIONS_2025);
      expect(series.close[series.dates.indexOf('2025-06-02')]).toBe(closeInFile);
      const br = await breadthFacts(store, { universe: 'SYNT', period: '1m' });
      expect([br.members, br.withData, br.asOf]).toEqual([20, 20, '2025-12-31']);
    } finally {
      await store.close();
    }
  });
});
