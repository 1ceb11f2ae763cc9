/**
 * Streak and record tracks. Conventions are those of analytics/streak.ts and analytics/records.ts:
 * a session qualifies when r_A − r_B > 0 strictly (or r > 0 against zero) on the common sessions;
 * a record is a basis value strictly above every earlier one (the first session is never a record).
 */
import { addMonthsClamped } from '../facts/pure.ts';
import { alignedReturns, dailyReturns } from '../facts/pure.ts';
import type { AnySeries } from '../analytics/input-checks.ts';
import type { PriceSeries } from '../analytics/series.ts';
import type { Cmp } from './ast.ts';
import { compare } from './ast.ts';
import { finiteCloses, notesOf, num, ordinal, ref, type Track } from './track.ts';

interface StreakInput {
  label: { a: string; b: string | null; direction: 'over' | 'under' };
  dates: string[];
  diff: Float64Array;
  series: AnySeries[];
  formula: string;
  cmp: Cmp | null;
  longestYears: number | null;
}

function streakTrack(inp: StreakInput): Track {
  const { dates, diff } = inp;
  const n = dates.length;
  const len = new Int32Array(n);
  const sinceEnd = new Int32Array(n).fill(-2); // index of the end of the most recent earlier run ≥ len; -1 none
  const holds = new Uint8Array(n);
  const value = new Float64Array(n);
  const over = inp.label.direction === 'over';
  let lastEnd = new Int32Array(64).fill(-1); // lastEnd[l] = end index of the latest completed run of length ≥ l
  for (let i = 0; i < n; i++) {
    const q = over ? diff[i] > 0 : diff[i] < 0;
    len[i] = q ? (i > 0 ? len[i - 1] : 0) + 1 : 0;
    if (!q && i > 0 && len[i - 1] > 0) {
      const L = len[i - 1];
      if (L >= lastEnd.length) {
        const grown = new Int32Array(L * 2).fill(-1);
        grown.set(lastEnd);
        lastEnd = grown;
      }
      for (let l = 1; l <= L; l++) lastEnd[l] = i - 1;
    }
    const L = len[i];
    value[i] = L;
    if (L > 0) sinceEnd[i] = L < lastEnd.length ? lastEnd[L] : -1;
    if (inp.longestYears !== null) {
      if (L === 0) continue;
      const cutoff = addMonthsClamped(dates[i], -Math.round(inp.longestYears * 12));
      const e = sinceEnd[i];
      holds[i] = e >= 0 ? (dates[e] < cutoff ? 1 : 0) : dates[0] <= cutoff ? 1 : 0;
    } else holds[i] = compare(L, inp.cmp as Cmp) ? 1 : 0;
  }
  const { a, b, direction } = inp.label;
  const who = b ? `${a} ${direction === 'over' ? 'beat' : 'lagged'} ${b}` : `${a} ${direction === 'over' ? 'rose' : 'fell'}`;
  return {
    dates,
    holds,
    value,
    detail(i) {
      const L = len[i];
      const start = L > 0 ? dates[i - L + 1] : null;
      const e = sinceEnd[i];
      const since = L === 0 ? '' : e >= 0 ? `, the longest since ${dates[e]}` : `, the longest in the data (since ${dates[0]})`;
      return {
        message: L > 0 ? `${who} for ${L} straight session${L === 1 ? '' : 's'} (${start} → ${dates[i]})${since}` : `${who}: no current streak on ${dates[i]}`,
        facts: [
          {
            label: b ? `${a} vs ${b} streak` : `${a} ${direction === 'over' ? '> 0' : '< 0'} streak`,
            value: L,
            unit: 'sessions',
            formula: inp.formula,
            dates: { start, end: dates[i], longestSinceEnd: L > 0 && e >= 0 ? dates[e] : null, dataStart: dates[0] },
            series: inp.series.map((s) => ref(s as PriceSeries, dates[i])),
            notes: notesOf(...inp.series),
          },
        ],
      };
    },
  };
}

