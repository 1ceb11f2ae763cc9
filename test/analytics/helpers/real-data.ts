/**
 * Test-only loaders for the real files in ../shared/data, with a few lines of plain parsing
 * (deliberately not the project's importers, so the tests stay an independent check).
 */
import { readFileSync } from 'node:fs';
import type { PriceSeries, ReturnSeries } from '../../../src/model/series.ts';

import { DATA_DIR } from '../../helpers/temp.ts';

export const DATA = DATA_DIR;
export const PRICES = `${DATA}/prices`;
export const FF_DAILY = `${DATA}/factors/F-F_Research_Data_Factors_daily.csv`;

/** Rows of a `date,open,high,low,close,volume` file as raw strings, header dropped. */
export function readPriceRows(symbol: string): string[][] {
  const lines = readFileSync(`${PRICES}/${symbol}.csv`, 'utf8').trim().split('\n');
  return lines.slice(1).map((l) => l.trim().split(','));
}

/** A PriceSeries from a `date,open,high,low,close,volume` file (adjusted, source `file:prices`). */
export function loadPrices(symbol: string): PriceSeries {
  const rows = readPriceRows(symbol);
  const col = (k: number) => Float64Array.from(rows, (r) => Number(r[k]));
  return {
    symbol,
    source: 'file:prices',
    adjustment: 'split+dividend',
    dates: rows.map((r) => r[0]),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
  };
}

/** Fama-French daily factors: 4 preamble lines, header on line 5, percent values, Copyright footer. */
export function readFFRows(): { date: string; cols: string[] }[] {
  const lines = readFileSync(FF_DAILY, 'utf8').split(/\r?\n/);
  const out: { date: string; cols: string[] }[] = [];
  for (const line of lines.slice(5)) {
    const cells = line.split(',').map((c) => c.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cells[0] ?? '')) continue; // blank line, Copyright footer
    out.push({ date: cells[0], cols: cells.slice(1) });
  }
  return out;
}

/** One FF factor as a ReturnSeries of fractions (percent / 100). Columns: Mkt-RF, SMB, HML, RF. */
export function loadFactor(name: 'Mkt-RF' | 'SMB' | 'HML' | 'RF'): ReturnSeries {
  const k = ['Mkt-RF', 'SMB', 'HML', 'RF'].indexOf(name);
  const rows = readFFRows();
  return {
    symbol: `FF.${name}`,
    source: 'file:factors/F-F_Research_Data_Factors_daily.csv',
    dates: rows.map((r) => r.date),
    ret: Float64Array.from(rows, (r) => Number(r.cols[k]) / 100),
  };
}
