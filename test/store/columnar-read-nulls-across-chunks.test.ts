/**
 * readColumns copies a chunk's INTEGER and DOUBLE vectors in one call and then marks the NULL rows
 * from the validity bits (columnar-read.ts copyNumbers). Hand case: 5,000 rows (three chunks of at
 * most 2,048, validity words of 64 rows), where row i holds i and i / 4, NULL when i % 7 === 3 (and
 * every row of the last, partial validity word's tail checked): NULL reads as 0 for 'int' and NaN for
 * 'f64', every other row as its value. A DOUBLE computed from an INTEGER in SQL reads the same.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { readColumns } from '../../src/store/duckdb/columnar-read.ts';

describe('columnar reads: NULLs across chunks and validity words', () => {
  it('copies numbers and marks NULLs as 0 (int) and NaN (f64)', async () => {
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await con.run(`CREATE TABLE t AS SELECT i,
        CASE WHEN i % 7 = 3 THEN NULL ELSE i::INTEGER END AS n,
        CASE WHEN i % 7 = 3 THEN NULL ELSE i / 4 END AS x,
        CASE WHEN i % 7 = 3 THEN NULL ELSE i::INTEGER::DOUBLE END AS b
      FROM range(5000) AS r(i)`);
    const stmt = await con.prepare('SELECT n, x, b FROM t ORDER BY i');
    const { n, cols } = await readColumns(stmt, [], ['int', 'f64', 'f64']);
    expect(n).toBe(5000);
    const [ints, dbls, bigs] = cols as [Int32Array, Float64Array, Float64Array];
    let nulls = 0;
    for (let i = 0; i < 5000; i++) {
      if (i % 7 === 3) {
        nulls++;
        expect([ints[i], dbls[i], bigs[i]]).toEqual([0, Number.NaN, Number.NaN]);
      } else {
        expect([ints[i], dbls[i], bigs[i]]).toEqual([i, i / 4, i]);
      }
    }
    expect(nulls).toBe(714); // rows 3, 10, …, 4998
    con.closeSync();
  });
});
