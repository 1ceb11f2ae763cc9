/**
 * "The numbers": period returns of A, B and related funds, the spread in percentage points, daily
 * volatility, the year-to-date gap against the same point of earlier years, and the
 * relative-strength line (chart with the streaks shaded).
 */
import { volatilityFacts } from '../../facts/core.ts';
import { mostExtremeSince, ratioExtreme, sameDayByYear, yearsBetween } from '../../facts/pure.ts';
import { UserError } from '../../model/errors.ts';
import { relativeStrengthChart } from '../charts.ts';
import type { Ctx } from '../context.ts';
import { t, txt } from '../factbook.ts';
import { candidate } from '../headline.ts';
import { cap, groupOf, nameOf } from '../names.ts';
import type { Pair } from '../pair-context.ts';
import { subject, v } from '../pair-context.ts';
import type { Block, Candidate, Para, TableBlock } from '../types.ts';
import { joinList, joinSentences, periodReturnFacts, roseFell, spreadFact, upDown } from './period-returns.ts';
import type { LedeLine, SectionResult } from './types.ts';

export const PERIODS = [
  { key: '1d', label: 'Last session' },
  { key: '1w', label: 'Week' },
  { key: 'mtd', label: 'Month to date' },
  { key: 'ytd', label: 'Year to date' },
  { key: '1y', label: 'One year' },
] as const;

type Period = (typeof PERIODS)[number];

/**
 * The section. `notShown` lists the related funds left out of the returns table (a note follows
 * the table when there are any).
 */
export async function numbersSection(
  ctx: Ctx,
  p: Pair,
  related: string[],
  notShown: Para[] = [],
): Promise<SectionResult & { section: NonNullable<SectionResult['section']> }> {
  const { book } = ctx;
  const { A, B } = p;
  const syms = [A, B, ...related];
  const candidates: Candidate[] = [];
  const lede: LedeLine[] = [];

  for (const per of PERIODS) await periodReturnFacts(ctx, syms, per.key);
  const periods = PERIODS.filter(
    (per) => book.has(`perf.${per.key}.${A}.return`) && book.has(`perf.${per.key}.${B}.return`),
  );
  for (const per of periods) spreadFact(ctx, per.key, A, B);
  const hasYtd = book.has(`perf.ytd.${A}.return`) && book.has(`perf.ytd.${B}.return`);

  const lead = leadParagraph(ctx, p, hasYtd);
  if (lead.lede) lede.push(lead.lede);
  const blocks: Block[] = [{ kind: 'p', text: lead.text }];
  if (hasYtd) {
    const gap = ytdGap(ctx, p);
    if (gap) {
      blocks.push(gap.block);
      candidates.push(...gap.candidates);
    }
  }
  const session = sessionCandidate(ctx, p);
  if (session) candidates.push(session);
  const rs = relativeStrength(ctx, p);
  if (rs) {
    if (rs.lede) lede.push(rs.lede);
    blocks.push(rs.block);
    candidates.push(rs.candidate);
  }
  blocks.push(returnsTable(ctx, p, syms, periods));
  if (notShown.length > 0)
    blocks.push({
      kind: 'note',
      text: t`Not shown: ${notShown.flatMap((x, i) => (i ? [', ', ...x] : x))}; ${notShown.length === 1 ? 'it has no close' : 'none has a close'} on ${book.ref('asof', 'date')}.`,
    });
  const rel = related.filter((s) => book.has(`perf.ytd.${s}.return`));
  if (rel.length > 0) {
    const parts = rel.map(
      (s) => t`${s} (${groupOf(s) ?? nameOf(s)}) is ${upDown(ctx, `perf.ytd.${s}.return`)}`,
    );
    blocks.push({ kind: 'p', text: t`For comparison, this year ${joinList(parts)}.` });
  }
  const vol = await volatilityParagraph(ctx, p);
  if (vol) blocks.push(vol);
  // Chart: relative strength over about a year, streaks shaded.
  const chart = relativeStrengthChart(p, ctx.asOf);
  if (chart) blocks.push(chart);
  return { section: { id: 'numbers', title: 'The numbers', blocks }, candidates, lede };
}

