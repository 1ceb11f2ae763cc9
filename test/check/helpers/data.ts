/** Test helpers for the claim checker: hand-made series on the real NYSE calendar, and a check runner. */
import type { PriceSeries } from '../../../src/model/series.ts';
import { checkArticle, type CheckOptions, memoryCheckData } from '../../../src/check/index.ts';
import type { CheckedClaim, CheckResult, Verdict } from '../../../src/check/types.ts';
import type { Adjustment } from '../../../src/model/types.ts';
import { sessionsBetween } from '../../../src/model/calendar.ts';

/**
 * A series over the NYSE sessions from `from` to `to`: `close(i, date)` gives each close.
 * Index symbols (^…) default to price levels (`none`), others to total return (`split+dividend`).
 */
export function series(
  symbol: string,
  from: string,
  to: string,
  close: (i: number, date: string) => number,
  opts: { adjustment?: Adjustment; high?: (i: number, date: string) => number } = {},
): PriceSeries {
  const dates = sessionsBetween(from, to);
  return {
    symbol,
    source: 'test',
    adjustment: opts.adjustment ?? (symbol.startsWith('^') ? 'none' : 'split+dividend'),
    dates,
    close: Float64Array.from(dates, (d, i) => close(i, d)),
    open: null,
    high: opts.high
      ? Float64Array.from(dates, (d, i) => (opts.high as (i: number, d: string) => number)(i, d))
      : null,
    low: opts.high ? Float64Array.from(dates, (d, i) => close(i, d)) : null,
    volume: null,
  };
}

/** Closes that follow given daily returns (percent) from a start level; the first session is the start level. */
export function fromDailyPct(
  symbol: string,
  from: string,
  start: number,
  pcts: number[],
  opts: { adjustment?: Adjustment } = {},
): PriceSeries {
  const dates = sessionsBetween(from, '2030-12-31').slice(0, pcts.length + 1);
  const closes = [start];
  for (const p of pcts) closes.push(closes[closes.length - 1] * (1 + p / 100));
  return {
    symbol,
    source: 'test',
    adjustment: opts.adjustment ?? (symbol.startsWith('^') ? 'none' : 'split+dividend'),
    dates,
    close: Float64Array.from(closes),
    open: null,
    high: null,
    low: null,
    volume: null,
  };
}

export async function check(
  text: string,
  data: PriceSeries[] = [],
  opts: CheckOptions = {},
): Promise<CheckResult> {
  return checkArticle(text, memoryCheckData(data), opts);
}

/** The claims whose stated figure (focus) reads exactly `focus`, optionally of one type. */
export function claimsAt(r: CheckResult, focus: string, type?: string): CheckedClaim[] {
  return r.claims.filter(
    (c) => r.text.slice(c.focus.start, c.focus.end) === focus && (type === undefined || c.type === type),
  );
}

/** The single claim at `focus` (of `type`); throws with the list of claims when there is not exactly one. */
export function claimAt(r: CheckResult, focus: string, type?: string): CheckedClaim {
  const cs = claimsAt(r, focus, type);
  if (cs.length !== 1)
    throw new Error(
      `expected one ${type ?? ''} claim at "${focus}", found ${cs.length}; claims: ${r.claims.map((c) => `[${c.type}] "${r.text.slice(c.focus.start, c.focus.end)}" ${c.verdict}`).join('; ')}`,
    );
  return cs[0];
}

export function verdicts(r: CheckResult): [string, string, Verdict][] {
  return r.claims.map((c) => [c.type, r.text.slice(c.focus.start, c.focus.end), c.verdict]);
}
