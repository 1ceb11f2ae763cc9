/**
 * Importer for the S&P 500 constituent list of datasets/s-and-p-500-companies
 * (constituents/sp500_constituents.csv; header
 * `Symbol,Security,GICS Sector,GICS Sub-Industry,Headquarters Location,Date added,CIK,Founded`).
 *
 * Output: one Holding per member with fund 'SP500', weight/shares/marketValue/price null (the list has
 * no weights), sector = GICS Sector, subIndustry = GICS Sub-Industry, assetClass 'Equity'; one Instrument
 * per member (kind 'stock') and the list itself as Instrument 'SP500' (kind 'index').
 *
 * asOf rule (the file carries no snapshot date; SOURCES-reference.md gives 2026-08-08 for the commit):
 *   1. a leading comment line `# as-of YYYY-MM-DD` (or `# asOf: ...`), if a caller added one;
 *   2. else a `YYYY-MM-DD` date in the file name (e.g. `sp500_constituents_2026-08-08.csv`);
 *   3. else the latest `Date added` in the file: the list is at least as recent as its newest
 *      addition. For the real file this gives 2026-08-05, three days before the 2026-08-08 snapshot.
 *   The rule used is stated in a warning.
 * Malformed rows (wrong number of cells, empty Symbol, a bad `Date added`) throw ImportError(file, line,
 * problem) unless options.lenient (row skipped, listed in batch.skipped). A symbol listed twice with
 * different details is an error; an identical repeat is a warning and is kept once.
 */
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { Holding, Provenance, WithProv } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { parseCsvRecords } from './csv-records.ts';
import { parseDate, readCommentPreamble, splitLines } from './text.ts';

const SOURCE = 'sp500-constituents';
export const SP500_FUND = 'SP500';

const REQUIRED = ['Symbol', 'Security', 'GICS Sector', 'GICS Sub-Industry', 'Date added'] as const;

/** Last path segment; for `<URL>#<entry>` paths (files read out of a ZIP) the entry name. */
function baseName(relPath: string): string {
  const afterHash = relPath.slice(relPath.lastIndexOf('#') + 1);
  const parts = afterHash.split(/[\\/]/);
  return parts[parts.length - 1];
}

function detect(input: { relPath: string; head: string }): boolean {
  const first = splitLines(input.head).find((l) => l.trim() !== '' && !l.startsWith('#'));
  return (
    first !== undefined &&
    /^\s*Symbol\s*,\s*Security\s*,\s*GICS Sector\s*,\s*GICS Sub-Industry\b/i.test(first)
  );
}

interface Row {
  line: number;
  symbol: string;
  name: string | null;
  sector: string | null;
  subIndustry: string | null;
  key: string;
}

/** Without a `# as-of` comment: the date in the file name, else the latest 'Date added' (a lower bound). */
function asOfFallback(
  file: string,
  latestAdded: string | null,
  headerLine: number,
): { asOf: string; asOfRule: string } {
  const m = /(\d{4}-\d{2}-\d{2})/.exec(baseName(file));
  const d = m ? parseDate(m[1]) : null;
  if (d) return { asOf: d, asOfRule: 'date in the file name' };
  if (latestAdded !== null)
    return {
      asOf: latestAdded,
      asOfRule: "latest 'Date added' in the file (a lower bound of the snapshot date)",
    };
  throw new ImportError(
    file,
    headerLine,
    "cannot tell the as-of date: no '# as-of' comment, no date in the file name, no 'Date added'",
  );
}

