/**
 * Fault test: PostgreSQL kills the store's connections (pg_terminate_backend) while files are being
 * imported and read. The interrupted transaction rolls back with its connection; the store retries
 * (imports are idempotent), so every file ends stored exactly once, equal to a clean import, and reads retried.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/store/ingest.ts';
import { PG_BASE, type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { DATA_DIR } from '../helpers/temp.ts';

const FILES = ['IWM', 'SPY', 'QQQ', 'DIA', 'MDY', 'XLK'].map((s) => join(DATA_DIR, 'prices', `${s}.csv`));
let hit: PgTestStore;
let ref: PgTestStore;

afterAll(async () => {
  await hit?.drop();
  await ref?.drop();
});

async function digest(schema: string) {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    return (
      await c.query(`SELECT count(*)::int AS n, count(DISTINCT (symbol, source, date))::int AS keys,
        md5(string_agg(concat_ws('|', symbol, source, date, open, high, low, close, adj_close, volume, line), ',' ORDER BY symbol, source, date)) AS h,
        (SELECT count(*)::int FROM ${schema}.imports) AS imports FROM ${schema}.bars`)
    ).rows[0];
  } finally {
    await c.end();
  }
}

describe('pg_terminate_backend during imports', () => {
  it('every file is stored once; the store equals a clean import', async () => {
    hit = await pgTestStore('md_term');
    ref = await pgTestStore('md_termref');
    const killer = new pg.Client({ connectionString: PG_BASE });
    await killer.connect();
    let kills = 0;
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        const r = await killer.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle'`,
          [`marketdash:${hit.schema}`.slice(0, 63)],
        );
        kills += r.rows[0].n;
        await new Promise((res) => setTimeout(res, 150));
      }
    })();
    let summary: Awaited<ReturnType<typeof importPaths>>;
    try {
      summary = await importPaths(hit.store, FILES, { dataRoot: DATA_DIR, lenient: false });
    } finally {
      stop = true;
      await loop;
      await killer.end();
    }
    expect(kills).toBeGreaterThan(0);
    // A file whose three attempts were all cut off is reported failed (nothing of it stored): import it again, as a job retry would.
    const failed = summary.files.filter((f) => f.status === 'failed');
    for (const f of failed) expect(f.error).toMatch(/terminat|Connection|ECONNRESET|EPIPE/i);
    if (failed.length) await importPaths(hit.store, FILES, { dataRoot: DATA_DIR, lenient: false });
    expect((await hit.store.getPriceSeries('SPY')).dates.length).toBeGreaterThan(8000); // a read after the kills
    await importPaths(ref.store, FILES, { dataRoot: DATA_DIR, lenient: false });
    const [a, b] = [await digest(hit.schema), await digest(ref.schema)];
    expect(a).toEqual(b);
    expect(a.n).toBe(a.keys);
    expect(a.imports).toBe(FILES.length);
  }, 300_000);
});
