/** Test helpers for alerts: a temp market store with the real files the conditions read. */
import { join } from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';

export const ALERT_FILES = ['IWM', 'SPY', 'GSPC_INDEX', 'RUT_INDEX'].map((s) => `prices/${s}.csv`);

/** Import the files into a temp DuckDB file; returns its folder (the state store goes beside it). */
export async function buildMarketStore(files: string[] = ALERT_FILES): Promise<{ dir: string; dbPath: string; cleanup: () => void }> {
  const tmp = tempDir('md-alerts-');
  const dbPath = join(tmp.dir, 'market.duckdb');
  const w = await DuckDbStore.open(dbPath);
  const summary = await importPaths(w, files.map((f) => join(DATA_DIR, f)), { dataRoot: DATA_DIR, lenient: false });
  await w.close();
  const failed = summary.files.filter((f) => f.status === 'failed');
  if (failed.length) throw new Error(`import failed: ${failed.map((f) => `${f.file}: ${f.error}`).join('; ')}`);
  return { dir: tmp.dir, dbPath, cleanup: tmp.cleanup };
}
