/**
 * Daily price CSVs in the common layouts (yfinance/Yahoo, Stooq, collectors' variants):
 *   date,open,high,low,close,volume            Date,Close
 *   date,adj_close,close,high,low,open,volume   Date,Open,High,Low,Close,Adj Close,Volume
 *   date,open,high,low,close,volume,Name  (a panel: one symbol per row)
 *   date,open,high,low,close,volume,wap,count  (IBKR-style; extra columns are ignored)
 * Columns are found by name, so their order does not matter. The symbol comes from the file name
 * (see known-files.ts) or from a Name/Symbol/Ticker column.
 *
 * Rows are split on commas directly (price files carry no quoted fields); a line with a quote goes
 * through csv-parse so quoted numbers still work.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { BarColumnsBuilder, BarRows, setBarColumns } from '../../model/bar-columns.ts';
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { dayToIso, isoToDay } from '../../model/days.ts';
import { ImportError } from '../../model/errors.ts';
import { isSessionDay } from '../../model/session-days.ts';
import type { Bar } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { instrumentKind, notesForPriceFile } from './known-files.ts';
import { priceProblem, rangeProblem } from './price-bar-checks.ts';
import { ADJ_CLOSE, CLOSE, HIGH, LOW, OPEN, PlainRowScanner, VOLUME } from './price-csv-scan.ts';
import { isMissingToken, parseDate, parseNumber, splitLines } from './text.ts';

type Col = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume' | 'name';

const ALIASES: Record<string, Col> = {
  date: 'date',
  timestamp: 'date',
  observation_date: 'date',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  last: 'close',
  'adj close': 'adjClose',
  adj_close: 'adjClose',
  adjclose: 'adjClose',
  volume: 'volume',
  vol: 'volume',
  name: 'name',
  symbol: 'name',
  ticker: 'name',
};

function headerCells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}

function mapHeader(cells: string[]): Partial<Record<Col, number>> | null {
  const map: Partial<Record<Col, number>> = {};
  cells.forEach((c, i) => {
    const col = ALIASES[c];
    if (col && map[col] === undefined) map[col] = i;
  });
  if (map.date !== 0 || map.close === undefined) return null;
  // A macro/FRED layout (`observation_date,SERIES`) has no close column, so it never reaches here.
  return map;
}

function splitRow(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  return (parseCsv(line, { relax_column_count: true }) as string[][])[0] ?? [];
}

type Notes = ReturnType<typeof notesForPriceFile>;

/** What the row reader needs about the file: its layout, notes, and where problems go. */
interface Ctx {
  relPath: string;
  map: Partial<Record<Col, number>>;
  width: number;
  notes: Notes;
  batch: ImportBatch;
  /** A bad row: thrown (naming file and line), or skipped and listed with --lenient. */
  fail: (line: number, problem: string) => void;
  /** Where a symbol's rows go, in file order. */
  rowsOf: (symbol: string) => BarRows;
}

/** A numeric cell: null when missing and optional, undefined when bad (already reported through `fail`). */
function numCell(
  ctx: Ctx,
  raw: string | undefined,
  col: string,
  line: number,
  required: boolean,
): number | null | undefined {
  if (isMissingToken(raw)) {
    if (required) {
      ctx.fail(line, `missing ${col}`);
      return undefined;
    }
    return null;
  }
  const v = parseNumber(raw);
  if (Number.isNaN(v)) {
    ctx.fail(line, `column ${col}: '${raw?.trim()}' is not a number`);
    return undefined;
  }
  return v;
}

/** One data line → its row added (bad: reported through `fail`; a known bad row: listed as skipped). */
function readRow(ctx: Ctx, text: string, lineNo: number): void {
  const { map } = ctx;
  const row = splitRow(text);
  if (row.length !== ctx.width) {
    ctx.fail(
      lineNo,
      `${row.length < ctx.width ? 'truncated' : 'over-long'} row: expected ${ctx.width} fields, got ${row.length}`,
    );
    return;
  }
  const date = parseDate(row[map.date!]);
  if (!date) {
    ctx.fail(lineNo, `bad date '${row[map.date!]}'`);
    return;
  }
  const close = numCell(ctx, row[map.close!], 'close', lineNo, true);
  if (close === undefined || close === null) return;
  const hasOhlc = map.open !== undefined && map.high !== undefined && map.low !== undefined;
  const open = hasOhlc ? numCell(ctx, row[map.open!], 'open', lineNo, false) : null;
  const high = hasOhlc ? numCell(ctx, row[map.high!], 'high', lineNo, false) : null;
  const low = hasOhlc ? numCell(ctx, row[map.low!], 'low', lineNo, false) : null;
  const adjClose =
    map.adjClose !== undefined ? numCell(ctx, row[map.adjClose], 'adj close', lineNo, false) : null;
  const volume = map.volume !== undefined ? numCell(ctx, row[map.volume], 'volume', lineNo, false) : null;
  if (
    open === undefined ||
    high === undefined ||
    low === undefined ||
    adjClose === undefined ||
    volume === undefined
  )
    return;
  const symbol = map.name !== undefined ? row[map.name].trim().toUpperCase() : ctx.notes.symbol;
  checkedRow(ctx, lineNo, symbol, isoToDay(date), open, high, low, close, adjClose, volume);
}

