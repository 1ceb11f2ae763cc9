/** Relative rotation of the sector funds (and size segments) against a benchmark: store → analytics/rrg. */
import { z } from 'zod';
import { relativeRotation } from '../analytics/rrg.ts';
import { SECTOR_ETFS } from '../analytics/sectors.ts';
import type { MarketStore } from '../store/store.ts';
import { loadPriceLike, withSeriesNotes } from './load.ts';
import { parseParams } from './params.ts';

/** The default universe: the eleven sector funds and the size segments. */
export const RRG_DEFAULT = [...Object.values(SECTOR_ETFS), 'IWM', 'IJH', 'RSP', 'QQQ'];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const RrgParams = z.object({
  symbols: z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.string().trim().min(1)).min(1).max(30)).optional(),
  benchmark: z.string().trim().min(1).default('SPY'),
  freq: z.enum(['W', 'D']).default('W'),
  window: z.coerce.number().int().min(2).max(100).default(10),
  momentum: z.coerce.number().int().min(1).max(100).default(4),
  tail: z.coerce.number().int().min(1).max(52).default(8),
  asOf: isoDate.optional(),
});

export async function rrgFacts(store: MarketStore, raw: unknown) {
  const p = parseParams(RrgParams, raw);
  const bench = await loadPriceLike(store, p.benchmark);
  const members = [];
  for (const s of p.symbols ?? RRG_DEFAULT) members.push(await loadPriceLike(store, s));
  const r = relativeRotation(bench, members, { freq: p.freq, window: p.window, momentum: p.momentum, tail: p.tail, asOf: p.asOf });
  const series = [bench, ...members].map((s) => ({ symbol: s.symbol, source: s.source, adjustment: s.adjustment, first: s.dates[0], last: s.dates.at(-1) }));
  return withSeriesNotes({ ...r, provenance: { series, formula: r.method } }, [bench, ...members]);
}
