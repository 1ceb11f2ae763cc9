/**
 * The fast path of the price CSV importer: one data line read straight from the file's text, for the
 * plain case only — exactly `width` comma-separated fields, an ISO `YYYY-MM-DD` date in the first, and
 * a plain decimal (plain-number.ts) in every price and volume column the importer reads. Anything
 * else (a quote, a blank or placeholder value, an exponent, spaces, a bad date, a wrong field count)
 * makes `scan` return false and the importer reads that line with its general row reader, which
 * gives the values, errors and skipped rows it always gave. On a line it accepts, `scan` yields the
 * same date and numbers the general reader would.
 */
import { plainDecimalAt } from './plain-number.ts';
import { isoDayAt } from '../../model/days.ts';

/** Numeric slots, in this order: open, high, low, close, adj close, volume. */
export const OPEN = 0;
export const HIGH = 1;
export const LOW = 2;
export const CLOSE = 3;
export const ADJ_CLOSE = 4;
export const VOLUME = 5;
const SKIP = -1;
const DATE = -2;
const NAME = -3;

/** Column index per role, as price-csv.ts maps the header. */
export interface ScanLayout {
  width: number;
  date: number;
  close: number;
  /** Open, high and low are read only when all three columns exist. */
  ohlc: [number, number, number] | null;
  adjClose?: number;
  volume?: number;
  name?: number;
}

export class PlainRowScanner {
  /** The last accepted line's date (days since 1970-01-01) and numbers (slots not read stay NaN), and its name field's bounds. */
  day = 0;
  readonly vals = new Float64Array(6).fill(Number.NaN);
  nameStart = 0;
  nameEnd = 0;
  private readonly roles: Int8Array;

  constructor(layout: ScanLayout) {
    const roles = new Int8Array(layout.width).fill(SKIP);
    const set = (col: number | undefined, role: number) => {
      if (col !== undefined) roles[col] = role;
    };
    if (layout.ohlc) {
      set(layout.ohlc[0], OPEN);
      set(layout.ohlc[1], HIGH);
      set(layout.ohlc[2], LOW);
    }
    set(layout.close, CLOSE);
    set(layout.adjClose, ADJ_CLOSE);
    set(layout.volume, VOLUME);
    set(layout.name, NAME);
    set(layout.date, DATE);
    this.roles = roles;
  }

  /** Read `text[start, end)` (one line, no line break); false when it is not the plain case. */
  scan(text: string, start: number, end: number): boolean {
    const roles = this.roles;
    const last = roles.length - 1;
    let s = start;
    for (let j = 0; j <= last; j++) {
      let e: number;
      if (j < last) {
        e = text.indexOf(',', s);
        if (e === -1 || e >= end) return false; // too few fields
      } else {
        e = end;
        const extra = text.indexOf(',', s);
        if (extra !== -1 && extra < end) return false; // too many fields
      }
      const role = roles[j];
      if (role >= 0) {
        const v = plainDecimalAt(text, s, e);
        if (Number.isNaN(v)) return false;
        this.vals[role] = v;
      } else if (role === DATE) {
        if (e - s !== 10) return false;
        const d = isoDayAt(text, s);
        if (Number.isNaN(d)) return false;
        this.day = d;
      } else if (role === NAME) {
        this.nameStart = s;
        this.nameEnd = e;
      }
      s = e + 1;
    }
    return true;
  }
}
