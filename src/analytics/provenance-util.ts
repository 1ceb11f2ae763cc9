/** Builds the provenance attached to every result of the analytics in this folder. */
import type { AnySeries } from './input-checks.ts';
import { isPriceSeries } from './input-checks.ts';
import type { PriceSeries, ResultProvenance } from './series.ts';

/** ResultProvenance plus free-text notes (conventions applied, fallbacks taken, sessions left out). */
export interface AnalyticProvenance extends ResultProvenance {
  notes: string[];
}

export type SeriesProvenance = ResultProvenance['series'][number];

/** One `series` entry: symbol, source, adjustment (price series only) and the first/last dates used. */
export function seriesEntry(s: AnySeries, first: string, last: string): SeriesProvenance {
  const e: SeriesProvenance = { symbol: s.symbol, source: s.source, first, last };
  if (isPriceSeries(s)) e.adjustment = s.adjustment;
  return e;
}

/** `total return` when closes are split+dividend adjusted, else `price return`. */
export function returnType(s: PriceSeries): 'total return' | 'price return' {
  return s.adjustment === 'split+dividend' ? 'total return' : 'price return';
}
