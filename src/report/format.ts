/**
 * Printing a fact: the only place a report turns a number into text. Market-writing conventions:
 * signed percentages (+9.48%, −1.56% with a true minus sign), percentage points for differences of
 * returns, basis points for contributions, AP-style dates (Aug. 21, 2026; March 17, 2026).
 */
import type { Fact, Style } from './types.ts';

const MINUS = '\u2212';
const MONTHS_AP = [
  'Jan.',
  'Feb.',
  'March',
  'April',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Fixed decimals with thousands separators; never prints −0. */
function fixed(x: number, d: number): string {
  const s = Math.abs(x).toLocaleString('en-US', {
    minimumFractionDigits: d,
    maximumFractionDigits: d,
    useGrouping: true,
  });
  const zero = Number(Math.abs(x).toFixed(d)) === 0;
  return zero ? s : x < 0 ? `${MINUS}${s}` : s;
}
function signed(x: number, d: number): string {
  const s = fixed(x, d);
  return s.startsWith(MINUS) || Number(Math.abs(x).toFixed(d)) === 0 ? s : `+${s}`;
}

export function ordinal(n: number): string {
  const k = Math.abs(n) % 100;
  const suf =
    k >= 11 && k <= 13 ? 'th' : ['th', 'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th'][k % 10];
  return `${fixed(n, 0)}${suf}`;
}

export function apDate(iso: string, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  return withYear ? `${MONTHS_AP[m - 1]} ${d}, ${y}` : `${MONTHS_AP[m - 1]} ${d}`;
}

/** A fact's value as a percent number (fractions × 100). */
function asPercent(f: Fact): number {
  const v = f.value as number;
  return f.unit === 'return' || f.unit === 'weight' ? v * 100 : v;
}

export function fmt(f: Fact, style: Style): string {
  if (f.unit === 'date') {
    const iso = String(f.value);
    switch (style) {
      case 'date':
        return apDate(iso);
      case 'dateShort':
        return apDate(iso, false);
      case 'iso':
        return iso;
      case 'monthYear':
        return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
      case 'year':
        return iso.slice(0, 4);
      default:
        throw new Error(`fact ${f.id} is a date: style '${style}' does not apply`);
    }
  }
  if (typeof f.value !== 'number') throw new Error(`fact ${f.id}: value is not a number`);
  const v = f.value;
  switch (style) {
    case 'pct':
      return `${signed(asPercent(f), 2)}%`;
    case 'pct1':
      return `${signed(asPercent(f), 1)}%`;
    case 'pctAbs':
      return `${fixed(Math.abs(asPercent(f)), 2)}%`;
    case 'pct0Abs':
      return `${fixed(Math.abs(asPercent(f)), 0)}%`;
    case 'pts':
      return `${signed(v, 2)} pts`;
    case 'ptsAbs':
      return fixed(Math.abs(v), 2);
    case 'bps':
      return `${signed(v, 1)} bps`;
    case 'bpsAbs':
      return fixed(Math.abs(v), 1);
    case 'int':
      return fixed(v, 0);
    case 'ordinal':
      return ordinal(v);
    case 'price':
      return fixed(v, 2);
    case 'dec2':
      return fixed(v, 2);
    case 'year':
      return String(v);
    default:
      throw new Error(`fact ${f.id}: style '${style}' does not apply to a ${f.unit}`);
  }
}
