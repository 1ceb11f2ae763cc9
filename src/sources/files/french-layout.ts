/**
 * The layout of Kenneth R. French data-library CSVs, as french.ts reads them: file families and their
 * series prefixes, table kinds (value/equal weighted, firm counts, sizes), column names, dates, units.
 */
import type { Frequency, InstrumentKind, ObservationUnit } from '../../model/types.ts';
import { isIsoDay, monthEnd, parseDate, parseNumber } from './text.ts';

export const SOURCE = 'french';

/** Values the library uses for "missing". */
export const MISSING_VALUES = new Set([-99.99, -999]);

/** Which table of a file a section holds. */
export type TableKind = 'vw' | 'ew' | 'nfirms' | 'size' | 'other';

export interface Family {
  kind: Extract<InstrumentKind, 'factor' | 'portfolio'>;
  /** Series prefix without trailing dot: `FF`, `FF5`, `FF.ME`, `FF.IND10`. */
  prefix: string;
  /** Human label used in SeriesMeta.name. */
  label: string;
}

export interface Column {
  /** Index of the cell in the row. */
  index: number;
  /** Normalised column name. */
  name: string;
  series: string;
  /** The series' index in the file's observation columns (model/observation-columns.ts). */
  at: number;
}

export interface Section {
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

export const FACTOR_NAMES: Record<string, string> = {
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

function isEightDigits(s: string): boolean {
  if (s.length !== 8) return false;
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Parse a French date cell; null when it is not a valid YYYYMMDD / YYYY-MM-DD / YYYYMM / YYYY date. */
export function parseFrenchDate(raw: string): { date: string; freq: Frequency } | null {
  const s = raw.trim();
  if (isEightDigits(s)) {
    // YYYYMMDD (the daily files): the ISO date if it is a real day, as parseDate decides.
    const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
    return isIsoDay(iso) ? { date: iso, freq: 'D' } : null;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
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

export const FREQ_WORD: Record<Frequency, string> = { D: 'daily', M: 'monthly', A: 'annual' };

/** Last path segment; for `<URL>#<entry>` paths (files read out of a ZIP) the entry name. */
export function baseName(relPath: string): string {
  const afterHash = relPath.slice(relPath.lastIndexOf('#') + 1);
  const parts = afterHash.split(/[\\/]/);
  return parts[parts.length - 1];
}

export function isHeaderCells(cells: string[]): boolean {
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
export const DATE_LIKE = /^\s*\d{4}/;

export function nextNonBlank(lines: string[], i: number): string | null {
  for (let k = i + 1; k < lines.length; k++) if (lines[k].trim() !== '') return lines[k];
  return null;
}

export function classifyTitle(title: string | null): TableKind {
  if (title === null) return 'vw';
  const t = title.toLowerCase();
  if (/sum of|average of/.test(t)) return 'other';
  if (/equal[ -]weight/.test(t)) return 'ew';
  if (/number of firms/.test(t)) return 'nfirms';
  if (/average firm size/.test(t)) return 'size';
  return 'vw';
}

export const FACTOR_COLUMNS = new Set([
  'Mkt-RF',
  'SMB',
  'HML',
  'RMW',
  'CMA',
  'RF',
  'Mom',
  'ST_Rev',
  'LT_Rev',
]);

export function resolveFamily(relPath: string, headerNames: string[]): Family | null {
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

export const TABLE_TAG: Record<Exclude<TableKind, 'other'>, string> = {
  vw: '',
  ew: 'EW.',
  nfirms: 'NFIRMS.',
  size: 'SIZE.',
};
export const TABLE_LABEL: Record<Exclude<TableKind, 'other'>, string> = {
  vw: 'value-weighted returns',
  ew: 'equal-weighted returns',
  nfirms: 'number of firms',
  size: 'average firm size, $ mn',
};
export const TABLE_UNIT: Record<Exclude<TableKind, 'other'>, ObservationUnit> = {
  vw: 'fraction',
  ew: 'fraction',
  nfirms: 'count',
  size: 'usd_mn',
};

/** Percent text -> fraction, shifting the decimal point in the text (1.13 -> 0.0113 exactly as parsed). */
export function percentToFraction(cell: string, value: number): number {
  const s = cell.trim();
  if (/^[-+]?\d*\.?\d+$/.test(s)) return Number(`${s}e-2`);
  return value / 100;
}
