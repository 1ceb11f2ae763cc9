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
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { isSession } from '../../model/calendar.ts';
import { ImportError } from '../../model/errors.ts';
import type { Bar, WithProv } from '../../model/types.ts';
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

/** A parsed row: its line is its provenance's (no wrapper object per row). */
type RawRow = WithProv<Bar>;
const lineOf = (r: RawRow) => r.prov.line;

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

/** One data line → its bar, or null (blank, bad: reported through `fail`, or a known bad row: listed as skipped). */
function readRow(ctx: Ctx, text: string, lineNo: number): WithProv<Bar> | null {
  const { map } = ctx;
  const row = splitRow(text);
  if (row.length !== ctx.width) {
    ctx.fail(
      lineNo,
      `${row.length < ctx.width ? 'truncated' : 'over-long'} row: expected ${ctx.width} fields, got ${row.length}`,
    );
    return null;
  }
  const date = parseDate(row[map.date!]);
  if (!date) {
    ctx.fail(lineNo, `bad date '${row[map.date!]}'`);
    return null;
  }
  const close = numCell(ctx, row[map.close!], 'close', lineNo, true);
  if (close === undefined || close === null) return null;
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
    return null;
  const symbol = map.name !== undefined ? row[map.name].trim().toUpperCase() : ctx.notes.symbol;
  return checkedBar(ctx, lineNo, symbol, date, open, high, low, close, adjClose, volume);
}

/** A row whose cells all parsed → its bar, or null (no symbol, bad prices: reported through `fail`; a known bad row: listed as skipped). */
function checkedBar(
  ctx: Ctx,
  lineNo: number,
  symbol: string | null,
  date: string,
  open: number | null,
  high: number | null,
  low: number | null,
  close: number,
  adjClose: number | null,
  volume: number | null,
): WithProv<Bar> | null {
  const { notes } = ctx;
  if (!symbol) {
    ctx.fail(lineNo, 'no symbol: the Name column is empty');
    return null;
  }
  // Built once, provenance included: the batch keeps this very object.
  const bar: WithProv<Bar> = {
    symbol,
    date,
    open,
    high,
    low,
    close,
    adjClose,
    volume,
    adjustment: notes.adjustment,
    provisional: false,
    prov: { source: notes.source, file: ctx.relPath, line: lineNo },
  };
  const bad = priceProblem(bar);
  if (bad) {
    ctx.fail(lineNo, bad);
    return null;
  }
  const known = notes.knownBadRows.size > 0 ? notes.knownBadRows.get(`${symbol} ${date}`) : undefined;
  if (known) {
    ctx.batch.skipped.push({
      file: ctx.relPath,
      line: lineNo,
      reason: `known bad row (data notes): ${known}`,
    });
    return null;
  }
  const range = rangeProblem(bar);
  if (range) {
    ctx.fail(lineNo, range);
    return null;
  }
  return bar;
}