/** The lead paragraph: year to date, the last session and the week. */
function leadParagraph(ctx: Ctx, p: Pair, hasYtd: boolean): { text: Para; lede?: LedeLine } {
  const { book } = ctx;
  const { A, B } = p;
  const ytdA = `perf.ytd.${A}.return`;
  const ytdB = `perf.ytd.${B}.return`;
  const paras: Para[] = [];
  let lede: LedeLine | undefined;
  if (hasYtd) {
    const sp = `perf.ytd.${A}-${B}.spread`;
    const lead = book.num(sp) >= 0;
    paras.push(
      t`Through ${book.ref('asof', 'date')}, ${A} is ${upDown(ctx, ytdA)} this year and ${B} is ${upDown(ctx, ytdB)}, a gap of ${book.ref(sp, 'ptsAbs')} percentage points in favour of ${lead ? A : B}.`,
    );
    lede = {
      rank: 1,
      text: t`${A} is ${upDown(ctx, ytdA)} this year and ${B} is ${upDown(ctx, ytdB)}, both including dividends.`,
    };
  }
  if (book.has(`perf.1d.${A}.return`) && book.has(`perf.1d.${B}.return`)) {
    const sp = `perf.1d.${A}-${B}.spread`;
    paras.push(
      t`On the last session, ${A} ${roseFell(ctx, `perf.1d.${A}.return`)} and ${B} ${roseFell(ctx, `perf.1d.${B}.return`)}${book.num(sp) === 0 ? t`.` : t`, a difference of ${book.ref(sp, 'ptsAbs')} points.`}`,
    );
  }
  if (book.has(`perf.1w.${A}.return`) && book.has(`perf.1w.${B}.return`)) {
    paras.push(
      t`Over the week, ${A} is ${upDown(ctx, `perf.1w.${A}.return`)} and ${B} ${upDown(ctx, `perf.1w.${B}.return`)}.`,
    );
  }
  return { text: joinSentences(paras), lede };
}

/**
 * The year-to-date gap against the same point of every earlier year of the pair's data: a sentence
 * and two candidates (the gap with its rarity, and the plain gap as a fallback).
 */
