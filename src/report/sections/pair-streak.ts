/**
 * "The streak in history": the current streak of either fund (a headline candidate), this year's
 * longest runs both ways and the share of sessions won, the longest streaks table and the chart.
 *
 * Streaks come from the facts layer (streakFacts, both directions). The section also names the
 * anchor of the analog study (pair-analogs.ts): the current streak when it has at least
 * MIN_ANALOG_STREAK sessions, else this year's longest streak of either fund when that one does.
 */
import { streakFacts } from '../../facts/core.ts';
import type { Streak, StreakResult } from '../../analytics/streak.ts';
import { yearsBetween } from '../../facts/pure.ts';
import { streakHistoryChart } from '../charts.ts';
import type { Ctx } from '../context.ts';
import { t, txt } from '../factbook.ts';
import { candidate } from '../headline.ts';
import type { Pair } from '../pair-context.ts';
import { subject } from '../pair-context.ts';
import type { Block, Candidate, Para, TableBlock } from '../types.ts';
import { joinSentences } from './period-returns.ts';
import { byLength, MIN_ANALOG_STREAK, yearRuns, type YearAnchor } from './pair-streak-year.ts';
import type { LedeLine, SectionResult } from './types.ts';

export { MIN_ANALOG_STREAK };
export const TOP_STREAKS = 10;

export interface Anchor {
  /** Direction key: `${winner}>${loser}`. */
  key: string;
  winner: string;
  loser: string;
  direction: 'over' | 'under';
  streak: Streak;
  current: boolean;
}

export interface StreakOut extends SectionResult {
  lede: LedeLine[];
  candidates: Candidate[];
  anchor: Anchor | null;
  over: StreakResult;
  under: StreakResult;
}

/** The streak running on the as-of date: its direction key, result, winner and loser. */
export interface Running {
  r: StreakResult;
  key: string;
  w: string;
  l: string;
}

export async function streakSection(ctx: Ctx, p: Pair): Promise<StreakOut> {
  const { A, B } = p;
  const over = await streakFacts(ctx.store, { a: A, b: B, asOf: ctx.asOf, direction: 'over' });
  const under = await streakFacts(ctx.store, { a: A, b: B, asOf: ctx.asOf, direction: 'under' });
  const kOver = `${A}>${B}`;
  const kUnder = `${B}>${A}`;
  streakFactsFor(ctx, kOver, over, A, B, p);
  streakFactsFor(ctx, kUnder, under, B, A, p);

  const cur: Running | null =
    over.current.length > 0
      ? { r: over, key: kOver, w: A, l: B }
      : under.current.length > 0
        ? { r: under, key: kUnder, w: B, l: A }
        : null;
  const now = currentStreak(ctx, p, cur, over, under);
  const year = yearRuns(ctx, p, over, under, cur);
  const blocks: Block[] = [
    {
      kind: 'p',
      text: year
        ? [...now.paras.flatMap((x) => [...x, ' ']), ...joinSentences(year.sents)]
        : joinSentences(now.paras),
    },
  ];
  const anchorYear = year?.anchorYear ?? null;

  // Top streaks table (the direction of the current streak, else A over B).
  const topDir: Running =
    cur && cur.key === kUnder ? { r: under, key: kUnder, w: B, l: A } : { r: over, key: kOver, w: A, l: B };
  blocks.push(topStreaksTable(ctx, p, topDir));
  const highlight =
    cur && cur.r.current.length >= 5 ? cur.r.current.end : anchorYear ? anchorYear.s.end : null;
  blocks.push(streakHistoryChart(p, over.history, under.history, highlight));

  return {
    section: { id: 'streak', title: 'The streak in history', blocks },
    candidates: now.candidates,
    anchor: anchorOf(cur, anchorYear, kOver),
    over,
    under,
    lede: year?.lede ?? [],
  };
}

