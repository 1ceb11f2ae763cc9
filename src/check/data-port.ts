/**
 * The data the checker reads, behind a small interface so the core runs without a store (tests use
 * hand-made series in memory; the CLI and the web page use the store).
 */
import type { PriceSeries, ReturnSeries } from '../model/series.ts';
import { loadPrice } from '../facts/load.ts';
import { UserError } from '../model/errors.ts';
import type { MarketStore } from '../store/store.ts';

export interface CheckData {
  /**
   * Daily closes of a symbol (its preferred source, provisional rows left out), or null when the
   * symbol has no price data. Other failures throw.
   */
  priceSeries(symbol: string): Promise<PriceSeries | null>;
  /**
   * The symbols that have price data (so a ticker the alias table does not list, "BE", is still
   * recognised as a series when the article writes it in capitals). Optional: without it only the
   * alias table and tickers in parentheses name series.
   */
  symbols?(): Promise<ReadonlySet<string>>;
  /**
   * A daily return series (a Fama-French factor, e.g. FF.SMB), or null when it is not stored.
   * Optional: without it no claim is checked on a factor proxy.
   */
  factor?(name: string): Promise<ReturnSeries | null>;
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
    symbols: () => store.priceSymbols(),
    async factor(name) {
      try {
        const s = await store.getReturnSeries(name, 'D');
        return s.dates.length > 0 ? s : null;
      } catch (e) {
        if (e instanceof UserError && e.code === 'not_found') return null;
        throw e;
      }
    },
  };
}

/** CheckData over series held in memory (tests, or a caller that loaded its own data). */
export function memoryCheckData(
  series: readonly PriceSeries[],
  factors: readonly ReturnSeries[] = [],
): CheckData {
  const bySymbol = new Map(series.map((s) => [s.symbol, s]));
  const byName = new Map(factors.map((s) => [s.symbol, s]));
  return {
    priceSeries: async (symbol) => bySymbol.get(symbol) ?? null,
    symbols: async () => new Set(bySymbol.keys()),
    factor: async (name) => byName.get(name) ?? null,
  };
}

/** Wraps a CheckData so each symbol is read at most once per check. */
export function cachedCheckData(data: CheckData): CheckData {
  const cache = new Map<string, Promise<PriceSeries | null>>();
  let syms: Promise<ReadonlySet<string>> | null = null;
  const factors = new Map<string, Promise<ReturnSeries | null>>();
  const factor = data.factor?.bind(data);
  return {
    factor: factor
      ? (name) => {
          let p = factors.get(name);
          if (!p) {
            p = factor(name);
            factors.set(name, p);
          }
          return p;
        }
      : undefined,
    symbols: data.symbols
      ? () => {
          syms ??= (data.symbols as () => Promise<ReadonlySet<string>>)();
          return syms;
        }
      : undefined,
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