function ytdGap(ctx: Ctx, p: Pair): { block: Block; candidates: Candidate[] } | null {
  const { book } = ctx;
  const { A, B } = p;
  const pts = sameDayByYear(
    p.dates,
    ctx.asOf,
    (s, e) => (p.aClose[e] / p.aClose[s] - p.bClose[e] / p.bClose[s]) * 100,
  );
  if (pts.length < 3 || pts[pts.length - 1].end !== ctx.asOf) return null;
  const cur = pts[pts.length - 1];
  const since = mostExtremeSince(pts);
  const first = pts[0];
  book.add('ytdgap.years', pts.length, 'count', {
    label: `calendar years with a year-to-date ${A} − ${B} gap at the same point of the year`,
    series: [A, B],
    dates: { start: first.base, end: cur.end },
    formula: 'years with a close before 1 January and a session on or before the same month-day',
  });
  book.add('ytdgap.firstYear', `${first.year}-01-01`, 'date', {
    label: 'first calendar year compared',
    series: [A, B],
    dates: { start: first.base },
    formula: 'first year whose base session (last close before 1 January) is in the common data',
  });
  const lead = cur.value >= 0 ? A : B;
  const leader = subject(lead, true);
  const lagger = subject(lead === A ? B : A);
  const gapRef = book.ref(`perf.ytd.${A}-${B}.spread`, 'ptsAbs');
  const leads = t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef}`;
  let sentence: Para;
  let rarity: number;
  let headline: Para;
  let ledeSentence: Para;
  const factIds = [`perf.ytd.${A}-${B}.spread`];
  if (since) {
    const id = book.add('ytdgap.since.year', `${since.year}-01-01`, 'date', {
      label: `most recent earlier year with a ${lead} lead at least as wide at the same point of the year`,
      series: [A, B],
      dates: { start: since.base, end: since.end },
      formula:
        'most recent year Y < asOf year with |gap_Y| ≥ |gap_now| in the same direction; gap = (ytd_A − ytd_B) × 100 as of the same month-day',
    });
    book.add('ytdgap.since.gap', since.value, 'pts', {
      label: `${A} − ${B} year-to-date gap at the same point of ${since.year}`,
      series: [A, B],
      dates: { start: since.base, end: since.end },
      formula: '(ytd_A − ytd_B) × 100',
    });
    factIds.push(id);
    rarity = yearsBetween(since.end, cur.end);
    sentence = t`That is the widest ${lead} lead at this point of the year since ${book.ref(id, 'year')}, when the gap was ${book.ref('ytdgap.since.gap', 'ptsAbs')} points.`;
    headline = t`${leads} points this year, the widest gap at this point of the year since ${book.ref(id, 'year')}`;
    ledeSentence = t`${leads} percentage points this year, the widest gap at this point of the year since ${book.ref(id, 'year')}, when ${lead} led by ${book.ref('ytdgap.since.gap', 'ptsAbs')} points on the same date.`;
  } else {
    rarity = yearsBetween(first.end, cur.end);
    sentence = t`That is the widest ${lead} lead at this point of the year in ${book.ref('ytdgap.years', 'int')} years of data, back to ${book.ref('ytdgap.firstYear', 'year')}.`;
    headline = t`${leads} points this year, the widest gap at this point of the year in data back to ${book.ref('ytdgap.firstYear', 'year')}`;
    ledeSentence = t`${leads} percentage points this year, the widest gap at this point of the year in data back to ${book.ref('ytdgap.firstYear', 'year')}.`;
    factIds.push('ytdgap.firstYear');
  }
  return {
    block: { kind: 'p', text: sentence },
    candidates: [
      candidate({ kind: 'ytd-gap', rarityYears: rarity, headline, sentence: ledeSentence, facts: factIds }),
      candidate({
        kind: 'ytd-plain',
        rarityYears: 0,
        headline: t`${leads} points this year`,
        sentence: t`${leads} percentage points this year.`,
        facts: [`perf.ytd.${A}-${B}.spread`],
      }),
    ],
  };
}

/** The last session's winner: a fallback candidate. */
function sessionCandidate(ctx: Ctx, p: Pair): Candidate | null {
  const { book } = ctx;
  const { A, B } = p;
  const id = `perf.1d.${A}-${B}.spread`;
  if (!book.has(id)) return null;
  const x = book.num(id);
  const w = subject(x >= 0 ? A : B, true);
  const l = subject(x >= 0 ? B : A);
  return candidate({
    kind: 'session',
    rarityYears: 0,
    headline: t`${w.text} ${x === 0 ? t`${v(w, 'match', 'matches')}` : t`${v(w, 'outpace', 'outpaces')}`} ${l.text} on ${book.ref('asof', 'dateShort')}`,
    sentence: t`${w.text} ${x === 0 ? t`matched` : t`outpaced`} ${l.text} on the last session, by ${book.ref(id, 'ptsAbs')} percentage points.`,
    facts: [id],
  });
}

/** Relative strength: where the A/B close ratio stands (a candidate when at least 5 sessions back). */
function relativeStrength(ctx: Ctx, p: Pair): { block: Block; candidate: Candidate; lede?: LedeLine } | null {
  const { book } = ctx;
  const { A, B } = p;
  const re = ratioExtreme(
    p.dates,
    Float64Array.from(p.aClose, (x, i) => x / p.bClose[i]),
    p.k,
  );
  if (re.sessionsSince < 5) return null;
  const hi = re.direction === 'high';
  const strong = subject(hi ? A : B, true);
  const weak = subject(hi ? B : A);
  book.add('rs.sessionsSince', re.sessionsSince, 'sessions', {
    label: `sessions since the ${A}/${B} close ratio was last at least as ${hi ? 'high' : 'low'}`,
    series: [A, B],
    dates: { start: re.since ?? p.dates[0], end: ctx.asOf },
    formula: `ratio = close_A/close_B on common sessions; last earlier session with ratio ${hi ? '≥' : '≤'} ratio[asOf]`,
  });
  const strongest = t`${strong.text} ${v(strong, 'are', 'is')} at ${strong.plural ? 'their' : 'its'} strongest against ${weak.text}`;
  const facts = ['rs.sessionsSince'];
  if (re.since) {
    const id = book.add('rs.since', re.since, 'date', {
      label: `last session the ${A}/${B} ratio was at least as ${hi ? 'high' : 'low'} as on the as-of date`,
      series: [A, B],
      dates: { start: re.since, end: ctx.asOf },
      formula: `ratio = close_A/close_B; most recent earlier session with ratio ${hi ? '≥' : '≤'} ratio[asOf]`,
    });
    facts.push(id);
    const sentence = t`The ratio of ${A} to ${B}, a relative-strength line, closed at its ${hi ? 'highest' : 'lowest'} since ${book.ref(id, 'date')}.`;
    return {
      block: { kind: 'p', text: sentence },
      lede: { rank: 3, text: sentence },
      candidate: candidate({
        kind: 'relative-strength',
        rarityYears: yearsBetween(re.since, ctx.asOf),
        headline: t`${strongest} since ${book.ref(id, 'monthYear')}`,
        sentence,
        facts,
      }),
    };
  }
  const first = book.add('rs.dataStart', p.dates[0], 'date', {
    label: `first common session of ${A} and ${B}`,
    series: [A, B],
    dates: { start: p.dates[0] },
    formula: 'first date present in both series',
  });
  facts.push(first);
  const sentence = t`The ratio of ${A} to ${B}, a relative-strength line, closed at its ${hi ? 'highest' : 'lowest'} in data back to ${book.ref(first, 'date')}.`;
  return {
    block: { kind: 'p', text: sentence },
    candidate: candidate({
      kind: 'relative-strength',
      rarityYears: yearsBetween(p.dates[0], ctx.asOf),
      headline: t`${strongest} in data back to ${book.ref(first, 'year')}`,
      sentence,
      facts,
    }),
  };
}

/** The returns table: one row per fund with a return, then the A − B spread. */
function returnsTable(ctx: Ctx, p: Pair, syms: string[], periods: Period[]): TableBlock {
  const { book } = ctx;
  const { A, B } = p;
  const columns: TableBlock['columns'] = [
    { label: txt('Fund'), numeric: false },
    { label: txt('Tracks'), numeric: false },
  ];
  for (const per of periods) columns.push({ label: txt(per.label), numeric: true });
  const rows: Para[][] = [];
  for (const s of syms) {
    if (!book.has(`perf.ytd.${s}.return`) && !book.has(`perf.1d.${s}.return`)) continue;
    rows.push([
      txt(s),
      txt(cap(groupOf(s) ?? nameOf(s))),
      ...periods.map((per) =>
        book.has(`perf.${per.key}.${s}.return`) ? [book.ref(`perf.${per.key}.${s}.return`, 'pct')] : txt('—'),
      ),
    ]);
  }
  rows.push([
    t`${A} minus ${B}`,
    txt('percentage points'),
    ...periods.map((per) => [book.ref(`perf.${per.key}.${A}-${B}.spread`, 'pts')]),
  ]);
  return {
    kind: 'table',
    id: 'returns',
    caption: t`Total returns through ${book.ref('asof', 'date')}`,
    columns,
    rows,
  };
}

/** Daily volatility of both funds this year (a paragraph when both have it). */
async function volatilityParagraph(ctx: Ctx, p: Pair): Promise<Block | null> {
  const { book } = ctx;
  const { A, B } = p;
  const vol: string[] = [];
  for (const s of [A, B]) {
    try {
      const r = await volatilityFacts(ctx.store, { symbol: s, period: 'ytd', asOf: ctx.asOf });
      const meta = {
        series: [s],
        dates: { start: r.volatility.start, end: r.volatility.end },
        formula: r.volatility.provenance.formula,
      };
      book.add(`vol.ytd.${s}.daily`, r.volatility.dailyStdev, 'return', {
        ...meta,
        label: `${s} daily volatility this year (sample stdev of daily returns)`,
      });
      book.add(`vol.ytd.${s}.annualised`, r.volatility.annualised, 'return', {
        ...meta,
        label: `${s} annualised volatility this year (daily × √252)`,
      });
      book.add(`vol.ytd.${s}.n`, r.volatility.n, 'sessions', { ...meta, label: `${s} daily returns used` });
      vol.push(s);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  if (vol.length !== 2) return null;
  const more = book.num(`vol.ytd.${A}.daily`) >= book.num(`vol.ytd.${B}.daily`) ? A : B;
  const less = more === A ? B : A;
  return {
    kind: 'p',
    text: t`${more} has been the more volatile of the two: the standard deviation of its daily returns this year is ${book.ref(`vol.ytd.${more}.daily`, 'pctAbs')} (${book.ref(`vol.ytd.${more}.annualised`, 'pctAbs')} annualised), against ${book.ref(`vol.ytd.${less}.daily`, 'pctAbs')} (${book.ref(`vol.ytd.${less}.annualised`, 'pctAbs')}) for ${less}, over ${book.ref(`vol.ytd.${A}.n`, 'int')} sessions.`,
  };
}
