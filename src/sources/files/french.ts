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
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type {
  Frequency,
  InstrumentKind,
  Observation,
  ObservationUnit,
  Provenance,
  SeriesMeta,
  WithProv,
} from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { monthEnd, parseDate, parseNumber, splitLines } from './text.ts';

const SOURCE = 'french';

/** Values the library uses for "missing". */
const MISSING_VALUES = new Set([-99.99, -999]);

/** Which table of a file a section holds. */
type TableKind = 'vw' | 'ew' | 'nfirms' | 'size' | 'other';

interface Family {
  kind: Extract<InstrumentKind, 'factor' | 'portfolio'>;
  /** Series prefix without trailing dot: `FF`, `FF5`, `FF.ME`, `FF.IND10`. */
  prefix: string;
  /** Human label used in SeriesMeta.name. */
  label: string;
}

interface Column {
  /** Index of the cell in the row. */
  index: number;
  /** Normalised column name. */
  name: string;
  series: string;
}

interface Section {
  table: TableKind;
  title: string | null;
  headerLine: number;
  ncells: number;
  columns: Column[];
  freq: Frequency | null;
  lastDate: string | null;
  unit: ObservationUnit;
  /** True for tables we do not import (rows are passed over without checks). */
  skip: boolean;
}

const FACTOR_NAMES: Record<string, string> = {
  'Mkt-RF': 'market excess return (Mkt-RF)',
  SMB: 'size factor (SMB)',
  HML: 'value factor (HML)',
  RMW: 'profitability factor (RMW)',
  CMA: 'investment factor (CMA)',
  RF: 'risk-free rate, 1-month T-bill (RF)',
  Mom: 'momentum factor (Mom)',
  ST_Rev: 'short-term reversal factor (ST_Rev)',
  LT_Rev: 'long-term reversal factor (LT_Rev)',
};

/** Normalise a column name so that daily and monthly files agree (`2-Dec` -> `Dec 2`, `Hlth ` -> `Hlth`). */
export function normaliseFrenchColumn(raw: string): string {
  let s = raw.trim().replace(/\s+/g, ' ');
  let m = /^(\d+)-Dec$/i.exec(s);
  if (m) return `Dec ${Number(m[1])}`;
  m = /^(Dec|Qnt)\s*(\d+)$/i.exec(s);
  if (m) return `${m[1][0].toUpperCase()}${m[1].slice(1).toLowerCase()} ${Number(m[2])}`;
  m = /^(Lo|Med|Hi)\s*(\d+)$/i.exec(s);
  if (m) return `${m[1][0].toUpperCase()}${m[1].slice(1).toLowerCase()} ${Number(m[2])}`;
  m = /^<=\s*0$/.exec(s);
  if (m) s = '<= 0';
  return s;
}

/** Parse a French date cell; null when it is not a valid YYYYMMDD / YYYY-MM-DD / YYYYMM / YYYY date. */
export function parseFrenchDate(raw: string): { date: string; freq: Frequency } | null {
  const s = raw.trim();
  if (/^\d{8}$/.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = parseDate(s);
    return d ? { date: d, freq: 'D' } : null;
  }
  let m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { date: monthEnd(y, mo), freq: 'M' };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return { date: `${m[1]}-12-31`, freq: 'A' };
  return null;
}

const FREQ_WORD: Record<Frequency, string> = { D: 'daily', M: 'monthly', A: 'annual' };

/** Last path segment; for `<URL>#<entry>` paths (files read out of a ZIP) the entry name. */
function baseName(relPath: string): string {
  const afterHash = relPath.slice(relPath.lastIndexOf('#') + 1);
  const parts = afterHash.split(/[\\/]/);
  return parts[parts.length - 1];
}

function isHeaderCells(cells: string[]): boolean {
  if (cells.length < 2) return false;
  const first = cells[0].trim().toLowerCase();
  if (first !== '' && first !== 'date') return false;
  for (let j = 1; j < cells.length; j++) {
    const c = cells[j].trim();
    if (c === '' || !Number.isNaN(parseNumber(c))) return false;
  }
  return true;
}

/** A row that looks dated (first cell starts with four digits), whether or not the date is valid. */
const DATE_LIKE = /^\s*\d{4}/;

function nextNonBlank(lines: string[], i: number): string | null {
  for (let k = i + 1; k < lines.length; k++) if (lines[k].trim() !== '') return lines[k];
  return null;
}

function classifyTitle(title: string | null): TableKind {
  if (title === null) return 'vw';
  const t = title.toLowerCase();
  if (/sum of|average of/.test(t)) return 'other';
  if (/equal[ -]weight/.test(t)) return 'ew';
  if (/number of firms/.test(t)) return 'nfirms';
  if (/average firm size/.test(t)) return 'size';
  return 'vw';
}

