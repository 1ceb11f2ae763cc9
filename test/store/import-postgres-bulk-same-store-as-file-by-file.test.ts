/**
 * The PostgreSQL bulk import (many files per transaction through COPY, pg-bulk-write.ts) must leave
 * exactly the store the one-file-per-transaction import leaves, and report the same per-file outcomes
 * and source decisions. Second method: the same files through importPaths on the same kind of store
 * with `writeBatches` hidden, which takes the file-by-file path (importOne → planPreference →
 * writeBatch → pg-write.ts per file). Each run gets its own schema, dropped at the end.
 *
 * The files are the subset of the real data folder the DuckDB twin of this test uses (panel files of
 * symbols that also have their own price file, their price files, the ETFs/indices with alternative
 * sources, French factor files, a FRED series, holdings and constituents). Also: a file that fails
 * inside a many-file write (a bar without a close: the database refuses it) fails alone and leaves the
 * store as the file-by-file import leaves it; an import stopped after 10 files and resumed gives the
 * same store.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../src/model/batch.ts';
import { type ImportOptions, type ImportSummary, importPaths } from '../../src/store/ingest.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { PG_BASE, type PgTestStore, pgTestStore } from '../helpers/pg.ts';
import { DATA_DIR } from '../helpers/temp.ts';
import { BULK_SUBSET_FILES, FINGERPRINT_COLUMNS, SUBSET_OTHER, SUBSET_PRICES } from '../helpers/bulk-import-subset.ts';

const FILES = BULK_SUBSET_FILES;
const TABLES = FINGERPRINT_COLUMNS;

/** Row count and a checksum of every row (md5 of the rows' text, sorted), per table. */
async function fingerprint(schema: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    const out: Record<string, string> = {};
    for (const [t, cols] of Object.entries(TABLES)) {
      const r = await c.query(
        `SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') AS h FROM (SELECT ${cols} FROM ${schema}.${t}) AS x`,
      );
      out[t] = `${r.rows[0].n} rows, checksum ${r.rows[0].h}`;
    }
    return out;
  } finally {
    await c.end();
  }
}

/** A bar of `file` loses its close (the bars table refuses NULL): that file fails when written. */
function breakFile(batch: ImportBatch, file: string | undefined): ImportBatch {
  if (batch.file !== file) return batch;
  return { ...batch, bars: batch.bars.map((b, i) => (i === 3 ? { ...b, close: null as unknown as number } : b)) };
}

/** The store as importPaths sees it: bulk (with a log of each write's files) or file by file; `bad` breaks one file. */
function view(store: MarketStore, how: { bulk: boolean; bad?: string; writes?: string[][] }): MarketStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'writeBatches') {
        if (!how.bulk) return undefined;
        return (batches: ImportBatch[]) => {
          how.writes?.push(batches.map((b) => b.file));
          return target.writeBatches!(batches.map((b) => breakFile(b, how.bad)));
        };
      }
      if (prop === 'writeBatch') return (b: ImportBatch, o: unknown) => target.writeBatch(breakFile(b, how.bad), o as never);
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as MarketStore;
}

const OPTS: ImportOptions = { dataRoot: DATA_DIR, lenient: false };

describe('PostgreSQL bulk import = file-by-file import on a subset of the real data folder', () => {
  const made: PgTestStore[] = [];
  let reference: { summary: ImportSummary; print: Record<string, string> };
  const open = async () => {
    const s = await pgTestStore('md_pgbulk');
    made.push(s);
    return s;
  };

  beforeAll(async () => {
    const t = await open();
    const summary = await importPaths(view(t.store, { bulk: false }), FILES, OPTS);
    reference = { summary, print: await fingerprint(t.schema) };
  }, 900_000);
  afterAll(async () => {
    for (const s of made) await s.drop();
  });

  it('the reference run imported every file and made source decisions of every kind the subset holds', () => {
    const t = reference.summary.totals;
    expect(t.failed).toBe(0);
    expect(t.imported).toBe(FILES.length);
    const outcomes = new Set(reference.summary.files.flatMap((f) => f.sources.map((d) => d.outcome)));
    for (const o of ['only', 'ranked', 'beside'] as const) expect(outcomes.has(o)).toBe(true);
    const stored = ['bars', 'observations', 'holdings', 'fundamentals', 'flows'].reduce((a, k) => a + Number.parseInt(reference.print[k], 10), 0);
    expect(stored).toBe(t.rowsNew);
  });

  for (const flushRows of [undefined, 25_000, 1]) {
    it(`bulk with ${flushRows ?? 'the default'} rows per write: same tables, same outcomes and decisions`, async () => {
      const t = await open();
      const writes: string[][] = [];
      const summary = await importPaths(view(t.store, { bulk: true, writes }), FILES, { ...OPTS, flushRows });
      expect(await fingerprint(t.schema)).toEqual(reference.print);
      expect(summary).toEqual(reference.summary);
      if (flushRows !== 1) expect(Math.max(...writes.map((w) => w.length))).toBeGreaterThan(5);
    }, 900_000);
  }

  it('interrupted after 10 files, then resumed: the same store; the resumed run imports only the rest', async () => {
    const t = await open();
    let seen = 0;
    const first = await importPaths(t.store, FILES, { ...OPTS, shouldStop: () => seen++ >= 10 });
    expect(first.interrupted).toEqual({ filesLeft: FILES.length - 10 });
    expect(first.files.filter((f) => f.status === 'imported')).toHaveLength(10);
    const known = new Set((await t.store.imports()).map((r) => `${r.file} ${r.sha256}`));
    expect(known.size).toBe(10);
    const second = await importPaths(t.store, FILES, { ...OPTS, known });
    expect(second.totals).toMatchObject({ unchanged: 10, imported: FILES.length - 10, failed: 0 });
    expect(await fingerprint(t.schema)).toEqual(reference.print);
  }, 900_000);

  it('a file failing inside a many-file write fails alone: the same store and outcomes as file by file', async () => {
    const few = [...SUBSET_PRICES.slice(0, 8).map((f) => join(DATA_DIR, f)), join(DATA_DIR, SUBSET_OTHER[2])];
    const bad = 'prices/GSPC_INDEX.csv';
    const ref = await open();
    const refSummary = await importPaths(view(ref.store, { bulk: false, bad }), few, OPTS);
    const t = await open();
    const writes: string[][] = [];
    const summary = await importPaths(view(t.store, { bulk: true, bad, writes }), few, OPTS);
    // The bad file was written together with others (a many-file transaction that rolled back).
    expect(writes.some((w) => w.length > 1 && w.includes(bad))).toBe(true);
    expect(summary.files.filter((f) => f.status === 'failed').map((f) => f.file)).toEqual([bad]);
    expect(summary.files.find((f) => f.file === bad)?.error).toMatch(/close/);
    expect(summary.totals).toMatchObject({ imported: few.length - 1, failed: 1 });
    expect(summary).toEqual(refSummary);
    const print = await fingerprint(t.schema);
    expect(print).toEqual(await fingerprint(ref.schema));
    expect(print.imports).toMatch(/^8 rows/);
  }, 900_000);
});
