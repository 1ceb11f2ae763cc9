/**
 * "What happened after past streaks": the analog study, anchored on the streak chosen by
 * pair-streak.ts (left out when there is none). Episodes are those of analogsFacts with minStreak
 * N = the anchor's length; when fewer than MIN_EPISODES earlier episodes exist, N steps down one
 * session at a time (never below MIN_ANALOG_STREAK) and the text says so. Summary statistics cover
 * the earlier episodes only (the anchor's own episode is listed apart).
 */
import type { Streak } from '../../analytics/streak.ts';
import { analogsFacts } from '../../facts/core.ts';
import { summarize } from '../../facts/pure.ts';
import type { Ctx } from '../context.ts';
import { t, txt } from '../factbook.ts';
import type { Pair } from '../pair-context.ts';
import type { Block, Para, TableBlock } from '../types.ts';
import { MIN_ANALOG_STREAK, type Anchor } from './pair-streak.ts';
import type { SectionResult } from './types.ts';

export const MIN_EPISODES = 5;
export const HORIZONS = [21, 63, 126, 252];

type Episode = Awaited<ReturnType<typeof analogsFacts>>['episodes'][number];

export async function analogsSection(
  ctx: Ctx,
  p: Pair,
  anchor: Anchor | null,
  history: Streak[] = [],
): Promise<SectionResult> {
  const { book } = ctx;
  const { A, B } = p;
  const title = 'What happened after past streaks';
  if (!anchor) {
    book.add('analogs.minAnchor', MIN_ANALOG_STREAK, 'sessions', {
      label: 'shortest streak the analog study is run for',
      formula: 'report parameter',
    });
    return {
      omitted: {
        id: 'analogs',
        title,
        reason: t`No streak of ${book.ref('analogs.minAnchor', 'int')} sessions or more is running or has run this year, so there is no episode to compare with.`,
      },
    };
  }
  const { winner: w, loser: l, direction } = anchor;
  // The threshold: the anchor's length, lowered until enough earlier streaks reached it (counted on
  // the streak history of the same direction, which is what analogs() dates its episodes on).
  let N = anchor.streak.length;
  const earlierRuns = (n: number) =>
    history.filter((h) => h.start < anchor.streak.start && h.length >= n).length;
  if (history.length > 0) while (earlierRuns(N) < MIN_EPISODES && N > MIN_ANALOG_STREAK) N--;
  const res = await analogsFacts(ctx.store, {
    a: A,
    b: B,
    minStreak: N,
    horizons: HORIZONS,
    direction,
    asOf: ctx.asOf,
  });
  const past = res.episodes.filter((e) => e.streakStart < anchor.streak.start);
  const own = res.episodes.find((e) => e.streakStart === anchor.streak.start) ?? null;
  const formula = res.provenance.formula;
  studyFacts(ctx, p, anchor, N, past.length, formula);
  // analogs() measures A − B; the report presents winner − loser, so B-over-A studies flip the sign.
  const sign = direction === 'over' ? 1 : -1;
  summaryFacts(ctx, p, anchor, past, sign, formula);
  const table = episodesTable(ctx, p, anchor, past, own, sign, formula);

  const blocks: Block[] = [];
  const lowered = N < anchor.streak.length;
  const intro = anchor.current
    ? t`To see what followed similar runs, the study takes every earlier ${w} streak that reached ${book.ref('analogs.minStreak', 'int')} sessions and measures ${w}'s return minus ${l}'s over the following sessions, from the session the threshold was reached.`
    : t`The current streak is short, so the study is anchored on this year's longest run instead (${book.ref('analogs.anchor.length', 'int')} sessions from ${book.ref('analogs.anchor.start', 'date')}): it takes every earlier ${w} streak that reached ${book.ref('analogs.minStreak', 'int')} sessions and measures ${w}'s return minus ${l}'s over the following sessions.`;
  book.add('analogs.minEpisodes', MIN_EPISODES, 'count', {
    label: 'earlier episodes the study asks for before lowering the threshold',
    formula: 'report parameter',
  });
  const lowerNote = lowered
    ? t` Runs as long as the anchor are too rare for a comparison, so the threshold is set at ${book.ref('analogs.minStreak', 'int')} sessions, the longest that gives at least ${book.ref('analogs.minEpisodes', 'int')} earlier episodes.`
    : t``;
  blocks.push({ kind: 'p', text: t`${intro}${lowerNote}` });
  const h2 = 'analogs.h2';
  if (book.has(`${h2}.mean`) && book.has(`${h2}.hitRate`)) {
    const mean = book.num(`${h2}.mean`);
    blocks.push({
      kind: 'p',
      text: t`Over the next ${book.ref(h2, 'int')} sessions, ${w} ${mean >= 0 ? 'went on to beat' : 'went on to trail'} ${l} by ${book.ref(`${h2}.mean`, 'ptsAbs')} points on average after the ${book.ref(`${h2}.count`, 'int')} earlier episodes with a complete horizon, and stayed ahead in ${book.ref(`${h2}.hitRate`, 'pct0Abs')} of them.`,
    });
  }
  blocks.push(table);
  blocks.push({
    kind: 'note',
    text: t`With ${book.ref('analogs.episodes', 'int')} earlier episodes, these averages are anecdotes, not a forecast: one episode can move the mean by several points, and overlapping horizons make the episodes less independent than they look. A dash marks a horizon that runs past the data.`,
  });
  return { section: { id: 'analogs', title, blocks } };
}

