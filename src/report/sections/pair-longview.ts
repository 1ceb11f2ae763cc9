/**
 * "The long view": the Fama-French size factor FF.SMB (small minus big, daily since 1926). Streaks of
 * SMB > 0 are computed as of the report date when the factor data cover it, else as of the factor's
 * own last date (and the text says so). The pair's streak is placed in the distribution of SMB runs.
 */
import type { Streak } from '../../analytics/streak.ts';
import { streakFacts } from '../../facts/core.ts';
import { mostExtremeSince, sameDayByYear } from '../../facts/pure.ts';
import type { ReturnSeries } from '../../model/series.ts';
import { UserError } from '../../model/errors.ts';
import type { Ctx } from '../context.ts';
import { t, txt } from '../factbook.ts';
import type { Block, Para, TableBlock } from '../types.ts';
import { joinSentences } from './period-returns.ts';
import type { Anchor } from './pair-streak.ts';
import type { LedeLine, SectionResult } from './types.ts';

export const SMB = 'FF.SMB';
export const TOP_SMB = 5;

type Meta = (
  label: string,
  dates?: { start?: string; end?: string },
) => { label: string; series: string[]; dates: { start?: string; end?: string }; formula: string };

/** The factor's runs as of the date used, with the facts' metadata. */
interface Runs {
  f: ReturnSeries;
  history: Streak[];
  firstId: string;
  /** Last date of the factor data. */
  last: string;
  m: Meta;
}

