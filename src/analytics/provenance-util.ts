/** Builds the provenance attached to every result of the analytics in this folder. */
import type { AnySeries } from './input-checks.ts';
import { isPriceSeries } from './input-checks.ts';
import type { PriceSeries, ResultProvenance, SeriesNote } from './series.ts';

/** ResultProvenance plus free-text notes (conventions applied, fallbacks taken, sessions left out). */
export interface AnalyticProvenance extends ResultProvenance {
  notes: string[];
  /** What was done to the series when loading (splice repairs, source choice), typed; each is also a sentence in `notes`. */
  seriesNotes?: SeriesNote[];
}

export type SeriesProvenance = ResultProvenance['series'][number];

/** One `series` entry: symbol, source, adjustment (price series only) and the first/last dates used. */
export function seriesEntry(s: AnySeries, first: string, last: string): SeriesProvenance {
  const e: SeriesProvenance = { symbol: s.symbol, source: s.source, first, last };
  if (isPriceSeries(s)) e.adjustment = s.adjustment;
  return e;
}

/** One sentence for a typed series note (rendered from the object; never parsed back). */
export function describeSeriesNote(n: SeriesNote): string {
  switch (n.kind) {
    case 'splice-repair': {
      const span = n.from === n.to ? `on ${n.from}` : `${n.from}..${n.to}`;
      const how =
        n.reference !== null
          ? `factor measured day by day against ${n.reference.series} (${n.reference.source}) adjusted closes`
          : `no second source to measure it; the data notes' step of ${n.documented?.approxPct}% on ${n.documented?.date} used`;
      return `${n.series} (${n.source}): adjustment-basis splice repaired — closes ${span} (${n.sessions} session(s)) × ${n.factor.toFixed(6)} (${how})`;
    }
    case 'source-choice':
      return n.mode === 'replaced'
        ? `${n.series}: source ${n.source} used (through ${n.last}) instead of the preferred ${n.preferred}, which ends ${n.preferredLast}`
        : `${n.series}: ${n.preferred} (through ${n.preferredLast}) extended to ${n.last} with ${n.source} closes from ${n.from}, chained at ${n.preferredLast} (× ${n.factor.toFixed(6)}; the two agree on the last ${n.overlap} shared sessions within ${(n.maxDiff * 100).toFixed(3)}%)`;
    case 'adjustment-unknown':
      return `${n.series} (${n.source}): adjustment unknown (no evidence in the file; import with --adjustment to say) — returns are treated as price returns`;
  }
}

export type ReturnType = 'total return' | 'price return' | 'price return (adjustment unknown)';

/**
 * `total return` when closes are split+dividend adjusted; `price return` for split-only or unadjusted
 * closes; `price return (adjustment unknown)` when nothing says how they are adjusted (a user file
 * imported without `--adjustment`): at best a price return, and splits may not even be removed.
 */
export function returnType(s: PriceSeries): ReturnType {
  if (s.adjustment === 'split+dividend') return 'total return';
  return s.adjustment === 'unknown' ? 'price return (adjustment unknown)' : 'price return';
}
