/**
 * IWM over SPY streaks on the real files, checked two independent ways:
 * (1) DuckDB SQL (src/store/duckdb/sql-twins/streak-sql.ts) reading the CSVs directly with read_csv;
 * (2) a plain loop in this test: Map-based alignment, ratio comparison close_t/close_{t−1},
 *     and a running-length array len[i] = qualifies ? len[i−1] + 1 : 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streakSql } from '../../src/store/duckdb/sql-twins/streak-sql.ts';
import { streaks } from '../../src/analytics/streak.ts';
import { duck } from './helpers/duck.ts';
import { loadPrices, PRICES, readPriceRows } from './helpers/real-data.ts';

type Row = { start: string; end: string; length: number };

const iwm = loadPrices('IWM');
const spy = loadPrices('SPY');

/** Independent method (2). */
function plainLoop(direction: 'over' | 'under') {
  const spyClose = new Map(readPriceRows('SPY').map((r) => [r[0], Number(r[4])]));
  const common = readPriceRows('IWM')
    .filter((r) => spyClose.has(r[0]))
    .map((r) => ({ date: r[0], a: Number(r[4]), b: spyClose.get(r[0]) as number }));
  const len: number[] = [0];
  for (let i = 1; i < common.length; i++) {
    const ga = common[i].a / common[i - 1].a;
    const gb = common[i].b / common[i - 1].b;
    const q = direction === 'over' ? ga > gb : ga < gb;
    len.push(q ? len[i - 1] + 1 : 0);
  }
  const runs: Row[] = [];
  for (let i = 0; i < common.length; i++) {
    if (len[i] > 0 && (i === common.length - 1 || len[i + 1] === 0))
      runs.push({ start: common[i - len[i] + 1].date, end: common[i].date, length: len[i] });
  }
  return { common, len, runs: runs.reverse() };
}

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
});
afterAll(() => db.close());

const src = (s: string) => ({ source: `read_csv('${PRICES}/${s}.csv')` });

describe('IWM vs SPY streaks (real data)', () => {
  it('as of 2026-01-22: 14 straight sessions, the longest in the data (since 2000-05-30)', () => {
    const r = streaks(iwm, spy, { asOf: '2026-01-22', direction: 'over' });
    expect(r.current).toEqual({ length: 14, start: '2026-01-02', end: '2026-01-22' });
    expect(r.longestSince).toBeNull();
    expect(r.rank).toBe(1);
    expect(r.dataStart).toBe('2000-05-30');
    expect(r.provenance.excludedDates).toEqual([]);
    // the previous record was 13 sessions, 2008-05-20..2008-06-06; the last run of ≥ 9 ended 2013-10-01
    const earlier = r.history.slice(1);
    const longest = Math.max(...earlier.map((h) => h.length));
    expect(longest).toBe(13);
    expect(earlier.find((h) => h.length === 13)).toEqual({
      length: 13,
      start: '2008-05-20',
      end: '2008-06-06',
    });
    expect(earlier.find((h) => h.length >= 9)).toEqual({ length: 9, start: '2013-09-19', end: '2013-10-01' });
  });

  it('as of 2026-08-21: a 1-session streak; longest since 2026-08-19', () => {
    const r = streaks(iwm, spy, { asOf: '2026-08-21' });
    expect(r.current).toEqual({ length: 1, start: '2026-08-21', end: '2026-08-21' });
    expect(r.longestSince).toEqual({ length: 1, start: '2026-08-19', end: '2026-08-19' });
  });

  for (const direction of ['over', 'under'] as const) {
    for (const asOf of [undefined, '2026-01-22', '2008-10-10']) {
      it(`every streak agrees with DuckDB SQL and with the plain loop (${direction}, asOf ${asOf ?? 'latest'})`, async () => {
        const r = streaks(iwm, spy, { asOf, direction });
        const sql = (await db.all(streakSql({ a: src('IWM'), b: src('SPY'), direction, asOf }))) as Row[];
        expect(sql.length).toBeGreaterThan(500);
        expect(r.history).toEqual(sql.map((x) => ({ length: x.length, start: x.start, end: x.end })));
        const loop = plainLoop(direction).runs.filter((x) => x.end <= r.asOf);
        expect(r.history).toEqual(loop);
        // rank and longestSince re-derived from the SQL rows
        const cur = sql[0].end === r.asOf ? sql[0] : null;
        expect(r.current.length).toBe(cur ? cur.length : 0);
        if (cur) {
          const earlier = sql.slice(1);
          expect(r.rank).toBe(1 + earlier.filter((x) => x.length > cur.length).length);
          const since = earlier.find((x) => x.length >= cur.length) ?? null;
          expect(r.longestSince).toEqual(
            since && { length: since.length, start: since.start, end: since.end },
          );
        }
      });
    }
  }

  it('current length as of many sessions matches the running-length array', () => {
    const { common, len } = plainLoop('over');
    const idx: number[] = [];
    for (let i = common.length - 260; i < common.length; i++) idx.push(i);
    for (let i = 1; i < common.length; i += 97) idx.push(i);
    for (const i of idx) {
      const r = streaks(iwm, spy, { asOf: common[i].date });
      expect(r.current.length, common[i].date).toBe(len[i]);
      if (len[i] > 0) expect(r.current.start).toBe(common[i - len[i] + 1].date);
    }
  });

  it('the 14-session run: IWM beat SPY on each of Jan 2..22 2026 (first session vs 2025-12-31)', () => {
    const { common, len } = plainLoop('over');
    const jan = common
      .map((c, i) => ({ ...c, len: len[i] }))
      .filter((c) => c.date >= '2026-01-02' && c.date <= '2026-01-23');
    expect(jan.map((c) => c.len)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0]);
  });
});
