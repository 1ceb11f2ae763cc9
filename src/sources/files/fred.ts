/**
 * Importer for FRED CSV downloads (macro/DGS10.csv, T10Y2Y.csv, VIXCLS.csv, DFF.csv): header
 * `observation_date,<SERIES>` (current FRED export) or `DATE,<SERIES>` (older export), one
 * `YYYY-MM-DD,value` row per date. A blank value (current export) or `.` (older export) means no
 * observation that day (holiday): not stored, counted in one warning.
 *
 * Output: one SeriesMeta `FRED.<SERIES>` (kind 'macro', isReturn false; unit from a small table by series
 * id: 'percent' for yields, rates and spreads, 'level' for index levels such as VIXCLS, default 'level')
 * and one Observation per value, freq 'D', with prov {source: 'fred', file, line}. Values are stored as
 * FRED gives them (a 4.42% yield is 4.42, unit 'percent'). DFF has weekend rows (7 days a week): kept.
 * Non-daily FRED series (e.g. monthly, dated on the 1st) would also be stored with freq 'D' as dated.
 *
 * Malformed rows (wrong number of cells, bad date, text in the value, a date out of order, the same
 * date twice with different values) throw ImportError(file, line, problem) unless options.lenient (row
 * skipped, listed in batch.skipped). The same date twice with the same value is a warning, kept once.
 */
import { emptyBatch, type ImportBatch } from '../../model/batch.ts';
import { ImportError } from '../../model/errors.ts';
import type { Observation, ObservationUnit, Provenance, SeriesMeta, WithProv } from '../../model/types.ts';
import type { FileImporter, FileInput, ParseOptions } from '../importer.ts';
import { parseDate, parseNumber, splitLines } from './text.ts';

const SOURCE = 'fred';

/** Known FRED series: unit and a readable name. Unknown ids default to unit 'level' (see fredUnit). */
export const FRED_SERIES: Record<string, { unit: ObservationUnit; name: string }> = {
  DGS1MO: { unit: 'percent', name: '1-month Treasury constant-maturity yield' },
  DGS3MO: { unit: 'percent', name: '3-month Treasury constant-maturity yield' },
  DGS6MO: { unit: 'percent', name: '6-month Treasury constant-maturity yield' },
  DGS1: { unit: 'percent', name: '1-year Treasury constant-maturity yield' },
  DGS2: { unit: 'percent', name: '2-year Treasury constant-maturity yield' },
  DGS5: { unit: 'percent', name: '5-year Treasury constant-maturity yield' },
  DGS10: { unit: 'percent', name: '10-year Treasury constant-maturity yield' },
  DGS30: { unit: 'percent', name: '30-year Treasury constant-maturity yield' },
  T10Y2Y: { unit: 'percent', name: '10-year minus 2-year Treasury spread (percentage points)' },
  T10Y3M: { unit: 'percent', name: '10-year minus 3-month Treasury spread (percentage points)' },
  DFF: { unit: 'percent', name: 'Effective federal funds rate' },
  FEDFUNDS: { unit: 'percent', name: 'Effective federal funds rate (monthly)' },
  DTB3: { unit: 'percent', name: '3-month Treasury bill secondary market rate' },
  SOFR: { unit: 'percent', name: 'Secured overnight financing rate' },
  DPRIME: { unit: 'percent', name: 'Bank prime loan rate' },
  BAMLH0A0HYM2: { unit: 'percent', name: 'ICE BofA US high yield option-adjusted spread' },
  BAMLC0A0CM: { unit: 'percent', name: 'ICE BofA US corporate option-adjusted spread' },
  BAA10Y: { unit: 'percent', name: "Moody's Baa corporate yield minus 10-year Treasury" },
  DFII10: { unit: 'percent', name: '10-year TIPS real yield' },
  T10YIE: { unit: 'percent', name: '10-year breakeven inflation rate' },
  T5YIE: { unit: 'percent', name: '5-year breakeven inflation rate' },
  MORTGAGE30US: { unit: 'percent', name: '30-year fixed mortgage rate' },
  UNRATE: { unit: 'percent', name: 'Unemployment rate' },
  VIXCLS: { unit: 'level', name: 'CBOE Volatility Index (VIX) close' },
  VXNCLS: { unit: 'level', name: 'CBOE Nasdaq-100 Volatility Index close' },
  DCOILWTICO: { unit: 'level', name: 'WTI crude oil spot price (USD per barrel)' },
  DTWEXBGS: { unit: 'level', name: 'Nominal broad US dollar index' },
};