const FACTOR_COLUMNS = new Set(['Mkt-RF', 'SMB', 'HML', 'RMW', 'CMA', 'RF', 'Mom', 'ST_Rev', 'LT_Rev']);

function resolveFamily(relPath: string, headerNames: string[]): Family | null {
  const name = baseName(relPath);
  let m = /(\d+)_Industry_Portfolios/i.exec(name);
  if (m)
    return {
      kind: 'portfolio',
      prefix: `FF.IND${Number(m[1])}`,
      label: `${Number(m[1])} industry portfolios`,
    };
  m = /Portfolios_Formed_on_(.+?)(?:_(?:Daily|Wout_Div))*(?:\.(?:csv|txt))?$/i.exec(name);
  if (m) {
    const sort = m[1].toUpperCase();
    return { kind: 'portfolio', prefix: `FF.${sort}`, label: `portfolios formed on ${sort}` };
  }
  const factorish = headerNames.length > 0 && headerNames.every((c) => FACTOR_COLUMNS.has(c));
  if (factorish || /^F-F_/i.test(name)) {
    const five = /5_Factors/i.test(name) || headerNames.includes('RMW') || headerNames.includes('CMA');
    return five
      ? { kind: 'factor', prefix: 'FF5', label: 'Fama/French 5-factor model' }
      : { kind: 'factor', prefix: 'FF', label: 'Fama/French' };
  }
  if (headerNames[0] === 'NoDur') {
    const n = headerNames.length;
    return { kind: 'portfolio', prefix: `FF.IND${n}`, label: `${n} industry portfolios` };
  }
  return null;
}

const TABLE_TAG: Record<Exclude<TableKind, 'other'>, string> = {
  vw: '',
  ew: 'EW.',
  nfirms: 'NFIRMS.',
  size: 'SIZE.',
};
const TABLE_LABEL: Record<Exclude<TableKind, 'other'>, string> = {
  vw: 'value-weighted returns',
  ew: 'equal-weighted returns',
  nfirms: 'number of firms',
  size: 'average firm size, $ mn',
};
const TABLE_UNIT: Record<Exclude<TableKind, 'other'>, ObservationUnit> = {
  vw: 'fraction',
  ew: 'fraction',
  nfirms: 'count',
  size: 'usd_mn',
};

/** Percent text -> fraction, shifting the decimal point in the text (1.13 -> 0.0113 exactly as parsed). */
function percentToFraction(cell: string, value: number): number {
  const s = cell.trim();
  if (/^[-+]?\d*\.?\d+$/.test(s)) return Number(`${s}e-2`);
  return value / 100;
}

function detect(input: { relPath: string; head: string }): boolean {
  const name = baseName(input.relPath);
  if (/^F-F_|Portfolios_Formed_on_|_Industry_Portfolios|Momentum_Factor/i.test(name)) return true;
  const head = input.head;
  if (/^\s*(?:Date)?\s*,\s*(?:Mkt-RF|<= ?0|NoDur|Mom)\s*(?:,|\r?$)/im.test(head)) return true;
  return /CRSP/.test(head) && /Fama|French/i.test(head) && /^\s*(?:Date)?\s*,/im.test(head);
}

