/** Test helpers for the server: a temp store with the real files the pages need, a running server. */
import { join } from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import type { ServerOptions } from '../../src/server/context.ts';
import { inject } from 'vitest';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';
import { FLOWS_CSV, SERVER_FILES } from './fixtures.ts';

export { FLOWS_CSV, SERVER_FILES } from './fixtures.ts';

export interface TestStore {
  path: string;
  store: DuckDbStore;
  cleanup: () => Promise<void>;
}

/**
 * Import the files into a temp DuckDB file, then reopen it read-only (as `serve` does). The default
 * set (SERVER_FILES, optionally with the FLOWS_CSV file) is the shared store the slow project's
 * global setup built once (test/global-store.ts): opened read-only, nothing imported again.
 */
export async function buildStore(files: string[] = SERVER_FILES, extra: { rel: string; content: string }[] = []): Promise<TestStore> {
  const shared = inject('serverStorePath');
  const defaults = files === SERVER_FILES && extra.every((e) => e.rel === 'flows/etf_flows.csv' && e.content.trim() === FLOWS_CSV.trim());
  if (shared && defaults) {
    const store = await DuckDbStore.open(shared, { readOnly: true });
    return { path: shared, store, cleanup: () => store.close() };
  }
  const tmp = tempDir('md-server-');
  const path = join(tmp.dir, 'store.duckdb');
  const w = await DuckDbStore.open(path);
  const paths = files.map((f) => join(DATA_DIR, f));
  for (const e of extra) paths.push(tmp.write(e.rel, e.content));
  const summary = await importPaths(w, paths, { dataRoot: DATA_DIR, lenient: false });
  await w.close();
  const failed = summary.files.filter((f) => f.status === 'failed');
  if (failed.length) throw new Error(`test store: import failed: ${failed.map((f) => `${f.file}: ${f.error}`).join('; ')}`);
  const store = await DuckDbStore.open(path, { readOnly: true });
  return {
    path,
    store,
    cleanup: async () => {
      await store.close();
      tmp.cleanup();
    },
  };
}

export async function startTest(store: DuckDbStore, opts: ServerOptions = {}): Promise<RunningServer> {
  return startServer(store, { host: '127.0.0.1', port: 0, ...opts });
}

export async function getJson(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await fetch(base + path, init);
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: r.status, body, headers: r.headers };
}
