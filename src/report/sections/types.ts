/**
 * What a report section returns: the section (or why it was left out), its headline candidates and
 * its lede lines. Articles are compositions of these (article.ts assembles them).
 */
import type { MarketStore } from '../../store/store.ts';
import type { PriceSeries } from '../../model/series.ts';
import type { Ctx } from '../context.ts';
import type { Candidate, Omitted, Para, Section } from '../types.ts';

/** A context line for the lede, ordered by rank (lower first). */
export interface LedeLine {
  /** Lower comes first. */
  rank: number;
  text: Para;
}

export interface SectionResult {
  section?: Section;
  /** Why the section was left out (with the numbers as facts). */
  omitted?: Omitted;
  candidates?: Candidate[];
  lede?: LedeLine[];
}

/** The subject of a symbol article: the series, its index and sector fund, and its holding. */
export interface SymbolSubject {
  ctx: Ctx;
  store: MarketStore;
  s: PriceSeries;
  S: string;
  indexSym: string;
  indexSeries: PriceSeries | null;
  hasIndex: boolean;
  sectorName: string | null;
  sectorEtf: string | null;
  sectorSeries: PriceSeries | null;
  hasSector: boolean;
  peers: string[];
  holding: {
    fund: string;
    asOf: string;
    name: string | null;
    /** Fraction of the fund: market value ÷ total market value when the file has them, else the weight column. */
    weight: number | null;
    /** How `weight` was obtained, for the fact's formula. */
    weightFormula: string;
    byMarketValue: boolean;
    sector: string | null;
    file: string;
    source: string;
    rank: number;
    members: number;
  } | null;
}

export const idx = (s: PriceSeries, d: string) => s.dates.indexOf(d);

/** Index of the last date on or before d. */
export function onOrBefore(s: PriceSeries, d: string): number {
  let k = -1;
  for (let i = 0; i < s.dates.length && s.dates[i] <= d; i++) k = i;
  return k;
}
