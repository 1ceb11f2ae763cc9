/**
 * This year's runs in "The streak in history": the share of sessions each fund won, each fund's
 * longest streak ending this calendar year and the last earlier streak at least as long (a lede
 * line when the run is long and rare), and the longest of the two as the fallback analog anchor.
 */
import type { Streak, StreakResult } from '../../analytics/streak.ts';
import { lastAtLeast, winCount, yearsBetween } from '../../facts/pure.ts';
import type { Ctx } from '../context.ts';
import { t } from '../factbook.ts';
import type { Pair } from '../pair-context.ts';
import { subject } from '../pair-context.ts';
import type { Para } from '../types.ts';
import type { LedeLine } from './types.ts';

/** Shortest streak the analog study is run for (and a yearly run needs for a lede line). */
export const MIN_ANALOG_STREAK = 5;

/** This year's longest streak of either fund: the fallback anchor of the analog study. */
export interface YearAnchor {
  key: string;
  w: string;
  l: string;
  dir: 'over' | 'under';
  s: Streak;
}

export function byLength(h: Streak[]): Streak[] {
  return [...h].sort((x, y) => y.length - x.length || (x.end < y.end ? 1 : -1));
}

/** This year's longest streak in a history (most recent first) and the last earlier one at least as long. */
function yearLongest(h: Streak[], asOf: string): { best: Streak; since: Streak | null } | null {
  const y0 = `${asOf.slice(0, 4)}-01-01`;
  const ytd = h.filter((s) => s.end >= y0);
  if (ytd.length === 0) return null;
  const best = byLength(ytd)[0];
  const older = h.filter((s) => s.end < best.start).reverse(); // chronological
  const j = lastAtLeast((i) => older[i].length, older.length, best.length);
  return { best, since: j < 0 ? null : older[j] };
}

/**
 * This year's sentences, lede lines and anchor; null when the pair's data start this year.
 * `cur` is the streak running on the as-of date (its key and first session), if any.
 */
export function yearRuns(
  ctx: Ctx,
  p: Pair,
  over: StreakResult,
  under: StreakResult,
  cur: { key: string; r: StreakResult } | null,
): { sents: Para[]; lede: LedeLine[]; anchorYear: YearAnchor | null } | null {
  const { book } = ctx;
  const { A, B } = p;
  const y0 = `${ctx.asOf.slice(0, 4)}-01-01`;
  const ys = p.dates.findIndex((d) => d >= y0);
  if (ys <= 0) return null;
  const wc = winCount(p.ra, p.rb, ys - 1, p.k);
  book.add('streak.ytd.wins', wc.wins, 'sessions', {
    label: `sessions this year on which ${A}'s return was above ${B}'s`,
    series: [A, B],
    dates: { start: p.dates[ys], end: ctx.asOf },
    formula: 'count of sessions with r_A > r_B strictly',
  });
  book.add('streak.ytd.sessions', wc.sessions, 'sessions', {
    label: 'sessions this year with both returns',
    series: [A, B],
    dates: { start: p.dates[ys], end: ctx.asOf },
    formula: 'count of common sessions since 1 January',
  });
  const sents: Para[] = [
    wc.wins === wc.sessions
      ? t`${A} has done better than ${B} on every one of this year's ${book.ref('streak.ytd.sessions', 'int')} sessions.`
      : t`This year ${A} has done better than ${B} on ${book.ref('streak.ytd.wins', 'int')} of ${book.ref('streak.ytd.sessions', 'int')} sessions.`,
  ];
  const lede: LedeLine[] = [];
  let anchorYear: YearAnchor | null = null;
  const kOver = `${A}>${B}`;
  const kUnder = `${B}>${A}`;
  for (const [y, key, w, l, dir] of [
    [yearLongest(over.history, ctx.asOf), kOver, A, B, 'over'],
    [yearLongest(under.history, ctx.asOf), kUnder, B, A, 'under'],
  ] as const) {
    if (!y) continue;
    const ctxText = yearLongestFacts(ctx, p, key, w, l, y);
    const isCurrent = !!cur && cur.key === key && cur.r.current.start === y.best.start;
    if (!anchorYear || y.best.length > anchorYear.s.length) anchorYear = { key, w, l, dir, s: y.best };
    if (isCurrent) continue;
    const base = `streak.${key}.ytdLongest`;
    if (y.best.length >= MIN_ANALOG_STREAK && (!y.since || yearsBetween(y.since.end, y.best.end) >= 3)) {
      const ws = subject(w, true);
      const lsub = subject(l);
      const tail = y.since
        ? t`the longest such run since ${book.ref(`${base}.since.end`, 'monthYear')}`
        : t`the longest in data back to ${book.ref(`streak.${key}.dataStart`, 'year')}`;
      lede.push({
        rank: 2,
        text: t`${ws.text} beat ${lsub.text} on ${book.ref(`${base}.length`, 'int')} straight sessions ${book.range(`${base}.start`, `${base}.end`)}, ${tail}.`,
      });
    }
    sents.push(
      t`${w}'s longest run ahead of ${l} this year lasted ${book.ref(`${base}.length`, 'int')} ${y.best.length === 1 ? 'session' : 'sessions'}, ${book.range(`${base}.start`, `${base}.end`)}${ctxText}.`,
    );
  }
  return { sents, lede, anchorYear };
}

/** The facts of one fund's longest run this year; returns the "the longest since …" clause. */
function yearLongestFacts(
  ctx: Ctx,
  p: Pair,
  key: string,
  w: string,
  l: string,
  y: { best: Streak; since: Streak | null },
): Para {
  const { book } = ctx;
  const base = `streak.${key}.ytdLongest`;
  const m = {
    series: [p.A, p.B],
    dates: { start: y.best.start, end: y.best.end },
    formula: 'longest streak ending this calendar year (ties: the most recent)',
  };
  book.add(`${base}.length`, y.best.length, 'sessions', {
    ...m,
    label: `${w}'s longest streak over ${l} this year`,
  });
  book.add(`${base}.start`, y.best.start, 'date', { ...m, label: 'its first session' });
  book.add(`${base}.end`, y.best.end, 'date', { ...m, label: 'its last session' });
  if (y.best.length < 3) return t``;
  if (!y.since) return t`, the longest in the pair's data, which begin on ${book.ref(`streak.${key}.dataStart`, 'date')}`;
  book.add(`${base}.since.end`, y.since.end, 'date', {
    ...m,
    dates: y.since,
    label: `last earlier ${w} streak at least as long`,
    formula: 'most recent earlier streak with length ≥ this one',
  });
  book.add(`${base}.since.length`, y.since.length, 'sessions', {
    ...m,
    dates: y.since,
    label: 'its length',
    formula: 'most recent earlier streak with length ≥ this one',
  });
  return t`, the longest since a ${book.ref(`${base}.since.length`, 'int')}-session run that ended on ${book.ref(`${base}.since.end`, 'date')}`;
}
