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
import { isSession } from '../../model/calendar.ts';
import { emptyBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { Bar } from '../../model/types.ts';
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

interface RawRow {
  line: number;
  bar: Bar;
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
    if (!map) {
      throw new ImportError(
        relPath,
        1,
        `wrong header '${lines[0]}': expected a price layout with date and close columns`,
      );
    }
    const headerKey = cells.join(',');
    const notes = notesForPriceFile(relPath, headerKey);
    const batch = emptyBatch('price-csv', notes.source, relPath, input.sha256);
    const hasOhlc = map.open !== undefined && map.high !== undefined && map.low !== undefined;
    const width = cells.length;

    const fail = (line: number, problem: string): void => {
      if (!options.lenient) throw new ImportError(relPath, line, problem);
      batch.skipped.push({ file: relPath, line, reason: problem });
    };

    const num = (
      raw: string | undefined,
      col: string,
      line: number,
      required: boolean,
    ): number | null | undefined => {
      if (isMissingToken(raw)) {
        if (required) {
          fail(line, `missing ${col}`);
          return undefined;
        }
        return null;
      }
      const v = parseNumber(raw);
      if (Number.isNaN(v)) {
        fail(line, `column ${col}: '${raw?.trim()}' is not a number`);
        return undefined;
      }
      return v;
    };

    const bySymbol = new Map<string, RawRow[]>();
    for (let i = 1; i < lines.length; i++) {
      const lineNo = i + 1;
      const text = lines[i];
      if (text.trim() === '') continue;
      const row = splitRow(text);
      if (row.length !== width) {
        fail(
          lineNo,
          `${row.length < width ? 'truncated' : 'over-long'} row: expected ${width} fields, got ${row.length}`,
        );
        continue;
      }
      const date = parseDate(row[map.date!]);
      if (!date) {
        fail(lineNo, `bad date '${row[map.date!]}'`);
        continue;
      }
      const close = num(row[map.close!], 'close', lineNo, true);
      if (close === undefined || close === null) continue;
      const open = hasOhlc ? num(row[map.open!], 'open', lineNo, false) : null;
      const high = hasOhlc ? num(row[map.high!], 'high', lineNo, false) : null;
      const low = hasOhlc ? num(row[map.low!], 'low', lineNo, false) : null;
      const adjClose = map.adjClose !== undefined ? num(row[map.adjClose], 'adj close', lineNo, false) : null;
      const volume = map.volume !== undefined ? num(row[map.volume], 'volume', lineNo, false) : null;
      if ([open, high, low, adjClose, volume].some((v) => v === undefined)) continue;
      const symbol = map.name !== undefined ? row[map.name].trim().toUpperCase() : notes.symbol;
      if (!symbol) {
        fail(lineNo, 'no symbol: the Name column is empty');
        continue;
      }
      const prices: [string, number | null | undefined][] = [
        ['open', open],
        ['high', high],
        ['low', low],
        ['close', close],
        ['adj close', adjClose],
      ];
      const bad = prices.find(([, v]) => v !== null && v !== undefined && v <= 0);
      if (bad) {
        fail(lineNo, `non-positive price: ${bad[0]} = ${bad[1]}`);
        continue;
      }
      if (volume !== null && volume !== undefined && volume < 0) {
        fail(lineNo, `negative volume ${volume}`);
        continue;
      }
      const bar: Bar = {
        symbol,
        date,
        open: open ?? null,
        high: high ?? null,
        low: low ?? null,
        close,
        adjClose: adjClose ?? null,
        volume: volume ?? null,
        adjustment: notes.adjustment,
        provisional: false,
      };
      const known = notes.knownBadRows.get(`${symbol} ${date}`);
      if (known) {
        batch.skipped.push({ file: relPath, line: lineNo, reason: `known bad row (data notes): ${known}` });
        continue;
      }
      if (bar.high !== null && bar.low !== null) {
        if (bar.high < bar.low) {
          fail(lineNo, `high ${bar.high} < low ${bar.low}`);
          continue;
        }
        const eps = 1e-9 * bar.high;
        const outside = (
          [
            ['open', bar.open],
            ['close', bar.close],
          ] as const
        ).find(([, v]) => v !== null && (v < bar.low! - eps || v > bar.high! + eps));
        if (outside) {
          fail(lineNo, `${outside[0]} ${outside[1]} outside [low ${bar.low}, high ${bar.high}]`);
          continue;
        }
      }
      let list = bySymbol.get(symbol);
      if (!list) {
        list = [];
        bySymbol.set(symbol, list);
      }
      list.push({ line: lineNo, bar });
    }

    if (bySymbol.size === 0 && batch.skipped.length === 0) {
      throw new ImportError(relPath, null, 'no data rows after the header');
    }

    for (const [symbol, rows] of bySymbol) {
      let sorted = true;
      for (let i = 1; i < rows.length; i++) if (rows[i].bar.date < rows[i - 1].bar.date) sorted = false;
      if (!sorted) {
        rows.sort((a, b) => (a.bar.date < b.bar.date ? -1 : a.bar.date > b.bar.date ? 1 : a.line - b.line));
        batch.warnings.push({
          file: relPath,
          line: null,
          message: `${symbol}: rows were not in date order; sorted`,
        });
      }
      const kept: RawRow[] = [];
      for (const r of rows) {
        const prev = kept[kept.length - 1];
        if (prev && prev.bar.date === r.bar.date) {
          const same = (['open', 'high', 'low', 'close', 'adjClose', 'volume'] as const).every(
            (k) => prev.bar[k] === r.bar[k],
          );
          if (same) {
            batch.warnings.push({
              file: relPath,
              line: r.line,
              message: `${symbol}: duplicate of line ${prev.line} (${r.bar.date}), identical; kept one`,
            });
            continue;
          }
          fail(r.line, `duplicate date ${r.bar.date} with conflicting values (first at line ${prev.line})`);
          continue;
        }
        kept.push(r);
      }
      const nonSessions = kept.filter((r) => {
        try {
          return !isSession(r.bar.date);
        } catch {
          return false; // outside the calendar's range: nothing to check against
        }
      });
      if (nonSessions.length > 0) {
        const sample = nonSessions
          .slice(0, 5)
          .map((r) => `${r.bar.date} (line ${r.line})`)
          .join(', ');
        batch.warnings.push({
          file: relPath,
          line: nonSessions[0].line,
          message: `${symbol}: ${nonSessions.length} date(s) are not NYSE sessions: ${sample}${nonSessions.length > 5 ? ', …' : ''}`,
        });
      }
      const last = kept[kept.length - 1];
      if (last && notes.provisionalLastDates.includes(last.bar.date)) {
        last.bar.provisional = true;
        batch.warnings.push({
          file: relPath,
          line: last.line,
          message: `${symbol}: last row ${last.bar.date} was captured intraday (data notes); stored as provisional and left out of analytics`,
        });
      }
      batch.instruments.push({
        symbol,
        name: null,
        kind: notes.symbol ? notes.kind : instrumentKind(symbol),
      });
      for (const r of kept)
        batch.bars.push({ ...r.bar, prov: { source: notes.source, file: relPath, line: r.line } });
    }
    batch.priority = notes.priority;
    return batch;
  },
};
