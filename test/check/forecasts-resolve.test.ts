/**
 * Forecasts and opinions are recognised and not checked as facts; names resolve through the alias
 * table (overridable by a JSON file); dates resolve from a dateline, "as of Feb. 27", weekday names,
 * "this week" and year-to-date.
 */
import { describe, expect, it } from 'vitest';
import { aliasMatcher, DEFAULT_ALIASES, mergeAliases, parseAliasFile } from '../../src/check/aliases.ts';
import { findPeriods } from '../../src/check/periods.ts';
import { dataAsOfSession, resolveAsOf } from '../../src/check/resolve.ts';
import { claimAt, check, series } from './helpers/data.ts';

const rut = series('^RUT', '2025-11-03', '2026-03-06', (_i, d) => (d <= '2025-12-31' ? 2000 : 2106));

describe('forecasts and opinions', () => {
  it('"a target of 2,400", "could reach", "expects ... to gain" are forecasts: unverifiable, with the cue', async () => {
    const r = await check(
      'NEW YORK – March 6, 2026 – Strategists set a year-end target of 2,400 for the Russell 2000. The index could reach 2,500 if rates fall. One strategist expects small caps to gain 15% this year. The Russell 2000 could rally 20% in the second half, we think.',
      [rut],
    );
    for (const f of ['2,400', '2,500', '15%', '20%']) {
      const c = claimAt(r, f);
      expect([f, c.type, c.verdict]).toEqual([f, 'forecast', 'unverifiable']);
      expect(c.reason).toMatch(/forecast or opinion \(cue: "\w+"\): not checked as a fact/);
    }
    expect(r.claims.every((c) => c.verdict === 'unverifiable')).toBe(true);
  });

  it('a fact next to a forecast is still checked', async () => {
    const r = await check(
      'NEW YORK – March 6, 2026 – The Russell 2000 is up 5.3% year-to-date, and strategists expect it to gain another 10% by December.',
      [rut],
    );
    expect(claimAt(r, '5.3%')).toMatchObject({ type: 'return', verdict: 'supported' });
    expect(claimAt(r, '10%')).toMatchObject({ type: 'forecast', verdict: 'unverifiable' });
  });
});

describe('names → series', () => {
  const m = aliasMatcher();
  const syms = (s: string) =>
    m.find(s).map((x) => [x.text, x.entry.symbols.map((y) => `${y.symbol}${y.proxy ? '*' : ''}`).join(',')]);

  it('the small-cap index or its ETF; the S&P 500; the Magnificent Seven; tickers in parentheses', () => {
    expect(syms('The Russell 2000, small caps, RTY and IWM')).toEqual([
      ['Russell 2000', '^RUT,IWM*'],
      ['small caps', '^RUT,IWM*'],
      ['RTY', '^RUT,IWM*'],
      ['IWM', 'IWM'],
    ]);
    expect(syms('The S&P 500, SPY and large caps; the Magnificent Seven')).toEqual([
      ['S&P 500', '^GSPC,SPY*'],
      ['SPY', 'SPY'],
      ['large caps', '^GSPC,SPY*'],
      ['Magnificent Seven', 'MAGS'],
    ]);
    expect(syms('Small-cap stocks and Acme Corp (ACME)')).toEqual([
      ['Small-cap stocks', '^RUT,IWM*'],
      ['ACME', 'ACME'],
    ]);
  });

  it('tickers and proper names match as written: "spy" and "meta" in prose are not series', () => {
    expect(syms('a spy novel about meta-analysis, not Meta or SPY')).toEqual([
      ['Meta', 'META'],
      ['SPY', 'SPY'],
    ]);
  });

  it('an alias file extends or overrides the table', async () => {
    const extra = parseAliasFile('{"small caps": ["IWM"], "Acme": "ACME", "Tiny Index": ["^TINY", "TINY"]}');
    const mm = aliasMatcher(mergeAliases(DEFAULT_ALIASES, extra));
    expect(mm.find('small caps and the Russell 2000').map((x) => x.entry.symbols[0].symbol)).toEqual([
      'IWM',
      '^RUT',
    ]);
    expect(mm.find('Tiny Index')[0].entry.symbols).toEqual([
      { symbol: '^TINY', proxy: false },
      { symbol: 'TINY', proxy: true },
    ]);
    expect(() => parseAliasFile('{"x": 3}')).toThrow(/aliases file: expected/);
    expect(() => parseAliasFile('not json')).toThrow(/not valid JSON/);
    // through checkArticle
    const iwm = series('IWM', '2025-11-03', '2026-03-06', (_i, d) => (d <= '2025-12-31' ? 200 : 210.6));
    const r = await check('NEW YORK – March 6, 2026 – Small caps are up 5.3% year-to-date.', [iwm], {
      aliases: extra,
    });
    expect(claimAt(r, '5.3%')).toMatchObject({
      verdict: 'supported',
      evidence: { series: [{ symbol: 'IWM', proxy: false }] },
    });
  });
});

