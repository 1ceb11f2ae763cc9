/** Resolves where the data and the store live, and opens the store for a command. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../model/errors.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
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
 * Open the store. Read commands (the default) open it read-only and never create one: a missing
 * file is a usage error naming --db, not a new empty store. `write` opens (creating if needed) for
 * import, fetch, sources prefer and main.
 */
export async function openStore(opts: GlobalOptions, mode: { write?: boolean } = {}): Promise<MarketStore> {
  const path = dbPath(opts);
  if (!mode.write && !existsSync(path)) {
    const from = opts.db ? '--db' : process.env.MARKETDASH_DB ? 'MARKETDASH_DB' : 'the default store';
    throw new UserError(
      `no store at ${path} (from ${from}); a read command never creates one — check the path, or build it with \`marketdash main\` or \`marketdash import DIR\``,
    );
  }
  return DuckDbStore.open(path, { readOnly: !mode.write });
}

export async function withStore<T>(opts: GlobalOptions, fn: (store: MarketStore) => Promise<T>, mode: { write?: boolean } = {}): Promise<T> {
  const store = await openStore(opts, mode);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
