/**
 * Repair an adjustment-basis splice: a collector that re-downloads adjusted prices on a newer basis
 * and appends them to rows on an older basis leaves a one-day step at the splice date (see the data
 * notes). Rows before the splice are rescaled onto the newer basis:
 *   factor = median(primary/reference on the 10 shared sessions from the splice on)
 *          ÷ median(primary/reference on the 10 shared sessions before it)
 * using a reference series on one consistent basis (a single-snapshot second source). Without a
 * reference, the step the data notes give (rounded to 0.01%) is used, and the note says so.
 */
import type { PriceSeries } from './series.ts';

export interface BasisStep {
  date: string;
  /** Documented step in percent (e.g. -0.24), used when no reference series is available. */
  approxPct: number;
}

const WINDOW = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The factor that rescales rows before `date` onto the basis from `date` on, from a reference series. */
export function stepFactorFromReference(primary: PriceSeries, ref: PriceSeries, date: string): number | null {
  const refIdx = new Map<string, number>();
  for (let i = 0; i < ref.dates.length; i++) refIdx.set(ref.dates[i], i);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < primary.dates.length; i++) {
    const j = refIdx.get(primary.dates[i]);
    if (j === undefined) continue;
    const r = primary.close[i] / ref.close[j];
    if (!Number.isFinite(r)) continue;
    if (primary.dates[i] < date) {
      before.push(r);
      if (before.length > WINDOW) before.shift();
    } else if (after.length < WINDOW) after.push(r);
  }
  if (before.length < WINDOW || after.length < WINDOW) return null;
  return median(after) / median(before);
}

/** Rescale open/high/low/close before each step date by its factor; returns a new series. */
export function applyBasisSteps(s: PriceSeries, steps: { date: string; factor: number; how: string }[]): PriceSeries {
  if (steps.length === 0) return s;
  const scale = (arr: Float64Array | null) => {
    if (!arr) return arr;
    const out = Float64Array.from(arr);
    for (const st of steps) for (let i = 0; i < s.dates.length && s.dates[i] < st.date; i++) out[i] *= st.factor;
    return out;
  };
  const notes = [
    ...(s.notes ?? []),
    ...steps.map(
      (st) =>
        `${s.symbol} (${s.source}): adjustment-basis splice on ${st.date} repaired — closes before it × ${st.factor.toFixed(6)} (${st.how})`,
    ),
  ];
  return { ...s, open: scale(s.open), high: scale(s.high), low: scale(s.low), close: scale(s.close)!, notes };
}
