/**
 * Choosing the headline: the documented ranking rule.
 *
 * Every candidate is a statement about the as-of session of the form "X, the most/longest/widest
 * since D" (or "in the data", D = the data's first date). Its RARITY is the time from D to the as-of
 * date, in whole years (days / 365.25, rounded down): how long it has been since anything as large.
 *
 * 1. A candidate qualifies when its rarity is at least MIN_RARITY_YEARS. Fallback kinds (a plain
 *    year-to-date gap, a plain session move) always qualify, with rarity 0.
 * 2. Qualifying candidates rank by rarity, highest first.
 * 3. Equal rarity: by the kind's priority (lower first): a streak, then a run of record closes, then a
 *    relative-strength extreme, then a year-to-date gap at the same point of the year, then a
 *    single-session move, then the fallbacks. Streaks come first because they are the subject of the
 *    report and need no base date to be read.
 * 4. Still equal: by kind name, then by the first fact id (so the order never depends on input order).
 *
 * The headline is the first candidate; the lede uses it and the next qualifying one.
 * Example: a 14-session streak that is the longest in data back to 2000 (rarity 25) beats a
 * year-to-date gap that is the widest since 2021 (rarity 5), which beats a plain spread (rarity 0).
 */
import type { Candidate } from './types.ts';

export const MIN_RARITY_YEARS = 1;

export const KIND_PRIORITY: Record<string, number> = {
  streak: 1,
  'record-run': 2,
  'relative-strength': 3,
  'ytd-gap': 4,
  'big-move': 5,
  'ytd-plain': 8,
  'week-plain': 8,
  session: 9,
};

export const FALLBACK_KINDS = new Set(['ytd-plain', 'week-plain', 'session']);

/** Build a candidate with its rarity, priority and qualification filled in by the rule. */
export function candidate(
  c: Omit<Candidate, 'priority' | 'qualifies' | 'rarityYears'> & { rarityYears: number },
): Candidate {
  const fallback = FALLBACK_KINDS.has(c.kind);
  const rarity = fallback ? 0 : Math.max(0, Math.floor(c.rarityYears + 1e-9));
  return {
    ...c,
    rarityYears: rarity,
    priority: KIND_PRIORITY[c.kind] ?? 99,
    qualifies: fallback || rarity >= MIN_RARITY_YEARS,
  };
}

/** All candidates, best first (qualifying ones before the rest). */
export function rankCandidates(cands: readonly Candidate[]): Candidate[] {
  return [...cands].sort(
    (a, b) =>
      Number(b.qualifies) - Number(a.qualifies) ||
      b.rarityYears - a.rarityYears ||
      a.priority - b.priority ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      ((a.facts[0] ?? '') < (b.facts[0] ?? '') ? -1 : (a.facts[0] ?? '') > (b.facts[0] ?? '') ? 1 : 0),
  );
}

/** The headline candidate, or null when none qualifies. */
export function pickHeadline(cands: readonly Candidate[]): Candidate | null {
  const r = rankCandidates(cands);
  return r.length > 0 && r[0].qualifies ? r[0] : null;
}
