/**
 * The in-memory shapes analytics work on. The store loads these; analytics never does I/O.
 * Dates are ascending ISO strings; numeric arrays are parallel to `dates`. NaN marks a missing value.
 */
import type { Adjustment } from './types.ts';

export interface PriceSeries {
  symbol: string;
  /** Source the bars came from (e.g. `file:prices`), for provenance. */
  source: string;
  /** `split+dividend` means closes are total-return (adjusted); `none`/`split` are price-only. */
  adjustment: Adjustment;
  dates: string[];
  close: Float64Array;
  open: Float64Array | null;
  high: Float64Array | null;
  low: Float64Array | null;
  volume: Float64Array | null;
  /** Corrections applied when loading (e.g. an adjustment-basis repair), for provenance. */
  notes?: string[];
}

/** A series of periodic simple returns (fractions), e.g. a Fama-French factor. */
export interface ReturnSeries {
  symbol: string;
  source: string;
  dates: string[];
  ret: Float64Array;
}

/** Provenance attached to every analytic result. */
export interface ResultProvenance {
  series: { symbol: string; source: string; adjustment?: Adjustment; first: string; last: string }[];
  /** Human-readable formula, e.g. `close[end]/close[start]-1`. */
  formula: string;
  /** Dates that one series had and another lacked (excluded from a paired computation). */
  excludedDates?: { symbol: string; missing: string[] }[];
}
