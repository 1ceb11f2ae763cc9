/**
 * "The streak in history" and "What happened after past streaks".
 *
 * Streaks come from the facts layer (streakFacts, both directions). The analog study is anchored on
 * the current streak when it has at least MIN_ANALOG_STREAK sessions, else on this year's longest
 * streak of either fund when that one does; otherwise the section is left out. Episodes are those of
 * analogsFacts with minStreak N = the anchor's length; when fewer than MIN_EPISODES earlier episodes
 * exist, N steps down one session at a time (never below MIN_ANALOG_STREAK) and the text says so.
 * Summary statistics cover the earlier episodes only (the anchor's own episode is listed apart).
 */
import { lastAtLeast, summarize } from '../facts/pure.ts';
import type { Streak, StreakResult } from '../analytics/streak.ts';
import { analogsFacts, streakFacts } from '../facts/core.ts';
import { streakHistoryChart } from './charts.ts';
import type { Ctx } from './context.ts';
import { yearsBetween, winCount } from '../facts/pure.ts';
import { t, txt } from './factbook.ts';
import { candidate } from './headline.ts';
import type { Pair } from './pair-context.ts';
import { subject } from './pair-context.ts';
import type { LedeLine } from './pair-numbers.ts';
import type { Block, Candidate, Omitted, Para, Section, TableBlock } from './types.ts';

export const MIN_ANALOG_STREAK = 5;
export const MIN_EPISODES = 5;
export const HORIZONS = [21, 63, 126, 252];
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

export interface StreakOut {
  lede: LedeLine[];
  section: Section;
  candidates: Candidate[];
  anchor: Anchor | null;
  over: StreakResult;
  under: StreakResult;
}

