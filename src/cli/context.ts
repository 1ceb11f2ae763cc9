/** Resolves where the data and the store live, and opens the store for a command. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { UserError } from '../model/errors.ts';
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

/** Store file: --db, else MARKETDASH_DB, else .marketdash/marketdash.duckdb under the project root. */
export function dbPath(opts: GlobalOptions): string {
  if (opts.db) return resolve(opts.db);
  if (process.env.MARKETDASH_DB) return resolve(process.env.MARKETDASH_DB);
  return resolve(PACKAGE_ROOT, '.marketdash', 'marketdash.duckdb');
}

/**
 * Open the store. Read-only: the file must exist (nothing is created or migrated) and DuckDB opens it
 * in READ_ONLY mode, so several readers can share it; otherwise it is created and migrated if needed.
 */
export async function openStore(opts: GlobalOptions, mode: { readOnly?: boolean } = {}): Promise<MarketStore> {
  const path = dbPath(opts);
  if (mode.readOnly) {
    if (!existsSync(path)) throw new UserError(`no store at ${path}: import data first (marketdash import DIR)`, 'not_found');
    return DuckDbStore.open(path, { readOnly: true });
  }
  return DuckDbStore.open(path);
}

export async function withStore<T>(
  opts: GlobalOptions,
  fn: (store: MarketStore) => Promise<T>,
  mode: { readOnly?: boolean } = {},
): Promise<T> {
  const store = await openStore(opts, mode);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
