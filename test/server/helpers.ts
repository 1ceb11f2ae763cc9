/** Test helpers for the server: a temp store with the real files the pages need, a running server. */
import { join } from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { importPaths } from '../../src/store/ingest.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import type { ServerOptions } from '../../src/server/context.ts';
import { DATA_DIR, tempDir } from '../helpers/temp.ts';

/** The real files the API and the dashboard use (not the 5-year panel). */
export const SERVER_FILES = [
  ...['IWM', 'SPY', 'RSP', 'QQQ', 'XLK', 'XLF', 'XLE', 'XLV', 'XLI', 'XLY', 'XLP', 'XLU', 'XLB', 'XLRE', 'XLC', 'MAGS', 'IJH', 'IWC'].map((s) => `prices/${s}.csv`),
  // IWM members with price files (contributions, breadth over the IWM holdings)
  ...['ALMS', 'AVAV', 'BE', 'BKKT', 'CRML', 'ERAS', 'HL', 'KTOS', 'TTMI'].map((s) => `prices/${s}.csv`),
  'prices/alt/IWM__aurum.csv',
  'factors/F-F_Research_Data_Factors_daily.csv',
  'constituents/IWM_holdings_2026-05-05.csv',
  'constituents/sp500_constituents.csv',
  'constituents/sp500_constituents-financials.csv',
];

/** A small hand-made flows file (IWM and SPY, 8 sessions) for the flows endpoint and command. */
export const FLOWS_CSV = [
  'fund,date,flow_usd,aum_usd',
  ...['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-20', '2026-01-21', '2026-01-22'].flatMap((d, i) => [
    `IWM,${d},${(i % 3 === 0 ? -1 : 1) * (100 + i * 37) * 1e6},${70e9 + i * 1e8}`,
    `SPY,${d},${(i % 2 === 0 ? 1 : -1) * (900 + i * 51) * 1e6},${650e9 + i * 1e9}`,
  ]),
].join('\n');

export interface TestStore {
  path: string;
  store: DuckDbStore;
  cleanup: () => Promise<void>;
}

/** Import the files into a temp DuckDB file, then reopen it read-only (as `serve` does). */
export async function buildStore(files: string[] = SERVER_FILES, extra: { rel: string; content: string }[] = []): Promise<TestStore> {
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
