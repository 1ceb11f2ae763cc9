/**
 * The subset of the real data folder the bulk-vs-file-by-file import tests use (DuckDB and PostgreSQL):
 * panel files of symbols that also have their own price file (the panel → market-lab 'ranked'
 * replacement), the price files of those symbols and of the ETFs/indices with alternative sources
 * (prices/alt: 'beside', 'conflict', 'extends'), French factor files, a FRED series and the
 * constituent/holdings files; and the columns of each table their fingerprints compare.
 */
import { join } from 'node:path';
import { listFiles } from '../../src/store/ingest.ts';
import { DATA_DIR } from './temp.ts';

const PANEL = ['AAL', 'AAPL', 'ABBV', 'AMZN', 'GOOGL', 'MSFT', 'NVDA'].map((s) => `panels/individual_stocks_5yr/${s}_data.csv`);
/** Relative to the data folder. */
export const SUBSET_PRICES = ['AAPL', 'AMZN', 'DIA', 'GOOGL', 'GSPC_INDEX', 'IWM', 'META', 'MSFT', 'NVDA', 'QQQ', 'RUT_INDEX', 'SPY', 'XLE'].map(
  (s) => `prices/${s}.csv`,
);
/** Relative to the data folder. */
export const SUBSET_OTHER = [
  'factors/F-F_Research_Data_Factors_daily.csv',
  'factors/F-F_Research_Data_5_Factors_2x3.csv',
  'macro/DFF.csv',
  'constituents/IWM_holdings_2026-05-05.csv',
  'constituents/sp500_constituents.csv',
  'constituents/sp500_constituents-financials.csv',
];

export const BULK_SUBSET_FILES = [
  ...[...PANEL, ...SUBSET_PRICES, ...SUBSET_OTHER].map((f) => join(DATA_DIR, f)),
  ...listFiles([join(DATA_DIR, 'prices', 'alt')]).files,
];

/** Per table, the columns compared: every one but the import's clock. */
export const FINGERPRINT_COLUMNS: Record<string, string> = {
  imports: 'id, file, sha256, importer, source, rows_read, rows_new, rows_revised', // not imported_at (a clock)
  instruments: '*',
  price_sources: '*',
  bars: '*',
  series_meta: '*',
  observations: '*',
  holdings: '*',
  fundamentals: '*',
  flows: '*',
};