describe('dates', () => {
  it('a dateline ("LONDON – March 6, 2025"), "as of Feb. 27" (year from the dateline), --as-of', () => {
    expect(resolveAsOf('LONDON – March 6, 2025 – Stocks rose.')).toMatchObject({
      asOf: '2025-03-06',
      source: 'dateline',
    });
    expect(resolveAsOf('LONDON – March 6, 2025 – As of Feb. 27, small caps were up 3%.')).toMatchObject({
      asOf: '2025-02-27',
      source: 'as-of phrase',
      text: 'As of Feb. 27',
    });
    expect(resolveAsOf('Data as of the close on Jan. 22, 2026.')).toMatchObject({
      asOf: '2026-01-22',
      source: 'as-of phrase',
    });
    expect(resolveAsOf('LONDON – March 6, 2025', '2025-03-05')).toEqual({
      asOf: '2025-03-05',
      source: 'option',
    });
    expect(resolveAsOf('No date here.')).toEqual({ asOf: null, source: 'none' });
    expect(() => resolveAsOf('x', '2025-02-30')).toThrow(/not a valid date/);
    expect(dataAsOfSession('2025-03-08')).toBe('2025-03-07'); // Saturday → Friday
    expect(dataAsOfSession('2026-01-19')).toBe('2026-01-16'); // MLK day → the Friday before
  });

  it('weekday names relative to the as-of date; "this week" = since the previous week\'s last close; year-to-date', () => {
    const p = (s: string, asOf: string) => findPeriods(s)[0].resolve(asOf);
    expect(p('on Thursday', '2026-03-06')).toMatchObject({ day: '2026-03-05' });
    expect(p('on Friday', '2026-03-06')).toMatchObject({ day: '2026-03-06' });
    expect(p('last Friday', '2026-03-06')).toMatchObject({ day: '2026-02-27' });
    expect(p('on Monday', '2026-01-22')).toMatchObject({ day: '2026-01-19' }); // a holiday: flagged by the closed-day check
    expect(p('this week', '2026-03-06')).toMatchObject({ from: '2026-03-02', to: '2026-03-06' });
    expect(p('year-to-date', '2026-03-06')).toMatchObject({ named: 'ytd' });
    expect(p('so far this year', '2026-03-06')).toMatchObject({ named: 'ytd' });
    expect(p('in 2025', '2026-03-06')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(p('over the past five sessions', '2026-03-06')).toMatchObject({
      from: '2026-03-02',
      to: '2026-03-06',
    });
    expect(p('on Dec. 31', '2026-01-22')).toMatchObject({ day: '2025-12-31' }); // the year that puts it before the as-of date
    expect(p('since March 3', '2026-03-06')).toMatchObject({ from: '2026-03-04', to: '2026-03-06' }); // base = the March 3 close
  });

  it('"as of" in the text drives the checks', async () => {
    const r = await check(
      'LONDON – March 9, 2026 – As of March 6, the Russell 2000 was up 5.3% year-to-date.',
      [rut],
    );
    expect([r.asOf, r.asOfSource]).toEqual(['2026-03-06', 'as-of phrase']);
    expect(claimAt(r, '5.3%')).toMatchObject({
      verdict: 'supported',
      evidence: { dates: { end: '2026-03-06' } },
    });
  });
});
