import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streakSql } from '../../src/store/duckdb/sql-twins/streak-sql.ts';
import { streaks, streakVsZero } from '../../src/analytics/streak.ts';
import { UserError } from '../../src/model/errors.ts';
import { price, rets } from './helpers/build.ts';
import { duck } from './helpers/duck.ts';

// A: 10 11 12 12 13 12 13 14 on d1..d8; B flat at 100 but without d6 and with a NULL close on d3.
// Common sessions: d1 d2 d4 d5 d7 d8 (d3: B has no value, d6: B has no row).
// A's returns on the aligned closes: d2 + ; d4 12/11 + ; d5 13/12 + ; d7 13/13 = 0 (tie, spans d6) ; d8 + .
// → streaks: d2..d5 (3 sessions), d8 (1).
const d = [
  '2026-01-05',
  '2026-01-06',
  '2026-01-07',
  '2026-01-08',
  '2026-01-09',
  '2026-01-12',
  '2026-01-13',
  '2026-01-14',
];
const aClose = [10, 11, 12, 12, 13, 12, 13, 14];

let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => {
  db = await duck();
  await db.run('CREATE TABLE ta (date DATE, close DOUBLE)');
  await db.run('CREATE TABLE tb ("Day" VARCHAR, "Px" DOUBLE)');
  await db.run(`INSERT INTO ta VALUES ${d.map((x, i) => `('${x}', ${aClose[i]})`).join(', ')}`);
  await db.run(
    `INSERT INTO tb VALUES ${d
      .filter((_, i) => i !== 5)
      .map((x, i) => `('${x}', ${i === 2 ? 'NULL' : 100})`)
      .join(', ')}`,
  );
  await db.run(`CREATE TABLE tr (date DATE, r DOUBLE)`);
  await db.run(
    `INSERT INTO tr VALUES ('2026-01-05', 0.01), ('2026-01-06', 'nan'), ('2026-01-07', 0.02), ('2026-01-08', 0), ('2026-01-09', 0.01), ('2026-01-12', NULL), ('2026-01-13', 0.03)`,
  );
});
afterAll(() => db.close());

describe('streakSql: gaps-and-islands over aligned returns', () => {
  const opts = { a: { source: 'ta' }, b: { source: 'tb', dateColumn: 'Day', valueColumn: 'Px' } };
  it('pair mode: joins, spans the gap, breaks on the tie', async () => {
    const rows = await db.all(streakSql(opts));
    expect(rows).toEqual([
      { start: '2026-01-14', end: '2026-01-14', length: 1 },
      { start: '2026-01-06', end: '2026-01-09', length: 3 },
    ]);
    // same answer from streak.ts
    const B = price(
      'B',
      d.filter((_, i) => i !== 5),
      [100, 100, Number.NaN, 100, 100, 100, 100],
    );
    const r = streaks(price('A', d, aClose), B);
    expect(r.history).toEqual(rows.map((x) => ({ length: x.length, start: x.start, end: x.end })));
  });
  it('asOf, min and under', async () => {
    expect(await db.all(streakSql({ ...opts, asOf: '2026-01-08' }))).toEqual([
      { start: '2026-01-06', end: '2026-01-08', length: 2 },
    ]);
    expect(await db.all(streakSql({ ...opts, min: 2 }))).toEqual([
      { start: '2026-01-06', end: '2026-01-09', length: 3 },
    ]);
    expect(await db.all(streakSql({ ...opts, direction: 'under' }))).toEqual([]);
  });
  it('zero mode with returns: NaN, NULL and 0 all end a streak', async () => {
    const rows = await db.all(streakSql({ a: { source: 'tr', valueColumn: 'r' }, values: 'return' }));
    expect(rows).toEqual([
      { start: '2026-01-13', end: '2026-01-13', length: 1 },
      { start: '2026-01-09', end: '2026-01-09', length: 1 },
      { start: '2026-01-07', end: '2026-01-07', length: 1 },
      { start: '2026-01-05', end: '2026-01-05', length: 1 },
    ]);
    const R = rets(
      'R',
      ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12', '2026-01-13'],
      [0.01, Number.NaN, 0.02, 0, 0.01, Number.NaN, 0.03],
    );
    expect(streakVsZero(R).history).toEqual(
      rows.map((x) => ({ length: x.length, start: x.start, end: x.end })),
    );
  });
  it('zero mode with closes: up-day streaks', async () => {
    const rows = await db.all(streakSql({ a: { source: 'ta' } }));
    // A's own returns: d2 + d3 + d4 0 d5 + d6 - d7 + d8 +
    expect(rows.map((x) => x.length)).toEqual([2, 1, 2]);
  });
  it('rejects bad options', () => {
    expect(() => streakSql({ ...opts, asOf: '2026-13-01' })).toThrow(UserError);
    expect(() => streakSql({ ...opts, values: 'return' })).toThrow(/pair mode needs closes/);
    expect(() => streakSql({ ...opts, min: 0 })).toThrow(/min/);
  });
});
