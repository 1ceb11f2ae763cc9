/**
 * One-symbol price tracks: one-session move, period return, spread, level/SMA cross, breakout.
 * Each value on session t uses closes up to t only. Periods follow analytics/perf.ts `periodBounds`;
 * the SMA is analytics/moving-average.ts `smaSeries`; the breakout is analytics/levels.ts' rule
 * (window of 756 sessions, ≥ 60 sessions at or below the prior high).
 */
import { dailyReturns } from '../facts/pure.ts';
import { smaSeries } from '../facts/pure.ts';
import { periodBounds } from '../facts/pure.ts';
import type { PriceSeries } from '../analytics/series.ts';
import { UserError } from '../model/errors.ts';
import type { Cmp, ReturnPeriod } from './ast.ts';
import { compare } from './ast.ts';
import { finiteCloses, notesOf, num, pct, ref, type Track } from './track.ts';

export function moveTrack(s: PriceSeries, cmp: Cmp): Track {
  const f = finiteCloses(s);
  const r = dailyReturns(f.v);
  const value = r.map((x) => x * 100);
  const holds = Uint8Array.from(value, (x) => (Number.isFinite(x) && compare(x, cmp) ? 1 : 0));
  return {
    dates: f.dates,
    holds,
    value,
    detail: (i) => ({
      message: `${s.symbol} moved ${pct(value[i])} on ${f.dates[i]} (close ${num(f.v[i])} after ${num(f.v[i - 1])})`,
      facts: [{ label: `${s.symbol} one-session return`, value: value[i], unit: '%', formula: 'close[t]/close[t-1] − 1', dates: { from: f.dates[i - 1] ?? null, to: f.dates[i] }, series: [ref(s, f.dates[i])], notes: notesOf(s) }],
    }),
  };
}

