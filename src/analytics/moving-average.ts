/**
 * Simple moving averages over Float64Array closes.
 *
 * Chosen over the npm packages `trading-signals` (8.x) and `technicalindicators` (3.x): an SMA is a
 * plain mean of N numbers, a few lines here with no dependency, and each value can be checked by
 * hand. Each mean is computed directly over its window (no running sum), so there is no drift from
 * adding and subtracting over thousands of sessions.
 */

/**
 * Mean of values[end−n+1 .. end] (inclusive). null when the window starts before index 0,
 * when n < 1, or when any value in it is not finite (NaN = missing; never skipped or filled).
 */
export function trailingMean(values: ArrayLike<number>, end: number, n: number): number | null {
  if (!Number.isInteger(n) || n < 1) return null;
  const start = end - n + 1;
  if (start < 0 || end >= values.length) return null;
  let sum = 0;
  for (let i = start; i <= end; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) return null;
    sum += v;
  }
  return sum / n;
}

/** N-observation simple moving average for every index; NaN where `trailingMean` is null. */
export function smaSeries(values: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let i = n - 1; i < values.length; i++) {
    const m = trailingMean(values, i, n);
    if (m !== null) out[i] = m;
  }
  return out;
}
