/** Test helpers for the server: a temp store with the real files the pages need, a running server. */
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import type { ServerOptions } from '../../src/server/context.ts';
import { copySharedStore, openPrivateStore, openSharedStore } from '../helpers/shared-store.ts';
import { FLOWS_CSV, SERVER_EXTRA, SERVER_FILES } from './fixtures.ts';
import type { JsonDoc } from '../helpers/json-doc.ts';

export { FLOWS_CSV, SERVER_FILES } from './fixtures.ts';

export interface TestStore {
  path: string;
  store: DuckDbStore;
  cleanup: () => Promise<void>;
}

/**
 * A store of the files opened read-only (as `serve` does). The default set (SERVER_FILES, with the
 * FLOWS_CSV file) is the run's shared server store (test/helpers/shared-store.ts), opened in place:
 * nothing imported again. Any other set gets a private copy of its shared store in a temp folder (a
 * test may hand the path to a server process, which keeps files beside it).
 */
export async function buildStore(files: string[] = SERVER_FILES, extra: { rel: string; content: string }[] = []): Promise<TestStore> {
  const defaults = files === SERVER_FILES && extra.every((e) => e.rel === 'flows/etf_flows.csv' && e.content.trim() === FLOWS_CSV.trim());
  if (defaults) return openSharedStore(SERVER_FILES, SERVER_EXTRA);
  return openPrivateStore('md-server-', (path) => copySharedStore(files, path, extra));
}

export async function startTest(store: DuckDbStore, opts: ServerOptions = {}): Promise<RunningServer> {
  return startServer(store, { host: '127.0.0.1', port: 0, ...opts });
}

export async function getJson(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: JsonDoc; headers: Headers }> {
  const r = await fetch(base + path, init);
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: r.status, body, headers: r.headers };
}