export async function longViewSection(ctx: Ctx, anchor: Anchor | null): Promise<SectionResult> {
  const { book } = ctx;
  const title = 'The long view: a century of the size factor';
  const f = await ctx.factor(SMB);
  if (!f || f.dates.length === 0) {
    const reason = t`The Fama-French daily factor file (${'`FF.SMB`'}) is not in the store.`;
    ctx.missing.push(reason);
    return { omitted: { id: 'longview', title, reason } };
  }
  const firstId = ctx.firstDateFact(SMB);
  const lastId = ctx.lastDateFact(SMB);
  const last = f.dates[f.dates.length - 1];
  const covered = last >= ctx.asOf;
  let k = f.dates.length - 1;
  while (k > 0 && f.dates[k] > ctx.asOf) k--;
  const smbAsOf = f.dates[k];
  let r: Awaited<ReturnType<typeof streakFacts>>;
  try {
    r = await streakFacts(ctx.store, { a: SMB, positive: true, asOf: smbAsOf });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const reason = t`The size factor has no data on or before the report date.`;
    return { omitted: { id: 'longview', title, reason } };
  }
  const m: Meta = (label, dates = { start: f.dates[0], end: smbAsOf }) => ({
    label,
    series: [SMB],
    dates,
    formula: r.provenance.formula,
  });
  book.add(
    'smb.asOf',
    smbAsOf,
    'date',
    m('date the size-factor figures are as of (the report date, or the factor data’s last date when earlier)'),
  );
  book.add('smb.current.length', r.current.length, 'sessions', m('consecutive sessions of SMB > 0 ending on that date'));
  const sorted = [...r.history].sort((a, b) => b.length - a.length || (a.end < b.end ? 1 : -1));
  const top = sorted.slice(0, TOP_SMB);
  book.add('smb.runs', r.history.length, 'count', m('runs of consecutive SMB > 0 sessions in the data'));
  const paras: Para[] = [];
  paras.push(
    t`The Fama-French size factor, SMB, is the daily return of a portfolio of small stocks minus one of big stocks, with data back to ${book.ref(firstId, 'date')}.${
      covered
        ? t``
        : t` Its data end on ${book.ref(lastId, 'date')}, before this report's date, so the figures below are as of that day.`
    }`,
  );
  if (r.current.length > 0) {
    book.add('smb.current.start', r.current.start!, 'date', m('first session of that run'));
    paras.push(
      r.current.length === 1
        ? t`On ${book.ref('smb.asOf', 'date')}, SMB was positive, after a negative or flat session the day before.`
        : t`As of ${book.ref('smb.asOf', 'date')}, SMB had been positive for ${book.ref('smb.current.length', 'int')} straight sessions.`,
    );
  } else {
    paras.push(t`On ${book.ref('smb.asOf', 'date')}, SMB was not positive, so no run was in progress.`);
  }
  if (top[0]) {
    const L = top[0];
    book.add('smb.longest.length', L.length, 'sessions', m('longest run of SMB > 0', L));
    book.add('smb.longest.start', L.start, 'date', m('its first session', L));
    book.add('smb.longest.end', L.end, 'date', m('its last session', L));
    paras.push(
      t`The longest positive run on record lasted ${book.ref('smb.longest.length', 'int')} sessions, ${book.range('smb.longest.start', 'smb.longest.end')}.`,
    );
  }
  const blocks: Block[] = [{ kind: 'p', text: joinSentences(paras).filter((x) => x !== '') }];
  const runs: Runs = { f, history: r.history, firstId, last, m };
  const lede = anchor ? anchorComparison(ctx, runs, anchor, blocks) : [];
  const ytd = factorYear(ctx, f, k, smbAsOf);
  if (ytd) blocks.push(ytd);
  blocks.push(topRunsTable(ctx, top, runs));
  if (!covered)
    ctx.missing.push(
      t`Size factor: the Fama-French daily data end on ${book.ref(lastId, 'date')}; nothing after that date is shown for the factor.`,
    );
  return { section: { id: 'longview', title, blocks }, lede };
}

/** The pair's anchor streak against the factor's runs (paragraphs into `blocks`; a lede line when rare). */
function anchorComparison(ctx: Ctx, runs: Runs, anchor: Anchor, blocks: Block[]): LedeLine[] {
  const { book } = ctx;
  const { history, firstId, m } = runs;
  const lede: LedeLine[] = [];
  const L = anchor.streak.length;
  book.add('analogs.anchor.length', L, 'sessions', {
    label: `length of the ${anchor.winner} streak the study is anchored on`,
    series: [...new Set([anchor.winner, anchor.loser])],
    dates: anchor.streak,
    formula: 'streak length (sessions)',
  });
  book.add('analogs.anchor.start', anchor.streak.start, 'date', {
    label: 'first session of the anchor streak',
    series: [anchor.winner, anchor.loser],
    dates: anchor.streak,
    formula: 'streak start',
  });
  const atLeast = history.filter((h) => h.length >= L);
  book.add(
    'smb.runsAtLeastAnchor',
    atLeast.length,
    'count',
    m(`SMB > 0 runs at least as long as the ${anchor.winner} streak (${L} sessions)`),
  );
  const lastLong = atLeast[0];
  let tail: Para = t`.`;
  if (lastLong) {
    book.add('smb.runsAtLeastAnchor.lastEnd', lastLong.end, 'date', m('last session of the most recent such run', lastLong));
    tail = t`, the most recent ending on ${book.ref('smb.runsAtLeastAnchor.lastEnd', 'date')}.`;
  }
  const which = anchor.current ? t`the current` : t`this year's longest`;
  if (atLeast.length > 0 && atLeast.length * 100 < history.length)
    lede.push({
      rank: 4,
      text: t`In the Fama-French size factor, which goes back to ${book.ref(firstId, 'year')}, only ${book.ref('smb.runsAtLeastAnchor', 'int')} of ${book.ref('smb.runs', 'int')} positive runs lasted ${book.ref('analogs.anchor.length', 'int')} sessions or more.`,
    });
  blocks.push({
    kind: 'p',
    text: t`For scale: ${which} ${anchor.winner} streak over ${anchor.loser} ${anchor.current ? 'has run for' : 'lasted'} ${book.ref('analogs.anchor.length', 'int')} sessions. Of the ${book.ref('smb.runs', 'int')} positive runs of the size factor since ${book.ref(firstId, 'year')}, ${book.ref('smb.runsAtLeastAnchor', 'int')} lasted that long or longer${tail}`,
  });
  const during = factorDuringAnchor(ctx, runs, anchor);
  if (during) blocks.push(during);
  return lede;
}

