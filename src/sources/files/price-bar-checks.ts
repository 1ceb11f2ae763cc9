/** The checks every price row passes once its cells are numbers: positive prices, volume not negative, open and close within [low, high]. */
import type { Bar } from '../../model/types.ts';

/** The problem of a row whose prices are all numbers, or null: non-positive prices, negative volume, high < low, open/close outside the range. */
export function priceProblem(bar: Bar): string | null {
  const { open, high, low, close, adjClose, volume } = bar;
  // The first non-positive price in the order open, high, low, close, adj close (no array per row).
  const bad =
    open !== null && open <= 0
      ? 'open'
      : high !== null && high <= 0
        ? 'high'
        : low !== null && low <= 0
          ? 'low'
          : close <= 0
            ? 'close'
            : adjClose !== null && adjClose <= 0
              ? 'adj close'
              : null;
  if (bad) return `non-positive price: ${bad} = ${{ open, high, low, close, 'adj close': adjClose }[bad]}`;
  if (volume !== null && volume < 0) return `negative volume ${volume}`;
  return null;
}

export function rangeProblem(bar: Bar): string | null {
  const { open, high, low, close } = bar;
  if (high === null || low === null) return null;
  if (high < low) return `high ${high} < low ${low}`;
  const eps = 1e-9 * high;
  const outside =
    open !== null && (open < low - eps || open > high + eps)
      ? 'open'
      : close < low - eps || close > high + eps
        ? 'close'
        : null;
  return outside
    ? `${outside} ${outside === 'open' ? open : close} outside [low ${low}, high ${high}]`
    : null;
}
