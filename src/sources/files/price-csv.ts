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

/** The problem of a row whose prices are all numbers, or null: non-positive prices, negative volume, high < low, open/close outside the range. */
function priceProblem(bar: Bar): string | null {
  const { open, high, low, close, adjClose, volume } = bar;
  // The first non-positive price in the order open, high, low, close, adj close (no array per row).
  const bad =
    open !== null && open <= 0
      ? 'open'
      : high !== null && high <= 0
        ? 'high'
        : low !== null && low <= 0
          ? 'low'
          : close <= 0
            ? 'close'
            : adjClose !== null && adjClose <= 0
              ? 'adj close'
              : null;
  if (bad) return `non-positive price: ${bad} = ${{ open, high, low, close, 'adj close': adjClose }[bad]}`;
  if (volume !== null && volume < 0) return `negative volume ${volume}`;
  return null;
}

function rangeProblem(bar: Bar): string | null {
  const { open, high, low, close } = bar;
  if (high === null || low === null) return null;
  if (high < low) return `high ${high} < low ${low}`;
  const eps = 1e-9 * high;
  const outside =
    open !== null && (open < low - eps || open > high + eps)
      ? 'open'
      : close < low - eps || close > high + eps
        ? 'close'
        : null;
  return outside
    ? `${outside} ${outside === 'open' ? open : close} outside [low ${low}, high ${high}]`
    : null;
}

/** One data line → its bar, or null (blank, bad: reported through `fail`, or a known bad row: listed as skipped). */
function readRow(ctx: Ctx, text: string, lineNo: number): WithProv<Bar> | null {
  const { map, notes } = ctx;
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
  const symbol = map.name !== undefined ? row[map.name].trim().toUpperCase() : notes.symbol;
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

export const priceCsvImporter: FileImporter = {
  name: 'price-csv',
  detect({ head }) {
    const first = splitLines(head)[0] ?? '';
    return mapHeader(headerCells(first)) !== null;
  },
  parse(input: FileInput, options: ParseOptions) {
    const { relPath } = input;
    const lines = splitLines(input.text);
    const cells = headerCells(lines[0] ?? '');
    const map = mapHeader(cells);
    if (!map)
      throw new ImportError(
        relPath,
        1,
        `wrong header '${lines[0]}': expected a price layout with date and close columns`,
      );
    const found = notesForPriceFile(relPath, cells.join(','));
    // No evidence of the adjustment in the file: the user's statement, else 'unknown'.
    const notes =
      found.adjustment === 'unknown' && options.adjustment
        ? { ...found, adjustment: options.adjustment }
        : found;
    const batch = emptyBatch('price-csv', notes.source, relPath, input.sha256);
    const fail = (line: number, problem: string): void => {
      if (!options.lenient) throw new ImportError(relPath, line, problem);
      batch.skipped.push({ file: relPath, line, reason: problem });
    };
    const ctx: Ctx = { relPath, map, width: cells.length, notes, batch, fail };
    const bySymbol = new Map<string, RawRow[]>();
    for (let i = 1; i < lines.length; i++) {
      const text = lines[i];
      if (text.trim() === '') continue;
      const bar = readRow(ctx, text, i + 1);
      if (!bar) continue;
      let list = bySymbol.get(bar.symbol);
      if (!list) {
        list = [];
        bySymbol.set(bar.symbol, list);
      }
      list.push(bar);
    }
    if (bySymbol.size === 0 && batch.skipped.length === 0)
      throw new ImportError(relPath, null, 'no data rows after the header');
    for (const [symbol, rows] of bySymbol) finishSymbol(ctx, symbol, rows);
    batch.priority = notes.priority;
    return batch;
  },
};
