/** A temp-file store with only the real data files a report test needs. */
import { join } from 'node:path';
import { DuckDbStore } from '../../../src/store/duckdb/duckdb-store.ts';
import { copySharedStore } from '../../helpers/shared-store.ts';
import { tempDir } from '../../helpers/temp.ts';

export const PAIR_FILES = [
  'prices/IWM.csv',
  'prices/SPY.csv',
  'prices/QQQ.csv',
  'prices/MAGS.csv',
  'prices/RSP.csv',
  'prices/IJH.csv',
  'prices/IWC.csv',
  'prices/XLE.csv',
  'prices/XLK.csv',
  'prices/XLI.csv',
  'prices/alt/IWM__aurum.csv',
  'prices/alt/SPY__aurum.csv',
  'factors/F-F_Research_Data_Factors_daily.csv',
  'constituents/IWM_holdings_2026-05-05.csv',
];

/**
 * A private store (read-write, `dir/store.duckdb`) holding exactly `files`: a copy of the run's
 * shared store for that set (test/helpers/shared-store.ts), imported once per run, not per file.
 */
export async function realStore(
  files: string[],
): Promise<{ store: DuckDbStore; dir: string; cleanup: () => Promise<void> }> {
  const tmp = tempDir('md-report-');
  const path = join(tmp.dir, 'store.duckdb');
  await copySharedStore(files, path);
  const store = await DuckDbStore.open(path);
  return {
    store,
    dir: tmp.dir,
    cleanup: async () => {
      try {
        await store.close();
      } catch {
        // already closed by the test
      } finally {
        tmp.cleanup();
      }
    },
  };
}