/** The list as a holdings snapshot of the S&P 500 pseudo-fund, each member also an instrument. */
function emitHoldings(batch: ImportBatch, rows: Row[], asOf: string): void {
  const file = batch.file;
  batch.instruments.push({ symbol: SP500_FUND, name: 'S&P 500 (constituent list)', kind: 'index' });
  for (const r of rows) {
    const prov: Provenance = { source: SOURCE, file, line: r.line };
    const h: WithProv<Holding> = {
      fund: SP500_FUND,
      asOf,
      symbol: r.symbol,
      name: r.name,
      sector: r.sector,
      subIndustry: r.subIndustry,
      assetClass: 'Equity',
      weight: null,
      shares: null,
      marketValue: null,
      price: null,
      prov,
    };
    batch.holdings.push(h);
    batch.instruments.push({ symbol: r.symbol, name: r.name, kind: 'stock' });
  }
}

function parse(input: FileInput, options: ParseOptions): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('sp500-constituents', SOURCE, file, input.sha256);
  const lines = splitLines(input.text.replace(/^\uFEFF/, ''));
  if (lines.every((l) => l.trim() === ''))
    throw new ImportError(file, 1, 'empty file: no S&P 500 constituents header');

  // Leading comment lines (only `# as-of` is understood).
  let { asOf, asOfRule, start } = readCommentPreamble(file, lines);
  if (start >= lines.length) throw new ImportError(file, start, 'no S&P 500 constituents header');

  const { records, lineOf } = parseCsvRecords(file, lines, start);

  const headerLine = start + 1;
  const names = records[0].record.map((h) => h.trim());
  const col: Record<string, number> = {};
  for (const r of REQUIRED) {
    const j = names.indexOf(r);
    if (j < 0)
      throw new ImportError(
        file,
        headerLine,
        `header lacks the column '${r}' (expected ${REQUIRED.join(', ')}, ...)`,
      );
    col[r] = j;
  }

  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };

  const rows: Row[] = [];
  const bySymbol = new Map<string, Row>();
  let latestAdded: string | null = null;
  for (const rec of records.slice(1)) {
    const line = lineOf(rec);
    const cells = rec.record;
    if (cells.length === 1 && cells[0].trim() === '') continue; // blank line
    if (cells.length !== names.length) {
      reject(
        line,
        `expected ${names.length} cells as in the header at line ${headerLine}, found ${cells.length}`,
      );
      continue;
    }
    const symbol = cells[col.Symbol].trim();
    if (symbol === '') {
      reject(line, 'empty Symbol');
      continue;
    }
    const addedRaw = cells[col['Date added']].trim();
    let added: string | null = null;
    if (addedRaw !== '') {
      added = /^\d{4}-\d{2}-\d{2}$/.test(addedRaw) ? parseDate(addedRaw) : null;
      if (added === null) {
        reject(line, `bad 'Date added' '${addedRaw}' (expected YYYY-MM-DD)`);
        continue;
      }
    }
    const opt = (v: string) => (v.trim() === '' ? null : v.trim());
    const row: Row = {
      line,
      symbol,
      name: opt(cells[col.Security]),
      sector: opt(cells[col['GICS Sector']]),
      subIndustry: opt(cells[col['GICS Sub-Industry']]),
      key: cells.map((c) => c.trim()).join('\u0000'),
    };
    const prev = bySymbol.get(symbol);
    if (prev) {
      if (prev.key === row.key) {
        batch.warnings.push({
          file,
          line,
          message: `${symbol} repeats line ${prev.line} exactly; kept once`,
        });
      } else {
        reject(line, `${symbol} listed twice with different details (first at line ${prev.line})`);
      }
      continue;
    }
    bySymbol.set(symbol, row);
    rows.push(row);
    if (added !== null && (latestAdded === null || added > latestAdded)) latestAdded = added;
  }

  if (asOf === null) ({ asOf, asOfRule } = asOfFallback(file, latestAdded, headerLine));
  batch.warnings.push({ file, line: null, message: `asOf ${asOf} taken from the ${asOfRule}` });

  emitHoldings(batch, rows, asOf);
  return batch;
}

export const sp500Constituents: FileImporter = { name: 'sp500-constituents', detect, parse };
/** Same importer under the name the registry imports. */
export const sp500ConstituentsImporter = sp500Constituents;
