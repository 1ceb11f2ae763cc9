/**
 * Importer for the S&P 500 financials snapshot of datasets/s-and-p-500-companies-financials
 * (constituents/sp500_constituents-financials.csv; header `Symbol,Name,Sector,Price,Price/Earnings,
 * Dividend Yield,Earnings/Share,52 Week Low,52 Week High,Market Cap,EBITDA,Price/Sales,Price/Book,SEC Filings`).
 *
 * Output: one Fundamentals row per company: price, pe (Price/Earnings), ps, pb, eps, dividendYield
 * (already a fraction in the file: 0.0175 = 1.75%), low52, high52, marketCap and ebitda (raw USD);
 * forwardPe, evEbitda and debtEquity are not in the file (null). Blank cells -> null. One Instrument per
 * company (kind 'stock', name from `Name`). The `Sector` column holds the GICS *sub-industry*; it has no
 * place in Fundamentals and is not stored (the constituents list carries sector and sub-industry).
 *
 * asOf rule (the file carries no date; SOURCES-reference.md dates the snapshot to its 2026-08-22 commit):
 *   1. a leading comment line `# as-of YYYY-MM-DD` (or `# asOf: ...`), if a caller added one;
 *   2. else a `YYYY-MM-DD` date in the file name;
 *   3. else SP500_FINANCIALS_DEFAULT_AS_OF (2026-08-22, the commit date of the only known snapshot, see
 *      ../shared/data/SOURCES-reference.md "constituents/"), with a warning saying so.
 * Malformed rows (wrong number of cells, empty Symbol, text in a number cell) throw ImportError(file,
 * line, problem) unless options.lenient (row skipped, listed in batch.skipped). A symbol listed twice
 * with different values is an error; an identical repeat is a warning and is kept once.
 */
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { Fundamentals, Provenance, WithProv } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { parseCsvRecords } from './csv-records.ts';
import { isMissingToken, parseDate, parseNumber, splitLines, readCommentPreamble } from './text.ts';

const SOURCE = 'sp500-financials';

/** Snapshot date of constituents/sp500_constituents-financials.csv (commit 44d0ca3, 2026-08-22; see SOURCES-reference.md). */
export const SP500_FINANCIALS_DEFAULT_AS_OF = '2026-08-22';

/** File column -> Fundamentals field. */
const NUMERIC: ReadonlyArray<[string, keyof Fundamentals]> = [
  ['Price', 'price'],
  ['Price/Earnings', 'pe'],
  ['Dividend Yield', 'dividendYield'],
  ['Earnings/Share', 'eps'],
  ['52 Week Low', 'low52'],
  ['52 Week High', 'high52'],
  ['Market Cap', 'marketCap'],
  ['EBITDA', 'ebitda'],
  ['Price/Sales', 'ps'],
  ['Price/Book', 'pb'],
];

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
    /^\s*Symbol\s*,\s*Name\s*,\s*Sector\s*,\s*Price\s*,\s*Price\/Earnings\s*,\s*Dividend Yield\b/i.test(first)
  );
}

function parse(input: FileInput, options: ParseOptions): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('sp500-financials', SOURCE, file, input.sha256);
  const lines = splitLines(input.text.replace(/^\uFEFF/, ''));
  if (lines.every((l) => l.trim() === ''))
    throw new ImportError(file, 1, 'empty file: no S&P 500 financials header');

  // Leading comment lines (only `# as-of` is understood).
  let { asOf, asOfRule, start } = readCommentPreamble(file, lines);
  if (start >= lines.length) throw new ImportError(file, start, 'no S&P 500 financials header');
  if (asOf === null) {
    const m = /(\d{4}-\d{2}-\d{2})/.exec(baseName(file));
    const d = m ? parseDate(m[1]) : null;
    if (d) {
      asOf = d;
      asOfRule = 'date in the file name';
    } else {
      asOf = SP500_FINANCIALS_DEFAULT_AS_OF;
      asOfRule = 'default for this dataset (SP500_FINANCIALS_DEFAULT_AS_OF; the file has no date)';
    }
  }

  const { records, lineOf } = parseCsvRecords(file, lines, start);

  const headerLine = start + 1;
  const names = records[0].record.map((h) => h.trim());
  const col: Record<string, number> = {};
  for (const name of ['Symbol', 'Name', ...NUMERIC.map(([c]) => c)]) {
    const j = names.indexOf(name);
    if (j < 0) throw new ImportError(file, headerLine, `header lacks the column '${name}'`);
    col[name] = j;
  }

  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };

  const seen = new Map<string, { line: number; key: string }>();
  for (const rec of records.slice(1)) {
    const line = lineOf(rec);
    const cells = rec.record;
    if (cells.length === 1 && cells[0].trim() === '') continue;
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
    const f: WithProv<Fundamentals> = {
      symbol,
      asOf,
      price: null,
      pe: null,
      forwardPe: null,
      ps: null,
      pb: null,
      evEbitda: null,
      debtEquity: null,
      marketCap: null,
      ebitda: null,
      eps: null,
      dividendYield: null,
      low52: null,
      high52: null,
      prov: { source: SOURCE, file, line } satisfies Provenance,
    };
    let bad: string | null = null;
    for (const [name, field] of NUMERIC) {
      const raw = cells[col[name]];
      if (raw.trim() === '' || isMissingToken(raw)) continue;
      const v = parseNumber(raw);
      if (!Number.isFinite(v)) {
        bad = `not a number in column '${name}': '${raw.trim()}'`;
        break;
      }
      (f as Record<string, unknown>)[field] = v;
    }
    if (bad !== null) {
      reject(line, bad);
      continue;
    }
    const key = cells.map((c) => c.trim()).join('\u0000');
    const prev = seen.get(symbol);
    if (prev) {
      if (prev.key === key)
        batch.warnings.push({
          file,
          line,
          message: `${symbol} repeats line ${prev.line} exactly; kept once`,
        });
      else reject(line, `${symbol} listed twice with different values (first at line ${prev.line})`);
      continue;
    }
    seen.set(symbol, { line, key });
    batch.fundamentals.push(f);
    const name = cells[col.Name].trim();
    batch.instruments.push({ symbol, name: name === '' ? null : name, kind: 'stock' });
  }
  batch.warnings.push({ file, line: null, message: `asOf ${asOf} taken from the ${asOfRule}` });
  return batch;
}

export const sp500Financials: FileImporter = { name: 'sp500-financials', detect, parse };
/** Same importer under the name the registry imports. */
export const sp500FinancialsImporter = sp500Financials;
