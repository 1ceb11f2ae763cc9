/**
 * Compare two sources of the same symbol: on shared dates, where do their closes disagree by more
 * than a relative tolerance? Because collectors adjust on different dates, a constant ratio between
 * two adjusted series is expected; the comparison also reports the steps where that ratio changes.
 */
import type { PriceSeries } from './series.ts';

export interface SourceComparison {
  symbol: string;
  a: { source: string; adjustment: string; first: string; last: string; rows: number };
  b: { source: string; adjustment: string; first: string; last: string; rows: number };
  tolerance: number;
  sharedDates: number;
  onlyInA: number;
  onlyInB: number;
  disagreements: { date: string; a: number; b: number; relDiff: number }[];
  maxRelDiff: { date: string; relDiff: number } | null;
  /** Days on which close_a/close_b moved by more than the tolerance from the previous shared day. */
  ratioSteps: { date: string; from: number; to: number; change: number }[];
  formula: string;
}

export function compareSources(a: PriceSeries, b: PriceSeries, tolerance = 0.001, maxList = 500): SourceComparison {
  const idx = new Map<string, number>();
  for (let i = 0; i < b.dates.length; i++) idx.set(b.dates[i], i);
  const disagreements: SourceComparison['disagreements'] = [];
  const ratioSteps: SourceComparison['ratioSteps'] = [];
  let shared = 0;
  let max: SourceComparison['maxRelDiff'] = null;
  let prevRatio = Number.NaN;
  let disagreeCount = 0;
  for (let i = 0; i < a.dates.length; i++) {
    const j = idx.get(a.dates[i]);
    if (j === undefined) continue;
    shared++;
    const va = a.close[i];
    const vb = b.close[j];
    const rel = va / vb - 1;
    if (!max || Math.abs(rel) > Math.abs(max.relDiff)) max = { date: a.dates[i], relDiff: rel };
    if (Math.abs(rel) > tolerance) {
      disagreeCount++;
      if (disagreements.length < maxList) disagreements.push({ date: a.dates[i], a: va, b: vb, relDiff: rel });
    }
    const ratio = va / vb;
    if (!Number.isNaN(prevRatio) && Math.abs(ratio / prevRatio - 1) > tolerance)
      ratioSteps.push({ date: a.dates[i], from: prevRatio, to: ratio, change: ratio / prevRatio - 1 });
    prevRatio = ratio;
  }
  const desc = (s: PriceSeries) => ({ source: s.source, adjustment: s.adjustment, first: s.dates[0], last: s.dates[s.dates.length - 1], rows: s.dates.length });
  return {
    symbol: a.symbol,
    a: desc(a),
    b: desc(b),
    tolerance,
    sharedDates: shared,
    onlyInA: a.dates.length - shared,
    onlyInB: b.dates.length - shared,
    disagreements,
    maxRelDiff: max,
    ratioSteps,
    formula: `|close_a/close_b - 1| > ${tolerance} on shared dates; ratio step: |ratio_t/ratio_(t-1) - 1| > ${tolerance}; ${disagreeCount} disagreement(s) in all`,
  };
}
