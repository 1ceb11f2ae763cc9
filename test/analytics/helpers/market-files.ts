/**
 * Test-only loaders for the breadth/ladder/sector/levels tests: the 505-stock panel and the
 * close-only `Date,Close` price files. Plain parsing, independent of the project's importers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { PriceSeries } from '../../../src/model/series.ts';

import { DATA_DIR } from '../../helpers/temp.ts';

export const DATA = DATA_DIR;
export const PANEL_DIR = `${DATA}/panels/individual_stocks_5yr`;
export const PANEL_GLOB = `${PANEL_DIR}/*.csv`;

/** The 505 panel files as PriceSeries (closes split-adjusted, not dividend-adjusted → `split`). */
export function loadPanel(): PriceSeries[] {
  const out: PriceSeries[] = [];
  for (const f of readdirSync(PANEL_DIR)
    .filter((x) => x.endsWith('.csv'))
    .sort()) {
    const lines = readFileSync(`${PANEL_DIR}/${f}`, 'utf8').trim().split('\n');
    if (lines[0].trim() !== 'date,open,high,low,close,volume,Name')
      throw new Error(`${f}: unexpected header`);
    const rows = lines.slice(1).map((l) => l.trim().split(','));
    const symbol = rows[0][6];
    out.push({
      symbol,
      source: 'file:panels/individual_stocks_5yr',
      adjustment: 'split',
      dates: rows.map((r) => r[0]),
      close: Float64Array.from(rows, (r) => (r[4] === '' ? Number.NaN : Number(r[4]))),
      open: null,
      high: null,
      low: null,
      volume: null,
    });
  }
  return out;
}

/**
 * A price file from ../shared/data/prices as a close-only PriceSeries. Handles both layouts:
 * `date,open,high,low,close,volume` and `Date,Close`. `dropLast` drops the provisional intraday
 * last row of the dsturdy files (see prices/SOURCES.md).
 */
export function loadClose(symbol: string, opts: { dropLast?: boolean } = {}): PriceSeries {
  const lines = readFileSync(`${DATA}/prices/${symbol}.csv`, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].trim().toLowerCase().split(',');
  const ci = header.indexOf('close');
  const di = header.indexOf('date');
  if (ci < 0 || di < 0) throw new Error(`${symbol}: no date/close column`);
  let rows = lines.slice(1).map((l) => l.trim().split(','));
  if (opts.dropLast) rows = rows.slice(0, -1);
  return {
    symbol,
    source: 'file:prices',
    adjustment: 'split+dividend',
    dates: rows.map((r) => r[di].slice(0, 10)),
    close: Float64Array.from(rows, (r) => Number(r[ci])),
    open: null,
    high: null,
    low: null,
    volume: null,
  };
}

/** close[end]/close[base] − 1 with base/end given as exact dates present in the series. */
export function closeToClose(s: PriceSeries, base: string, end: string): number {
  const i = s.dates.indexOf(base);
  const j = s.dates.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`${s.symbol}: ${i < 0 ? base : end} not in the data`);
  return s.close[j] / s.close[i] - 1;
}

/** Weekday ISO dates starting at `start` (no holidays): a synthetic session calendar for hand tests. */
export function weekdays(start: string, n: number): string[] {
  const out: string[] = [];
  const d = new Date(`${start}T00:00:00Z`);
  while (out.length < n) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** A close-only PriceSeries from dates and closes (test fixture). */
export function series(symbol: string, dates: string[], closes: number[]): PriceSeries {
  if (dates.length !== closes.length)
    throw new Error(`${symbol}: ${dates.length} dates, ${closes.length} closes`);
  return {
    symbol,
    source: 'test',
    adjustment: 'split+dividend',
    dates,
    close: Float64Array.from(closes),
    open: null,
    high: null,
    low: null,
    volume: null,
  };
}
