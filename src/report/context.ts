/** What a report collector carries: the store, the fact book, loaded series and what was missing. */
import type { PriceSeries, ReturnSeries } from '../model/series.ts';
import { loadPrice, resolveName } from '../facts/load.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore, ProvenanceQuery } from '../store/store.ts';
import { FactBook } from './factbook.ts';
import type { Para } from './types.ts';

/** A documented adjustment-basis splice that the facts layer repaired when loading. */
export interface SpliceRepair {
  date: string;
  factor: number;
  how: string;
  /** Source of the reference series the factor was measured against; null = the data notes' step. */
  reference: string | null;
}

export interface UsedSeries {
  symbol: string;
  source: string;
  adjustment: string | null;
  files: string[];
  first: string;
  last: string;
  /** Rows the data notes mark provisional (intraday captures), left out of every figure. */
  provisional: number;
  repairs: SpliceRepair[];
}

/** Read the repairs from the load-time notes of a series (facts/load.ts → analytics/basis-repair.ts). */
export function parseRepairs(notes: readonly string[] | undefined): SpliceRepair[] {
  const out: SpliceRepair[] = [];
  for (const n of notes ?? []) {
    const m = /splice on (\d{4}-\d{2}-\d{2}) repaired .*× ([\d.]+) \((.*)\)$/.exec(n);
    if (!m) continue;
    const ref = /measured against (\S+) /.exec(m[3]);
    out.push({ date: m[1], factor: Number(m[2]), how: m[3], reference: ref ? ref[1] : null });
  }
  return out;
}

export class Ctx {
  readonly book = new FactBook();
  readonly used = new Map<string, UsedSeries>();
  /** Notes on data that was not available (each a sentence, numbers as facts). */
  readonly missing: Para[] = [];
  private readonly prices = new Map<string, PriceSeries | null>();
  private readonly returns = new Map<string, ReturnSeries | null>();

  constructor(
    readonly store: MarketStore,
    public asOf: string,
  ) {}

  private async provenance(q: ProvenanceQuery): Promise<{ files: string[]; provisional: number }> {
    const p = await this.store.provenanceOf(q);
    return { files: p.files.map((f) => `${f.file} (${f.source})`).sort(), provisional: p.provisional };
  }

  /** A price series by symbol (aliases resolved), cached; null when the store has none. */
  async price(name: string): Promise<PriceSeries | null> {
    const key = name.toUpperCase();
    if (this.prices.has(key)) return this.prices.get(key) ?? null;
    let s: PriceSeries | null = null;
    try {
      const r = await resolveName(this.store, name);
      if (r.kind === 'price') s = await loadPrice(this.store, r.id);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
    this.prices.set(key, s);
    if (s && s.dates.length > 0) {
      const repairs = parseRepairs(s.notes);
      const srcs = [s.source, ...repairs.flatMap((x) => (x.reference ? [x.reference] : []))];
      const { files, provisional } = await this.provenance({ kind: 'price', symbol: s.symbol, sources: srcs });
      this.book.sourcesOf.set(s.symbol, files);
      this.used.set(s.symbol, {
        symbol: s.symbol,
        source: s.source,
        adjustment: s.adjustment,
        files,
        first: s.dates[0],
        last: s.dates[s.dates.length - 1],
        provisional,
        repairs,
      });
    }
    return s;
  }

  /** A daily return series (factor), cached; null when not stored. */
  async factor(name: string): Promise<ReturnSeries | null> {
    if (this.returns.has(name)) return this.returns.get(name) ?? null;
    let s: ReturnSeries | null = null;
    try {
      s = await this.store.getReturnSeries(name, 'D');
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
    this.returns.set(name, s);
    if (s && s.dates.length > 0) {
      const { files } = await this.provenance({ kind: 'returns', series: name, freq: 'D', source: s.source });
      this.book.sourcesOf.set(s.symbol, files);
      this.used.set(s.symbol, {
        symbol: s.symbol,
        source: s.source,
        adjustment: null,
        files,
        first: s.dates[0],
        last: s.dates[s.dates.length - 1],
        provisional: 0,
        repairs: [],
      });
    }
    return s;
  }

  /** Does the series have a close on the as-of session? */
  covers(s: PriceSeries | null, date = this.asOf): boolean {
    if (!s) return false;
    let lo = 0;
    let hi = s.dates.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s.dates[mid] === date) return Number.isFinite(s.close[mid]);
      if (s.dates[mid] < date) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Register the as-of date and a series' last date as facts, for notes about coverage. */
  lastDateFact(symbol: string): string {
    const u = this.used.get(symbol);
    if (!u) throw new Error(`series ${symbol} not loaded`);
    return this.book.add(`data.${symbol}.last`, u.last, 'date', {
      label: `last session of ${symbol} in the store (provisional rows excluded)`,
      series: [symbol],
      dates: { end: u.last },
      formula: 'max(date) of the non-provisional rows of the preferred source',
    });
  }

  /** Why a stored series has no close on the as-of date: "(data end …)", "(data begin …)" or "(no close that day)". */
  coverageNote(symbol: string): Para {
    const u = this.used.get(symbol);
    if (!u) return [' (not in the store)'];
    if (u.last < this.asOf) return [' (data end ', this.book.ref(this.lastDateFact(symbol), 'date'), ')'];
    if (u.first > this.asOf) return [' (data begin ', this.book.ref(this.firstDateFact(symbol), 'date'), ')'];
    return [' (no close that day)'];
  }

  firstDateFact(symbol: string): string {
    const u = this.used.get(symbol);
    if (!u) throw new Error(`series ${symbol} not loaded`);
    return this.book.add(`data.${symbol}.first`, u.first, 'date', {
      label: `first session of ${symbol} in the store`,
      series: [symbol],
      dates: { start: u.first },
      formula: 'min(date) of the preferred source',
    });
  }
}