/** The study's parameters as facts: the anchor, the threshold, the episode count and the horizons. */
function studyFacts(ctx: Ctx, p: Pair, anchor: Anchor, N: number, episodes: number, formula: string): void {
  const { book } = ctx;
  const { A, B } = p;
  book.add('analogs.anchor.length', anchor.streak.length, 'sessions', {
    label: `length of the ${anchor.winner} streak the study is anchored on`,
    series: [A, B],
    dates: anchor.streak,
    formula: 'streak length (sessions)',
  });
  book.add('analogs.anchor.start', anchor.streak.start, 'date', {
    label: 'first session of the anchor streak',
    series: [A, B],
    dates: anchor.streak,
    formula: 'streak start',
  });
  book.add('analogs.minStreak', N, 'sessions', {
    label: 'episode threshold: a streak counts when it reaches this many sessions',
    series: [A, B],
    formula,
  });
  book.add('analogs.episodes', episodes, 'count', {
    label: 'earlier episodes (streaks that reached the threshold before the anchor streak began)',
    series: [A, B],
    formula,
  });
  HORIZONS.forEach((h, i) => {
    book.add(`analogs.h${i + 1}`, h, 'sessions', {
      label: `forward horizon ${i + 1}`,
      formula: 'report parameter (about one month, three months, six months and one year of sessions)',
    });
  });
}

/** Mean, median, hit rate and count per horizon over the earlier episodes (winner − loser). */
function summaryFacts(ctx: Ctx, p: Pair, anchor: Anchor, past: Episode[], sign: number, formula: string): void {
  const { book } = ctx;
  const { winner: w, loser: l } = anchor;
  const summaries = HORIZONS.map((h, i) =>
    summarize(
      h,
      past.map((e) => (e.forward[i].spreadPts === null ? null : sign * e.forward[i].spreadPts)),
    ),
  );
  summaries.forEach((s, i) => {
    const m = {
      series: [p.A, p.B],
      formula: `${formula}; over the earlier episodes with a complete horizon`,
      dates: { end: ctx.asOf },
    };
    const base = `analogs.h${i + 1}`;
    book.add(`${base}.count`, s.count, 'count', {
      ...m,
      label: `episodes with a complete ${s.horizon}-session horizon`,
    });
    if (s.meanSpreadPts !== null)
      book.add(`${base}.mean`, s.meanSpreadPts, 'pts', {
        ...m,
        label: `mean ${w} − ${l} forward return, points`,
      });
    if (s.medianSpreadPts !== null)
      book.add(`${base}.median`, s.medianSpreadPts, 'pts', {
        ...m,
        label: `median ${w} − ${l} forward return, points`,
      });
    if (s.hitRate !== null)
      book.add(`${base}.hitRate`, s.hitRate, 'return', {
        ...m,
        label: `share of episodes in which ${w} kept outperforming (spread > 0)`,
      });
  });
}

/** One row per earlier episode, the anchor's own episode, then the summary rows. */
function episodesTable(
  ctx: Ctx,
  p: Pair,
  anchor: Anchor,
  past: Episode[],
  own: Episode | null,
  sign: number,
  formula: string,
): TableBlock {
  const { book } = ctx;
  const { winner: w, loser: l } = anchor;
  const epRow = (e: Episode, tag: string): Para[] => {
    const base = `analogs.ep.${e.reachedOn}`;
    const m = { series: [p.A, p.B], dates: { start: e.streakStart, end: e.reachedOn }, formula };
    book.add(`${base}.reached`, e.reachedOn, 'date', {
      ...m,
      label: `session on which the ${w} streak reached the threshold`,
    });
    book.add(`${base}.length`, e.streakLength, 'sessions', { ...m, label: 'full length of that streak' });
    const cells: Para[] = [
      [book.ref(`${base}.reached`, 'iso')],
      [book.ref(`${base}.length`, 'int'), ...(tag ? [tag] : [])],
    ];
    e.forward.forEach((f, i) => {
      if (f.spreadPts === null) {
        cells.push(txt('—'));
        return;
      }
      book.add(`${base}.h${i + 1}`, sign * f.spreadPts, 'pts', {
        ...m,
        dates: { start: e.reachedOn, end: f.end ?? undefined },
        label: `${w} − ${l} return over the next ${f.horizon} sessions, points`,
      });
      cells.push([book.ref(`${base}.h${i + 1}`, 'pts')]);
    });
    return cells;
  };
  const rows: Para[][] = past.map((e) => epRow(e, ''));
  if (own) rows.push(epRow(own, anchor.current ? ' (current)' : ' (this year)'));
  const statRow = (
    label: string,
    key: 'mean' | 'median' | 'hitRate' | 'count',
    style: 'pts' | 'pct0Abs' | 'int',
  ): Para[] => [
    txt(label),
    txt(''),
    ...HORIZONS.map((_, i) =>
      book.has(`analogs.h${i + 1}.${key}`) ? [book.ref(`analogs.h${i + 1}.${key}`, style)] : txt('—'),
    ),
  ];
  rows.push(
    statRow('Mean, earlier episodes', 'mean', 'pts'),
    statRow('Median', 'median', 'pts'),
    statRow(`Share with ${w} ahead`, 'hitRate', 'pct0Abs'),
    statRow('Episodes counted', 'count', 'int'),
  );
  return {
    kind: 'table',
    id: 'analogs',
    caption: t`${w} minus ${l} return after earlier streaks reached ${book.ref('analogs.minStreak', 'int')} sessions, percentage points`,
    columns: [
      { label: txt('Reached threshold'), numeric: false },
      { label: txt('Streak length'), numeric: true },
      ...HORIZONS.map((_, i) => ({
        label: t`Next ${book.ref(`analogs.h${i + 1}`, 'int')} sessions`,
        numeric: true,
      })),
    ],
    rows,
  };
}