function streakFactsFor(ctx: Ctx, key: string, r: StreakResult, winner: string, loser: string, p: Pair): void {
  const { book } = ctx;
  const meta = (label: string, dates: { start?: string; end?: string }) => ({
    label,
    series: [p.A, p.B],
    dates,
    formula: r.provenance.formula,
  });
  book.add(
    `streak.${key}.dataStart`,
    r.dataStart,
    'date',
    meta(`first session with a ${winner}/${loser} comparison`, { start: r.dataStart }),
  );
  book.add(
    `streak.${key}.current.length`,
    r.current.length,
    'sessions',
    meta(`${winner} beat ${loser}: current streak (sessions ending on the as-of date)`, {
      start: r.current.start ?? undefined,
      end: r.asOf,
    }),
  );
  if (r.current.start)
    book.add(
      `streak.${key}.current.start`,
      r.current.start,
      'date',
      meta(`first session of the current ${winner} streak`, { start: r.current.start }),
    );
  if (r.current.length > 0 && r.rank !== null)
    book.add(`streak.${key}.current.rank`, r.rank, 'count', {
      ...meta(
        `rank of the current ${winner} streak among all ${winner}-over-${loser} streaks (1 = longest; competition ranking)`,
        { start: r.dataStart, end: r.asOf },
      ),
    });
  if (r.longestSince) {
    const ls = r.longestSince;
    book.add(
      `streak.${key}.longestSince.length`,
      ls.length,
      'sessions',
      meta(`most recent earlier ${winner} streak at least as long as the current one`, ls),
    );
    book.add(`streak.${key}.longestSince.start`, ls.start, 'date', meta('its first session', ls));
    book.add(`streak.${key}.longestSince.end`, ls.end, 'date', meta('its last session', ls));
  }
  book.add(
    `streak.${key}.count`,
    r.history.length,
    'count',
    meta(`${winner}-over-${loser} streaks of one session or more in the data`, {
      start: r.dataStart,
      end: r.asOf,
    }),
  );
}

/** The sentences on the streak running on the as-of date, and its headline candidate (two sessions or more). */
function currentStreak(
  ctx: Ctx,
  p: Pair,
  cur: Running | null,
  over: StreakResult,
  under: StreakResult,
): { paras: Para[]; candidates: Candidate[] } {
  const { book } = ctx;
  const { A, B } = p;
  const kOver = `${A}>${B}`;
  const kUnder = `${B}>${A}`;
  const paras: Para[] = [];
  const candidates: Candidate[] = [];
  if (!cur) {
    paras.push(
      t`${A} and ${B} returned the same on ${book.ref('asof', 'date')}, so neither has a streak running.`,
    );
    return { paras, candidates };
  }
  const { r, key, w, l } = cur;
  const n = r.current.length;
  if (n === 1) {
    const other = cur.key === kOver ? under : over;
    const prev = other.history[0];
    const prevSession = p.dates[p.k - 1];
    if (prev && prev.end === prevSession) {
      const otherKey = cur.key === kOver ? kUnder : kOver;
      book.add(`streak.${otherKey}.last.length`, prev.length, 'sessions', {
        label: `${l} streak that ended the session before the as-of date`,
        series: [A, B],
        dates: prev,
        formula: r.provenance.formula,
      });
      paras.push(
        prev.length === 1
          ? t`${w} beat ${l} on ${book.ref('asof', 'date')}, after trailing on the session before.`
          : t`${w} beat ${l} on ${book.ref('asof', 'date')}, ending a run of ${book.ref(`streak.${otherKey}.last.length`, 'int')} straight sessions in which ${l} had done better.`,
      );
    } else {
      paras.push(t`${w} beat ${l} on ${book.ref('asof', 'date')}, a streak of one session.`);
    }
    return { paras, candidates };
  }
  const ws = subject(w, true);
  const ls = subject(l);
  const lengthRef = book.ref(`streak.${key}.current.length`, 'ordinal');
  let tail: Para;
  let rarity: number;
  let headTail: Para;
  const facts = [`streak.${key}.current.length`];
  if (r.longestSince) {
    tail = t`the longest run since the ${book.ref(`streak.${key}.longestSince.length`, 'int')}-session streak that ended on ${book.ref(`streak.${key}.longestSince.end`, 'date')}`;
    headTail = t`the longest run since ${book.ref(`streak.${key}.longestSince.end`, 'monthYear')}`;
    rarity = yearsBetween(r.longestSince.end, r.asOf);
    facts.push(`streak.${key}.longestSince.end`);
  } else {
    tail = t`the longest run in data that begin on ${book.ref(`streak.${key}.dataStart`, 'date')}`;
    headTail = t`the longest run in data back to ${book.ref(`streak.${key}.dataStart`, 'year')}`;
    rarity = yearsBetween(r.dataStart, r.asOf);
    facts.push(`streak.${key}.dataStart`);
  }
  const sentence = t`${ws.text} beat ${ls.text} for the ${lengthRef} straight session on ${book.ref('asof', 'date')}, ${tail}.`;
  paras.push(
    t`${w} has beaten ${l} on each of the last ${book.ref(`streak.${key}.current.length`, 'int')} sessions, starting on ${book.ref(`streak.${key}.current.start`, 'date')}: ${tail}.${
      r.rank === 1
        ? t` No earlier ${w} streak, of the ${book.ref(`streak.${key}.count`, 'int')} since ${book.ref(`streak.${key}.dataStart`, 'year')}, was longer.`
        : t` Among all ${book.ref(`streak.${key}.count`, 'int')} ${w} streaks since ${book.ref(`streak.${key}.dataStart`, 'year')}, it ranks ${book.ref(`streak.${key}.current.rank`, 'ordinal')} by length.`
    }`,
  );
  candidates.push(
    candidate({
      kind: 'streak',
      rarityYears: rarity,
      headline: t`${ws.text} beat ${ls.text} for the ${lengthRef} straight session, ${headTail}`,
      sentence,
      facts,
    }),
  );
  return { paras, candidates };
}

