/**
 * Aligning two series on their common sessions, and daily returns.
 *
 * Conventions (read before using a paired result):
 * - A "session" is a date present in the data with a finite value (NaN marks a missing value).
 * - The pair is aligned on the INTERSECTION of the two series' sessions. Inside the overlap
 *   [max(first dates), min(last dates)] every date that one series has and the other lacks (or holds
 *   only as NaN) is listed in `excluded` under the symbol that LACKS it. Dates outside the overlap
 *   (one series simply starts earlier or ends later) are not gaps: they are counted in `outsideOverlap`.
 * - Paired daily returns are computed on the ALIGNED closes: the return on common session k is
 *   close[k]/close[k-1] − 1 where k−1 is the previous COMMON session.
 * - ONE RULE FOR A MISSING SESSION: when one series lacks a session inside the overlap (or holds NaN
 *   there), the paired return on the next common session would span two sessions for one side and
 *   one for the other's data. It is UNKNOWN: both returns are NaN there, the date is listed in
 *   `unknown` and in `bridged`, and so it ends any streak (a tie or an unknown return ends a streak,
 *   in streak.ts, analogs.ts, the report and the SQL twin alike). The missing day is reported in
 *   `excluded`.
 * - A ReturnSeries (e.g. a factor) holds one return per session: on consecutive common sessions its
 *   own return is used; a session of either series between two common sessions makes it unknown
 *   (the same rule).
 */
import { UserError } from '../model/errors.ts';
import type { AnySeries } from './input-checks.ts';
import { checkSeries, isPriceSeries, valuesOf } from './input-checks.ts';
import { firstIndexOnOrAfter } from './session-search.ts';

export interface AlignedPair {
  a: string;
  b: string;
  /** Common sessions (ascending). */
  dates: string[];
  /** A's values (close or return) on `dates`. */
  aValues: Float64Array;
  /** B's values on `dates`. */
  bValues: Float64Array;
  /** Dates inside the overlap that one series had and the other lacked; `symbol` is the series lacking them. */
  excluded: { symbol: string; missing: string[] }[];
  /** First and last common session. */
  overlap: { first: string; last: string };
  /** Sessions of each series before / after the overlap (not gaps, just different coverage). */
  outsideOverlap: { symbol: string; before: number; after: number }[];
  /** Index in each series' own arrays of each common session. */
  aIndex: Int32Array;
  bIndex: Int32Array;
}

/** Aligns two series (closes of a PriceSeries, returns of a ReturnSeries) on their common sessions. */
export function alignPair(a: AnySeries, b: AnySeries): AlignedPair {
  checkSeries(a, 'first series');
  checkSeries(b, 'second series');
  if (a.symbol === b.symbol) throw new UserError(`cannot pair ${a.symbol} with itself`);
  const av = valuesOf(a);
  const bv = valuesOf(b);
  const firstValid = (s: AnySeries, v: Float64Array) => {
    for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) return s.dates[i];
    throw new UserError(`${s.symbol}: the series has no valid values`, 'not_found');
  };
  const lastValid = (s: AnySeries, v: Float64Array) => {
    for (let i = v.length - 1; i >= 0; i--) if (Number.isFinite(v[i])) return s.dates[i];
    return '';
  };
  const lo = maxStr(firstValid(a, av), firstValid(b, bv));
  const hi = minStr(lastValid(a, av), lastValid(b, bv));
  if (lo > hi)
    throw new UserError(
      `${a.symbol} (${firstValid(a, av)}..${lastValid(a, av)}) and ${b.symbol} (${firstValid(b, bv)}..${lastValid(b, bv)}) have no dates in common`,
      'not_found',
    );

  const dates: string[] = [];
  const aVals: number[] = [];
  const bVals: number[] = [];
  const aIdx: number[] = [];
  const bIdx: number[] = [];
  const missA: string[] = [];
  const missB: string[] = [];
  const out = { aBefore: 0, aAfter: 0, bBefore: 0, bAfter: 0 };
  const na = a.dates.length;
  const nb = b.dates.length;
  let i = 0;
  let j = 0;
  while (i < na || j < nb) {
    const da = i < na ? a.dates[i] : null;
    const db = j < nb ? b.dates[j] : null;
    let d: string;
    if (da === null) d = db as string;
    else if (db === null || da <= db) d = da;
    else d = db;
    const aHas = da === d;
    const bHas = db === d;
    const aOk = aHas && Number.isFinite(av[i]);
    const bOk = bHas && Number.isFinite(bv[j]);
    if (d < lo) {
      if (aOk) out.aBefore++;
      if (bOk) out.bBefore++;
    } else if (d > hi) {
      if (aOk) out.aAfter++;
      if (bOk) out.bAfter++;
    } else if (aOk && bOk) {
      dates.push(d);
      aVals.push(av[i]);
      bVals.push(bv[j]);
      aIdx.push(i);
      bIdx.push(j);
    } else {
      if (!aOk) missA.push(d);
      if (!bOk) missB.push(d);
    }
    if (aHas) i++;
    if (bHas) j++;
  }
  const excluded: AlignedPair['excluded'] = [];
  if (missA.length > 0) excluded.push({ symbol: a.symbol, missing: missA });
  if (missB.length > 0) excluded.push({ symbol: b.symbol, missing: missB });
  return {
    a: a.symbol,
    b: b.symbol,
    dates,
    aValues: Float64Array.from(aVals),
    bValues: Float64Array.from(bVals),
    excluded,
    overlap: { first: dates[0], last: dates[dates.length - 1] },
    outsideOverlap: [
      { symbol: a.symbol, before: out.aBefore, after: out.aAfter },
      { symbol: b.symbol, before: out.bBefore, after: out.bAfter },
    ],
    aIndex: Int32Array.from(aIdx),
    bIndex: Int32Array.from(bIdx),
  };
}

