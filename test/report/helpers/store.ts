/** A temp-file store with only the real data files a report test needs. */
import { join } from 'node:path';
import { DuckDbStore } from '../../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../../src/store/ingest.ts';
import { DATA_DIR, tempDir } from '../../helpers/temp.ts';

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

export async function realStore(
  files: string[],
): Promise<{ store: DuckDbStore; dir: string; cleanup: () => Promise<void> }> {
  const tmp = tempDir('md-report-');
  const store = await DuckDbStore.open(join(tmp.dir, 'store.duckdb'));
  const r = await importPaths(
    store,
    files.map((f) => join(DATA_DIR, f)),
    { dataRoot: DATA_DIR, lenient: false },
  );
  const failed = r.files.filter((f) => f.status === 'failed');
  if (failed.length)
    throw new Error(`import failed: ${failed.map((f) => `${f.file}: ${f.error}`).join('; ')}`);
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
