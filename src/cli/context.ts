/** Resolves where the data and the store live, and opens the store for a command. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * Open the store. Read commands pass `{ readOnly: true }`: the file must exist (nothing is created or
 * migrated) and several readers share it; writers name their `role` (shown to whoever waits for them).
 * While a server owns a DuckDB file, both go through its socket.
 */
export async function openStore(opts: GlobalOptions, mode: OpenOptions = {}): Promise<MarketStore> {
  return openMarketStore(dbPath(opts), { readOnly: false, ...mode });
}

export async function withStore<T>(opts: GlobalOptions, fn: (store: MarketStore) => Promise<T>, mode: OpenOptions = {}): Promise<T> {
  const store = await openStore(opts, mode);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
