/**
 * plainDecimalAt reads a decimal from the characters of a text: it must give exactly Number(field)
 * (and Number(field + 'e-2') for percent → fraction) for plain decimals, and NaN for anything else.
 * Checked by hand and against Number on 200,000 random decimals (a fixed seed).
 */
import { describe, expect, it } from 'vitest';
import { plainDecimalAt } from '../../../src/sources/files/plain-number.ts';

const at = (s: string, shift = 0) => plainDecimalAt(`,${s},`, 1, s.length + 1, shift);

describe('plainDecimalAt', () => {
  const plain = ['0', '-0', '+0', '007', '0.1', '.5', '-.25', '245.723', '17.760000228881836', '0.0982070192694664',
    '9007199254740993', '12345678901234567890', '1.00000000000000000000000001', '-3.14159'];
  for (const s of plain) {
    it(`'${s}' = Number`, () => {
      expect(Object.is(at(s), Number(s))).toBe(true);
      expect(Object.is(at(s, 2), Number(`${s}e-2`))).toBe(true);
    });
  }
  for (const s of ['', '-', '+', '.', '5.', '1e3', ' 1', '1 ', '1,0', '"1"', 'NaN', '0x1', '1-', '--1'])
    it(`'${s}' is not plain`, () => expect(at(s)).toBeNaN());

  it('matches Number on 200,000 random decimals', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const digits = (n: number) => Array.from({ length: n }, () => String(rnd(10))).join('');
    let bad = 0;
    for (let i = 0; i < 200_000; i++) {
      const sign = ['', '-', '+'][rnd(3)];
      const int = digits(rnd(12));
      const frac = rnd(3) === 0 ? '' : `.${digits(1 + rnd(20))}`;
      const s = `${sign}${int === '' && frac === '' ? '0' : int}${frac}`;
      if (!Object.is(at(s), Number(s)) || !Object.is(at(s, 2), Number(`${s}e-2`))) bad++;
    }
    expect(bad).toBe(0);
  });
});
