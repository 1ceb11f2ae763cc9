/**
 * A PostgreSQL write that adds at least ANALYZE_MIN_ROWS rows to a table with no statistics (or grows
 * it by more than a fifth) refreshes the planner's statistics (pg-write.ts analyzeIfGrown): without
 * them the merge checked each staged row through the (source, symbol) index. Hand case: 1,500 sessions
 * of one symbol written file by file (writeBatch) into a fresh schema, then 300 sessions of another:
 * `bars` has no statistics before (reltuples -1), ~1,500 rows after the first file, and the second file
 * (300 rows, under the minimum) leaves them as they were. Same on the many-files path (writeBatches).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceCsvImporter } from '../../src/sources/files/price-csv.ts';
import { sha256 } from '../../src/sources/files/text.ts';
import { type PgTestStore, pgRows, pgTestStore } from '../helpers/pg.ts';

/** `n` consecutive calendar days from 2000-01-03 (the importer notes non-sessions; they are stored). */
function csv(n: number, base: number): string {
  const lines = ['date,open,high,low,close,volume'];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2000, 0, 3 + i)).toISOString().slice(0, 10);
    const c = base + (i % 10);
    lines.push(`${d},${c},${c + 1},${c - 1},${c},${100 + i}`);
  }
  return `${lines.join('\n')}\n`;
}

const batchOf = (file: string, text: string) =>
  priceCsvImporter.parse({ path: file, relPath: file, text, sha256: sha256(Buffer.from(text)) }, { lenient: false });

async function reltuples(schema: string): Promise<number> {
  return Number((await pgRows(`SELECT reltuples FROM pg_class WHERE oid = to_regclass('${schema}.bars')`))[0].reltuples);
}

describe('PostgreSQL writes refresh the statistics of a table they grow', () => {
  let one: PgTestStore;
  let many: PgTestStore;
  beforeAll(async () => {
    one = await pgTestStore('md_stats1');
    many = await pgTestStore('md_stats2');
  });
  afterAll(async () => {
    await one?.drop();
    await many?.drop();
  });

  it('file by file: no statistics, then 1,500 rows counted; a 300-row file leaves them', async () => {
    expect(await reltuples(one.schema)).toBe(-1);
    expect((await one.store.writeBatch(batchOf('prices/AAA.csv', csv(1500, 50)))).rowsNew).toBe(1500);
    expect(await reltuples(one.schema)).toBe(1500);
    expect((await one.store.writeBatch(batchOf('prices/BBB.csv', csv(300, 20)))).rowsNew).toBe(300);
    expect(await reltuples(one.schema)).toBe(1500);
  });

  it('many files per write: the same', async () => {
    expect(await reltuples(many.schema)).toBe(-1);
    const [a] = await many.store.writeBatches!([batchOf('prices/AAA.csv', csv(1500, 50))]);
    expect(a).toMatchObject({ status: 'imported', rowsNew: 1500 });
    expect(await reltuples(many.schema)).toBe(1500);
    const [b] = await many.store.writeBatches!([batchOf('prices/BBB.csv', csv(300, 20))]);
    expect(b).toMatchObject({ status: 'imported', rowsNew: 300 });
    expect(await reltuples(many.schema)).toBe(1500);
  });
});
