/**
 * The number and date parsers take a fast path for plain values (`245.72`, `2026-01-22`) and fall
 * back to the general rules for everything else; both must give what the rules say, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { isMissingToken, parseDate, parseNumber } from '../../../src/sources/files/text.ts';

describe('parseNumber', () => {
  const cases: [string, number][] = [
    ['245.723', 245.723], ['-0.5', -0.5], ['+12', 12], ['.5', 0.5], ['-.25', -0.25], ['007', 7], ['1e3', 1000],
    ['2.5E-2', 0.025], ['1,234.5', 1234.5], [' 42 ', 42], ['"3.5"', 3.5], ['" 1,000 "', 1000],
  ];
  for (const [raw, v] of cases) it(`'${raw}' → ${v}`, () => expect(parseNumber(raw)).toBe(v));
  for (const raw of ['5.', '.', '-', '+', 'e5', '1e', '1e+', '12a', 'NaN', 'Infinity', '1,23', '0x10', '', '1 2'])
    it(`'${raw}' is not a number`, () => expect(parseNumber(raw)).toBeNaN());
});

describe('parseDate', () => {
  const cases: [string, string | null][] = [
    ['2026-01-22', '2026-01-22'], ['2024-02-29', '2024-02-29'], ['2000-02-29', '2000-02-29'], ['1900-02-29', null],
    ['2026-02-29', null], ['2026-04-31', null], ['2026-13-01', null], ['2026-00-10', null], ['2026-01-00', null],
    ['20260122', '2026-01-22'], ['2026/1/5', '2026-01-05'], ['Jan 5, 2026', '2026-01-05'], [' 2026-01-22 ', '2026-01-22'],
    ['"2026-01-22"', '2026-01-22'], ['2026-01-22 16:00:00', '2026-01-22'], ['2026-1-22', null], ['not-a-date', null],
  ];
  for (const [raw, v] of cases) it(`'${raw}' → ${v}`, () => expect(parseDate(raw)).toBe(v));
});

describe('isMissingToken', () => {
  for (const raw of ['', ' ', '.', '-', '--', 'NaN', 'null', '"NULL"', undefined]) it(`'${raw}' is missing`, () => expect(isMissingToken(raw)).toBe(true));
  for (const raw of ['0', '1.5', '-1', '12 ', 'n/a0']) it(`'${raw}' is a value`, () => expect(isMissingToken(raw)).toBe(false));
});
