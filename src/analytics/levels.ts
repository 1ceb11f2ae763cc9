/**
 * Technical levels of one price series as of a date, all on CLOSES (close-only series such as
 * MAGS work too; intraday highs/lows would give somewhat different levels).
 *
 * Window: the last `lookback` sessions of the series up to and including asOf (fewer if the series
 * is shorter; `range.lookback` says how many were used).
 *
 * Breakout: scanning the window forward, session t is a breakout when close_t is above the highest
 * close H of the window before t, AND at least `minInside` (M) sessions passed between the session
 * that set H (its first occurrence) and t, all closing at or below H. The MOST RECENT such breakout
 * in the window is reported; later closes above it do not count again until a new high is followed
 * by ≥ M sessions inside.
 *
 * Range: with a breakout, the range it broke out of: high = H, low = lowest close from the window
 * start to the session before the breakout, sessionsInside = sessions after H was set through the
 * session before the breakout. Without a breakout: high/low of the whole window, sessionsInside =
 * sessions after the high through asOf.
 *
 * Measured-move target = breakout level + range height = H + (H − L); null without a breakout.
 *
 * Swings: close_i is a swing high when it is above the k closes before it and at least as high as
 * the k closes after it (swing low: mirrored). Only sessions with k sessions on both sides inside
 * the window qualify, so the last k sessions are never swings (not yet confirmed).
 * Clusters: swing highs and lows together, sorted by level; a level joins the current cluster when
 * it is within `clusterPct` of the cluster's LOWEST level (level ≤ lowest × (1 + clusterPct));
 * otherwise it starts a new cluster. Cluster level = mean of its swing levels. Clusters with at least
 * `minTouches` swings are kept: at or below the asOf close → support (nearest first), above →
 * resistance (nearest first).
 *
 * sma50/sma200: mean of the last 50/200 closes up to asOf over the whole series (not limited to
 * the window); null when the series has fewer closes.
 */
import { UserError } from '../model/errors.ts';
import { checkDate } from './input-checks.ts';
import type { AnalyticProvenance } from './provenance-util.ts';
import type { PriceSeries } from './series.ts';
import { lastIndexOnOrBefore } from './session-search.ts';
import { trailingMean } from './moving-average.ts';

export interface LevelsOptions {
  /** Sessions in the window; default 756 (about three years). */
  lookback?: number;
  /** M: sessions inside the range required before a breakout; default 60. */
  minInside?: number;
  /** k: sessions on each side for a swing; default 10. */
  swingK?: number;
  /** x: cluster width as a fraction of the cluster's lowest level; default 0.02 (2%). */
  clusterPct?: number;
  /** Swings needed for a support/resistance level; default 2. */
  minTouches?: number;
}

export interface LevelCluster {
  level: number;
  touches: number;
  low: number;
  high: number;
  dates: string[];
}

export interface LevelsResult {
  symbol: string;
  asOf: string;
  close: number;
  range: {
    high: number;
    highDate: string;
    low: number;
    lowDate: string;
    sessionsInside: number;
    lookback: number;
    from: string;
    to: string;
  };
  breakout: {
    date: string;
    level: number;
    close: number;
    sessionsInsideBefore: number;
    /** asOf close still above the breakout level. */
    stillAbove: boolean;
  } | null;
  supports: LevelCluster[];
  resistances: LevelCluster[];
  measuredMoveTarget: number | null;
  sma50: number | null;
  sma200: number | null;
  params: Required<LevelsOptions>;
  provenance: AnalyticProvenance;
}

function posInt(v: number, name: string, min: number): number {
  if (!Number.isInteger(v) || v < min)
    throw new UserError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  return v;
}

