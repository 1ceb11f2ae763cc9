/** Low-level helpers shared by the file importers: decoding, line splitting, number parsing. */
import { createHash } from 'node:crypto';
import { ImportError } from '../../model/errors.ts';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Decode file bytes as UTF-8 text. Rejects empty files and binary junk (NUL bytes, invalid UTF-8,
 * or a high share of control characters). Strips a UTF-8 BOM.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError(file, null, 'empty file');
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i];
    if (b >= 32) continue; // printable or UTF-8 (the common case)
    if (b === 0) throw new ImportError(file, null, 'binary data (NUL byte): not a text/CSV file');
    if (b < 9 || b > 13) control++;
  }
  if (control > probe.length * 0.01) throw new ImportError(file, null, 'binary data: not a text/CSV file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(file, null, 'not valid UTF-8 text: binary data or an unsupported encoding');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new ImportError(file, null, 'empty file (only white space)');
  return text;
}

/** Split into lines (LF or CRLF), keeping 1-based line numbers; a missing trailing newline is fine. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * True when `s` is a plain decimal the slow path below accepts unchanged: [-+]digits[.digits][e[-+]digits]
 * with no spaces, quotes or thousands separators (the common case, checked without a regex).
 */
function isPlainDecimal(s: string): boolean {
  const n = s.length;
  const digitsFrom = (i: number): number => {
    let j = i;
    while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    return j;
  };
  const c0 = s.charCodeAt(0);
  let i = c0 === 43 || c0 === 45 ? 1 : 0;
  const intEnd = digitsFrom(i);
  let digits = intEnd - i;
  i = intEnd;
  if (i < n && s.charCodeAt(i) === 46) {
    const fracEnd = digitsFrom(i + 1);
    if (fracEnd === i + 1) return false;
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (i < n && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    const expEnd = digitsFrom(i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === n;
}

/** Parse a decimal number, allowing surrounding spaces, quotes and thousands separators. NaN if not a number. */
export function parseNumber(raw: string | undefined): number {
  if (raw === undefined) return Number.NaN;
  if (isPlainDecimal(raw)) return Number(raw);
  let s = raw.trim();
  if (s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim();
  if (s === '') return Number.NaN;
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/.test(s) && /\d/.test(s)) {
    return Number(s.replace(/,/g, ''));
  }
  return Number.NaN;
}

/** True for the blank or placeholder values a source uses for "missing". */
export function isMissingToken(raw: string | undefined): boolean {
  if (raw === undefined) return true;
  const c0 = raw.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return false; // starts with a digit: a value (the common case)
  const s = raw.trim().replace(/^"|"$/g, '').trim();
  return (
    s === '' ||
    s === '.' ||
    s === '-' ||
    s === '--' ||
    s.toLowerCase() === 'nan' ||
    s.toLowerCase() === 'null'
  );
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written exactly `YYYY-MM-DD` (the common case, checked without a regex or a Date). */
export function isIsoDay(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    if (i < 4) y = y * 10 + c;
  }
  const m = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
  const d = (s.charCodeAt(8) - 48) * 10 + s.charCodeAt(9) - 48;
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** Normalise `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD` or `Mon DD, YYYY` to ISO; null if not a valid date. */
export function parseDate(raw: string): string | null {
  if (isIsoDay(raw)) return raw;
  const s = raw.trim().replace(/^"|"$/g, '');
  let iso: string | null = null;
  const ymd = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const slash = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  const named = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})$/.exec(s);
  if (ymd) iso = `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  else if (slash) iso = `${slash[1]}-${slash[2].padStart(2, '0')}-${slash[3].padStart(2, '0')}`;
  else if (named) {
    const mm = MONTHS[named[1].toLowerCase()];
    if (mm) iso = `${named[3]}-${mm}-${named[2].padStart(2, '0')}`;
  }
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return null;
  return iso;
}

/** Last calendar day of a month given as YYYY, MM. */
export function monthEnd(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

const AS_OF_COMMENT = /^#\s*as[-_ ]?of\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\s*$/i;

/**
 * Skip leading `#` comment and blank lines; a `# as-of YYYY-MM-DD` comment among them gives the
 * snapshot date. Returns the date (or null), the rule that gave it, and the index of the first
 * other line.
 */
export function readCommentPreamble(
  file: string,
  lines: string[],
): { asOf: string | null; asOfRule: string; start: number } {
  let asOf: string | null = null;
  let asOfRule = '';
  let start = 0;
  while (start < lines.length && (lines[start].startsWith('#') || lines[start].trim() === '')) {
    const m = AS_OF_COMMENT.exec(lines[start].trim());
    if (m) {
      asOf = parseDate(m[1]);
      if (!asOf) throw new ImportError(file, start + 1, `bad as-of date '${m[1]}'`);
      asOfRule = `'# as-of' comment at line ${start + 1}`;
    }
    start++;
  }
  return { asOf, asOfRule, start };
}