/** Unit of a FRED series id: the table above, else 'percent' for DGSn / TnYm-style Treasury ids, else 'level'. */
export function fredUnit(id: string): ObservationUnit {
  const known = FRED_SERIES[id];
  if (known) return known.unit;
  if (/^DGS\d+(MO)?$/.test(id) || /^T\d+Y\d+[YM]$/.test(id)) return 'percent';
  return 'level';
}

/**
 * `observation_date,<ID>` or `DATE,<ID>`, case-sensitive: FRED ids are upper case, and a price file's
 * `Date,Close` must not look like a FRED series.
 */
const HEADER = /^\s*"?(observation_date|DATE)"?\s*,\s*"?([A-Z0-9][A-Z0-9_]*)"?\s*$/;

function detect(input: { relPath: string; head: string }): boolean {
  const first = splitLines(input.head.replace(/^\uFEFF/, ''))[0];
  return first !== undefined && HEADER.test(first);
}

function parse(input: FileInput, options: ParseOptions): ImportBatch {
  const file = input.relPath;
  const batch = emptyBatch('fred', SOURCE, file, input.sha256);
  const lines = splitLines(input.text.replace(/^\uFEFF/, ''));
  if (lines.every((l) => l.trim() === '')) throw new ImportError(file, 1, 'empty file: no FRED header');
  const m = HEADER.exec(lines[0]);
  if (!m)
    throw new ImportError(
      file,
      1,
      `not a FRED header: expected 'observation_date,<SERIES>' or 'DATE,<SERIES>', found '${lines[0].trim()}'`,
    );
  const id = m[2];
  const series = `FRED.${id}`;
  const unit = fredUnit(id);
  const meta: SeriesMeta = {
    series,
    kind: 'macro',
    name: FRED_SERIES[id]?.name ?? id,
    unit,
    isReturn: false,
  };
  batch.seriesMeta.push(meta);

  const reject = (line: number, problem: string): void => {
    if (!options.lenient) throw new ImportError(file, line, problem);
    batch.skipped.push({ file, line, reason: problem });
  };

  /** date -> value (null = missing) and line, to tell identical from conflicting repeats. */
  const seen = new Map<string, { value: number | null; line: number }>();
  let lastDate: string | null = null;
  let missing = 0;
  let firstMissing = 0;
  let rows = 0;

  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i];
    if (raw.trim() === '') continue;
    rows++;
    const cells = raw.split(',');
    if (cells.length !== 2) {
      reject(line, `expected 2 cells (date,value), found ${cells.length}`);
      continue;
    }
    const dateRaw = cells[0].trim().replace(/^"|"$/g, '');
    const date = /^\d{4}-\d{2}-\d{2}$/.test(dateRaw) ? parseDate(dateRaw) : null;
    if (date === null) {
      reject(line, `bad date '${dateRaw}' (expected YYYY-MM-DD)`);
      continue;
    }
    const vRaw = cells[1].trim().replace(/^"|"$/g, '').trim();
    let value: number | null = null;
    if (vRaw !== '' && vRaw !== '.') {
      value = parseNumber(vRaw);
      if (!Number.isFinite(value)) {
        reject(line, `not a number: '${vRaw}'`);
        continue;
      }
    }
    const prev = seen.get(date);
    if (prev) {
      if (prev.value === value) {
        batch.warnings.push({
          file,
          line,
          message: `${date} repeats line ${prev.line} with the same value; kept once`,
        });
      } else {
        reject(
          line,
          `duplicate date ${date} with a different value (line ${prev.line}: ${prev.value ?? 'missing'}, here: ${value ?? 'missing'})`,
        );
      }
      continue;
    }
    if (lastDate !== null && date < lastDate) {
      reject(line, `date ${date} out of order (after ${lastDate})`);
      continue;
    }
    seen.set(date, { value, line });
    lastDate = date;
    if (value === null) {
      if (missing === 0) firstMissing = line;
      missing++;
      continue;
    }
    const prov: Provenance = { source: SOURCE, file, line };
    const obs: WithProv<Observation> = { series, freq: 'D', date, value, unit, prov };
    batch.observations.push(obs);
  }
  if (missing > 0)
    batch.warnings.push({
      file,
      line: firstMissing,
      message: `${series}: ${missing} date${missing === 1 ? '' : 's'} without a value (blank or '.') not stored (first at line ${firstMissing})`,
    });
  if (rows === 0) throw new ImportError(file, 1, 'no data rows after the header');
  return batch;
}

export const fred: FileImporter = { name: 'fred', detect, parse };
/** Same importer under the name the registry imports. */
export const fredImporter = fred;
