/**
 * Repair adjustment-basis splices: a collector that re-downloads adjusted prices on a newer basis
 * and appends them to rows on an older basis leaves a step in the ratio to any single-snapshot copy
 * of the same series (see the data notes). A step can also be short and reverse (NVDA: three
 * sessions, 2026-04-08..04-10, sit +0.1165% above the reference, then the ratio is back to 1.0).
 *
 * Method with a reference series on one consistent basis (`method: 'reference-day-by-day'`):
 *   ratio_t = primary_t / reference_t on every shared session, compared day by day;
 *   a new segment starts where |ratio_t / ratio_{t−1} − 1| > STEP_TOL (0.01%);
 *   every segment's rows are rescaled onto the LAST segment's basis (the newest rows):
 *     factor = median(ratio in the last segment) / median(ratio in the segment).
 *   A segment covers the primary's rows from its first shared session up to the day before the next
 *   segment's first shared session (the first segment from the primary's first row). Segments whose
 *   factor is within STEP_TOL of 1 are left alone. Steps larger than MAX_STEP (2%) are not a basis
 *   change (bad rows, splits): nothing is repaired and the caller is told.
 * Without a reference, the documented step (`method: 'documented-step'`, rounded to 0.01%) rescales
 * the rows before the documented date: factor = 1 + approxPct/100.
 * Every repair is returned as a typed `SpliceRepair`, carried on the series and into every result.
 */
import type { PriceSeries, SpliceRepair } from './series.ts';

export type { SpliceRepair } from './series.ts';

export interface BasisStep {
  date: string;
  /** Documented step in percent (e.g. -0.24), used when no reference series is available. */
  approxPct: number;
}

/** Ratio changes above this (relative) start a new basis segment; float noise is ~1e-7. */
export const STEP_TOL = 1e-4;
/** A day-by-day ratio change above this is not an adjustment-basis step. */
export const MAX_STEP = 0.02;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface ReferenceRepairs {
  repairs: SpliceRepair[];
  /** Shared sessions compared; 0 = the reference does not overlap the primary. */
  shared: number;
  /** Dates of ratio jumps too large to be a basis step (nothing was repaired when any exists). */
  rejected: string[];
}

/**
 * Day-by-day comparison of `primary` with `ref` (see the module notes): the repairs that put every
 * row of the primary on the basis of its newest segment.
 */
export function repairsFromReference(primary: PriceSeries, ref: PriceSeries): ReferenceRepairs {
  const refIdx = new Map<string, number>();
  for (let i = 0; i < ref.dates.length; i++) refIdx.set(ref.dates[i], i);
  const idx: number[] = [];
  const ratio: number[] = [];
  for (let i = 0; i < primary.dates.length; i++) {
    const j = refIdx.get(primary.dates[i]);
    if (j === undefined) continue;
    const r = primary.close[i] / ref.close[j];
    if (!Number.isFinite(r) || r <= 0) continue;
    idx.push(i);
    ratio.push(r);
  }
  if (ratio.length < 2) return { repairs: [], shared: ratio.length, rejected: [] };
  const segStarts = [0];
  const rejected: string[] = [];
  for (let k = 1; k < ratio.length; k++) {
    const jump = Math.abs(ratio[k] / ratio[k - 1] - 1);
    if (jump > MAX_STEP) rejected.push(primary.dates[idx[k]]);
    else if (jump > STEP_TOL) segStarts.push(k);
  }
  if (rejected.length > 0) return { repairs: [], shared: ratio.length, rejected };
  const level = (s: number) => median(ratio.slice(segStarts[s], s + 1 < segStarts.length ? segStarts[s + 1] : ratio.length));
  const last = level(segStarts.length - 1);
  const repairs: SpliceRepair[] = [];
  for (let s = 0; s < segStarts.length - 1; s++) {
    const factor = last / level(s);
    if (Math.abs(factor - 1) <= STEP_TOL) continue;
    const fromRow = s === 0 ? 0 : idx[segStarts[s]];
    const toRow = idx[segStarts[s + 1]] - 1;
    repairs.push({
      kind: 'splice-repair',
      series: primary.symbol,
      source: primary.source,
      from: primary.dates[fromRow],
      to: primary.dates[toRow],
      factor,
      reference: { series: ref.symbol, source: ref.source },
      method: 'reference-day-by-day',
      sessions: toRow - fromRow + 1,
    });
  }
  return { repairs, shared: ratio.length, rejected };
}

/** The repair a documented step implies when no reference can measure it: rows before `date`. */
export function repairFromDocumentedStep(primary: PriceSeries, step: BasisStep): SpliceRepair | null {
  let n = 0;
  while (n < primary.dates.length && primary.dates[n] < step.date) n++;
  if (n === 0) return null;
  return {
    kind: 'splice-repair',
    series: primary.symbol,
    source: primary.source,
    from: primary.dates[0],
    to: primary.dates[n - 1],
    factor: 1 + step.approxPct / 100,
    reference: null,
    method: 'documented-step',
    sessions: n,
    documented: { date: step.date, approxPct: step.approxPct },
  };
}

/** Rescale open/high/low/close on the rows [from, to] of each repair; returns a new series carrying them. */
export function applyRepairs(s: PriceSeries, repairs: SpliceRepair[]): PriceSeries {
  if (repairs.length === 0) return s;
  const scale = (arr: Float64Array | null) => {
    if (!arr) return arr;
    const out = Float64Array.from(arr);
    for (const r of repairs)
      for (let i = 0; i < s.dates.length; i++) if (s.dates[i] >= r.from && s.dates[i] <= r.to) out[i] *= r.factor;
    return out;
  };
  return {
    ...s,
    open: scale(s.open),
    high: scale(s.high),
    low: scale(s.low),
    close: scale(s.close) as Float64Array,
    notes: [...(s.notes ?? []), ...repairs],
  };
}