export function pairStreakTrack(a: AnySeries, b: AnySeries, direction: 'over' | 'under', cmp: Cmp | null, longestYears: number | null): Track {
  const r = alignedReturns(a, b);
  const diff = new Float64Array(r.dates.length);
  for (let i = 0; i < diff.length; i++) diff[i] = r.ra[i] - r.rb[i];
  return streakTrack({
    label: { a: a.symbol, b: b.symbol, direction },
    dates: r.dates,
    diff,
    series: [a, b],
    formula: `sessions in a row with r_${a.symbol} ${direction === 'over' ? '>' : '<'} r_${b.symbol} (daily returns on common sessions)`,
    cmp,
    longestYears,
  });
}

export function zeroStreakTrack(s: AnySeries, direction: 'over' | 'under', cmp: Cmp | null, longestYears: number | null): Track {
  let dates: string[];
  let diff: Float64Array;
  if ('ret' in s) {
    dates = s.dates;
    diff = s.ret;
  } else {
    const f = finiteCloses(s);
    dates = f.dates;
    diff = dailyReturns(f.v);
  }
  return streakTrack({
    label: { a: s.symbol, b: null, direction },
    dates,
    diff,
    series: [s],
    formula: `sessions in a row with r_${s.symbol} ${direction === 'over' ? '> 0' : '< 0'}`,
    cmp,
    longestYears,
  });
}

/** Record sessions (basis close or high) and the run of consecutive records. */
export function recordTrack(s: PriceSeries, basis: 'close' | 'high', cmp: Cmp | null): Track {
  const values = basis === 'high' ? s.high : s.close;
  if (!values?.some((x) => Number.isFinite(x))) throw new Error(`${s.symbol} has closes only (no intraday highs): use 'close'`);
  const f = finiteCloses(s, values);
  const n = f.dates.length;
  const run = new Int32Array(n);
  const prevMax = new Float64Array(n);
  const holds = new Uint8Array(n);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    prevMax[i] = max;
    const rec = i > 0 && f.v[i] > max;
    run[i] = rec ? (i > 0 ? run[i - 1] : 0) + 1 : 0;
    if (f.v[i] > max) max = f.v[i];
    holds[i] = cmp ? (compare(run[i], cmp) ? 1 : 0) : rec ? 1 : 0;
  }
  return {
    dates: f.dates,
    holds,
    value: cmp ? Float64Array.from(run) : f.v,
    detail(i) {
      const r = run[i];
      const what = basis === 'high' ? 'intraday high' : 'close';
      return {
        message:
          r > 0
            ? `${s.symbol} set a record ${what} of ${num(f.v[i])} on ${f.dates[i]} (previous record ${num(prevMax[i])})${r > 1 ? `, the ${ordinal(r)} record session in a row` : ''}`
            : `${s.symbol}: no record ${what} on ${f.dates[i]}`,
        facts: [
          {
            label: `${s.symbol} record ${what}`,
            value: f.v[i],
            unit: 'price',
            formula: `${basis}[t] > max(${basis}[first..t-1]); run = consecutive record sessions`,
            dates: { session: f.dates[i], runStart: r > 0 ? f.dates[i - r + 1] : null, dataStart: f.dates[0] },
            series: [ref(s, f.dates[i])],
            notes: notesOf(s),
          },
          { label: `${s.symbol} previous record ${what}`, value: Number.isFinite(prevMax[i]) ? prevMax[i] : null, unit: 'price', formula: `max(${basis}[first..t-1])`, dates: { through: i > 0 ? f.dates[i - 1] : null }, series: [ref(s, f.dates[i])] },
          { label: `${s.symbol} consecutive record sessions`, value: r, unit: 'sessions', formula: 'run of consecutive record sessions ending at t', dates: { end: f.dates[i] }, series: [ref(s, f.dates[i])] },
        ],
      };
    },
  };
}