/** The factor during the anchor streak, when the factor data cover it. */
function factorDuringAnchor(ctx: Ctx, runs: Runs, anchor: Anchor): Block | null {
  const { book } = ctx;
  const { f, last, m } = runs;
  const s = anchor.streak;
  if (s.end > last) return null;
  let pos = 0;
  let n = 0;
  for (let i = 0; i < f.dates.length; i++) {
    if (f.dates[i] < s.start || f.dates[i] > s.end) continue;
    if (!Number.isFinite(f.ret[i])) continue;
    n++;
    if (f.ret[i] > 0) pos++;
  }
  if (n === 0) return null;
  const mm = m('SMB during the anchor streak', { start: s.start, end: s.end });
  book.add('smb.anchor.positive', pos, 'sessions', {
    ...mm,
    label: 'sessions with SMB > 0 during the anchor streak',
    formula: 'count of SMB > 0 sessions between the streak’s first and last session',
  });
  book.add('smb.anchor.sessions', n, 'sessions', {
    ...mm,
    label: 'SMB sessions during the anchor streak',
    formula: 'count of SMB sessions in the window',
  });
  return {
    kind: 'p',
    text:
      pos === n
        ? t`During ${anchor.winner}'s run from ${book.ref('analogs.anchor.start', 'date')}, SMB was positive on every one of the ${book.ref('smb.anchor.sessions', 'int')} sessions.`
        : t`The two measures do not always agree: during ${anchor.winner}'s run from ${book.ref('analogs.anchor.start', 'date')}, SMB was positive on ${book.ref('smb.anchor.positive', 'int')} of ${book.ref('smb.anchor.sessions', 'int')} sessions. SMB splits stocks at the NYSE median market value and is re-formed each June; the funds track their own indexes.`,
  };
}

/** The factor this year against the same point of earlier years. */
function factorYear(ctx: Ctx, f: ReturnSeries, k: number, smbAsOf: string): Block | null {
  const { book } = ctx;
  const idx = new Float64Array(k + 1);
  let g = 1;
  for (let i = 0; i <= k; i++) {
    g *= 1 + (Number.isFinite(f.ret[i]) ? f.ret[i] : 0);
    idx[i] = g;
  }
  const pts = sameDayByYear(f.dates.slice(0, k + 1), smbAsOf, (s0, e) => idx[e] / idx[s0] - 1);
  if (pts.length < 2 || pts[pts.length - 1].end !== smbAsOf) return null;
  const cur = pts[pts.length - 1];
  const fm = {
    series: [SMB],
    dates: { start: cur.base, end: cur.end },
    formula: 'Π(1 + SMB[t]) − 1 over the year’s sessions up to the date (a long-short return)',
  };
  book.add('smb.ytd', cur.value, 'return', {
    ...fm,
    label: 'SMB compounded this year up to the factor date',
  });
  const since = mostExtremeSince(pts);
  let tail: Para = t``;
  if (since) {
    book.add('smb.ytd.sinceYear', `${since.year}-01-01`, 'date', {
      ...fm,
      dates: { start: since.base, end: since.end },
      label: 'most recent earlier year with a value at least as extreme at the same point',
    });
    tail = t`, the ${cur.value >= 0 ? 'best' : 'worst'} start to a year at that point since ${book.ref('smb.ytd.sinceYear', 'year')}`;
  } else {
    tail = t`, the ${cur.value >= 0 ? 'best' : 'worst'} start to a year at that point in the data`;
  }
  return {
    kind: 'p',
    text: t`This year through ${book.ref('smb.asOf', 'date')}, SMB compounded to ${book.ref('smb.ytd', 'pct')}${tail}.`,
  };
}

function topRunsTable(ctx: Ctx, top: Streak[], runs: Runs): TableBlock {
  const { book } = ctx;
  const rows: Para[][] = top.map((h, i) => {
    const base = `smb.top.${String(i + 1).padStart(2, '0')}`;
    const mm = runs.m('longest SMB > 0 runs', h);
    book.add(`${base}.rank`, i + 1, 'count', { ...mm, label: 'position in the list' });
    book.add(`${base}.length`, h.length, 'sessions', { ...mm, label: 'run length' });
    book.add(`${base}.start`, h.start, 'date', { ...mm, label: 'first session' });
    book.add(`${base}.end`, h.end, 'date', { ...mm, label: 'last session' });
    return [
      [book.ref(`${base}.rank`, 'int')],
      [book.ref(`${base}.length`, 'int')],
      [book.ref(`${base}.start`, 'iso')],
      [book.ref(`${base}.end`, 'iso')],
    ];
  });
  return {
    kind: 'table',
    id: 'smb-top',
    caption: t`Longest runs of a positive size factor since ${book.ref(runs.firstId, 'year')}, sessions`,
    columns: [
      { label: txt('Rank'), numeric: true },
      { label: txt('Sessions'), numeric: true },
      { label: txt('First session'), numeric: false },
      { label: txt('Last session'), numeric: false },
    ],
    rows,
  };
}