function streakFactsFor(
  ctx: Ctx,
  key: string,
  r: StreakResult,
  winner: string,
  loser: string,
  p: Pair,
): void {
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

function byLength(h: Streak[]): Streak[] {
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

export async function streakSection(ctx: Ctx, p: Pair): Promise<StreakOut> {
  const { book } = ctx;
  const { A, B } = p;
  const over = await streakFacts(ctx.store, { a: A, b: B, asOf: ctx.asOf, direction: 'over' });
  const under = await streakFacts(ctx.store, { a: A, b: B, asOf: ctx.asOf, direction: 'under' });
  const kOver = `${A}>${B}`;
  const kUnder = `${B}>${A}`;
  streakFactsFor(ctx, kOver, over, A, B, p);
  streakFactsFor(ctx, kUnder, under, B, A, p);
  const blocks: Block[] = [];
  const candidates: Candidate[] = [];
  const lede: LedeLine[] = [];

  const cur =
    over.current.length > 0
      ? { r: over, key: kOver, w: A, l: B }
      : under.current.length > 0
        ? { r: under, key: kUnder, w: B, l: A }
        : null;
  const paras: Para[] = [];
  if (!cur) {
    paras.push(
      t`${A} and ${B} returned the same on ${book.ref('asof', 'date')}, so neither has a streak running.`,
    );
  } else {
    const { r, key, w, l } = cur;
    const n = r.current.length;
    const ws = subject(w, true);
    const ls = subject(l);
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
    } else {
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
    }
  }

  // This year's longest runs, both ways, and the share of sessions won.
  const y0 = `${ctx.asOf.slice(0, 4)}-01-01`;
  const ys = p.dates.findIndex((d) => d >= y0);
  let anchorYear: { key: string; w: string; l: string; dir: 'over' | 'under'; s: Streak } | null = null;
  if (ys > 0) {
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
    const yo = yearLongest(over.history, ctx.asOf);
    const yu = yearLongest(under.history, ctx.asOf);
    const sents: Para[] = [
      wc.wins === wc.sessions
        ? t`${A} has done better than ${B} on every one of this year's ${book.ref('streak.ytd.sessions', 'int')} sessions.`
        : t`This year ${A} has done better than ${B} on ${book.ref('streak.ytd.wins', 'int')} of ${book.ref('streak.ytd.sessions', 'int')} sessions.`,
    ];
    for (const [y, key, w, l, dir] of [
      [yo, kOver, A, B, 'over'],
      [yu, kUnder, B, A, 'under'],
    ] as const) {
      if (!y) continue;
      const base = `streak.${key}.ytdLongest`;
      const m = {
        series: [A, B],
        dates: { start: y.best.start, end: y.best.end },
        formula: 'longest streak ending this calendar year (ties: the most recent)',
      };
      book.add(`${base}.length`, y.best.length, 'sessions', {
        ...m,
        label: `${w}'s longest streak over ${l} this year`,
      });
      book.add(`${base}.start`, y.best.start, 'date', { ...m, label: 'its first session' });
      book.add(`${base}.end`, y.best.end, 'date', { ...m, label: 'its last session' });
      let ctxText: Para = t``;
      if (y.best.length >= 3) {
        if (y.since) {
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
          ctxText = t`, the longest since a ${book.ref(`${base}.since.length`, 'int')}-session run that ended on ${book.ref(`${base}.since.end`, 'date')}`;
        } else {
          ctxText = t`, the longest in the pair's data, which begin on ${book.ref(`streak.${key}.dataStart`, 'date')}`;
        }
      }
      const isCurrent = !!cur && cur.key === key && cur.r.current.start === y.best.start;
      if (!anchorYear || y.best.length > anchorYear.s.length) anchorYear = { key, w, l, dir, s: y.best };
      if (isCurrent) continue;
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
    blocks.push({
      kind: 'p',
      text: [...paras.flatMap((x) => [...x, ' ']), ...sents.flatMap((x, i) => (i ? [' ', ...x] : x))],
    });
  } else {
    blocks.push({ kind: 'p', text: paras.flatMap((x, i) => (i ? [' ', ...x] : x)) });
  }

  // Top streaks table (the direction of the current streak, else A over B).
  const topDir =
    cur && cur.key === kUnder ? { r: under, key: kUnder, w: B, l: A } : { r: over, key: kOver, w: A, l: B };
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
  const table: TableBlock = {
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
  blocks.push(table);
  const highlight =
    cur && cur.r.current.length >= 5 ? cur.r.current.end : anchorYear ? anchorYear.s.end : null;
  blocks.push(streakHistoryChart(p, over.history, under.history, highlight));

  let anchor: Anchor | null = null;
  if (cur && cur.r.current.length >= MIN_ANALOG_STREAK)
    anchor = {
      key: cur.key,
      winner: cur.w,
      loser: cur.l,
      direction: cur.key === kOver ? 'over' : 'under',
      streak: { length: cur.r.current.length, start: cur.r.current.start!, end: cur.r.current.end! },
      current: true,
    };
  else if (anchorYear && anchorYear.s.length >= MIN_ANALOG_STREAK)
    anchor = {
      key: anchorYear.key,
      winner: anchorYear.w,
      loser: anchorYear.l,
      direction: anchorYear.dir,
      streak: anchorYear.s,
      current: false,
    };

  return {
    section: { id: 'streak', title: 'The streak in history', blocks },
    candidates,
    anchor,
    over,
    under,
    lede,
  };
}

export async function analogsSection(
  ctx: Ctx,
  p: Pair,
  anchor: Anchor | null,
  history: Streak[] = [],
): Promise<{ section?: Section; omitted?: Omitted }> {
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
  book.add('analogs.anchor.length', anchor.streak.length, 'sessions', {
    label: `length of the ${w} streak the study is anchored on`,
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
  book.add('analogs.episodes', past.length, 'count', {
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

  // analogs() measures A − B; the report presents winner − loser, so B-over-A studies flip the sign.
  const sign = direction === 'over' ? 1 : -1;
  const summaries = HORIZONS.map((h, i) =>
    summarize(
      h,
      past.map((e) => (e.forward[i].spreadPts === null ? null : sign * e.forward[i].spreadPts)),
    ),
  );
  summaries.forEach((s, i) => {
    const m = {
      series: [A, B],
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
  const epRow = (e: (typeof res.episodes)[number], tag: string): Para[] => {
    const base = `analogs.ep.${e.reachedOn}`;
    const m = { series: [A, B], dates: { start: e.streakStart, end: e.reachedOn }, formula };
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
  const columns: TableBlock['columns'] = [
    { label: txt('Reached threshold'), numeric: false },
    { label: txt('Streak length'), numeric: true },
    ...HORIZONS.map((_, i) => ({
      label: t`Next ${book.ref(`analogs.h${i + 1}`, 'int')} sessions`,
      numeric: true,
    })),
  ];
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
  blocks.push({
    kind: 'table',
    id: 'analogs',
    caption: t`${w} minus ${l} return after earlier streaks reached ${book.ref('analogs.minStreak', 'int')} sessions, percentage points`,
    columns,
    rows,
  });
  blocks.push({
    kind: 'note',
    text: t`With ${book.ref('analogs.episodes', 'int')} earlier episodes, these averages are anecdotes, not a forecast: one episode can move the mean by several points, and overlapping horizons make the episodes less independent than they look. A dash marks a horizon that runs past the data.`,
  });
  return { section: { id: 'analogs', title, blocks } };
}
