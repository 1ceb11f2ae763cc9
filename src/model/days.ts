/**
 * Dates as integer days since 1970-01-01, the way DuckDB stores a DATE: the price importer keeps its
 * rows' dates so (model/bar-columns.ts), the store stages and reads
 * dates as these integers and turns them into `YYYY-MM-DD` strings once per distinct day (cached),
 * not once per row.
 */

const MS_PER_DAY = 86_400_000;

const DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two or four ASCII digits at `at` as a number; -1 if any is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `YYYY-MM-DD` → days since 1970-01-01; NaN when it is not a real calendar date in that exact form. */
export function isoToDay(iso: string): number {
  return iso.length === 10 ? isoDayAt(iso, 0) : Number.NaN;
}

/** The `YYYY-MM-DD` date in the ten characters of `text` from `at` → days since 1970-01-01, or NaN (as isoToDay). */
export function isoDayAt(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return Number.NaN;
  const y = digits(text, at, 4);
  const m = digits(text, at + 5, 2);
  const d = digits(text, at + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return Number.NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DIM[m - 1])) return Number.NaN;
  // days from the civil date (proleptic Gregorian; H. Hinnant's algorithm)
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Formatted days 1900-01-01 … 2099-12-31 by index (day + DENSE_FROM), filled on first use. */
const DENSE_FROM = 25_567;
const DENSE_SPAN = 73_049;
const dense: (string | undefined)[] = new Array(DENSE_SPAN);
const cache = new Map<number, string>();

/** Days since 1970-01-01 → `YYYY-MM-DD` (each distinct day formatted once per process). */
export function dayToIso(day: number): string {
  const k = day + DENSE_FROM;
  const inDense = k >= 0 && k < DENSE_SPAN;
  let s = inDense ? dense[k] : cache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (inDense) dense[k] = s;
    else cache.set(day, s);
  }
  return s;
}
