/** The pair being reported on, aligned on common sessions up to the as-of date. */
import { alignPair } from '../facts/pure.ts';
import type { PriceSeries } from '../model/series.ts';
import type { Ctx } from './context.ts';
import { cap, groupOf } from './names.ts';

export interface Pair {
  A: string;
  B: string;
  a: PriceSeries;
  b: PriceSeries;
  /** Common sessions up to and including asOf. */
  dates: string[];
  aClose: Float64Array;
  bClose: Float64Array;
  /** Daily returns on the common sessions (NaN on the first). */
  ra: Float64Array;
  rb: Float64Array;
  /** Index of asOf in `dates` (the last index). */
  k: number;
}

export function alignedPair(ctx: Ctx, A: string, B: string, a: PriceSeries, b: PriceSeries): Pair {
  const al = alignPair(a, b);
  let n = al.dates.length;
  while (n > 0 && al.dates[n - 1] > ctx.asOf) n--;
  const dates = al.dates.slice(0, n);
  const aClose = al.aValues.slice(0, n);
  const bClose = al.bValues.slice(0, n);
  const ra = new Float64Array(n).fill(Number.NaN);
  const rb = new Float64Array(n).fill(Number.NaN);
  for (let i = 1; i < n; i++) {
    ra[i] = aClose[i] / aClose[i - 1] - 1;
    rb[i] = bClose[i] / bClose[i - 1] - 1;
  }
  return { A, B, a, b, dates, aClose, bClose, ra, rb, k: n - 1 };
}

/** How a symbol is named as a subject: the market segment when known ("small caps"), else the ticker. */
export interface Subject {
  text: string;
  plural: boolean;
}
export function subject(sym: string, capitalise = false): Subject {
  const g = groupOf(sym);
  const text = g ?? sym;
  return {
    text: capitalise ? cap(text) : text,
    plural: g ? !g.startsWith('the ') && / (caps|stocks)$/.test(g) : false,
  };
}
/** Verb agreement: v(s, 'lead', 'leads'). */
export const v = (s: Subject, plural: string, singular: string): string => (s.plural ? plural : singular);