/** The longest streaks of one direction, as a table of facts. */
function topStreaksTable(ctx: Ctx, p: Pair, topDir: Running): TableBlock {
  const { book } = ctx;
  const { A, B } = p;
  const top = byLength(topDir.r.history).slice(0, TOP_STREAKS);
  const rows: Para[][] = top.map((s, i) => {
    const base = `streak.${topDir.key}.top.${String(i + 1).padStart(2, '0')}`;
    const m = { series: [A, B], dates: { start: s.start, end: s.end }, formula: topDir.r.provenance.formula };
    book.add(`${base}.rank`, i + 1, 'count', {
      ...m,
      label: 'position in the list of longest streaks (ties by most recent first)',
    });
    book.add(`${base}.length`, s.length, 'sessions', {
      ...m,
      label: `${topDir.w} streak over ${topDir.l}, length`,
    });
    book.add(`${base}.start`, s.start, 'date', { ...m, label: 'first session' });
    book.add(`${base}.end`, s.end, 'date', { ...m, label: 'last session' });
    return [
      [book.ref(`${base}.rank`, 'int')],
      [book.ref(`${base}.length`, 'int')],
      [book.ref(`${base}.start`, 'iso')],
      [book.ref(`${base}.end`, 'iso')],
    ];
  });
  return {
    kind: 'table',
    id: 'top-streaks',
    caption: t`Longest streaks of ${topDir.w} beating ${topDir.l}, sessions, since ${book.ref(`streak.${topDir.key}.dataStart`, 'year')}`,
    columns: [
      { label: txt('Rank'), numeric: true },
      { label: txt('Sessions'), numeric: true },
      { label: txt('First session'), numeric: false },
      { label: txt('Last session'), numeric: false },
    ],
    rows,
  };
}

/** The analog study's anchor: the current streak when long enough, else this year's longest when that is. */
function anchorOf(cur: Running | null, anchorYear: YearAnchor | null, kOver: string): Anchor | null {
  if (cur && cur.r.current.length >= MIN_ANALOG_STREAK)
    return {
      key: cur.key,
      winner: cur.w,
      loser: cur.l,
      direction: cur.key === kOver ? 'over' : 'under',
      streak: { length: cur.r.current.length, start: cur.r.current.start!, end: cur.r.current.end! },
      current: true,
    };
  if (anchorYear && anchorYear.s.length >= MIN_ANALOG_STREAK)
    return {
      key: anchorYear.key,
      winner: anchorYear.w,
      loser: anchorYear.l,
      direction: anchorYear.dir,
      streak: anchorYear.s,
      current: false,
    };
  return null;
}
