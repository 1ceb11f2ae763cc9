/**
 * Importer for Kenneth R. French data-library CSVs (factors, size portfolios, industry portfolios).
 *
 * Layout handled (see ../shared/data/SOURCES-reference.md, "factors/"):
 *  - a free-text preamble of any length (possibly none), then one or more tables ("sections");
 *  - a table starts at a header line whose first cell is `Date` or empty and whose other cells are
 *    column names, immediately followed (blank lines aside) by a dated row;
 *  - a one-cell line right above a header is the table's title (`  Equal Weight Returns -- Monthly`,
 *    ` Annual Factors: January-December`, ...); a table ends at a blank line or a one-cell line
 *    (next title, `Copyright ...` footer) or at the end of the file (with or without trailing newline);
 *  - dates `YYYYMMDD` / `YYYY-MM-DD` (freq 'D'), `YYYYMM` (freq 'M', dated on the month's last calendar
 *    day) and `YYYY` (freq 'A', dated YYYY-12-31); the frequency comes from the dates of each table;
 *  - fields may be space-padded; LF or CRLF; returns are in percent and are stored as fractions
 *    (1.13 -> 0.0113; the decimal point is shifted in the text so the stored double is the nearest one);
 *  - `-99.99` and `-999` mean missing: not stored, counted in one warning per series;
 *  - the `<= 0` column (firms with negative/zero sort variable; always missing) is dropped.
 *
 * Series naming scheme (series name never includes the frequency; Observation.freq tells D/M/A apart):
 *  - Factor files (`F-F_Research_Data_Factors*`, `F-F_Momentum_Factor*`, other `F-F_*` factor files):
 *      `FF.<col>`          e.g. FF.Mkt-RF, FF.SMB, FF.HML, FF.RF, FF.Mom            kind 'factor'
 *    5-factor files (`F-F_Research_Data_5_Factors*`, or a header with RMW/CMA):
 *      `FF5.<col>`         e.g. FF5.Mkt-RF, FF5.SMB, FF5.HML, FF5.RMW, FF5.CMA, FF5.RF
 *    Unit 'fraction', isReturn true.
 *  - Sorted portfolios (`Portfolios_Formed_on_<SORT>*`, e.g. SORT = ME), kind 'portfolio':
 *      value-weighted returns      `FF.<SORT>.<col>`          (unit 'fraction', isReturn true)
 *      equal-weighted returns      `FF.<SORT>.EW.<col>`       (unit 'fraction', isReturn true)
 *      number of firms             `FF.<SORT>.NFIRMS.<col>`   (unit 'count',    isReturn false)
 *      average firm size ($ mn)    `FF.<SORT>.SIZE.<col>`     (unit 'usd_mn',   isReturn false)
 *    Column names are normalised so daily and monthly files agree: `Lo 30`, `Med 40`, `Hi 30`, `Lo 20`,
 *    `Qnt 2`..`Qnt 4`, `Hi 20`, `Lo 10`, `Dec 2`..`Dec 9`, `Hi 10` (the reformatted daily file writes
 *    `2-Dec`, which becomes `Dec 2`).
 *  - Industry portfolios (`<N>_Industry_Portfolios*`): `FF.IND<N>.<col>` with trimmed names
 *    (`Hlth ` -> `Hlth`), and `FF.IND<N>.EW.<col>`, `FF.IND<N>.NFIRMS.<col>`, `FF.IND<N>.SIZE.<col>`
 *    for the other tables, kind 'portfolio'.
 *  - Tables that are neither returns, firm counts nor average sizes (e.g. `Sum of BE / Sum of ME`,
 *    `Value Weighted Average of BE/ME` in the original industry files) are skipped with a warning.
 *
 * Every Observation carries prov {source: 'french', file: relPath, line: 1-based line number}.
 * Malformed rows (wrong number of cells, text or an empty cell where a number belongs, a bad date,
 * a date of another frequency than the table's, a date out of order or repeated within a table) throw
 * ImportError(file, line, problem); with options.lenient the row is skipped and listed in batch.skipped.
 * Structural problems (no table at all, a family that cannot be recognised, a repeated table) always throw.
 */
import { isoToDay } from '../../model/days.ts';
import { ObservationColumnsBuilder, setObservationColumns } from '../../model/observation-columns.ts';
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { SeriesMeta } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import {
  baseName,
  type Column,
  classifyTitle,
  DATE_LIKE,
  FACTOR_NAMES,
  type Family,
  FREQ_WORD,
  isHeaderCells,
  MISSING_VALUES,
  nextNonBlank,
  normaliseFrenchColumn,
  parseFrenchDate,
  percentToFraction,
  resolveFamily,
  type Section,
  SOURCE,
  TABLE_LABEL,
  TABLE_TAG,
  TABLE_UNIT,
  type TableKind,
} from './french-layout.ts';
import { plainDecimalAt } from './plain-number.ts';
import { parseNumber, splitLines } from './text.ts';

