/**
 * The bulk import (many files per DuckDB transaction, ingest-bulk.ts) must leave exactly the store the
 * one-file-per-transaction import leaves, and report the same per-file outcomes and source decisions.
 * Second method: the same files through importPaths on a store that hides `writeBatches`, which
 * takes the file-by-file path (importOne → planPreference → writeBatch per file).
 *
 * The files are a representative subset of the real data folder (test/helpers/bulk-import-subset.ts):
 * panel files of symbols that also have their own price file (the panel → market-lab 'ranked'
 * replacement), the price files of those symbols and of the ETFs/indices with alternative sources
 * (prices/alt: 'beside', 'conflict', 'extends'), a French factor file, a FRED series and the
 * constituent/holdings files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { type ImportOptions, type ImportSummary, importPaths } from '../../src/store/ingest.ts';
import type { MarketStore } from '../../src/store/store.ts';
import { DATA_DIR, memoryStore } from '../helpers/temp.ts';
import { BULK_SUBSET_FILES, FINGERPRINT_COLUMNS } from '../helpers/bulk-import-subset.ts';

const FILES = BULK_SUBSET_FILES;
const TABLES = FINGERPRINT_COLUMNS;

/** Row count and an order-independent checksum of every row, per table. */
async function fingerprint(store: DuckDbStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [t, cols] of Object.entries(TABLES)) {
    const r = await store.sql(
      `SELECT count(*) AS n, coalesce(sum(hash(x::VARCHAR)), 0)::VARCHAR AS h FROM (SELECT ${cols} FROM ${t}) AS x`,
    );
    out[t] = `${r[0].n} rows, checksum ${r[0].h}`;
  }
  return out;
}

/** The same store without writeBatches: importPaths writes it one file per transaction. */
function fileByFile(store: DuckDbStore): MarketStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'writeBatches') return undefined;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as MarketStore;
}

const OPTS: ImportOptions = { dataRoot: DATA_DIR, lenient: false };

describe('bulk import = file-by-file import on a subset of the real data folder', () => {
  const stores: DuckDbStore[] = [];
  let reference: { summary: ImportSummary; print: Record<string, string> };
  const open = async () => {
    const s = await memoryStore();
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    const store = await open();
    const summary = await importPaths(fileByFile(store), FILES, OPTS);
    reference = { summary, print: await fingerprint(store) };
  }, 600_000);
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('the reference run imported every file and made source decisions of every kind the subset holds', () => {
    const t = reference.summary.totals;
    expect(t.failed).toBe(0);
    expect(t.imported).toBe(FILES.length);
    const outcomes = new Set(reference.summary.files.flatMap((f) => f.sources.map((d) => d.outcome)));
    for (const o of ['only', 'ranked', 'beside'] as const) expect(outcomes.has(o)).toBe(true);
    // Every new row the summary counts is a stored row (a fresh store: nothing revised).
    const stored = ['bars', 'observations', 'holdings', 'fundamentals', 'flows'].reduce(
      (a, k) => a + Number.parseInt(reference.print[k], 10),
      0,
    );
    expect(stored).toBe(t.rowsNew);
  });

  for (const flushRows of [undefined, 25_000, 1]) {
    it(`bulk with ${flushRows ?? 'the default'} rows per write: same tables, same outcomes and decisions`, async () => {
      const store = await open();
      const summary = await importPaths(store, FILES, { ...OPTS, flushRows });
      expect(await fingerprint(store)).toEqual(reference.print);
      expect(summary).toEqual(reference.summary);
    }, 600_000);
  }

  it('interrupted after 10 files, then resumed: the same store; the resumed run imports only the rest', async () => {
    const store = await open();
    let seen = 0;
    const first = await importPaths(store, FILES, { ...OPTS, shouldStop: () => seen++ >= 10 });
    expect(first.interrupted).toEqual({ filesLeft: FILES.length - 10 });
    expect(first.files.filter((f) => f.status === 'imported')).toHaveLength(10);
    const known = new Set((await store.imports()).map((r) => `${r.file} ${r.sha256}`));
    expect(known.size).toBe(10);
    const second = await importPaths(store, FILES, { ...OPTS, known });
    expect(second.totals).toMatchObject({ unchanged: 10, imported: FILES.length - 10, failed: 0 });
    expect(await fingerprint(store)).toEqual(reference.print);
  }, 600_000);
});
