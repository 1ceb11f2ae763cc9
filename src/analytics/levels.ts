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
 * Range: with a breakout, the BASE it broke out of (the consolidation before the breakout): from the
 * session that set H through the session before the breakout; high = H, low = the lowest close of
 * the base (first occurrence), sessionsInside = sessions after H was set through the session before
 * the breakout. Without a breakout: high/low of the whole window, sessionsInside = sessions after the
 * high through asOf. `windowLow` is always the lowest close of the whole window.
 *
 * Measured-move target = breakout level + base height = H + (H − base low); null without a breakout.
 * `stillAbove`: NO close below the breakout level from the breakout through asOf (a close below and
 * back above is not "still above"); `firstCloseBelow` names the first such close, `lastCloseAbove`
 * says whether the asOf close alone is above.
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
    /** Lowest close of the whole window (the base low may be higher). */
    windowLow: number;
    windowLowDate: string;
  };
  breakout: {
    date: string;
    level: number;
    close: number;
    sessionsInsideBefore: number;
    /** No close below the breakout level since the breakout (through asOf). */
    stillAbove: boolean;
    /** First close below the breakout level since the breakout, or null. */
    firstCloseBelow: string | null;
    /** The asOf close alone is above the breakout level. */
    lastCloseAbove: boolean;
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

  const notes: string[] = [];
  const { range, breakout, measuredMoveTarget } = scanBreakout(c, dates, ws, e, params.minInside);
  if (used < params.lookback)
    notes.push(`only ${used} sessions of data up to ${dates[e]} (lookback ${params.lookback})`);

  const clusters = swingClusters(c, dates, ws, e, params);
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
        'base = sessions from the one that set H to the one before the breakout; target = H + (H − base low); ' +
        'stillAbove = no close < H since the breakout; swings ±k; clusters within x% of lowest; SMA_N = mean(last N closes)',
      notes,
    },
  };
}

/** The most recent breakout in the window [ws, e], the base it broke out of, and the target (module notes). */
function scanBreakout(
  c: Float64Array,
  dates: string[],
  ws: number,
  e: number,
  minInside: number,
): { range: LevelsResult['range']; breakout: LevelsResult['breakout']; measuredMoveTarget: number | null } {
  const used = e - ws + 1;
  const params = { minInside };
  // --- breakout scan
  let H = c[ws];
  let hIdx = ws;
  let L = c[ws];
  let lIdx = ws;
  let bo: { t: number; H: number; hIdx: number } | null = null;
  for (let t = ws + 1; t <= e; t++) {
    if (c[t] > H && t - 1 - hIdx >= params.minInside) bo = { t, H, hIdx };
    if (c[t] > H) {
      H = c[t];
      hIdx = t;
    }
    if (c[t] < L) {
      L = c[t];
      lIdx = t;
    }
  }
  let range: LevelsResult['range'];
  let breakout: LevelsResult['breakout'] = null;
  let measuredMoveTarget: number | null = null;
  if (bo) {
    // the base: from the session that set H to the session before the breakout
    let baseLow = c[bo.hIdx];
    let baseLowIdx = bo.hIdx;
    for (let i = bo.hIdx + 1; i < bo.t; i++)
      if (c[i] < baseLow) {
        baseLow = c[i];
        baseLowIdx = i;
      }
    range = {
      high: bo.H,
      highDate: dates[bo.hIdx],
      low: baseLow,
      lowDate: dates[baseLowIdx],
      sessionsInside: bo.t - 1 - bo.hIdx,
      lookback: used,
      from: dates[bo.hIdx],
      to: dates[bo.t - 1],
      windowLow: L,
      windowLowDate: dates[lIdx],
    };
    let below = -1;
    for (let i = bo.t; i <= e; i++)
      if (c[i] < bo.H) {
        below = i;
        break;
      }
    breakout = {
      date: dates[bo.t],
      level: bo.H,
      close: c[bo.t],
      sessionsInsideBefore: bo.t - 1 - bo.hIdx,
      stillAbove: below < 0,
      firstCloseBelow: below < 0 ? null : dates[below],
      lastCloseAbove: c[e] > bo.H,
    };
    measuredMoveTarget = bo.H + (bo.H - baseLow);
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
      windowLow: L,
      windowLowDate: dates[lIdx],
    };
  }

  return { range, breakout, measuredMoveTarget };
}

/** Swing highs/lows (±k) in the window, clustered within clusterPct; clusters with ≥ minTouches swings. */
function swingClusters(c: Float64Array, dates: string[], ws: number, e: number, params: Required<LevelsOptions>): LevelCluster[] {
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
  return clusters;
}