export function technicalLevels(
  series: PriceSeries,
  asOf: string,
  options: LevelsOptions = {},
): LevelsResult {
  const params: Required<LevelsOptions> = {
    lookback: posInt(options.lookback ?? 756, 'lookback', 2),
    minInside: posInt(options.minInside ?? 60, 'minInside', 1),
    swingK: posInt(options.swingK ?? 10, 'swingK', 1),
    clusterPct: options.clusterPct ?? 0.02,
    minTouches: posInt(options.minTouches ?? 2, 'minTouches', 1),
  };
  if (!(params.clusterPct >= 0 && params.clusterPct < 1)) throw new UserError('clusterPct must be in [0, 1)');
  checkDate('asOf', asOf);
  if (series.dates.length !== series.close.length)
    throw new UserError(`${series.symbol}: dates and closes differ in length`);

  const dates: string[] = [];
  const cl: number[] = [];
  for (let i = 0; i < series.dates.length; i++) {
    if (i > 0 && !(series.dates[i] > series.dates[i - 1])) {
      throw new UserError(`${series.symbol}: dates are not strictly ascending at ${series.dates[i]}`);
    }
    if (Number.isFinite(series.close[i])) {
      dates.push(series.dates[i]);
      cl.push(series.close[i]);
    }
  }
  if (dates.length === 0) throw new UserError(`${series.symbol}: no price data`, 'not_found');
  if (asOf > dates[dates.length - 1]) {
    throw new UserError(
      `asOf ${asOf} is after the last close of ${series.symbol} (${dates[dates.length - 1]})`,
      'bad_input',
    );
  }
  const e = lastIndexOnOrBefore(dates, asOf);
  if (e < 0)
    throw new UserError(
      `asOf ${asOf} is before the first close of ${series.symbol} (${dates[0]})`,
      'not_found',
    );
  const ws = Math.max(0, e - params.lookback + 1);
  const used = e - ws + 1;
  if (used < 2)
    throw new UserError(`${series.symbol}: only one close up to ${asOf}; a range needs at least two`);
  const c = Float64Array.from(cl);

  // --- breakout scan
  let H = c[ws];
  let hIdx = ws;
  let L = c[ws];
  let lIdx = ws;
  let bo: { t: number; H: number; hIdx: number; L: number; lIdx: number } | null = null;
  for (let t = ws + 1; t <= e; t++) {
    if (c[t] > H && t - 1 - hIdx >= params.minInside) bo = { t, H, hIdx, L, lIdx };
    if (c[t] > H) {
      H = c[t];
      hIdx = t;
    }
    if (c[t] < L) {
      L = c[t];
      lIdx = t;
    }
  }
  const notes: string[] = [];
  let range: LevelsResult['range'];
  let breakout: LevelsResult['breakout'] = null;
  let measuredMoveTarget: number | null = null;
  if (bo) {
    range = {
      high: bo.H,
      highDate: dates[bo.hIdx],
      low: bo.L,
      lowDate: dates[bo.lIdx],
      sessionsInside: bo.t - 1 - bo.hIdx,
      lookback: used,
      from: dates[ws],
      to: dates[bo.t - 1],
    };
    breakout = {
      date: dates[bo.t],
      level: bo.H,
      close: c[bo.t],
      sessionsInsideBefore: bo.t - 1 - bo.hIdx,
      stillAbove: c[e] > bo.H,
    };
    measuredMoveTarget = bo.H + (bo.H - bo.L);
  } else {
    range = {
      high: H,
      highDate: dates[hIdx],
      low: L,
      lowDate: dates[lIdx],
      sessionsInside: e - hIdx,
      lookback: used,
      from: dates[ws],
      to: dates[e],
    };
  }
  if (used < params.lookback)
    notes.push(`only ${used} sessions of data up to ${dates[e]} (lookback ${params.lookback})`);

  // --- swings and clusters
  const k = params.swingK;
  const swings: { level: number; date: string }[] = [];
  for (let i = ws + k; i <= e - k; i++) {
    let isHigh = true;
    let isLow = true;
    for (let j = i - k; j < i && (isHigh || isLow); j++) {
      if (!(c[i] > c[j])) isHigh = false;
      if (!(c[i] < c[j])) isLow = false;
    }
    for (let j = i + 1; j <= i + k && (isHigh || isLow); j++) {
      if (!(c[i] >= c[j])) isHigh = false;
      if (!(c[i] <= c[j])) isLow = false;
    }
    if (isHigh || isLow) swings.push({ level: c[i], date: dates[i] });
  }
  swings.sort((a, b) => a.level - b.level || (a.date < b.date ? -1 : 1));
  const clusters: LevelCluster[] = [];
  let cur: { level: number; date: string }[] = [];
  const flush = () => {
    if (cur.length >= params.minTouches) {
      const sum = cur.reduce((s, p) => s + p.level, 0);
      clusters.push({
        level: sum / cur.length,
        touches: cur.length,
        low: cur[0].level,
        high: cur[cur.length - 1].level,
        dates: cur.map((p) => p.date).sort(),
      });
    }
    cur = [];
  };
  for (const p of swings) {
    if (cur.length > 0 && p.level > cur[0].level * (1 + params.clusterPct)) flush();
    cur.push(p);
  }
  flush();
  const close = c[e];
  const supports = clusters.filter((x) => x.level <= close).sort((a, b) => b.level - a.level);
  const resistances = clusters.filter((x) => x.level > close).sort((a, b) => a.level - b.level);

  const sma50 = trailingMean(c, e, 50);
  const sma200 = trailingMean(c, e, 200);
  const firstUsed = Math.min(ws, sma200 !== null ? e - 199 : sma50 !== null ? e - 49 : ws);
  if (series.adjustment === 'split+dividend') {
    notes.push(
      'closes are dividend-adjusted: past levels sit below the prices that traded then (chart levels use split-only closes)',
    );
  } else if (series.adjustment === 'none') {
    notes.push('closes are unadjusted: a split inside the window would create false levels');
  }
  return {
    symbol: series.symbol,
    asOf: dates[e],
    close,
    range,
    breakout,
    supports,
    resistances,
    measuredMoveTarget,
    sma50,
    sma200,
    params,
    provenance: {
      series: [
        {
          symbol: series.symbol,
          source: series.source,
          adjustment: series.adjustment,
          first: dates[firstUsed],
          last: dates[e],
        },
      ],
      formula:
        'close basis; breakout: close_t > max(close[window start..t-1]) after ≥ M sessions at or below it; ' +
        'target = H + (H - L); swings ±k; clusters within x% of lowest; SMA_N = mean(last N closes)',
      notes,
    },
  };
}
