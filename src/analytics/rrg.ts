/**
 * Relative rotation (RRG) in the JdK RS-Ratio / RS-Momentum convention, with the formulas stated
 * (the original JdK normalisation is not published; this is the common open approximation):
 *   RS_t          = 100 · close_t / benchmark_t                      (relative strength)
 *   RS-Ratio_t    = 100 · RS_t / mean(RS over the last `window` points)       (trend of RS; 100 = its average)
 *   RS-Momentum_t = 100 · RS-Ratio_t / mean(RS-Ratio over the last `momentum` points)  (rate of change of the ratio)
 * on weekly closes (the last session of each Monday-based week) or daily closes. Quadrants:
 * leading (ratio ≥ 100, momentum ≥ 100), weakening (≥ 100, < 100), lagging (< 100, < 100),
 * improving (< 100, ≥ 100). The tail is the last `tail` points, oldest first.
 */

export type Quadrant = 'leading' | 'weakening' | 'lagging' | 'improving';

export interface RrgPoint {
  date: string;
  rsRatio: number;
  rsMomentum: number;
}

export interface RrgMember {
  symbol: string;
  tail: RrgPoint[];
  quadrant: Quadrant | null;
}

export interface RrgOptions {
  freq?: 'W' | 'D';
  window?: number;
  momentum?: number;
  tail?: number;
  asOf?: string;
}

export interface RrgInput {
  symbol: string;
  dates: string[];
  close: ArrayLike<number>;
}

export interface RrgResult {
  benchmark: string;
  asOf: string;
  freq: 'W' | 'D';
  window: number;
  momentum: number;
  members: RrgMember[];
  method: string;
}

export const RRG_METHOD =
  'RS = 100·close/benchmark; RS-Ratio = 100·RS / mean(RS, window); RS-Momentum = 100·RS-Ratio / mean(RS-Ratio, momentum); weekly = last session of each week; 100 = average on both axes';

export function quadrantOf(ratio: number, mom: number): Quadrant {
  if (ratio >= 100) return mom >= 100 ? 'leading' : 'weakening';
  return mom >= 100 ? 'improving' : 'lagging';
}

/** Monday-based week number of an ISO date (1970-01-01 was a Thursday). */
function weekOf(d: string): number {
  return Math.floor((Date.parse(`${d}T00:00:00Z`) / 86_400_000 + 3) / 7);
}

/** Indexes of the points used: every session, or the last session of each week. */
function sample(dates: string[], freq: 'W' | 'D'): number[] {
  if (freq === 'D') return dates.map((_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < dates.length; i++) if (i === dates.length - 1 || weekOf(dates[i + 1]) !== weekOf(dates[i])) out.push(i);
  return out;
}

function trailingMean(x: number[], n: number): number[] {
  const out = new Array<number>(x.length).fill(Number.NaN);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    if (i >= n) sum -= x[i - n];
    if (i >= n - 1) out[i] = sum / n;
  }
  return out;
}

/** One member's RS-Ratio and RS-Momentum on dates common with the benchmark, up to asOf. */
function memberSeries(m: RrgInput, bench: Map<string, number>, o: Required<Omit<RrgOptions, 'asOf'>> & { asOf?: string }): RrgPoint[] {
  const dates: string[] = [];
  const rs: number[] = [];
  for (let i = 0; i < m.dates.length; i++) {
    const d = m.dates[i];
    if (o.asOf && d > o.asOf) break;
    const b = bench.get(d);
    const c = m.close[i];
    if (b === undefined || !Number.isFinite(b) || !Number.isFinite(c) || b <= 0) continue;
    dates.push(d);
    rs.push((100 * c) / b);
  }
  const idx = sample(dates, o.freq);
  const sd = idx.map((i) => dates[i]);
  const sr = idx.map((i) => rs[i]);
  const meanRs = trailingMean(sr, o.window);
  const ratio = sr.map((v, i) => (100 * v) / meanRs[i]);
  const firstRatio = ratio.findIndex((v) => Number.isFinite(v));
  const meanRatio = firstRatio < 0 ? ratio.map(() => Number.NaN) : [...ratio.slice(0, firstRatio), ...trailingMean(ratio.slice(firstRatio), o.momentum)];
  const out: RrgPoint[] = [];
  for (let i = 0; i < sd.length; i++) {
    const mom = (100 * ratio[i]) / meanRatio[i];
    if (Number.isFinite(ratio[i]) && Number.isFinite(mom)) out.push({ date: sd[i], rsRatio: ratio[i], rsMomentum: mom });
  }
  return out.slice(-o.tail);
}

export function relativeRotation(benchmark: RrgInput, members: RrgInput[], opts: RrgOptions = {}): RrgResult {
  const o = { freq: opts.freq ?? 'W', window: opts.window ?? 10, momentum: opts.momentum ?? 4, tail: opts.tail ?? 8, asOf: opts.asOf };
  for (const [k, v] of [
    ['window', o.window],
    ['momentum', o.momentum],
    ['tail', o.tail],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be a positive integer (got ${v})`);
  }
  const bench = new Map<string, number>();
  for (let i = 0; i < benchmark.dates.length; i++) bench.set(benchmark.dates[i], benchmark.close[i]);
  const out = members.map((m) => {
    const tail = memberSeries(m, bench, o);
    const last = tail.at(-1);
    return { symbol: m.symbol, tail, quadrant: last ? quadrantOf(last.rsRatio, last.rsMomentum) : null };
  });
  const lastDates = out.map((m) => m.tail.at(-1)?.date).filter((d): d is string => !!d);
  const asOf = lastDates.length ? lastDates.reduce((a, b) => (a > b ? a : b)) : (o.asOf ?? benchmark.dates.at(-1) ?? '');
  return { benchmark: benchmark.symbol, asOf, freq: o.freq, window: o.window, momentum: o.momentum, members: out, method: RRG_METHOD };
}