/** The one object the row checks read (price-bar-checks.ts: prices and volume only), refilled per row: no object per bar. */
const scratch: Bar = { symbol: '', date: '', open: null, high: null, low: null, close: 0, adjClose: null, volume: null, adjustment: 'unknown', provisional: false };
const nan = (v: number | null): number => (v === null ? Number.NaN : v);

/** A row whose cells all parsed → added to its symbol's rows, or not (no symbol, bad prices: reported through `fail`; a known bad row: listed as skipped). */
function checkedRow(
  ctx: Ctx,
  lineNo: number,
  symbol: string | null,
  day: number,
  open: number | null,
  high: number | null,
  low: number | null,
  close: number,
  adjClose: number | null,
  volume: number | null,
): void {
  const { notes } = ctx;
  if (!symbol) {
    ctx.fail(lineNo, 'no symbol: the Name column is empty');
    return;
  }
  const bar = scratch;
  bar.open = open;
  bar.high = high;
  bar.low = low;
  bar.close = close;
  bar.adjClose = adjClose;
  bar.volume = volume;
  const bad = priceProblem(bar);
  if (bad) {
    ctx.fail(lineNo, bad);
    return;
  }
  const known = notes.knownBadRows.size > 0 ? notes.knownBadRows.get(`${symbol} ${dayToIso(day)}`) : undefined;
  if (known) {
    ctx.batch.skipped.push({
      file: ctx.relPath,
      line: lineNo,
      reason: `known bad row (data notes): ${known}`,
    });
    return;
  }
  const range = rangeProblem(bar);
  if (range) {
    ctx.fail(lineNo, range);
    return;
  }
  ctx.rowsOf(symbol).push(day, lineNo, nan(open), nan(high), nan(low), close, nan(adjClose), nan(volume));
}

/** Two values of a column the same (missing = NaN equals missing). */
const same = (a: number, b: number): boolean => Object.is(a, b) || a === b;

/** One symbol's rows: in date order, identical duplicates dropped, non-sessions noted, an intraday last row marked provisional. */
function finishSymbol(ctx: Ctx, symbol: string, rows: BarRows, out: BarColumnsBuilder): void {
  const { batch, relPath, notes } = ctx;
  const { day, line, vals } = rows;
  const n = rows.n;
  let order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && day[i] < day[i - 1]) sorted = false;
  }
  if (!sorted) {
    order = order.sort((a, b) => day[a] - day[b] || line[a] - line[b]);
    batch.warnings.push({
      file: relPath,
      line: null,
      message: `${symbol}: rows were not in date order; sorted`,
    });
  }
  const kept = new Int32Array(n);
  let k = 0;
  for (let j = 0; j < n; j++) {
    const r = order[j];
    if (k > 0 && day[kept[k - 1]] === day[r]) {
      const prev = kept[k - 1];
      let identical = true;
      for (let c = 0; c < 6 && identical; c++) identical = same(vals[prev * 6 + c], vals[r * 6 + c]);
      const date = dayToIso(day[r]);
      if (identical) {
        batch.warnings.push({
          file: relPath,
          line: line[r],
          message: `${symbol}: duplicate of line ${line[prev]} (${date}), identical; kept one`,
        });
        continue;
      }
      ctx.fail(line[r], `duplicate date ${date} with conflicting values (first at line ${line[prev]})`);
      continue;
    }
    kept[k++] = r;
  }
  const keep = kept.subarray(0, k);
  const nonSessions: number[] = [];
  // Outside the calendar's range (null) there is nothing to check against.
  for (const r of keep) if (isSessionDay(day[r]) === false) nonSessions.push(r);
  if (nonSessions.length > 0) {
    const sample = nonSessions
      .slice(0, 5)
      .map((r) => `${dayToIso(day[r])} (line ${line[r]})`)
      .join(', ');
    batch.warnings.push({
      file: relPath,
      line: line[nonSessions[0]],
      message: `${symbol}: ${nonSessions.length} date(s) are not NYSE sessions: ${sample}${nonSessions.length > 5 ? ', …' : ''}`,
    });
  }
  const last = k > 0 ? keep[k - 1] : -1;
  const provisionalLast = last >= 0 && notes.provisionalLastDates.includes(dayToIso(day[last]));
  if (provisionalLast) {
    batch.warnings.push({
      file: relPath,
      line: line[last],
      message: `${symbol}: last row ${dayToIso(day[last])} was captured intraday (data notes); stored as provisional and left out of analytics`,
    });
  }
  batch.instruments.push({ symbol, name: null, kind: notes.symbol ? notes.kind : instrumentKind(symbol) });
  out.add(symbol, rows, keep, provisionalLast);
}

