import { describe, expect, it } from 'vitest';
import { FactBook, t } from '../../src/report/factbook.ts';
import { fmt, ordinal } from '../../src/report/format.ts';
import type { Fact } from '../../src/report/types.ts';

const f = (value: number | string, unit: Fact['unit']): Fact => ({
  id: 'x',
  value,
  unit,
  label: '',
  series: [],
  sources: [],
  dates: {},
  formula: '',
});

describe('report formatting', () => {
  it('percent, points and basis points in market conventions, with a true minus sign', () => {
    expect(fmt(f(0.09481, 'return'), 'pct')).toBe('+9.48%');
    expect(fmt(f(-0.0156, 'return'), 'pct')).toBe('\u22121.56%');
    expect(fmt(f(-0.0156, 'return'), 'pctAbs')).toBe('1.56%');
    expect(fmt(f(-0.00001, 'return'), 'pct')).toBe('0.00%');
    expect(fmt(f(9.476, 'pts'), 'pts')).toBe('+9.48 pts');
    expect(fmt(f(1878.94, 'bps'), 'bps')).toBe('+1,878.9 bps');
    expect(fmt(f(2 / 3, 'return'), 'pct0Abs')).toBe('67%');
    expect(fmt(f(6241, 'count'), 'int')).toBe('6,241');
    expect(fmt(f(-0.24, 'pct'), 'pct')).toBe('\u22120.24%');
  });

  it('ordinals and AP-style dates', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
    expect(fmt(f('2026-08-21', 'date'), 'date')).toBe('Aug. 21, 2026');
    expect(fmt(f('2026-03-17', 'date'), 'date')).toBe('March 17, 2026');
    expect(fmt(f('2025-09-11', 'date'), 'dateShort')).toBe('Sept. 11');
    expect(fmt(f('2008-06-06', 'date'), 'monthYear')).toBe('June 2008');
    expect(fmt(f('2008-06-06', 'date'), 'year')).toBe('2008');
  });
});

describe('numbers reach the text only through facts', () => {
  it('a digit in literal text is refused', () => {
    expect(() => t`up 9.48% this year`).toThrow(/digit outside a fact/);
    const tail = 'the 200-session average';
    expect(() => t`above ${tail}`).toThrow(/digit outside a fact/);
  });

  it('proper names and code spans are not numbers; facts are', () => {
    const book = new FactBook();
    book.add('r', 0.0948, 'return', { label: 'r', formula: 'given' });
    const p = t`the Russell 2000 and the S&P 500 rose ${book.ref('r', 'pct')} (${'`prices/IWM_2026.csv`'})`;
    expect(p).toEqual([
      'the Russell 2000 and the S&P 500 rose ',
      { f: 'r', s: 'pct' },
      ' (`prices/IWM_2026.csv`)',
    ]);
  });

  it('a fact id cannot be added twice with another value, and values must be finite or ISO dates', () => {
    const book = new FactBook();
    book.add('a', 1, 'count', { label: 'a', formula: 'x' });
    expect(book.add('a', 1, 'count', { label: 'a', formula: 'x' })).toBe('a');
    expect(() => book.add('a', 2, 'count', { label: 'a', formula: 'x' })).toThrow(/twice/);
    expect(() => book.add('b', Number.NaN, 'count', { label: 'b', formula: 'x' })).toThrow(/finite/);
    expect(() => book.add('c', '21 Aug', 'date', { label: 'c', formula: 'x' })).toThrow(/YYYY-MM-DD/);
    expect(() => book.ref('nope', 'int')).toThrow(/unknown fact/);
  });
});
