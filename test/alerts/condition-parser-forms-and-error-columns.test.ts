/** The condition language: every documented form parses to the expected tree; mistakes name their column. */
import { describe, expect, it } from 'vitest';
import { ConditionError } from '../../src/alerts/lexer.ts';
import { canonical, parseCondition } from '../../src/alerts/parser.ts';

const atom = (s: string) => {
  const c = parseCondition(s);
  if (c.kind !== 'atom') throw new Error('not an atom');
  return c.atom;
};

describe('condition language', () => {
  it('parses every form of the issue', () => {
    expect(atom('streak IWM SPY >= 10')).toEqual({ kind: 'streak', a: 'IWM', b: 'SPY', direction: 'over', cmp: { op: '>=', value: 10 }, longestYears: null });
    expect(atom('streak FF.SMB > 0 >= 6')).toEqual({ kind: 'streak-zero', a: 'FF.SMB', direction: 'over', cmp: { op: '>=', value: 6 }, longestYears: null });
    expect(atom('streak IWM SPY longest-since >= 10y')).toMatchObject({ kind: 'streak', longestYears: 10, cmp: null });
    expect(atom('record ^RUT high')).toEqual({ kind: 'record', symbol: '^RUT', basis: 'high' });
    expect(atom('record iwm close')).toEqual({ kind: 'record', symbol: 'IWM', basis: 'close' });
    expect(atom('records ^RUT high >= 5')).toEqual({ kind: 'records', symbol: '^RUT', basis: 'high', cmp: { op: '>=', value: 5 } });
    expect(atom('move IWM <= -2%')).toEqual({ kind: 'move', symbol: 'IWM', cmp: { op: '<=', value: -2 } });
    expect(atom('return IWM ytd >= 10%')).toEqual({ kind: 'return', symbol: 'IWM', period: 'ytd', cmp: { op: '>=', value: 10 } });
    expect(atom('spread IWM SPY ytd >= 5pts')).toEqual({ kind: 'spread', a: 'IWM', b: 'SPY', period: 'ytd', cmp: { op: '>=', value: 5 } });
    expect(atom('cross ^RUT above 2640')).toEqual({ kind: 'cross', symbol: '^RUT', direction: 'above', level: 2640 });
    expect(atom('cross SPY below sma200')).toEqual({ kind: 'cross', symbol: 'SPY', direction: 'below', level: { sma: 200 } });
    expect(atom('breakout ^RUT')).toEqual({ kind: 'breakout', symbol: '^RUT' });
    expect(atom('breadth panel above-200d <= 40%')).toEqual({ kind: 'breadth', universe: 'panel', window: 200, cmp: { op: '<=', value: 40 } });
    expect(atom('sector-leader changes')).toEqual({ kind: 'sector-leader' });
    expect(atom('flows IWM 5d >= 1e9')).toEqual({ kind: 'flows', fund: 'IWM', days: 5, cmp: { op: '>=', value: 1e9 } });
    expect(atom('flows IWM 5d >= 1.5b')).toMatchObject({ cmp: { value: 1.5e9 } });
    expect(atom('record * close in watchlist:mylist')).toEqual({ kind: 'record-universe', basis: 'close', watchlist: 'mylist' });
  });

  it('and binds tighter than or; parentheses group; the atom text is kept', () => {
    const c = parseCondition('record IWM close or move IWM <= -2% and streak IWM SPY >= 3');
    expect(c.kind).toBe('or');
    if (c.kind !== 'or') return;
    expect(c.left).toMatchObject({ kind: 'atom', text: 'record IWM close' });
    expect(c.right).toMatchObject({ kind: 'and', right: { kind: 'atom', text: 'streak IWM SPY >= 3' } });
    const g = parseCondition('(record IWM close or move IWM <= -2%) and streak IWM SPY >= 3');
    expect(g.kind).toBe('and');
  });

  it('spacing and case do not change the canonical form (duplicate detection)', () => {
    expect(canonical(parseCondition('streak  iwm spy >=10'))).toBe(canonical(parseCondition('STREAK IWM SPY >= 10')));
    expect(canonical(parseCondition('streak IWM SPY >= 10'))).not.toBe(canonical(parseCondition('streak IWM SPY >= 11')));
  });

  const col = (s: string) => {
    try {
      parseCondition(s);
    } catch (e) {
      expect(e).toBeInstanceOf(ConditionError);
      return { col: (e as ConditionError).col, msg: (e as Error).message };
    }
    throw new Error(`parsed: ${s}`);
  };

  it('errors name the column of the mistake', () => {
    expect(col('streak IWM SPY >= ten')).toMatchObject({ col: 19 });
    expect(col('streak IWM SPY >= ten').msg).toMatch(/expected a whole number of sessions, found 'ten' at column 19/);
    expect(col('move IWM <= -2')).toMatchObject({ col: 13 }); // a percentage needs %
    expect(col('record IWM open')).toMatchObject({ col: 12 });
    expect(col('cross SPY sideways 10')).toMatchObject({ col: 11 });
    expect(col('streak IWM SPY >= 10 xor move IWM <= -2%')).toMatchObject({ col: 22 });
    expect(col('(record IWM close')).toMatchObject({ col: 18 });
    expect(col('(record IWM close').msg).toMatch(/condition ends/);
    expect(col('frobnicate IWM')).toMatchObject({ col: 1 });
    expect(col('move IWM <= -2% and')).toMatchObject({ col: 20 });
    expect(col('return IWM 2w >= 1%')).toMatchObject({ col: 13 }); // the unknown unit 'w'
    expect(col('return IWM 2y >= 1%')).toMatchObject({ col: 12 });
    expect(col('streak IWM SPY >= 10 # x')).toMatchObject({ col: 22 });
    expect(col('flows IWM 5 >= 1e9')).toMatchObject({ col: 11 });
    expect(col('')).toMatchObject({ col: 1 });
  });
});
