/**
 * Turn a return series (e.g. a Fama-French factor, fractions) into a growth-of-$1 index so that
 * price-based analytics (period returns, records, drawdowns) apply: level[i] = Π_{k≤i} (1 + r[k]).
 * The index is labelled a total-return series: the factor returns already include distributions.
 */
import type { PriceSeries, ReturnSeries } from './series.ts';

export function returnsToIndex(rs: ReturnSeries): PriceSeries {
  const close = new Float64Array(rs.ret.length);
  let level = 1;
  for (let i = 0; i < rs.ret.length; i++) {
    const r = rs.ret[i];
    if (Number.isFinite(r)) level *= 1 + r;
    close[i] = level;
  }
  return { symbol: rs.symbol, source: rs.source, adjustment: 'split+dividend', dates: rs.dates, close, open: null, high: null, low: null, volume: null };
}
