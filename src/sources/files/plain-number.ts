/**
 * Plain decimals read straight from the characters of a text, without cutting the field out as a
 * string: `[-+]digits[.digits]` (no exponent, spaces, quotes or thousands separators). The value is
 * exactly `Number(field)`: the digits make an integer m below 2^53 (exact), divided by 10^k with
 * k ≤ 22 (exact), and one IEEE division is correctly rounded, as `Number` is. Longer mantissas go
 * through `Number` itself. Anything else gives NaN, and the caller takes its general path.
 */

/** 10^0 … 10^22: every one exactly representable as a double. */
const POW10: number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const TWO_53 = 2 ** 53;

/**
 * The plain decimal in `text[start, end)` times 10^-shift (shift 0 or 2: percent → fraction, as
 * `Number(field + 'e-2')` gives), or NaN when the field is empty or not a plain decimal.
 */
export function plainDecimalAt(text: string, start: number, end: number, shift = 0): number {
  if (start >= end) return Number.NaN;
  let i = start;
  let neg = false;
  const c0 = text.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    digits++;
  }
  let frac = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    for (i++; i < end; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
      frac++;
    }
    if (frac === 0) return Number.NaN; // `5.`: not plain
    digits += frac;
  }
  if (i !== end || digits === 0) return Number.NaN;
  const k = frac + shift;
  if (m >= TWO_53 || k > 22) {
    const field = text.slice(start, end);
    return Number(shift === 0 ? field : `${field}e-${shift}`);
  }
  const v = k === 0 ? m : m / POW10[k];
  return neg ? -v : v;
}
