/**
 * Spearman rank correlation with average ranks for ties.
 *
 * rho is the Pearson correlation of the two rank vectors. With ties this is the correct definition;
 * the shortcut 1 − 6Σd²/(n(n²−1)) is only exact without ties, so it is not used.
 * Pairs where either value is NaN/±Infinity are dropped (reported as `dropped`).
 * Fewer than 3 usable pairs, or a side whose values are all equal, gives rho = null with a reason.
 */
import { UserError } from '../model/errors.ts';

export interface SpearmanResult {
  /** In [−1, 1]; null when undefined (see `reason`). */
  rho: number | null;
  /** Pairs used. */
  n: number;
  /** Pairs dropped because a value was not finite. */
  dropped: number;
  reason?: string;
  formula: string;
}

export const SPEARMAN_FORMULA =
  'rho = Pearson correlation of average ranks (ties share the mean of the ranks they span)';

/**
 * Ranks 1..n, ascending (smallest value = rank 1); tied values get the average of their ranks.
 * E.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. Values must be finite.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i]))
      throw new UserError(`averageRanks: value at position ${i} is not a finite number`);
  }
  order.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    // positions i..j (0-based) hold ranks i+1..j+1; their mean is (i+j)/2 + 1
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

function pearson(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  // guard against 1.0000000000000002 from rounding
  return Math.max(-1, Math.min(1, r));
}

/** Spearman rank correlation of paired samples x[i], y[i]. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): SpearmanResult {
  if (x.length !== y.length) {
    throw new UserError(`spearman: x has ${x.length} values but y has ${y.length}; pairs must line up`);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  const n = xs.length;
  const dropped = x.length - n;
  const formula = SPEARMAN_FORMULA;
  if (n < 3) {
    return { rho: null, n, dropped, formula, reason: `needs at least 3 pairs with values, got ${n}` };
  }
  const rx = averageRanks(xs);
  const ry = averageRanks(ys);
  const rho = pearson(rx, ry);
  if (rho === null) {
    const side = xs.every((v) => v === xs[0]) ? 'x' : 'y';
    return { rho: null, n, dropped, formula, reason: `all ${side} values are equal, so ranks do not vary` };
  }
  return { rho, n, dropped, formula };
}
