/**
 * What a pool worker runs: CPU-heavy server work (claim checks, reports, uncached facts) over its
 * own read-only connection to the store file (or to PostgreSQL), so the event loop that answers HTTP
 * stays free.
 * Errors come back as data (class, code, message, parameter) so the main thread re-raises the same
 * kind of error and the HTTP status is unchanged.
 */
import { workerData } from 'node:worker_threads';
import { toJson } from '../../format/json.ts';
import { ParamError } from '../../facts/params.ts';
import { UserError } from '../../model/errors.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { CachedStore } from '../../store/duckdb/read-cache-store.ts';
import { isPostgresUrl } from '../../store/open.ts';
import { connectRemoteStore } from '../../store/remote/remote-store.ts';
import type { MarketStore } from '../../store/store.ts';
import { ENDPOINT_BY_PATH } from '../endpoints.ts';
import { HttpError } from '../errors.ts';
import { type CheckRequest, checkFacts } from '../integrations.ts';
import { ReadOnlyCachedStore } from '../store-cache.ts';

/** `cache`: the stamp of the store's read cache while the server answers from it (the worker reads it too), else null. */
export type Task = ({ kind: 'endpoint'; path: string; params: Record<string, unknown> } | { kind: 'check'; req: CheckRequest } | { kind: 'warm' }) & {
  cache?: string | null;
  /** The pool's data generation (pool.ts): a new one makes the worker forget its memoised reads. */
  generation?: number;
};

export type WireError =
  | { kind: 'param'; message: string; param: string }
  | { kind: 'user'; message: string; code: UserError['code'] }
  | { kind: 'http'; message: string; status: HttpError['status']; code: HttpError['code']; param?: string }
  | { kind: 'internal'; message: string; name: string; stack?: string };

/** `json`: an endpoint's object result, serialised here (off the event loop); `value`: a text result (reports as HTML, checks). */
export type TaskResult = { ok: true; value: unknown } | { ok: true; json: string } | { ok: false; error: WireError };

let store: Promise<MarketStore> | null = null;

/**
 * Shared with the pool (pool.ts): [0] = 1 once the pool is closing, [1] = workers that have closed
 * their store since. A closing pool's tasks answer 503 without touching the store, and each worker
 * closes its store once no task of its own runs, before the pool terminates the thread: a thread
 * terminated with a DuckDB call in flight takes the process down (Napi::Error).
 */
const control = (workerData as { control?: Int32Array } | null)?.control;
let running = 0;
let storeClosed = false;

async function closeOwnStore(): Promise<void> {
  if (storeClosed || !control) return;
  storeClosed = true;
  const s = store;
  store = null;
  if (s) await (await s.catch(() => null))?.close().catch(() => undefined);
  cached?.cache.release();
  cached = null;
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}

// Atomics.waitAsync (Node ≥ 16) is not in the ES2022 lib the project compiles against.
type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<unknown> | string };
if (control) {
  const w = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(control, 0, 0);
  const onClosing = () => (running === 0 ? closeOwnStore() : undefined);
  if (w.async) void (w.value as Promise<unknown>).then(onClosing);
  else void onClosing();
}

const closing = () => control !== undefined && Atomics.load(control, 0) === 1;

