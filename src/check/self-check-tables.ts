/**
 * Reading the article's own tables for the self-checks of self-check-aggregates.ts: the nearest table
 * to a sentence (within 3,000 characters), the column a sentence speaks of, a cell's value. The checks:
 * - sums: "a combined $3.2 billion", "together more than $3.2 billion", "account for 12.4% of the
 *   index together" → the sum of the money (or weight, or contribution) column;
 * - averages: "an average of +3.1 points", "averaged 3.1%" → the mean of the matching column;
 * - counts: "four of five cases", "in 7 of the 10 episodes" → rows with a positive value (negative
 *   when the sentence speaks of falls/losses/lagging) out of all rows; the total must match too.
 * The column: the only column of a fitting kind, else the one whose header shares a word with the
 * sentence; several candidates and no such word → unverifiable ("ambiguous column").
 * Contribution tables (weight, return and contribution columns) are checked row by row in
 * self-check-contrib.ts.
 */
import type { Sentence } from './sentences.ts';
import type { Cell, ColumnKind, Table } from './tables.ts';

/** The table nearest to a sentence (tables are in text order: binary search, then the neighbours). */
export function nearestTable(tables: readonly Table[], s: Sentence, maxDist = 3000): Table | null {
  let lo = 0;
  let hi = tables.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tables[mid].span.start < s.start) lo = mid + 1;
    else hi = mid;
  }
  let best: Table | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const t of tables.slice(Math.max(0, lo - 1), lo + 1)) {
    const d = t.span.start >= s.end ? t.span.start - s.end : s.start >= t.span.end ? s.start - t.span.end : 0;
    if (d < bestD) {
      bestD = d;
      best = t;
    }
  }
  return bestD <= maxDist ? best : null;
}

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'that',
  'this',
  'over',
  'than',
  'were',
  'was',
  'are',
  'its',
  'their',
  'of',
  'in',
  'on',
]);
const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && !STOP.has(w)),
  );

/** A column header and the prose naming the same period ("YTD %" ↔ "year-to-date returns"). */
const PERIOD_WORDS: [RegExp, RegExp][] = [
  [/\bytd\b|year[- ]to[- ]date/i, /\bytd\b|year[- ]to[- ]date|this year|so far in \d{4}/i],
  [/\bmtd\b|month[- ]to[- ]date/i, /\bmtd\b|month[- ]to[- ]date|this month/i],
  [/\bweek|\bwtd\b|\b1w\b/i, /\bweek/i],
  [/\bday\b|1-day|\b1d\b|daily/i, /\b(?:day|session)\b/i],
];

export function chooseColumn(
  table: Table,
  kinds: ColumnKind[],
  sentence: string,
): { col: number } | { problem: string } {
  const cand = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => kinds.includes(c.kind));
  if (cand.length === 0) return { problem: `table ${table.index + 1} has no ${kinds.join('/')} column` };
  if (cand.length === 1) return { col: cand[0].i };
  const sw = words(sentence);
  const scored = cand.map(({ c, i }) => ({
    i,
    score:
      [...words(c.header)].filter((w) => sw.has(w)).length +
      PERIOD_WORDS.filter(([h, s]) => h.test(c.header) && s.test(sentence)).length * 2,
  }));
  const max = Math.max(...scored.map((x) => x.score));
  const top = scored.filter((x) => x.score === max);
  if (max > 0 && top.length === 1) return { col: top[0].i };
  // Same kind in order: prefer the first of the preferred kind.
  for (const k of kinds) {
    const ofKind = cand.filter(({ c }) => c.kind === k);
    if (ofKind.length === 1 && max === 0) return { col: ofKind[0].i };
    if (ofKind.length > 1) break;
  }
  return {
    problem: `ambiguous column: ${cand.map(({ c }) => `"${c.header || `column ${c.kind}`}"`).join(', ')}`,
  };
}

/** Signed value of a cell (money columns in USD). */
export function cellValue(cell: Cell | undefined, kind: ColumnKind, scale: number): number | null {
  if (!cell?.num) return null;
  const n = cell.num;
  const v = (n.sign === -1 ? -1 : 1) * n.abs;
  return kind === 'money' ? v * n.scale * scale : v;
}