/** Period return (percent) on every session of the series; NaN where the period has no base. */
export function periodReturns(s: PriceSeries, period: ReturnPeriod): { dates: string[]; pct: Float64Array; base: Int32Array; close: Float64Array } {
  const f = finiteCloses(s);
  const out = new Float64Array(f.dates.length).fill(Number.NaN);
  const base = new Int32Array(f.dates.length).fill(-1);
  for (let i = 1; i < f.dates.length; i++) {
    try {
      const b = periodBounds(period, f.dates[i], f.dates, s.symbol);
      if (b.endIndex !== i || b.startIndex >= i || b.notes.some((n) => /no close before/.test(n))) continue;
      out[i] = (f.v[i] / f.v[b.startIndex] - 1) * 100;
      base[i] = b.startIndex;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  return { dates: f.dates, pct: out, base, close: f.v };
}

export function returnTrack(s: PriceSeries, period: ReturnPeriod, cmp: Cmp): Track {
  const p = periodReturns(s, period);
  return {
    dates: p.dates,
    holds: Uint8Array.from(p.pct, (x) => (Number.isFinite(x) && compare(x, cmp) ? 1 : 0)),
    value: p.pct,
    detail: (i) => ({
      message: `${s.symbol} is ${pct(p.pct[i])} ${period} as of ${p.dates[i]} (base close ${p.dates[p.base[i]]})`,
      facts: [{ label: `${s.symbol} ${period} return`, value: p.pct[i], unit: '%', formula: 'close[end]/close[base] − 1 (base = last close before the period)', dates: { base: p.dates[p.base[i]] ?? null, end: p.dates[i] }, series: [ref(s, p.dates[i])], notes: notesOf(s) }],
    }),
  };
}

export function spreadTrack(a: PriceSeries, b: PriceSeries, period: ReturnPeriod, cmp: Cmp): Track {
  const pa = periodReturns(a, period);
  const pb = periodReturns(b, period);
  const bIdx = new Map(pb.dates.map((d, i) => [d, i]));
  const dates: string[] = [];
  const ia: number[] = [];
  const ib: number[] = [];
  pa.dates.forEach((d, i) => {
    const j = bIdx.get(d);
    if (j !== undefined) {
      dates.push(d);
      ia.push(i);
      ib.push(j);
    }
  });
  const value = Float64Array.from(ia, (i, k) => pa.pct[i] - pb.pct[ib[k]]);
  return {
    dates,
    holds: Uint8Array.from(value, (x) => (Number.isFinite(x) && compare(x, cmp) ? 1 : 0)),
    value,
    detail: (k) => ({
      message: `${a.symbol} leads ${b.symbol} by ${value[k] >= 0 ? '+' : ''}${value[k].toFixed(2)} pts ${period} as of ${dates[k]} (${pct(pa.pct[ia[k]])} vs ${pct(pb.pct[ib[k]])})`,
      facts: [
        { label: `${a.symbol} − ${b.symbol} ${period} spread`, value: value[k], unit: 'pts', formula: `return_${a.symbol} − return_${b.symbol} (percentage points)`, dates: { end: dates[k] }, series: [ref(a, dates[k]), ref(b, dates[k])], notes: notesOf(a, b) },
        { label: `${a.symbol} ${period} return`, value: pa.pct[ia[k]], unit: '%', formula: 'close[end]/close[base] − 1', dates: { base: pa.dates[pa.base[ia[k]]] ?? null, end: dates[k] }, series: [ref(a, dates[k])] },
        { label: `${b.symbol} ${period} return`, value: pb.pct[ib[k]], unit: '%', formula: 'close[end]/close[base] − 1', dates: { base: pb.dates[pb.base[ib[k]]] ?? null, end: dates[k] }, series: [ref(b, dates[k])] },
      ],
    }),
  };
}

/** Crossing: above = close[t−1] ≤ level[t−1] and close[t] > level[t]; below mirrored (close[t] < level[t]). */
export function crossTrack(s: PriceSeries, direction: 'above' | 'below', level: number | { sma: number }): Track {
  const f = finiteCloses(s);
  const n = f.dates.length;
  const lv = typeof level === 'number' ? new Float64Array(n).fill(level) : smaSeries(f.v, level.sma);
  const what = typeof level === 'number' ? num(level) : `its ${level.sma}-day average`;
  const holds = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    if (!Number.isFinite(lv[i]) || !Number.isFinite(lv[i - 1])) continue;
    holds[i] = direction === 'above' ? (f.v[i - 1] <= lv[i - 1] && f.v[i] > lv[i] ? 1 : 0) : f.v[i - 1] >= lv[i - 1] && f.v[i] < lv[i] ? 1 : 0;
  }
  return {
    dates: f.dates,
    holds,
    value: f.v,
    detail: (i) => ({
      message: `${s.symbol} closed ${direction} ${what} on ${f.dates[i]}: ${num(f.v[i])} vs ${num(lv[i])} (previous close ${num(f.v[i - 1])} vs ${num(lv[i - 1])})`,
      facts: [
        { label: `${s.symbol} close`, value: f.v[i], unit: 'price', formula: 'close[t]', dates: { session: f.dates[i] }, series: [ref(s, f.dates[i])], notes: notesOf(s) },
        { label: typeof level === 'number' ? 'level' : `${s.symbol} SMA${level.sma}`, value: lv[i], unit: 'price', formula: typeof level === 'number' ? 'given level' : `mean(close[t-${level.sma - 1}..t])`, dates: { session: f.dates[i] }, series: typeof level === 'number' ? [] : [ref(s, f.dates[i])] },
        { label: `${s.symbol} previous close`, value: f.v[i - 1], unit: 'price', formula: 'close[t-1]', dates: { session: f.dates[i - 1] }, series: [ref(s, f.dates[i - 1])] },
      ],
    }),
  };
}

export const BREAKOUT = { lookback: 756, minInside: 60 } as const;

/** Breakout on t: close[t] > H = max(close[t−755..t−1]) and ≥ 60 sessions passed since H was first set. */
export function breakoutTrack(s: PriceSeries): Track {
  const f = finiteCloses(s);
  const c = f.v;
  const n = c.length;
  const holds = new Uint8Array(n);
  const level = new Float64Array(n).fill(Number.NaN);
  const since = new Int32Array(n).fill(-1);
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let t = 1; t < n; t++) {
    const j = t - 1; // push t−1 into the window
    while (tail > head && c[dq[tail - 1]] < c[j]) tail--;
    dq[tail++] = j;
    const ws = Math.max(0, t - BREAKOUT.lookback + 1);
    while (dq[head] < ws) head++;
    const hIdx = dq[head];
    if (c[t] > c[hIdx] && t - 1 - hIdx >= BREAKOUT.minInside) {
      holds[t] = 1;
      level[t] = c[hIdx];
      since[t] = hIdx;
    }
  }
  return {
    dates: f.dates,
    holds,
    value: c,
    detail: (t) => ({
      message: `${s.symbol} broke out on ${f.dates[t]}: close ${num(c[t])} above the range high ${num(level[t])} set ${f.dates[since[t]]} (${t - 1 - since[t]} sessions inside)`,
      facts: [
        { label: `${s.symbol} breakout level`, value: level[t], unit: 'price', formula: 'max(close over the 756-session window before t), first set ≥ 60 sessions before t', dates: { highSet: f.dates[since[t]] ?? null, breakout: f.dates[t] }, series: [ref(s, f.dates[t])], notes: notesOf(s) },
        { label: `${s.symbol} close`, value: c[t], unit: 'price', formula: 'close[t]', dates: { session: f.dates[t] }, series: [ref(s, f.dates[t])] },
      ],
    }),
  };
}
