/**
 * The two big tables' rows encoded for staging (stage.ts `EncodedRows`) in one pass over the rows,
 * every column filled in the same loop: the general `encodeRows` asks a getter per cell, a call the
 * engine cannot specialise across columns. Same values as `encodeRows` gives (string ids from the
 * write's dictionary, dates as days, missing numbers NaN, flags 0/1, import id 0, line), and the
 * same error for a date that is not a real `YYYY-MM-DD` date, naming the file and line.
 */
import type { BarColumns } from '../../model/bar-columns.ts';
import { FREQS, type ObservationColumns } from '../../model/observation-columns.ts';
import type { Bar, Observation, WithProv } from '../../model/types.ts';
import type { TableSpec } from '../tables.ts';
import { isoToDay } from '../../model/days.ts';
import { type EncodedRows, RunIds, type StageDict } from './stage.ts';

const BAR_COLUMNS = 'symbol,source,date,open,high,low,close,adj_close,volume,provisional,import_id,line';
const OBS_COLUMNS = 'series,source,freq,date,value,import_id,line';

const orNaN = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : v);

function day(file: string, date: string, line: number): number {
  const d = isoToDay(date);
  if (Number.isNaN(d)) throw new Error(`${file}:${line}: date '${date}' is not a YYYY-MM-DD date`);
  return d;
}

/** Bars, when the table's columns are the ones this encoder fills (else null: use encodeRows). */
export function encodeBars(spec: TableSpec, rows: WithProv<Bar>[], ord: number, dict: StageDict, file: string): EncodedRows | null {
  if (spec.columns.map(([c]) => c).join(',') !== BAR_COLUMNS) return null;
  const n = rows.length;
  const [symbol, source, date, provisional, importId, line] = [0, 0, 0, 0, 0, 0].map(() => new Int32Array(n));
  const [open, high, low, close, adjClose, volume] = [0, 0, 0, 0, 0, 0].map(() => new Float64Array(n));
  const symbols = new RunIds(dict, 'symbol');
  const sources = new RunIds(dict, 'source');
  for (let i = 0; i < n; i++) {
    const b = rows[i];
    symbol[i] = symbols.of(b.symbol);
    source[i] = sources.of(b.prov.source);
    date[i] = day(file, b.date, b.prov.line);
    open[i] = orNaN(b.open);
    high[i] = orNaN(b.high);
    low[i] = orNaN(b.low);
    close[i] = orNaN(b.close);
    adjClose[i] = orNaN(b.adjClose);
    volume[i] = orNaN(b.volume);
    provisional[i] = b.provisional ? 1 : 0;
    line[i] = b.prov.line ?? 0;
  }
  return { ord, n, cols: [symbol, source, date, open, high, low, close, adjClose, volume, provisional, importId, line] };
}

/**
 * Bars from a batch's columns (model/bar-columns.ts): the value, date, provisional and line columns
 * are the batch's own arrays (read, never written, by the stage); the symbol ids filled per run.
 */
export function encodeBarColumns(spec: TableSpec, c: BarColumns, ord: number, dict: StageDict): EncodedRows | null {
  if (spec.columns.map(([col]) => col).join(',') !== BAR_COLUMNS) return null;
  const n = c.n;
  const symbol = new Int32Array(n);
  for (let k = 0; k < c.symbols.length; k++) symbol.fill(dict.id('symbol', c.symbols[k]), c.runStart[k], c.runStart[k + 1]);
  const source = new Int32Array(n).fill(dict.id('source', c.source));
  const groupStarts = c.runStart.subarray(0, c.symbols.length);
  return { ord, n, cols: [symbol, source, c.day, c.open, c.high, c.low, c.close, c.adjClose, c.volume, c.provisional, new Int32Array(n), c.line], groupStarts };
}

/**
 * Observations from a batch's columns (model/observation-columns.ts): dates, values and lines are the
 * batch's own arrays; series, source and frequency ids looked up once per name. `groupStarts` holds
 * the first row of each (series, frequency), which is every group of the file.
 */
export function encodeObservationColumns(spec: TableSpec, c: ObservationColumns, ord: number, dict: StageDict): EncodedRows | null {
  if (spec.columns.map(([col]) => col).join(',') !== OBS_COLUMNS) return null;
  const n = c.n;
  const seriesIds = c.names.map((name) => dict.id('series', name));
  const freqIds = FREQS.map((f) => dict.id('freq', f));
  const series = new Int32Array(n);
  const freq = new Int32Array(n);
  const firsts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    series[i] = seriesIds[c.series[i]];
    freq[i] = freqIds[c.freq[i]];
    const g = c.series[i] * FREQS.length + c.freq[i];
    if (!firsts.has(g)) firsts.set(g, i);
  }
  const source = new Int32Array(n).fill(dict.id('source', c.source));
  return { ord, n, cols: [series, source, freq, c.day, c.value, new Int32Array(n), c.line], groupStarts: Int32Array.from(firsts.values()) };
}

/** Observations, when the table's columns are the ones this encoder fills (else null). */
export function encodeObservations(spec: TableSpec, rows: WithProv<Observation>[], ord: number, dict: StageDict, file: string): EncodedRows | null {
  if (spec.columns.map(([c]) => c).join(',') !== OBS_COLUMNS) return null;
  const n = rows.length;
  const [series, source, freq, date, importId, line] = [0, 0, 0, 0, 0, 0].map(() => new Int32Array(n));
  const value = new Float64Array(n);
  const seriesIds = new RunIds(dict, 'series');
  const sources = new RunIds(dict, 'source');
  const freqs = new RunIds(dict, 'freq');
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = rows[i];
    series[i] = seriesIds.of(o.series);
    source[i] = sources.of(o.prov.source);
    freq[i] = freqs.of(o.freq);
    if (i === 0 || series[i] !== series[i - 1] || source[i] !== source[i - 1] || freq[i] !== freq[i - 1]) starts.push(i);
    date[i] = day(file, o.date, o.prov.line);
    value[i] = orNaN(o.value);
    line[i] = o.prov.line ?? 0;
  }
  return { ord, n, cols: [series, source, freq, date, value, importId, line], groupStarts: Int32Array.from(starts) };
}
