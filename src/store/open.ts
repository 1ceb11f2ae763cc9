/**
 * Opening a store for a command, respecting DuckDB's one-writer-or-many-readers rule:
 * - a PostgreSQL URL opens the PostgreSQL store (many processes, many machines);
 * - when a server owns the DuckDB file (`<store>.owner.json` names its socket), calls go to it;
 * - otherwise the file is opened directly (read-only for read commands); while another process
 *   holds it, the caller waits (`waiting for the store, held by PID n (role)…`) up to a timeout.
 */
import { existsSync } from 'node:fs';
import { UserError } from '../model/errors.ts';
import { clearOwner, lockConflictPid, readOwner, type StoreOwner, writeOwner } from './duckdb/owner.ts';

export { socketPathFor } from './duckdb/owner.ts';
import { connectRemoteStore } from './remote/remote-store.ts';
import type { MarketStore } from './store.ts';

export interface OpenOptions {
  readOnly?: boolean;
  /** The command opening it, recorded for others to see while it holds the file ('import', 'serve', …). */
  role?: string;
  /** Give up waiting for another process after this long (default 60 s, env MARKETDASH_LOCK_TIMEOUT seconds). */
  timeoutMs?: number;
  /** Where waiting messages go (default stderr). */
  onWait?: (message: string) => void;
  /** Owners (servers) never forward to another owner: they need the file itself. */
  direct?: boolean;
  /** Socket path this process will answer on (recorded in the owner file). */
  socket?: string | null;
}

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

export function lockTimeoutMs(o: OpenOptions): number {
  if (o.timeoutMs !== undefined) return o.timeoutMs;
  const env = Number(process.env.MARKETDASH_LOCK_TIMEOUT);
  return Number.isFinite(env) && env >= 0 && process.env.MARKETDASH_LOCK_TIMEOUT ? env * 1000 : 60_000;
}

const describe = (pid: number | null, owner: StoreOwner | null): string =>
  owner ? `PID ${owner.pid} (${owner.role})` : pid ? `PID ${pid}` : 'another process';

export async function openMarketStore(location: string, o: OpenOptions = {}): Promise<MarketStore> {
  if (isPostgresUrl(location)) {
    const { PgStore } = await import('./postgres/pg-store.ts');
    return PgStore.open(location, { readOnly: o.readOnly });
  }
  // DuckDB (its native library) is loaded only by the commands that open a store file.
  const { DuckDbStore } = await import('./duckdb/duckdb-store.ts');
  if (location === ':memory:') return DuckDbStore.open(location);
  const deadline = Date.now() + lockTimeoutMs(o);
  const onWait = o.onWait ?? ((m: string) => process.stderr.write(`${m}\n`));
  let told = '';
  let delay = 50;
  for (;;) {
    const owner = readOwner(location);
    if (owner?.socket && !o.direct && owner.pid !== process.pid) {
      try {
        return await connectRemoteStore(owner.socket, location);
      } catch {
        // The owner is starting or stopping: try the file again below.
      }
    }
    try {
      return await openDirect(location, o);
    } catch (e) {
      const pid = lockConflictPid((e as Error).message);
      if (pid === undefined) throw e;
      const who = describe(pid, readOwner(location));
      if (Date.now() >= deadline) {
        throw new UserError(
          `the store ${location} is held by ${who}; gave up after ${Math.round(lockTimeoutMs(o) / 1000)} s (MARKETDASH_LOCK_TIMEOUT=seconds to wait longer)`,
          'unavailable',
        );
      }
      const msg = `waiting for the store, held by ${who}…`;
      if (msg !== told) onWait(msg);
      told = msg;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  }
}

async function openDirect(location: string, o: OpenOptions): Promise<MarketStore> {
  const { DuckDbStore } = await import('./duckdb/duckdb-store.ts');
  if (o.readOnly) {
    // A read creates nothing: no file, no migration.
    if (!existsSync(location)) throw new UserError(`no store at ${location}: import data first (marketdash import DIR)`, 'not_found');
    return DuckDbStore.open(location, { readOnly: true });
  }
  const store = await DuckDbStore.open(location);
  writeOwner(location, o.role ?? 'write', o.socket ?? null);
  const close = store.close.bind(store);
  store.close = async () => {
    clearOwner(location);
    await close();
  };
  return store;
}