export { normaliseFrenchColumn, parseFrenchDate } from './french-layout.ts';

function detect(input: { relPath: string; head: string }): boolean {
  const name = baseName(input.relPath);
  if (/^F-F_|Portfolios_Formed_on_|_Industry_Portfolios|Momentum_Factor/i.test(name)) return true;
  const head = input.head;
  if (/^\s*(?:Date)?\s*,\s*(?:Mkt-RF|<= ?0|NoDur|Mom)\s*(?:,|\r?$)/im.test(head)) return true;
  return /CRSP/.test(head) && /Fama|French/i.test(head) && /^\s*(?:Date)?\s*,/im.test(head);
}

/** What the row readers share while a file is read. */
interface Ctx {
  file: string;
  batch: ImportBatch;
  family: Family | null;
  seenTables: Map<string, number>;
  metaSeen: Set<string>;
  missing: Map<string, { count: number; firstLine: number }>;
  reject: (line: number, problem: string) => void;
  /** Plain cells read straight from their characters (false: every cell through parseNumber; tests compare both). */
  fast: boolean;
  /** Where the observations go, as columns (model/observation-columns.ts). */
  out: ObservationColumnsBuilder;
}

/** A header line followed by a dated row opens a table: its columns, and the names of its series (once per file). */
function openSection(ctx: Ctx, lines: string[], i: number, cells: string[]): Section {
  const { file, batch } = ctx;
  const lineNo = i + 1;
  const names = cells.slice(1).map(normaliseFrenchColumn);
  if (ctx.family === null) {
    ctx.family = resolveFamily(
      file,
      names.filter((n) => n !== '<= 0'),
    );
    if (ctx.family === null)
      throw new ImportError(
        file,
        lineNo,
        `unrecognised Ken French table (columns ${names.join(', ')}); the file name should say which (e.g. Portfolios_Formed_on_ME, 10_Industry_Portfolios, F-F_Research_Data_Factors)`,
      );
  }
  const family = ctx.family;
  const prev = i > 0 ? lines[i - 1] : '';
  const title = prev.trim() !== '' && !prev.includes(',') ? prev.trim() : null;
  let table = classifyTitle(title);
  if (family.kind === 'factor' && table !== 'vw') table = 'other';
  const base = { title, headerLine: lineNo, ncells: cells.length, freq: null, lastDate: null };
  if (table === 'other') {
    batch.warnings.push({
      file,
      line: title !== null ? lineNo - 1 : lineNo,
      message: `skipped table '${title ?? '(untitled)'}': not a return, firm-count or firm-size table`,
    });
    return { ...base, table, columns: [], unit: 'fraction', skip: true };
  }
  const seenNames = new Set<string>();
  const columns: Column[] = [];
  for (let j = 1; j < cells.length; j++) {
    const name = names[j - 1];
    if (seenNames.has(name))
      throw new ImportError(file, lineNo, `column '${name}' appears twice in the header`);
    seenNames.add(name);
    if (name === '<= 0') continue;
    const series = `${family.prefix}.${TABLE_TAG[table]}${name}`;
    columns.push({ index: j, name, series, at: ctx.out.seriesIndex(series) });
  }
  const unit = TABLE_UNIT[table];
  for (const c of columns) {
    if (ctx.metaSeen.has(c.series)) continue;
    ctx.metaSeen.add(c.series);
    const desc =
      family.kind === 'factor'
        ? `${family.label} ${FACTOR_NAMES[c.name] ?? c.name}`
        : `${family.label}: ${c.name} (${TABLE_LABEL[table]})`;
    const meta: SeriesMeta = {
      series: c.series,
      kind: family.kind,
      name: desc,
      unit,
      isReturn: unit === 'fraction',
    };
    batch.seriesMeta.push(meta);
  }
  return { ...base, table, columns, unit, skip: false };
}

/** The cells of a data row as numbers (index = column), or the problem of the first bad cell. */
function rowValues(cells: string[], fast: boolean): number[] | string {
  const values: number[] = new Array(cells.length);
  for (let j = 1; j < cells.length; j++) {
    const plain = fast ? paddedDecimal(cells[j], 0) : Number.NaN;
    if (!Number.isNaN(plain)) {
      values[j] = plain; // a plain decimal, space-padded: what parseNumber gives for it
      continue;
    }
    const c = cells[j].trim();
    const v = parseNumber(c);
    if (c === '') return `empty value in column ${j + 1}`;
    if (!Number.isFinite(v)) return `not a number in column ${j + 1}: '${c}'`;
    values[j] = v;
  }
  return values;
}

/** A cell holding a plain decimal between spaces → its value times 10^-shift (plain-number.ts), else NaN. */
function paddedDecimal(cell: string, shift: number): number {
  let s = 0;
  let e = cell.length;
  while (s < e && cell.charCodeAt(s) === 32) s++;
  while (e > s && cell.charCodeAt(e - 1) === 32) e--;
  return plainDecimalAt(cell, s, e, shift);
}

