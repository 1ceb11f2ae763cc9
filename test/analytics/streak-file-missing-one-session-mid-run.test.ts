/**
 * Issue 15, item 3: one rule for a missing session. A file that lacks one session in the middle of
 * a run: the paired return on the next common session would bridge two sessions, so it is unknown
 * and ends the streak (the formula's rule: "a tie or unknown return ends the streak"), in the facts,
 * in the SQL twin over the raw files, and in analogs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streakSql } from '../../src/store/duckdb/sql-twins/streak-sql.ts';
import { analogsFacts, streakFacts } from '../../src/facts/core.ts';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { memoryStore, tempDir } from '../helpers/temp.ts';
import { weekdays } from './helpers/build.ts';
import { duck } from './helpers/duck.ts';

// AAA rises every session (100, 101, …, 107) on d0..d7; BBB is flat at 100 but its file has no d4.
// Common sessions d0 d1 d2 d3 d5 d6 d7. AAA beats BBB on d1, d2, d3; d5 is unknown (AAA's return
// would be 105/103 − 1 over two sessions); then d6, d7. By hand: runs 3 (d1..d3) and 2 (d6..d7).
// Bridging the gap (the old behaviour) would have given one run of 6.
const d = weekdays('2026-02-02', 8);
const tmp = tempDir('md-gap-');
let store: DuckDbStore;
beforeAll(async () => {
  const a = tmp.write('prices/AAA.csv', `date,close\n${d.map((x, i) => `${x},${100 + i}`).join('\n')}\n`);
  const b = tmp.write('prices/BBB.csv', `date,close\n${d.filter((_, i) => i !== 4).map((x) => `${x},100`).join('\n')}\n`);
  store = await memoryStore();
  const r = await importPaths(store, [a, b], { dataRoot: tmp.dir, lenient: false, adjustment: 'split+dividend' });
  expect(r.totals.failed).toBe(0);
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

describe('a missing session in the middle of a run ends the streak', () => {
  it('streak AAA BBB: current 2 (d6..d7), the longest since the 3-session run d1..d3, rank 2', async () => {
    const r = await streakFacts(store, { a: 'AAA', b: 'BBB' });
    expect(r.current).toEqual({ length: 2, start: d[6], end: d[7] });
    expect(r.longestSince).toEqual({ length: 3, start: d[1], end: d[3] });
    expect(r.rank).toBe(2);
    expect(r.provenance.excludedDates).toEqual([{ symbol: 'BBB', missing: [d[4]] }]);
    expect(r.provenance.notes.join(' ')).toContain(`the next common session's return is unknown and ends any streak`);
    expect(r.provenance.notes.join(' ')).toContain(`1 session(s) with an unknown paired return end any streak: ${d[5]}`);
  });

  it('the SQL twin over the raw files gives the same runs', async () => {
    const db = await duck();
    try {
      const rows = await db.all(
        streakSql({ a: { source: `read_csv('${tmp.dir}/prices/AAA.csv')` }, b: { source: `read_csv('${tmp.dir}/prices/BBB.csv')` } }),
      );
      expect(rows).toEqual([
        { start: d[6], end: d[7], length: 2 },
        { start: d[1], end: d[3], length: 3 },
      ]);
    } finally {
      db.close();
    }
  });

  it('analogs: two episodes of ≥ 2 sessions, not one of 6', async () => {
    const r = await analogsFacts(store, { a: 'AAA', b: 'BBB', minStreak: 2, horizons: [1] });
    expect(r.episodes.map((e: { streakStart: string; streakLength: number }) => [e.streakStart, e.streakLength])).toEqual([
      [d[1], 3],
      [d[6], 2],
    ]);
  });
});
