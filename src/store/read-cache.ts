/**
 * The read cache (`<store>.read-cache`, duckdb/read-cache-*.ts) for the processes that keep a DuckDB
 * store open for a long time (the server, its pool workers): open it when it is fresh, tell whether it
 * still is, and rebuild it after the owner wrote and closed the store. Commands use it through the CLI's
 * composition root; this is the same cache behind the store layer's own door, so the server need not
 * name the DuckDB implementation.
 */
import { CachedStore } from './duckdb/read-cache-store.ts';
import type { MarketStore } from './store.ts';

/** A store answering from the read cache; `fallback` for what the cache does not hold. */
export interface ReadCache extends MarketStore {
  /** The stamp of the store file the cache was built from: changes with every write. */
  readonly stamp: string;
  /** The store file is still as the cache was built from (an import, even one not through us, makes it false). */
  isFresh(): boolean;
  /** Close the cache file; the fallback store stays open. */
  release(): void;
}

/**
 * The read cache of the DuckDB file at `location` when it is present and fresh, else null (a
 * PostgreSQL URL or an in-memory store: null). Questions the cache does not answer go to `fallback`.
 */
export function openReadCache(location: string, fallback: () => Promise<MarketStore>): ReadCache | null {
  if (location === ':memory:' || /^postgres(ql)?:\/\//i.test(location) || process.env.MARKETDASH_READ_CACHE === '0') return null;
  return CachedStore.open(location, fallback);
}

/**
 * After a process that owned the DuckDB file at `location` wrote to it and closed it: rebuild the
 * read cache (as write commands do), so the next readers need not load DuckDB. Best effort.
 */
export async function rebuildReadCache(location: string): Promise<boolean> {
  if (location === ':memory:' || /^postgres(ql)?:\/\//i.test(location) || process.env.MARKETDASH_READ_CACHE === '0') return false;
  const { refreshReadCache } = await import('./duckdb/read-cache-build.ts');
  const { DuckDbStore } = await import('./duckdb/duckdb-store.ts');
  return refreshReadCache(location, (db) => DuckDbStore.open(db, { readOnly: true }));
}