/** Percent → fraction: for a plain decimal straight from the text (as percentToFraction's `Number(s + 'e-2')`), else percentToFraction. */
function fractionOf(cell: string, value: number): number {
  const f = paddedDecimal(cell, 2);
  return Number.isNaN(f) ? percentToFraction(cell, value) : f;
}

/** A data row of the current table: validated entirely, then its observations emitted (missing values counted). */
function readDataRow(ctx: Ctx, section: Section, cells: string[], lineNo: number): void {
  const { file, reject } = ctx;
  if (cells.length !== section.ncells) {
    reject(
      lineNo,
      `expected ${section.ncells} cells as in the header at line ${section.headerLine}, found ${cells.length}`,
    );
    return;
  }
  const d = parseFrenchDate(cells[0]);
  if (d === null) {
    reject(lineNo, `bad date '${cells[0].trim()}' (expected YYYYMMDD, YYYY-MM-DD, YYYYMM or YYYY)`);
    return;
  }
  if (section.freq !== null && d.freq !== section.freq) {
    reject(
      lineNo,
      `date '${cells[0].trim()}' is ${FREQ_WORD[d.freq]} but the table is ${FREQ_WORD[section.freq]}`,
    );
    return;
  }
  if (section.lastDate !== null && d.date <= section.lastDate) {
    reject(
      lineNo,
      d.date === section.lastDate
        ? `duplicate date ${cells[0].trim()} in the table starting at line ${section.headerLine}`
        : `date ${cells[0].trim()} out of order (after ${section.lastDate})`,
    );
    return;
  }
  const values = rowValues(cells, ctx.fast);
  if (typeof values === 'string') {
    reject(lineNo, values);
    return;
  }
  if (section.freq === null) {
    section.freq = d.freq;
    const key = `${section.table}/${d.freq}`;
    const prevHeader = ctx.seenTables.get(key);
    if (prevHeader !== undefined)
      throw new ImportError(
        file,
        section.headerLine,
        `the ${FREQ_WORD[d.freq]} ${TABLE_LABEL[section.table as Exclude<TableKind, 'other'>]} table repeats (first at line ${prevHeader})`,
      );
    ctx.seenTables.set(key, section.headerLine);
  }
  section.lastDate = d.date;
  const day = isoToDay(d.date);
  for (const col of section.columns) {
    const v = values[col.index];
    if (MISSING_VALUES.has(v)) {
      const m = ctx.missing.get(col.series);
      if (m) m.count++;
      else ctx.missing.set(col.series, { count: 1, firstLine: lineNo });
      continue;
    }
    const value = section.unit !== 'fraction' ? v : ctx.fast ? fractionOf(cells[col.index], v) : percentToFraction(cells[col.index], v);
    ctx.out.push(col.at, d.freq, section.unit, day, value, lineNo);
  }
}

/** Parse a Ken French file; `fast` false reads every cell through parseNumber (tests compare both). */
export function parseFrench(input: FileInput, options: ParseOptions, fast = true): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('french', SOURCE, file, input.sha256);
  const lines = splitLines(input.text);
  if (lines.every((l) => l.trim() === ''))
    throw new ImportError(file, 1, 'empty file: no Ken French table found');
  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };
  const ctx: Ctx = {
    file,
    batch,
    family: null,
    seenTables: new Map(),
    metaSeen: new Set(),
    missing: new Map(),
    reject,
    fast,
    out: new ObservationColumnsBuilder(SOURCE, file),
  };
  let section: Section | null = null;
  let sections = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    if (raw.trim() === '') {
      section = null;
      continue;
    }
    const cells = raw.split(',');
    if (cells.length === 1) {
      // Title, copyright footer or preamble text: ends any table.
      section = null;
      continue;
    }
    if (isHeaderCells(cells)) {
      const next = nextNonBlank(lines, i);
      if (next !== null && DATE_LIKE.test(next.split(',')[0])) {
        section = openSection(ctx, lines, i, cells);
        sections++;
        continue;
      }
    }
    if (section === null) {
      if (DATE_LIKE.test(cells[0])) reject(lineNo, 'data row outside any table (no header line above it)');
      // Otherwise preamble text that happens to contain commas.
      continue;
    }
    if (!section.skip) readDataRow(ctx, section, cells, lineNo);
  }
  if (sections === 0)
    throw new ImportError(
      file,
      1,
      'no Ken French table found (expected a header line starting with "Date," or "," followed by dated rows)',
    );
  setObservationColumns(batch, ctx.out.build());
  for (const [series, m] of ctx.missing) {
    batch.warnings.push({
      file,
      line: m.firstLine,
      message: `${series}: ${m.count} missing value${m.count === 1 ? '' : 's'} (-99.99 or -999) not stored (first at line ${m.firstLine})`,
    });
  }
  return batch;
}

export const french: FileImporter = { name: 'french', detect, parse: (input, options) => parseFrench(input, options) };
/** Same importer under the name the registry imports. */
export const frenchImporter = french;
