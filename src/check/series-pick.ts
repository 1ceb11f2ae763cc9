/**
 * Which stored series a claim is checked on. A subject lists candidate symbols in order (the named
 * series first, stand-ins such as an ETF for its index after it). A computation is tried on each
 * candidate (each PAIR, for spreads and relative streaks: both named series first, then both
 * stand-ins, then mixed) until one succeeds; the failures of the earlier ones are kept as notes.
 * A claim is never checked on a series it does not name unless that series is listed as a stand-in.
 */
import type { PriceSeries } from '../model/series.ts';
import { UserError } from '../model/errors.ts';
import type { CheckData } from './data-port.ts';
import type { EvidenceSeries, SubjectRef } from './types.ts';

export interface Picked {
  series: PriceSeries;
  proxy: boolean;
}

export function basisOf(s: PriceSeries): 'total return' | 'price return' {
  return s.adjustment === 'split+dividend' ? 'total return' : 'price return';
}

export function evidenceOf(p: Picked, first: string, last: string): EvidenceSeries {
  return {
    symbol: p.series.symbol,
    source: p.series.source,
    adjustment: p.series.adjustment,
    basis: basisOf(p.series),
    proxy: p.proxy,
    first,
    last,
  };
}

/** Notes a loader attached to a series (e.g. a repaired adjustment-basis splice). */
export function seriesNotes(p: Picked): string[] {
  const n = (p.series as { notes?: unknown }).notes;
  return Array.isArray(n) ? n.filter((x): x is string => typeof x === 'string') : [];
}

export function describe(p: Picked, subject: SubjectRef): string {
  const what = `${p.series.symbol} (${basisOf(p.series)}${p.series.adjustment === 'split+dividend' ? ', closes adjusted for splits and dividends' : p.series.symbol.startsWith('^') ? ', index level' : ''})`;
  return p.proxy ? `${what} stands in for ${subject.label}` : `${subject.label} → ${what}`;
}

export class PickError extends Error {}

/** Runs `fn` on the first candidate of `subject` for which it succeeds. */
export async function withSeries<T>(
  data: CheckData,
  subject: SubjectRef,
  fn: (p: Picked) => T,
  opts: { noProxy?: boolean } = {},
): Promise<{ picked: Picked; value: T; tried: string[] }> {
  const tried: string[] = [];
  const cands = subject.candidates.filter((c) => !(opts.noProxy && c.proxy));
  if (cands.length === 0)
    throw new PickError(
      `${subject.label}: only stand-in series (${subject.candidates.map((c) => c.symbol).join(', ')}) are known, and their levels are not ${subject.label}'s`,
    );
  for (const c of cands) {
    const s = await data.priceSeries(c.symbol);
    if (!s) {
      tried.push(`${c.symbol}: no data stored`);
      continue;
    }
    const picked = { series: s, proxy: c.proxy };
    try {
      return { picked, value: fn(picked), tried };
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      tried.push(`${c.symbol}: ${e.message}`);
    }
  }
  const standIns = opts.noProxy ? subject.candidates.filter((c) => c.proxy).map((c) => c.symbol) : [];
  throw new PickError(
    `no data to check it: ${tried.join('; ')}${standIns.length ? ` (${standIns.join(', ')} stands in for ${subject.label} elsewhere, but its price level is not ${subject.label}'s)` : ''}`,
  );
}

/** Runs `fn` on the first candidate pair for which it succeeds (named/named, stand-in/stand-in, mixed). */
export async function withPair<T>(
  data: CheckData,
  a: SubjectRef,
  b: SubjectRef,
  fn: (pa: Picked, pb: Picked) => T,
  prefer?: (results: { pa: Picked; pb: Picked; value: T }[]) => number,
): Promise<{ pa: Picked; pb: Picked; value: T; tried: string[] }> {
  const pairs: {
    ca: SubjectRef['candidates'][number];
    cb: SubjectRef['candidates'][number];
    rank: number;
    order: number;
  }[] = [];
  let order = 0;
  for (const ca of a.candidates)
    for (const cb of b.candidates) {
      if (ca.symbol === cb.symbol) continue;
      const rank = ca.proxy === cb.proxy ? (ca.proxy ? 1 : 0) : 2;
      pairs.push({ ca, cb, rank, order: order++ });
    }
  pairs.sort((x, y) => x.rank - y.rank || x.order - y.order);
  const tried: string[] = [];
  const ok: { pa: Picked; pb: Picked; value: T }[] = [];
  for (const { ca, cb } of pairs) {
    const sa = await data.priceSeries(ca.symbol);
    const sb = await data.priceSeries(cb.symbol);
    if (!sa || !sb) {
      tried.push(
        `${ca.symbol}/${cb.symbol}: no data stored for ${[!sa ? ca.symbol : null, !sb ? cb.symbol : null].filter(Boolean).join(' and ')}`,
      );
      continue;
    }
    const pa = { series: sa, proxy: ca.proxy };
    const pb = { series: sb, proxy: cb.proxy };
    try {
      ok.push({ pa, pb, value: fn(pa, pb) });
      if (!prefer) break;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      tried.push(`${ca.symbol}/${cb.symbol}: ${e.message}`);
    }
  }
  if (ok.length === 0) throw new PickError(`no data to check it: ${tried.join('; ')}`);
  const k = prefer ? Math.max(0, Math.min(ok.length - 1, prefer(ok))) : 0;
  return { ...ok[k], tried };
}
