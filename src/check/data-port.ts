/**
 * The data the checker reads, behind a small interface so the core runs without a store (tests use
 * hand-made series in memory; the CLI and the web page use the store).
 */
import type { PriceSeries } from '../model/series.ts';
import { loadPrice } from '../facts/load.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore } from '../store/store.ts';

export interface CheckData {
  /**
   * Daily closes of a symbol (its preferred source, provisional rows left out), or null when the
   * symbol has no price data. Other failures throw.
   */
  priceSeries(symbol: string): Promise<PriceSeries | null>;
}

/**
 * CheckData over a MarketStore: the preferred source of each symbol (store.getPriceSeries, through the
 * facts loader, which repairs the documented adjustment-basis splices and notes it); `not_found` → null.
 */
export function storeCheckData(store: MarketStore): CheckData {
  return {
    async priceSeries(symbol) {
      try {
        const s = await loadPrice(store, symbol);
        return s.dates.length > 0 ? s : null;
      } catch (e) {
        if (e instanceof UserError && e.code === 'not_found') return null;
        throw e;
      }
    },
  };
}

/** CheckData over series held in memory (tests, or a caller that loaded its own data). */
export function memoryCheckData(series: readonly PriceSeries[]): CheckData {
  const bySymbol = new Map(series.map((s) => [s.symbol, s]));
  return { priceSeries: async (symbol) => bySymbol.get(symbol) ?? null };
}

/** Wraps a CheckData so each symbol is read at most once per check. */
export function cachedCheckData(data: CheckData): CheckData {
  const cache = new Map<string, Promise<PriceSeries | null>>();
  return {
    priceSeries(symbol) {
      let p = cache.get(symbol);
      if (!p) {
        p = data.priceSeries(symbol);
        cache.set(symbol, p);
      }
      return p;
    },
  };
}
