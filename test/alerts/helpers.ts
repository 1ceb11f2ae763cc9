/** Test helpers for alerts: a temp market store with the real files the conditions read. */
import { join } from 'node:path';
import { copySharedStore } from '../helpers/shared-store.ts';
import { tempDir } from '../helpers/temp.ts';

export const ALERT_FILES = ['IWM', 'SPY', 'GSPC_INDEX', 'RUT_INDEX'].map((s) => `prices/${s}.csv`);

/**
 * A private copy of the run's shared store holding exactly `files` (test/helpers/shared-store.ts:
 * imported once per run) in a temp folder; returns its folder (the state store goes beside it).
 */
export async function buildMarketStore(files: string[] = ALERT_FILES): Promise<{ dir: string; dbPath: string; cleanup: () => void }> {
  const tmp = tempDir('md-alerts-');
  const dbPath = join(tmp.dir, 'market.duckdb');
  await copySharedStore(files, dbPath);
  return { dir: tmp.dir, dbPath, cleanup: tmp.cleanup };
}
