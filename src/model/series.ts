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
  /** What was done or decided when loading (repairs, source choice), typed, for provenance. */
  notes?: SeriesNote[];
}

/** An adjustment-basis splice repaired at load time: rows `from`..`to` (inclusive) × `factor`. */
export interface SpliceRepair {
  kind: 'splice-repair';
  series: string;
  source: string;
  from: string;
  to: string;
  /** Rows of the primary rescaled (sessions from..to). */
  sessions: number;
  factor: number;
  /** The single-snapshot series the factor was measured against; null = the documented step was used. */
  reference: { series: string; source: string } | null;
  method: 'reference-day-by-day' | 'documented-step';
  /** The data notes' step, when `method` is `documented-step`. */
  documented?: { date: string; approxPct: number };
}

/**
 * The preferred source ends earlier than another stored source of the same series: the rows after
 * its end come from that source (`extended`, chained at the preferred source's last date), or that
 * source is used whole when it covers everything the preferred one has (`replaced`).
 */
export interface SourceChoice {
  kind: 'source-choice';
  series: string;
  mode: 'extended' | 'replaced';
  /** The source that reaches the latest date. */
  source: string;
  /** First date taken from `source`. */
  from: string;
  /** Last date of the series as loaded. */
  last: string;
  /** The preferred source and its last date. */
  preferred: string;
  preferredLast: string;
  /** Rescaling of the later source's closes onto the preferred one (close ratio at preferredLast). */
  factor: number;
  /** Shared sessions checked before the switch and the largest relative difference of their ratios to the chain factor. */
  overlap: number;
  maxDiff: number;
}

/** The series' adjustment is unknown (a user file without evidence): returns are price returns at best. */
export interface AdjustmentUnknown {
  kind: 'adjustment-unknown';
  series: string;
  source: string;
}

export type SeriesNote = SpliceRepair | SourceChoice | AdjustmentUnknown;

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