/** One symbol's rows: in date order, identical duplicates dropped, non-sessions noted, an intraday last row marked provisional. */
function finishSymbol(ctx: Ctx, symbol: string, rows: RawRow[]): void {
  const { batch, relPath, notes } = ctx;
  let sorted = true;
  for (let i = 1; i < rows.length; i++) if (rows[i].date < rows[i - 1].date) sorted = false;
  if (!sorted) {
    rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : lineOf(a) - lineOf(b)));
    batch.warnings.push({
      file: relPath,
      line: null,
      message: `${symbol}: rows were not in date order; sorted`,
    });
  }
  const kept: RawRow[] = [];
  for (const r of rows) {
    const prev = kept[kept.length - 1];
    if (prev && prev.date === r.date) {
      const same = (['open', 'high', 'low', 'close', 'adjClose', 'volume'] as const).every(
        (k) => prev[k] === r[k],
      );
      if (same) {
        batch.warnings.push({
          file: relPath,
          line: lineOf(r),
          message: `${symbol}: duplicate of line ${lineOf(prev)} (${r.date}), identical; kept one`,
        });
        continue;
      }
      ctx.fail(lineOf(r), `duplicate date ${r.date} with conflicting values (first at line ${lineOf(prev)})`);
      continue;
    }
    kept.push(r);
  }
  const nonSessions = kept.filter((r) => {
    try {
      return !isSession(r.date);
    } catch {
      return false; // outside the calendar's range: nothing to check against
    }
  });
  if (nonSessions.length > 0) {
    const sample = nonSessions
      .slice(0, 5)
      .map((r) => `${r.date} (line ${lineOf(r)})`)
      .join(', ');
    batch.warnings.push({
      file: relPath,
      line: lineOf(nonSessions[0]),
      message: `${symbol}: ${nonSessions.length} date(s) are not NYSE sessions: ${sample}${nonSessions.length > 5 ? ', …' : ''}`,
    });
  }
  const last = kept[kept.length - 1];
  if (last && notes.provisionalLastDates.includes(last.date)) {
    last.provisional = true;
    batch.warnings.push({
      file: relPath,
      line: lineOf(last),
      message: `${symbol}: last row ${last.date} was captured intraday (data notes); stored as provisional and left out of analytics`,
    });
  }
  batch.instruments.push({ symbol, name: null, kind: notes.symbol ? notes.kind : instrumentKind(symbol) });
  for (const r of kept) batch.bars.push(r);
}

/** Where parsed rows go: grouped by symbol, in file order. */
type AddRow = (bar: RawRow) => void;

/** The general path: every line split and read by `readRow` (files with quotes, and the reference the fast path is tested against). */
function readLinesGeneral(ctx: Ctx, lines: string[], add: AddRow): void {
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    const bar = readRow(ctx, text, i + 1);
    if (bar) add(bar);
  }
}

/**
 * The fast path: lines found in the text as `splitLines` finds them (LF or CRLF, 1-based), each read by
 * the plain-row scanner (price-csv-scan.ts); a line it does not accept goes through `readRow`, as above.
 */
function readLinesFast(ctx: Ctx, text: string, from: number, add: AddRow): void {
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
    let bar: RawRow | null;
    if (e > s && scanner.scan(text, s, e)) {
      if (map.name !== undefined) {
        const ns = scanner.nameStart;
        const len = scanner.nameEnd - ns;
        if (len !== rawName.length || !text.startsWith(rawName, ns)) {
          rawName = text.slice(ns, scanner.nameEnd);
          symbol = rawName.trim().toUpperCase();
        }
      }
      bar = ohlc
        ? checkedBar(ctx, lineNo, symbol, scanner.date, v[OPEN], v[HIGH], v[LOW], v[CLOSE], adj(v, map), vol(v, map))
        : checkedBar(ctx, lineNo, symbol, scanner.date, null, null, null, v[CLOSE], adj(v, map), vol(v, map));
    } else {
      const line = text.slice(s, e);
      bar = line.trim() === '' ? null : readRow(ctx, line, lineNo);
    }
    if (bar) add(bar);
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
  const ctx: Ctx = { relPath, map, width: cells.length, notes, batch, fail };
  const bySymbol = new Map<string, RawRow[]>();
  let list: RawRow[] | undefined;
  const add = (bar: RawRow): void => {
    if (list === undefined || list[0].symbol !== bar.symbol) {
      list = bySymbol.get(bar.symbol);
      if (!list) {
        list = [];
        bySymbol.set(bar.symbol, list);
      }
    }
    list.push(bar);
  };
  // A file with a quote anywhere (a quoted field may hold a comma) is read the general way throughout.
  if (fast && text.indexOf('"') === -1) readLinesFast(ctx, text, nl === -1 ? text.length : nl + 1, add);
  else readLinesGeneral(ctx, splitLines(text), add);
  if (bySymbol.size === 0 && batch.skipped.length === 0)
    throw new ImportError(relPath, null, 'no data rows after the header');
  for (const [symbol, rows] of bySymbol) finishSymbol(ctx, symbol, rows);
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
