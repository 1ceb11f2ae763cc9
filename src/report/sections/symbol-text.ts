/** Small text helpers of the symbol article. */
import type { Para } from '../types.ts';

export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/\d+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase());
}

export function joinSentences(xs: Para[]): Para {
  return xs.flatMap((x, i) => (i ? [' ', ...x] : x));
}
