import { describe, expect, it } from 'vitest';
import { periodBounds } from '../../src/analytics/perf.ts';
import { UserError } from '../../src/model/errors.ts';

// Sessions chosen so that each convention lands on a distinguishable date.
const D = [
  '2023-02-27',
  '2023-02-28',
  '2023-03-01',
  '2024-02-28',
  '2024-02-29',
  '2024-12-31',
  '2025-01-02',
  '2025-02-27',
  '2025-02-28',
  '2025-03-03',
  '2025-03-28',
  '2025-03-31',
  '2025-04-01',
  '2025-06-27',
  '2025-06-30',
  '2025-07-01',
  '2025-07-02',
  '2025-07-08',
  '2025-07-09',
];
const base = (p: Parameters<typeof periodBounds>[0], asOf: string) => periodBounds(p, asOf, D, 'X').start;

describe('periodBounds conventions (asOf 2025-07-09)', () => {
  const asOf = '2025-07-09';
  it('ytd / mtd / qtd: last close before 1 Jan / 1 Jul / 1 Jul', () => {
    expect(base('ytd', asOf)).toBe('2024-12-31');
    expect(base('mtd', asOf)).toBe('2025-06-30');
    expect(base('qtd', asOf)).toBe('2025-06-30');
    expect(base('qtd', '2025-06-30')).toBe('2025-03-31'); // Q2 starts 1 Apr
    expect(base('mtd', '2025-07-01')).toBe('2025-06-30');
    const b = periodBounds('ytd', asOf, D, 'X');
    expect(b).toMatchObject({
      start: '2024-12-31',
      end: '2025-07-09',
      startIndex: 5,
      endIndex: D.length - 1,
    });
  });
  it('1w = last close on or before asOf − 7 calendar days (2025-07-02)', () => {
    expect(base('1w', asOf)).toBe('2025-07-02');
  });
  it('1m/3m/6m/1y: asOf − n months, last close on or before', () => {
    expect(base('1m', asOf)).toBe('2025-04-01'); // target 2025-06-09; nothing between 04-01 and 06-09
    expect(periodBounds('1m', asOf, D, 'X').notes.join(' ')).toMatch(/more than 10 days before 2025-06-09/);
    expect(base('3m', asOf)).toBe('2025-04-01'); // target 2025-04-09
    expect(base('6m', asOf)).toBe('2025-01-02'); // target 2025-01-09
    expect(base('1y', asOf)).toBe('2024-02-29'); // target 2024-07-09
  });
  it('month-end clamp: 2025-03-31 − 1m = 2025-02-28 (not 2025-03-03)', () => {
    expect(base('1m', '2025-03-31')).toBe('2025-02-28');
  });
  it('leap day: 2024-02-29 − 1y = 2023-02-28 (not 2023-03-01)', () => {
    expect(base('1y', '2024-02-29')).toBe('2023-02-28');
  });
  it('max = first close', () => {
    expect(base('max', asOf)).toBe('2023-02-27');
  });
  it('a period reaching before the data is a UserError', () => {
    expect(() => base('3y', asOf)).toThrow(
      /3y needs a close on or before 2022-07-09, but the data starts 2023-02-27/,
    );
    expect(() => base('5y', asOf)).toThrow(UserError);
    expect(() => base('ytd', '2023-03-01')).toThrow(/ytd needs a close before 2023-01-01/);
  });
  it('asOf must be a session; unknown periods are rejected', () => {
    expect(() => base('ytd', '2025-07-05')).toThrow(/asOf 2025-07-05 is not a session of X/);
    expect(() => base('ytd', '2020-01-02')).toThrow(/before the data of X \(first date 2023-02-27\)/);
    expect(() => base('ytd', '2025-07-32')).toThrow(/not a valid date/);
    expect(() => base('wtd' as never, asOf)).toThrow(/unknown period 'wtd'/);
    expect(() => base('max', '2023-02-27')).toThrow(/empty range/);
  });
});

describe('periodBounds with from/to', () => {
  it('base = last close BEFORE from; end = last close on or before to', () => {
    expect(periodBounds({ from: '2025-01-02', to: '2025-03-31' }, '2025-07-09', D)).toMatchObject({
      start: '2024-12-31',
      end: '2025-03-31',
    });
    expect(periodBounds({ from: '2025-01-01', to: '2025-03-30' }, '2025-07-09', D)).toMatchObject({
      start: '2024-12-31',
      end: '2025-03-28',
    });
  });
  it('to defaults to asOf', () => {
    expect(periodBounds({ from: '2025-07-01' }, '2025-07-08', D)).toMatchObject({
      start: '2025-06-30',
      end: '2025-07-08',
    });
  });
  it('from before the data: first close on/after from, with a note', () => {
    const b = periodBounds({ from: '2020-01-01', to: '2023-03-01' }, '2025-07-09', D, 'X');
    expect(b).toMatchObject({ start: '2023-02-27', end: '2023-03-01' });
    expect(b.notes[0]).toMatch(
      /X: no close before 2020-01-01 \(data starts 2023-02-27\); base is the first close on or after it, 2023-02-27/,
    );
  });
  it('empty ranges are UserErrors', () => {
    // a weekend: base = 07-02 (last before 07-05), end = 07-02 → nothing in between
    expect(() => periodBounds({ from: '2025-07-05', to: '2025-07-06' }, '2025-07-09', D)).toThrow(
      /empty range/,
    );
    expect(() => periodBounds({ from: '2025-07-09', to: '2025-07-01' }, '2025-07-09', D)).toThrow(
      /from 2025-07-09 is after to/,
    );
    expect(() => periodBounds({ from: '2030-01-01', to: '2030-02-01' }, '2025-07-09', D)).toThrow(
      /empty range: series has no session after its base close 2025-07-09 up to 2030-02-01/,
    );
    expect(() => periodBounds('ytd', '2025-07-09', [])).toThrow(/no data/);
  });
});
