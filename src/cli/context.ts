/** Resolves where the data and the store live, and opens the store for a command. */
import type { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { PreparedCache } from '../store/duckdb/read-cache-build.ts';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../model/errors.ts';
import { CachedStore } from '../store/duckdb/read-cache-store.ts';
import { isPostgresUrl, type OpenOptions, openMarketStore } from '../store/open.ts';
import type { MarketStore } from '../store/store.ts';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface GlobalOptions {
  db?: string;
  data?: string;
  json?: boolean;
}

/** Data folder: --data, else MARKETDASH_DATA, else ../shared/data beside the project root. */
export function dataDir(opts: GlobalOptions): string {
  if (opts.data) return resolve(opts.data);
  if (process.env.MARKETDASH_DATA) return resolve(process.env.MARKETDASH_DATA);
  return resolve(PACKAGE_ROOT, '..', 'shared', 'data');
}

/**
 * Store: --db, else MARKETDASH_DB, else .marketdash/marketdash.duckdb under the project root.
 * A postgres://… URL selects the PostgreSQL store; anything else is a DuckDB file path.
 */
export function dbPath(opts: GlobalOptions): string {
  const given = opts.db ?? process.env.MARKETDASH_DB;
  if (given && isPostgresUrl(given)) return given;
  if (given) return resolve(given);
  return resolve(PACKAGE_ROOT, '.marketdash', 'marketdash.duckdb');
}

/** The store location as it may be shown (a PostgreSQL URL without its password). */
export function shownDb(opts: GlobalOptions): string {
  const p = dbPath(opts);
  return isPostgresUrl(p) ? p.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@') : p;
}

/** How a command opens the store: read (the default), or write (`write: true`, or `readOnly: false` with a `role`). */
export type StoreMode = OpenOptions & { write?: boolean };

/**
 * Open the store. Read commands (the default) open it read-only and never create one: a missing
 * file is a usage error naming --db, not a new empty store. Writers (import, fetch, sources prefer,
 * main, serve) pass `write: true` or `readOnly: false`, and name their `role` (shown to whoever waits
 * for them). While a server owns a DuckDB file, both go through its socket; a postgres:// URL opens
 * the PostgreSQL store.
 */
export async function openStore(opts: GlobalOptions, mode: StoreMode = {}): Promise<MarketStore> {
  const path = dbPath(opts);
  const { write: w, ...rest } = mode;
  const write = w === true || mode.readOnly === false;
  if (!write && !isPostgresUrl(path) && !existsSync(path)) {
    const from = opts.db ? '--db' : process.env.MARKETDASH_DB ? 'MARKETDASH_DB' : 'the default store';
    throw new UserError(
      `no store at ${path} (from ${from}); a read command never creates one — check the path, or build it with \`marketdash main\` or \`marketdash import DIR\``,
    );
  }
  const open = () => openMarketStore(path, { ...rest, readOnly: !write, role: mode.role ?? (write ? 'write' : undefined) });
  // A read of a DuckDB file answers from its read cache when the cache is fresh (no DuckDB loaded).
  if (!write && !isPostgresUrl(path) && readCacheEnabled()) return CachedStore.open(path, open) ?? open();
  return open();
}

/** The read cache is used unless MARKETDASH_READ_CACHE=0. */
const readCacheEnabled = () => process.env.MARKETDASH_READ_CACHE !== '0';

/**
 * After a command wrote to a DuckDB file it owned (not through a server's socket), rebuild the file's
 * read cache, so the next read commands need not load DuckDB. Best effort: without a cache they read
 * the store itself.
 */
export async function afterWrite(path: string, store: MarketStore, prepared: PreparedCache | null = null): Promise<void> {
  if (!ownsCacheOf(path, store)) return;
  const { refreshReadCache, writePreparedCache } = await import('../store/duckdb/read-cache-build.ts');
  if (prepared && writePreparedCache(prepared)) return;
  const { DuckDbStore } = await import('../store/duckdb/duckdb-store.ts');
  await refreshReadCache(path, (db) => DuckDbStore.open(db, { readOnly: true }));
}

/** Whether this command's store is a DuckDB file it holds itself, whose read cache it keeps. */
const ownsCacheOf = (path: string, store: MarketStore): boolean =>
  !isPostgresUrl(path) && path !== ':memory:' && readCacheEnabled() && store.kind === 'duckdb' && !('remote' in store);

/** Before a write command closes its store: the read cache's contents read from it (see afterWrite), or null. */
export async function beforeClose(path: string, store: MarketStore): Promise<PreparedCache | null> {
  if (!ownsCacheOf(path, store)) return null;
  const { prepareReadCache } = await import('../store/duckdb/read-cache-build.ts');
  return prepareReadCache(path, store as DuckDbStore);
}

export async function withStore<T>(opts: GlobalOptions, fn: (store: MarketStore) => Promise<T>, mode: StoreMode = {}): Promise<T> {
  const store = await openStore(opts, mode);
  const writes = mode.write === true || mode.readOnly === false;
  let result: T;
  let prepared: PreparedCache | null = null;
  try {
    result = await fn(store);
    if (writes) prepared = await beforeClose(dbPath(opts), store);
  } finally {
    await store.close();
  }
  if (writes) await afterWrite(dbPath(opts), store, prepared);
  return result;
}