/** The general path: every line split and read by `readRow` (files with quotes, and the reference the fast path is tested against). */
function readLinesGeneral(ctx: Ctx, lines: string[]): void {
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    readRow(ctx, text, i + 1);
  }
}

/**
 * The fast path: lines found in the text as `splitLines` finds them (LF or CRLF, 1-based), each read by
 * the plain-row scanner (price-csv-scan.ts); a line it does not accept goes through `readRow`, as above.
 */
function readLinesFast(ctx: Ctx, text: string, from: number): void {
  const { map, notes } = ctx;
  const ohlc = map.open !== undefined && map.high !== undefined && map.low !== undefined;
  const scanner = new PlainRowScanner({
    width: ctx.width,
    date: map.date!,
    close: map.close!,
    ohlc: ohlc ? [map.open!, map.high!, map.low!] : null,
    adjClose: map.adjClose,
    volume: map.volume,
    name: map.name,
  });
  const v = scanner.vals;
  let rawName = '';
  let symbol: string | null = notes.symbol;
  let lineNo = 1;
  for (let s = from; s < text.length; ) {
    lineNo++;
    let nl = text.indexOf('\n', s);
    if (nl === -1) nl = text.length;
    const e = nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (e > s && scanner.scan(text, s, e)) {
      if (map.name !== undefined) {
        const ns = scanner.nameStart;
        const len = scanner.nameEnd - ns;
        if (len !== rawName.length || !text.startsWith(rawName, ns)) {
          rawName = text.slice(ns, scanner.nameEnd);
          symbol = rawName.trim().toUpperCase();
        }
      }
      if (ohlc) checkedRow(ctx, lineNo, symbol, scanner.day, v[OPEN], v[HIGH], v[LOW], v[CLOSE], adj(v, map), vol(v, map));
      else checkedRow(ctx, lineNo, symbol, scanner.day, null, null, null, v[CLOSE], adj(v, map), vol(v, map));
    } else {
      const line = text.slice(s, e);
      if (line.trim() !== '') readRow(ctx, line, lineNo);
    }
    s = nl + 1;
  }
}

const adj = (v: Float64Array, map: Ctx['map']) => (map.adjClose !== undefined ? v[ADJ_CLOSE] : null);
const vol = (v: Float64Array, map: Ctx['map']) => (map.volume !== undefined ? v[VOLUME] : null);

/** Parse a price CSV; `fast` false reads every line through the general row reader (tests compare both). */
export function parsePriceCsv(input: FileInput, options: ParseOptions, fast = true): ImportBatch {
  const { relPath, text } = input;
  const nl = text.indexOf('\n');
  const first = nl === -1 ? text : text.slice(0, nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
  const cells = headerCells(first);
  const map = mapHeader(cells);
  if (!map)
    throw new ImportError(
      relPath,
      1,
      `wrong header '${first}': expected a price layout with date and close columns`,
    );
  const found = notesForPriceFile(relPath, cells.join(','));
  // No evidence of the adjustment in the file: the user's statement, else 'unknown'.
  const notes =
    found.adjustment === 'unknown' && options.adjustment ? { ...found, adjustment: options.adjustment } : found;
  const batch = emptyBatch('price-csv', notes.source, relPath, input.sha256);
  const fail = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(relPath, line, problem);
    batch.skipped.push({ file: relPath, line, reason: problem });
  };
  const bySymbol = new Map<string, BarRows>();
  let lastSymbol = '';
  let lastRows: BarRows | undefined;
  const rowsOf = (symbol: string): BarRows => {
    if (symbol === lastSymbol && lastRows) return lastRows;
    let rows = bySymbol.get(symbol);
    if (!rows) {
      // The first symbol (most files hold one) sized for every line of the file (lines are 30+ characters).
      rows = new BarRows(bySymbol.size === 0 ? text.length / 30 : 64);
      bySymbol.set(symbol, rows);
    }
    lastSymbol = symbol;
    lastRows = rows;
    return rows;
  };
  const ctx: Ctx = { relPath, map, width: cells.length, notes, batch, fail, rowsOf };
  // A file with a quote anywhere (a quoted field may hold a comma) is read the general way throughout.
  if (fast && text.indexOf('"') === -1) readLinesFast(ctx, text, nl === -1 ? text.length : nl + 1);
  else readLinesGeneral(ctx, splitLines(text));
  if (bySymbol.size === 0 && batch.skipped.length === 0)
    throw new ImportError(relPath, null, 'no data rows after the header');
  const out = new BarColumnsBuilder(notes.source, relPath, notes.adjustment);
  for (const [symbol, rows] of bySymbol) finishSymbol(ctx, symbol, rows, out);
  setBarColumns(batch, out.build());
  batch.priority = notes.priority;
  return batch;
}

export const priceCsvImporter: FileImporter = {
  name: 'price-csv',
  detect({ head }) {
    const first = splitLines(head)[0] ?? '';
    return mapHeader(headerCells(first)) !== null;
  },
  parse: (input, options) => parsePriceCsv(input, options),
};