/**
 * Simple daily returns of a close array: r[0] = NaN, r[i] = close[i]/close[i−1] − 1.
 * For a PAIR, call it on the aligned closes (AlignedPair.aValues/bValues) — or use `alignedReturns` —
 * never on each series' own closes, or a day missing in one series would shift the comparison.
 */
export function dailyReturns(close: Float64Array): Float64Array {
  const n = close.length;
  const r = new Float64Array(n);
  if (n === 0) return r;
  r[0] = Number.NaN;
  for (let i = 1; i < n; i++) r[i] = close[i] / close[i - 1] - 1;
  return r;
}

export interface AlignedReturns extends AlignedPair {
  /** A's return on each common session (NaN on the first session of a price series, or when unknown). */
  ra: Float64Array;
  /** B's return on each common session. */
  rb: Float64Array;
  /** Common sessions after the first whose return for A or B cannot be formed (see module notes). */
  unknown: string[];
  /** Common sessions that follow a date one series lacks (their returns would bridge it): unknown. */
  bridged: string[];
}

/** Common sessions k ≥ 1 whose previous common session is not the previous row of both series. */
export function bridgedMask(aIndex: Int32Array, bIndex: Int32Array): Uint8Array {
  const m = new Uint8Array(aIndex.length);
  for (let k = 1; k < aIndex.length; k++)
    if (aIndex[k] - aIndex[k - 1] > 1 || bIndex[k] - bIndex[k - 1] > 1) m[k] = 1;
  return m;
}

/** Paired daily returns over the common sessions, computed as documented at the top of this module. */
export function alignedReturns(a: AnySeries, b: AnySeries): AlignedReturns {
  const p = alignPair(a, b);
  const ra = sideReturns(a, b, p.aValues, p.aIndex, p.bIndex);
  const rb = sideReturns(b, a, p.bValues, p.bIndex, p.aIndex);
  const bridgedAt = bridgedMask(p.aIndex, p.bIndex);
  const unknown: string[] = [];
  const bridged: string[] = [];
  for (let k = 1; k < p.dates.length; k++) {
    if (bridgedAt[k]) {
      ra[k] = Number.NaN;
      rb[k] = Number.NaN;
      bridged.push(p.dates[k]);
    }
    if (Number.isNaN(ra[k]) || Number.isNaN(rb[k])) unknown.push(p.dates[k]);
  }
  return { ...p, ra, rb, unknown, bridged };
}

function sideReturns(
  x: AnySeries,
  y: AnySeries,
  xv: Float64Array,
  xi: Int32Array,
  yi: Int32Array,
): Float64Array {
  if (isPriceSeries(x)) return dailyReturns(xv);
  const n = xv.length;
  const r = new Float64Array(n);
  if (n === 0) return r;
  const ret = x.ret;
  r[0] = xv[0];
  for (let k = 1; k < n; k++) {
    const p = xi[k - 1];
    const q = xi[k];
    let ok = true;
    let g = 1;
    for (let t = p + 1; t <= q; t++) {
      if (!Number.isFinite(ret[t])) {
        ok = false;
        break;
      }
      g *= 1 + ret[t];
    }
    // Every session the other series has strictly between the two common sessions must be one of x's own.
    for (let t = yi[k - 1] + 1; ok && t < yi[k]; t++) {
      const d = y.dates[t];
      const at = firstIndexOnOrAfter(x.dates, d);
      if (at < 0 || at <= p || at >= q || x.dates[at] !== d) ok = false;
    }
    r[k] = ok ? (q - p === 1 ? ret[q] : g - 1) : Number.NaN;
  }
  return r;
}

function maxStr(x: string, y: string): string {
  return x > y ? x : y;
}
function minStr(x: string, y: string): string {
  return x < y ? x : y;
}
