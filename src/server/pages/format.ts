/**
 * How the pages show numbers. The end-to-end tests format the API's value with the same function
 * and compare it with the text on the page.
 */
import { pct, price, pts } from '../../format/numbers.ts';

export type Fmt = 'pct' | 'pts' | 'price' | 'int' | 'date' | 'text' | 'ratio' | 'pct1' | 'share';

export function formatValue(v: unknown, fmt: Fmt): string {
  if (v === null || v === undefined) return '—';
  switch (fmt) {
    case 'pct':
      return pct(v as number);
    case 'pct1':
      return pct(v as number, 1);
    case 'share':
      return Number.isFinite(v as number) ? `${((v as number) * 100).toFixed(1)}%` : '—';
    case 'pts':
      return pts(v as number);
    case 'price':
      return price(v as number);
    case 'int':
      return Number.isFinite(v as number) ? (v as number).toLocaleString('en-US', { maximumFractionDigits: 0 }) : '—';
    case 'ratio':
      return Number.isFinite(v as number) ? (v as number).toFixed(2) : '—';
    default:
      return String(v);
  }
}

/** Value at a dotted path ("rows.0.return", "spreads.0.spreadPts"). */
export function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const k of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
