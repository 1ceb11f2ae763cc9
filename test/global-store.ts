/**
 * Slow project global setup: the server/API store (SERVER_FILES + a hand-made flows file) is
 * imported ONCE per run into a DuckDB file; test files open it read-only (test/server/helpers.ts
 * buildStore) instead of importing the same files again each.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../src/store/ingest.ts';
import { DATA_DIR, tempDir } from './helpers/temp.ts';
import { FLOWS_CSV, SERVER_FILES } from './server/fixtures.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the shared read-only server store (SERVER_FILES + flows/etf_flows.csv). */
    serverStorePath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const tmp = tempDir('md-shared-store-');
  const path = join(tmp.dir, 'server.duckdb');
  const w = await DuckDbStore.open(path);
  const paths = [...SERVER_FILES.map((f) => join(DATA_DIR, f)), tmp.write('flows/etf_flows.csv', `${FLOWS_CSV}\n`)];
  const summary = await importPaths(w, paths, { dataRoot: DATA_DIR, lenient: false });
  await w.close();
  const failed = summary.files.filter((f) => f.status === 'failed');
  if (failed.length) throw new Error(`shared store: import failed: ${failed.map((f) => `${f.file}: ${f.error}`).join('; ')}`);
  project.provide('serverStorePath', path);
  return () => rmSync(tmp.dir, { recursive: true, force: true });
}
