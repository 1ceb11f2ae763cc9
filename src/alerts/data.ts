/**
 * What the evaluator reads, through the facts layer (never SQL): series by name (basis splices
 * repaired as everywhere else), universes, sector funds, flows and watchlists. With `asOf` every
 * series is cut at that session, so a live evaluation sees exactly what existed at that close.
 */
import { SECTOR_ETFS } from '../facts/pure.ts';
import type { AnySeries } from '../analytics/input-checks.ts';
import type { PriceSeries } from '../analytics/series.ts';
import { loadAny, loadPriceLike } from '../facts/load.ts';
import { universeMembers } from '../facts/market.ts';
import { UserError } from '../model/errors.ts';
import type { Flow } from '../model/types.ts';
import type { StateStore } from '../store/state/state-store.ts';
import type { MarketStore } from '../store/store.ts';
import { cutPrice, cutReturns } from './track.ts';

export interface AlertData {
  /** Price-like series (a return series becomes a growth-of-$1 index). */
  price(name: string): Promise<PriceSeries>;
  /** Prices or returns as stored (streaks against zero use a factor's own returns). */
  any(name: string): Promise<AnySeries>;
  universe(name: string): Promise<{ label: string; series: PriceSeries[] }>;
  sectorFunds(): Promise<PriceSeries[]>;
  flows(fund: string): Promise<Flow[]>;
  watchlist(name: string): Promise<string[]>;
}

export type WatchlistLookup = (name: string) => string[] | null;

function memo<T>(fn: (k: string) => Promise<T>): (k: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (k) => {
    let p = cache.get(k);
    if (!p) {
      p = fn(k);
      cache.set(k, p);
    }
    return p;
  };
}

export function storeData(store: MarketStore, watchlists: WatchlistLookup = () => null, asOf?: string): AlertData {
  const cp = (s: PriceSeries) => (asOf ? cutPrice(s, asOf) : s);
  const price = memo(async (n) => cp(await loadPriceLike(store, n)));
  return {
    price,
    any: memo(async (n) => {
      const l = await loadAny(store, n);
      if (l.kind === 'price') return cp(l.series);
      return asOf ? cutReturns(l.series, asOf) : l.series;
    }),
    universe: memo(async (n) => {
      const u = await universeMembers(store, n);
      return { label: u.label, series: u.series.map(cp) };
    }),
    sectorFunds: async () => {
      const out: PriceSeries[] = [];
      for (const sym of Object.values(SECTOR_ETFS)) {
        try {
          out.push(await price(sym));
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
        }
      }
      if (out.length < 2) throw new UserError('sector-leader needs the sector funds (XLK, XLF, …) in the store', 'not_found');
      return out;
    },
    flows: async (fund) => {
      const f = (await store.getFlows([fund])).filter((r) => !asOf || r.date <= asOf);
      if (f.length === 0) throw new UserError(`no flows stored for ${fund} (import a CSV fund,date,flow_usd[,aum_usd])`, 'not_found');
      return f;
    },
    watchlist: async (name) => {
      const w = watchlists(name);
      if (!w) throw new UserError(`unknown watchlist '${name}' (create it with \`marketdash alerts watchlist ${name} SYM…\`)`, 'not_found');
      return w;
    },
  };
}

/** The data a rule reads, with the watchlists stored in the state (names matched case-insensitively). */
export async function stateData(state: StateStore, store: MarketStore, asOf?: string): Promise<AlertData> {
  const ws = await state.listWatchlists();
  return storeData(store, (n) => ws.find((w) => w.name.toLowerCase() === n.toLowerCase())?.symbols ?? null, asOf);
}
