/** Test-only builders for small hand-made series. */
import type { Adjustment } from '../../../src/model/types.ts';
import type { PriceSeries, ReturnSeries } from '../../../src/model/series.ts';

export function price(
  symbol: string,
  dates: string[],
  close: number[],
  extra: { high?: number[]; adjustment?: Adjustment } = {},
): PriceSeries {
  return {
    symbol,
    source: 'test',
    adjustment: extra.adjustment ?? 'split+dividend',
    dates,
    close: Float64Array.from(close),
    open: null,
    high: extra.high ? Float64Array.from(extra.high) : null,
    low: null,
    volume: null,
  };
}

export function rets(symbol: string, dates: string[], ret: number[]): ReturnSeries {
  return { symbol, source: 'test', dates, ret: Float64Array.from(ret) };
}

/** n consecutive weekdays starting at `start` (itself included when a weekday). */
export function weekdays(start: string, n: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${start}T00:00:00Z`);
  while (out.length < n) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    t += 86_400_000;
  }
  return out;
}

/**
 * Closes from a pattern: start at 100; '+' adds 1, '-' subtracts 1, '0' repeats the close.
 * Paired with a flat benchmark (return exactly 0), '+' is a session A beats B, '0' an exact tie.
 */
export function closesFromPattern(pattern: string): number[] {
  const out = [100];
  for (const c of pattern) {
    const last = out[out.length - 1];
    out.push(c === '+' ? last + 1 : c === '-' ? last - 1 : last);
  }
  return out;
}
