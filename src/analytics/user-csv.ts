/**
 * Small reader for the CSV snippets users paste or upload to analytics commands
 * (`symbol,weight_pct,return_pct`, `metric,a,b`). Pure: text in, records out.
 *
 * - UTF-8 BOM and CRLF are accepted; blank lines and lines starting with `#` are skipped.
 * - Fields may be double-quoted (a comma inside quotes is kept, `""` is a literal quote).
 * - The first non-skipped line is the header; column names are matched case-insensitively after
 *   trimming. Every required column must be present once; extra columns are ignored.
 * - Any problem throws ImportError(label, line, problem): a UserError whose message names the line.
 */
import { ImportError } from '../model/errors.ts';

export interface CsvRecord {
  /** 1-based line number in the text. */
  line: number;
  /** Values by (lower-cased) required column name, trimmed. */
  values: Record<string, string>;
}

function splitFields(line: string, label: string, lineNo: number): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += c;
    } else if (c === '"') {
      if (cur.trim() !== '') throw new ImportError(label, lineNo, `stray quote in field ${out.length + 1}`);
      cur = '';
      inQuotes = true;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (inQuotes) throw new ImportError(label, lineNo, 'unterminated quoted field');
  out.push(cur);
  return out.map((f) => f.trim());
}

export function readUserCsv(text: string, label: string, required: readonly string[]): CsvRecord[] {
  if (typeof text !== 'string' || text.replace(/^\uFEFF/, '').trim() === '') {
    throw new ImportError(label, null, 'empty input: expected a header line and at least one row');
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | null = null;
  let headerLine = 0;
  const colIndex = new Map<string, number>();
  const records: CsvRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const fields = splitFields(raw, label, lineNo);
    if (header === null) {
      header = fields.map((f) => f.toLowerCase());
      headerLine = lineNo;
      for (const name of required) {
        const hits = header.flatMap((h, k) => (h === name ? [k] : []));
        if (hits.length === 0) {
          throw new ImportError(
            label,
            lineNo,
            `header must have the columns ${required.join(',')}; missing "${name}" (got "${fields.join(',')}")`,
          );
        }
        if (hits.length > 1)
          throw new ImportError(label, lineNo, `column "${name}" appears ${hits.length} times`);
        colIndex.set(name, hits[0]);
      }
      continue;
    }
    if (fields.length !== header.length) {
      throw new ImportError(
        label,
        lineNo,
        `expected ${header.length} fields (as in the header on line ${headerLine}), got ${fields.length}`,
      );
    }
    const values: Record<string, string> = {};
    for (const name of required) values[name] = fields[colIndex.get(name)!];
    records.push({ line: lineNo, values });
  }
  if (header === null) throw new ImportError(label, null, 'no header line found');
  if (records.length === 0) throw new ImportError(label, headerLine, 'header only: no data rows');
  return records;
}

/**
 * Parse a plain decimal number cell (e.g. `1.25`, `-0.4`, `1e-3`, `1,234.5`). A trailing `%` is
 * allowed when `allowPercentSign` is set (the column is already in percent, so it is just dropped).
 * Empty, `n/a` and other text are errors naming the line and column.
 */
export function parseNumberCell(
  raw: string,
  label: string,
  line: number,
  column: string,
  allowPercentSign = false,
): number {
  let s = raw.trim();
  if (allowPercentSign && s.endsWith('%')) s = s.slice(0, -1).trim();
  const ok = /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/.test(s) && /\d/.test(s);
  if (!ok) {
    throw new ImportError(label, line, `${column}: "${raw}" is not a number`);
  }
  const v = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(v)) throw new ImportError(label, line, `${column}: "${raw}" is not a finite number`);
  return v;
}