/** The owning server's store socket, retried while the server is still starting it. */
async function viaSocket(socket: string, dbPath: string): Promise<MarketStore> {
  for (let i = 0; ; i++) {
    try {
      return await connectRemoteStore(socket, dbPath);
    } catch (e) {
      if (i >= 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The worker's store, opened once. When the server owns the store file (read-write, imports land
 * through it), the worker asks the server over its socket: one handle on the file, and answers never
 * older than the server's (its caches are dropped on every import). Otherwise the worker opens its
 * own read-only handle (the file, or its own connections to PostgreSQL), memoised like the main
 * thread's and forgotten with it when the data changes (follow).
 */
function openStore(): Promise<MarketStore> {
  const w = workerData as { dbPath: string; socket?: string | null };
  store ??= w.socket ? viaSocket(w.socket, w.dbPath) : openOwn(w.dbPath).then((s) => (memoised = new ReadOnlyCachedStore(s)));
  return store;
}

/** The worker's own read-only handle: on the store file, or its own few connections to PostgreSQL. */
async function openOwn(location: string): Promise<MarketStore> {
  if (!isPostgresUrl(location)) return DuckDbStore.open(location, { readOnly: true });
  const { PgStore } = await import('../../store/postgres/pg-store.ts');
  return PgStore.open(location, { readOnly: true, max: 4 });
}

/** The worker's memoised store (its own handle), and the data generation its reads belong to. */
let memoised: ReadOnlyCachedStore | null = null;
let generation = 0;

/** A PostgreSQL store changes under the worker (imports by other processes): forget what it read when the server says so. */
function follow(g: number | undefined): void {
  if (g === undefined || g === generation) return;
  generation = g;
  memoised?.clear();
}

/** The read cache the worker answers from, with the stamp the server named. */
let cached: { stamp: string; cache: CachedStore; store: MarketStore } | null = null;

/**
 * The store for a task: the read cache when the server says it answers from it (the stamp names the
 * cache: a new one is opened when it changes, and it is used only if the file still has that stamp),
 * else the worker's store (the server's socket, or its own read-only connection).
 */
function storeFor(stamp: string | null | undefined): Promise<MarketStore> {
  if (!stamp) return openStore();
  if (cached?.stamp === stamp) return Promise.resolve(cached.store);
  cached?.cache.release();
  cached = null;
  const w = workerData as { dbPath: string };
  const cache = CachedStore.open(w.dbPath, openStore);
  if (!cache || cache.stamp !== stamp) {
    cache?.release();
    return openStore();
  }
  cached = { stamp, cache, store: new ReadOnlyCachedStore(cache) };
  return Promise.resolve(cached.store);
}

export function toWire(e: unknown): WireError {
  if (e instanceof HttpError) return { kind: 'http', message: e.message, status: e.status, code: e.code, param: e.param };
  if (e instanceof ParamError) return { kind: 'param', message: e.message, param: e.param };
  if (e instanceof UserError) return { kind: 'user', message: e.message, code: e.code };
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: 'internal', message: err.message, name: err.name, stack: err.stack };
}

export function fromWire(w: WireError): Error {
  if (w.kind === 'http') return new HttpError(w.status, w.code, w.message, w.param);
  if (w.kind === 'param') return new ParamError(w.message, w.param);
  if (w.kind === 'user') return new UserError(w.message, w.code);
  const e = new Error(w.message);
  e.name = w.name;
  if (w.stack) e.stack = w.stack;
  return e;
}

export async function runTask(task: Task): Promise<TaskResult> {
  if (closing()) return { ok: false, error: toWire(stoppingError()) };
  running++;
  try {
    follow(task.generation);
    const s = await storeFor(task.cache);
    if (task.kind === 'warm') return { ok: true, value: null };
    if (task.kind === 'check') return { ok: true, value: toJson(await checkFacts(s, task.req), 0) };
    const ep = ENDPOINT_BY_PATH.get(task.path);
    if (!ep) throw new Error(`no endpoint ${task.path}`);
    const value = await ep.run(s, task.params);
    return typeof value === 'string' ? { ok: true, value } : { ok: true, json: toJson(value, 0) };
  } catch (e) {
    return { ok: false, error: toWire(e) };
  } finally {
    running--;
    if (running === 0 && closing()) await closeOwnStore();
  }
}

/** 503: the server is stopping (a task that reached a worker after the pool began to close). */
export function stoppingError(): HttpError {
  const e = new HttpError(503, 'unavailable', 'the server is stopping');
  e.retryAfter = 2;
  return e;
}
