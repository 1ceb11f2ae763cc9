/**
 * Importer for iShares fund-holdings exports (e.g. constituents/IWM_holdings_2026-05-05.csv).
 *
 * Layout: a fund preamble of key/value lines (`iShares Russell 2000 ETF`, `Fund Holdings as of,"May 05,
 * 2026"`, `Shares Outstanding,"278,750,000.00"`, ...; the BOM is stripped by decodeText), then the header
 * `Ticker,Name,Sector,Asset Class,Market Value,Weight (%),...,Quantity,Price,...`, then one quoted row per
 * holding with thousands separators, then a blank line (possibly just a non-breaking space) and a legal
 * footer, which is not read.
 *
 * Mapping to Holding:
 *  - fund: a `Ticker`/`Fund Ticker` line in the preamble if present, else the leading ticker of the file
 *    name (`IWM_holdings_2026-05-05.csv` -> IWM); asOf: `Fund Holdings as of` (required);
 *  - weight: `Weight (%)` / 100 (a fraction); shares: Quantity; marketValue: Market Value; price: Price;
 *  - sector: the GICS sector as written, except iShares' `Communication` -> `Communication Services`
 *    (the GICS name, as used by the S&P 500 list); assetClass as written (`Equity`, `Cash`, `Futures`,
 *    `Money Market`, ...). Cash and derivative rows are kept: filter on assetClass === 'Equity'.
 *  - symbol: the ticker. Rows without a ticker (`-`, e.g. unlisted "Prvt" lines) get `NOTICKER:<name>`;
 *    a ticker seen again in the same file (e.g. `ADRO` for both a stock and its CVR) gets
 *    `<ticker>:<name>` from its second occurrence on. Each such rename is listed in one warning.
 *  - `-` in a numeric cell means missing (null).
 * Instruments: the fund (kind 'etf', named from preamble line 1) and one kind-'stock' instrument per
 * Equity row that has a real ticker (first occurrence).
 * Malformed rows (wrong cell count, text in a number cell, neither ticker nor name) throw
 * ImportError(file, line, problem) unless options.lenient, in which case the row is skipped and listed in
 * batch.skipped. A repeated ticker is not an error (the real IWM file lists `ADRO` twice: the stock and
 * its CVR); two different "Fund Holdings as of" dates, a missing header column or a missing as-of date
 * always throw.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { Holding, Instrument, Provenance, WithProv } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { isMissingToken, parseDate, parseNumber, splitLines } from './text.ts';

const SOURCE = 'ishares';

const REQUIRED = [
  'Ticker',
  'Name',
  'Sector',
  'Asset Class',
  'Market Value',
  'Weight (%)',
  'Quantity',
  'Price',
] as const;

const SECTOR_ALIASES: Record<string, string> = { Communication: 'Communication Services' };

/** Last path segment; for `<URL>#<entry>` paths (files read out of a ZIP) the entry name. */
function baseName(relPath: string): string {
  const afterHash = relPath.slice(relPath.lastIndexOf('#') + 1);
  const parts = afterHash.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** Parse one CSV line (quoted fields allowed) into trimmed-free cells; null if it is not valid CSV. */
function csvCells(line: string): string[] | null {
  try {
    const rows = parseCsv(line, { relax_column_count: true, relax_quotes: true }) as string[][];
    return rows[0] ?? [];
  } catch {
    return null;
  }
}

/** Percent text -> fraction by shifting the decimal point in the text ("1.93" -> 0.0193 exactly as parsed). */
function percentToFraction(raw: string, value: number): number {
  const s = raw.trim().replace(/^"|"$/g, '').replace(/,/g, '');
  return /^[-+]?\d*\.?\d+$/.test(s) ? Number(`${s}e-2`) : value / 100;
}

function isHeaderLine(line: string): boolean {
  return /^\s*"?Ticker"?\s*,/.test(line) && /Weight \(%\)/.test(line);
}

function detect(input: { relPath: string; head: string }): boolean {
  const head = input.head.replace(/^\uFEFF/, '');
  if (/^Fund Holdings as of\s*,/m.test(head) && head.split(/\r?\n/).some(isHeaderLine)) return true;
  return /_holdings/i.test(baseName(input.relPath)) && head.split(/\r?\n/).some(isHeaderLine);
}

/** The key/value lines before the header: the as-of date, the fund ticker (else from the file name) and the fund's name. */
function readPreamble(
  file: string,
  lines: string[],
  headerIdx: number,
): { asOf: string; fund: string; fundName: string | null } {
  // Preamble: key/value lines.
  let asOf: string | null = null;
  let asOfLine = 0;
  let fund: string | null = null;
  let fundName: string | null = null;
  for (let i = 0; i < headerIdx; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const cells = csvCells(raw);
    if (!cells) continue;
    const key = cells[0].trim().toLowerCase();
    const value = (cells[1] ?? '').trim();
    if (i === 0 && cells.length === 1) fundName = cells[0].trim() || null;
    if (key === 'fund holdings as of') {
      const d = parseDate(value);
      if (!d) throw new ImportError(file, i + 1, `bad "Fund Holdings as of" date '${value}'`);
      if (asOf !== null && asOf !== d)
        throw new ImportError(
          file,
          i + 1,
          `conflicting "Fund Holdings as of" dates: ${asOf} (line ${asOfLine}) and ${d}`,
        );
      asOf = d;
      asOfLine = i + 1;
    } else if ((key === 'ticker' || key === 'fund ticker') && /^[A-Z0-9.]{1,10}$/i.test(value)) {
      fund = value.toUpperCase();
    }
  }
  if (asOf === null)
    throw new ImportError(
      file,
      1,
      'no "Fund Holdings as of" line in the preamble: cannot tell the as-of date',
    );
  if (fund === null) {
    const m = /^([A-Za-z0-9]{1,10})_holdings/i.exec(baseName(file));
    if (m) fund = m[1].toUpperCase();
  }
  if (fund === null)
    throw new ImportError(
      file,
      1,
      'cannot tell the fund ticker: no "Ticker" line in the preamble and the file name is not <TICKER>_holdings...',
    );

  return { asOf, fund, fundName };
}

/** The body's CSV records, up to the first blank line (white space, including a non-breaking space, counts as blank). */
function readBody(
  file: string,
  lines: string[],
  bodyStart: number,
): { record: string[]; info: { lines: number } }[] {
  let end = bodyStart;
  while (end < lines.length && lines[end].trim() !== '') end++;
  try {
    return parseCsv(lines.slice(bodyStart, end).join('\n'), {
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    throw new ImportError(file, bodyStart + (err.lines ?? 1), `malformed CSV: ${err.message ?? String(e)}`);
  }
}

function parse(input: FileInput, options: ParseOptions): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('ishares-holdings', SOURCE, file, input.sha256);
  const lines = splitLines(input.text.replace(/^\uFEFF/, ''));
  if (lines.every((l) => l.trim() === ''))
    throw new ImportError(file, 1, 'empty file: no iShares holdings header');

  const headerIdx = lines.findIndex(isHeaderLine);
  if (headerIdx < 0)
    throw new ImportError(
      file,
      1,
      'no iShares holdings header (a line starting "Ticker,Name,..." with "Weight (%)")',
    );

  const { asOf, fund, fundName } = readPreamble(file, lines, headerIdx);

  const headerLine = headerIdx + 1;
  const header = csvCells(lines[headerIdx]);
  if (!header) throw new ImportError(file, headerLine, 'unreadable header line');
  const names = header.map((h) => h.trim());
  const col: Record<string, number> = {};
  for (const r of REQUIRED) {
    const j = names.indexOf(r);
    if (j < 0) throw new ImportError(file, headerLine, `header lacks the column '${r}'`);
    col[r] = j;
  }

  const bodyStart = headerIdx + 1;
  const records = readBody(file, lines, bodyStart);
  if (records.length === 0) throw new ImportError(file, headerLine, 'no holdings rows after the header');

  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };

  batch.instruments.push({ symbol: fund, name: fundName, kind: 'etf' });
  const usedSymbols = new Set<string>();
  const instrumentSymbols = new Set<string>([fund]);
  const renamed: string[] = [];

  for (const { record, info } of records) {
    const nl = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const line = bodyStart + info.lines - nl;
    if (record.length !== names.length) {
      reject(
        line,
        `expected ${names.length} cells as in the header at line ${headerLine}, found ${record.length}`,
      );
      continue;
    }
    const num = (name: (typeof REQUIRED)[number]): number | null | string => {
      const raw = record[col[name]];
      if (isMissingToken(raw)) return null;
      const v = parseNumber(raw);
      return Number.isFinite(v) ? v : `not a number in column '${name}': '${raw.trim()}'`;
    };
    const mv = num('Market Value');
    const w = num('Weight (%)');
    const qty = num('Quantity');
    const px = num('Price');
    const bad = [mv, w, qty, px].find((x) => typeof x === 'string') as string | undefined;
    if (bad) {
      reject(line, bad);
      continue;
    }
    const ticker = record[col.Ticker].trim();
    const name = record[col.Name].trim() || null;
    const assetClass = record[col['Asset Class']].trim() || null;
    const rawSector = record[col.Sector].trim();
    const sector = rawSector === '' || rawSector === '-' ? null : (SECTOR_ALIASES[rawSector] ?? rawSector);

    const hasTicker = ticker !== '' && ticker !== '-';
    if (!hasTicker && name === null) {
      reject(line, 'row has neither a ticker nor a name');
      continue;
    }
    let symbol = hasTicker ? ticker : `NOTICKER:${name}`;
    if (hasTicker && usedSymbols.has(symbol)) symbol = `${ticker}:${name ?? line}`;
    if (usedSymbols.has(symbol)) symbol = `${symbol}:${line}`;
    if (symbol !== ticker) renamed.push(`line ${line} ${ticker || '(blank)'} -> ${symbol}`);
    usedSymbols.add(symbol);

    const prov: Provenance = { source: SOURCE, file, line };
    const h: WithProv<Holding> = {
      fund,
      asOf,
      symbol,
      name,
      sector,
      subIndustry: null,
      assetClass,
      weight: w === null ? null : percentToFraction(record[col['Weight (%)']], w as number),
      shares: qty as number | null,
      marketValue: mv as number | null,
      price: px as number | null,
      prov,
    };
    batch.holdings.push(h);
    if (assetClass === 'Equity' && symbol === ticker && !instrumentSymbols.has(symbol)) {
      instrumentSymbols.add(symbol);
      const inst: Instrument = { symbol, name, kind: 'stock' };
      batch.instruments.push(inst);
    }
  }
  if (renamed.length > 0) {
    batch.warnings.push({
      file,
      line: null,
      message: `${renamed.length} holding${renamed.length === 1 ? '' : 's'} without a unique ticker got a synthetic symbol: ${renamed.join('; ')}`,
    });
  }
  return batch;
}

export const isharesHoldings: FileImporter = { name: 'ishares-holdings', detect, parse };
/** Same importer under the name the registry imports. */
export const isharesHoldingsImporter = isharesHoldings;
