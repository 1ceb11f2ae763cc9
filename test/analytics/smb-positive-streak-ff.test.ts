/**
 * FF.SMB > 0 streaks on the real Fama-French daily file (26,233 sessions 1926-07-01..2026-04-30),
 * checked against DuckDB SQL reading the CSV itself and against a text-only method: a percent value is
 * positive iff its text has no minus sign and a nonzero digit (so "0.00" is a tie with zero).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streakSql } from '../../src/store/duckdb/sql-twins/streak-sql.ts';
import { streakVsZero } from '../../src/analytics/streak.ts';
import { duck } from './helpers/duck.ts';
import { FF_DAILY, loadFactor, readFFRows } from './helpers/real-data.ts';

type Row = { start: string; end: string; length: number };
const smb = loadFactor('SMB');

function textRuns(positive: boolean, asOf?: string): Row[] {
  const rows = readFFRows().filter((r) => asOf === undefined || r.date <= asOf);
  const runs: Row[] = [];
  let cur: Row | null = null;
  for (const r of rows) {
    const t = r.cols[1]; // SMB as written, e.g. "-0.25", "0.00"
    const nonzero = /[1-9]/.test(t);
    const q = nonzero && (positive ? !t.startsWith('-') : t.startsWith('-'));
    if (q) {
      if (cur) {
        cur.end = r.date;
        cur.length++;
      } else cur = { start: r.date, end: r.date, length: 1 };
    } else if (cur) {
      runs.push(cur);
      cur = null;
    }
  }
  if (cur) runs.push(cur);
  return runs.reverse();
}

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
  await db.run(
    `CREATE TABLE ff AS SELECT * FROM read_csv('${FF_DAILY}', skip=4, header=true, ignore_errors=true)`,
  );
});
afterAll(() => db.close());

describe('FF.SMB vs zero (real data)', () => {
  it('loads the whole file', async () => {
    expect(smb.dates.length).toBe(26233);
    const [c] = await db.all('SELECT CAST(count(*) AS INTEGER) AS n FROM ff');
    expect(c.n).toBe(26233);
  });

  for (const positive of [true, false]) {
    for (const asOf of [undefined, '2026-01-22', '1987-10-19']) {
      it(`every streak agrees with SQL and with the text method (positive=${positive}, asOf ${asOf ?? 'latest'})`, async () => {
        const r = streakVsZero(smb, { positive, asOf });
        expect(r.b).toBe('0');
        const sql = (await db.all(
          streakSql({
            a: { source: 'ff', dateColumn: 'Date', valueColumn: 'SMB' },
            values: 'return',
            direction: positive ? 'over' : 'under',
            asOf,
          }),
        )) as Row[];
        const text = textRuns(positive, asOf);
        expect(r.history.length).toBeGreaterThan(2000);
        expect(r.history).toEqual(sql.map((x) => ({ length: x.length, start: x.start, end: x.end })));
        expect(r.history).toEqual(text.map((x) => ({ length: x.length, start: x.start, end: x.end })));
        const cur = text[0].end === r.asOf ? text[0].length : 0;
        expect(r.current.length).toBe(cur);
        if (cur > 0) expect(r.rank).toBe(1 + text.slice(1).filter((x) => x.length > cur).length);
      });
    }
  }

  it('as of 2026-04-30 (last row): measured values', () => {
    const r = streakVsZero(smb, { positive: true });
    expect(r.asOf).toBe('2026-04-30');
    expect(r.dataStart).toBe('1926-07-01');
    expect(r.current).toEqual({ length: 1, start: '2026-04-30', end: '2026-04-30' });
    expect(r.longestSince).toEqual({ length: 1, start: '2026-04-22', end: '2026-04-22' });
  });
});