function parse(input: FileInput, options: ParseOptions): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('french', SOURCE, file, input.sha256);
  const lines = splitLines(input.text);
  if (lines.every((l) => l.trim() === ''))
    throw new ImportError(file, 1, 'empty file: no Ken French table found');

  let family: Family | null = null;
  let section: Section | null = null;
  const seenTables = new Map<string, number>();
  const metaSeen = new Set<string>();
  const missing = new Map<string, { count: number; firstLine: number }>();
  let sections = 0;

  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };

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
        const names = cells.slice(1).map(normaliseFrenchColumn);
        if (family === null) {
          family = resolveFamily(
            file,
            names.filter((n) => n !== '<= 0'),
          );
          if (family === null)
            throw new ImportError(
              file,
              lineNo,
              `unrecognised Ken French table (columns ${names.join(', ')}); the file name should say which (e.g. Portfolios_Formed_on_ME, 10_Industry_Portfolios, F-F_Research_Data_Factors)`,
            );
        }
        const prev = i > 0 ? lines[i - 1] : '';
        const title = prev.trim() !== '' && !prev.includes(',') ? prev.trim() : null;
        let table = classifyTitle(title);
        if (family.kind === 'factor' && table !== 'vw') table = 'other';
        sections++;
        if (table === 'other') {
          batch.warnings.push({
            file,
            line: title !== null ? lineNo - 1 : lineNo,
            message: `skipped table '${title ?? '(untitled)'}': not a return, firm-count or firm-size table`,
          });
          section = {
            table,
            title,
            headerLine: lineNo,
            ncells: cells.length,
            columns: [],
            freq: null,
            lastDate: null,
            unit: 'fraction',
            skip: true,
          };
          continue;
        }
        const seenNames = new Set<string>();
        const columns: Column[] = [];
        for (let j = 1; j < cells.length; j++) {
          const name = names[j - 1];
          if (seenNames.has(name))
            throw new ImportError(file, lineNo, `column '${name}' appears twice in the header`);
          seenNames.add(name);
          if (name === '<= 0') continue;
          columns.push({ index: j, name, series: `${family.prefix}.${TABLE_TAG[table]}${name}` });
        }
        const unit = TABLE_UNIT[table];
        section = {
          table,
          title,
          headerLine: lineNo,
          ncells: cells.length,
          columns,
          freq: null,
          lastDate: null,
          unit,
          skip: false,
        };
        for (const c of columns) {
          if (metaSeen.has(c.series)) continue;
          metaSeen.add(c.series);
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
        continue;
      }
    }

    if (section === null) {
      if (DATE_LIKE.test(cells[0])) reject(lineNo, 'data row outside any table (no header line above it)');
      // Otherwise preamble text that happens to contain commas.
      continue;
    }
    if (section.skip) continue;

    // A data row of the current table: validate it entirely, then emit.
    if (cells.length !== section.ncells) {
      reject(
        lineNo,
        `expected ${section.ncells} cells as in the header at line ${section.headerLine}, found ${cells.length}`,
      );
      continue;
    }
    const d = parseFrenchDate(cells[0]);
    if (d === null) {
      reject(lineNo, `bad date '${cells[0].trim()}' (expected YYYYMMDD, YYYY-MM-DD, YYYYMM or YYYY)`);
      continue;
    }
    if (section.freq !== null && d.freq !== section.freq) {
      reject(
        lineNo,
        `date '${cells[0].trim()}' is ${FREQ_WORD[d.freq]} but the table is ${FREQ_WORD[section.freq]}`,
      );
      continue;
    }
    if (section.lastDate !== null && d.date <= section.lastDate) {
      reject(
        lineNo,
        d.date === section.lastDate
          ? `duplicate date ${cells[0].trim()} in the table starting at line ${section.headerLine}`
          : `date ${cells[0].trim()} out of order (after ${section.lastDate})`,
      );
      continue;
    }
    let bad: string | null = null;
    const values: number[] = new Array(cells.length);
    for (let j = 1; j < cells.length; j++) {
      const c = cells[j].trim();
      const v = parseNumber(c);
      if (c === '') {
        bad = `empty value in column ${j + 1}`;
        break;
      }
      if (!Number.isFinite(v)) {
        bad = `not a number in column ${j + 1}: '${c}'`;
        break;
      }
      values[j] = v;
    }
    if (bad !== null) {
      reject(lineNo, bad);
      continue;
    }
    if (section.freq === null) {
      section.freq = d.freq;
      const key = `${section.table}/${d.freq}`;
      const prevHeader = seenTables.get(key);
      if (prevHeader !== undefined)
        throw new ImportError(
          file,
          section.headerLine,
          `the ${FREQ_WORD[d.freq]} ${TABLE_LABEL[section.table as Exclude<TableKind, 'other'>]} table repeats (first at line ${prevHeader})`,
        );
      seenTables.set(key, section.headerLine);
    }
    section.lastDate = d.date;
    const prov: Provenance = { source: SOURCE, file, line: lineNo };
    for (const col of section.columns) {
      const v = values[col.index];
      if (MISSING_VALUES.has(v)) {
        const m = missing.get(col.series);
        if (m) m.count++;
        else missing.set(col.series, { count: 1, firstLine: lineNo });
        continue;
      }
      const obs: WithProv<Observation> = {
        series: col.series,
        freq: d.freq,
        date: d.date,
        value: section.unit === 'fraction' ? percentToFraction(cells[col.index], v) : v,
        unit: section.unit,
        prov,
      };
      batch.observations.push(obs);
    }
  }

  if (sections === 0)
    throw new ImportError(
      file,
      1,
      'no Ken French table found (expected a header line starting with "Date," or "," followed by dated rows)',
    );
  for (const [series, m] of missing) {
    batch.warnings.push({
      file,
      line: m.firstLine,
      message: `${series}: ${m.count} missing value${m.count === 1 ? '' : 's'} (-99.99 or -999) not stored (first at line ${m.firstLine})`,
    });
  }
  return batch;
}

export const french: FileImporter = { name: 'french', detect, parse };
/** Same importer under the name the registry imports. */
export const frenchImporter = french;
