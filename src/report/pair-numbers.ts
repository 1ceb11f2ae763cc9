/**
 * "The numbers": period returns of A, B and related funds, the spread in percentage points, daily
 * volatility, the year-to-date gap against the same point of earlier years, and the
 * relative-strength line (chart with the streaks shaded).
 */
import { perfFacts, volatilityFacts } from '../facts/core.ts';
import { UserError } from '../model/errors.ts';
import { relativeStrengthChart } from './charts.ts';
import type { Ctx } from './context.ts';
import { mostExtremeSince, ratioExtreme, sameDayByYear, yearsBetween } from '../facts/pure.ts';
import { candidate } from './headline.ts';
import { t, txt } from './factbook.ts';
import { cap, groupOf, nameOf } from './names.ts';
import type { Pair } from './pair-context.ts';
import { subject, v } from './pair-context.ts';
import type { Block, Candidate, Para, Section, TableBlock } from './types.ts';

export const PERIODS = [
  { key: '1d', label: 'Last session' },
  { key: '1w', label: 'Week' },
  { key: 'mtd', label: 'Month to date' },
  { key: 'ytd', label: 'Year to date' },
  { key: '1y', label: 'One year' },
] as const;

type PerfOut = Awaited<ReturnType<typeof perfFacts>>;

async function perfFor(ctx: Ctx, syms: string[], period: string): Promise<PerfOut> {
  return period === '1d'
    ? perfFacts(ctx.store, { symbols: syms, from: ctx.asOf, to: ctx.asOf, asOf: ctx.asOf })
    : perfFacts(ctx.store, { symbols: syms, period, asOf: ctx.asOf });
}

async function registerRow(ctx: Ctx, r: PerfOut, i: number, period: string): Promise<string | null> {
  const row = r.rows[i];
  const sym = row.symbol;
  if (row.end !== ctx.asOf) return null;
  if (period === '1d') {
    // One session: the base must be the session just before the as-of date.
    const s = await ctx.price(sym);
    const k = s ? s.dates.indexOf(ctx.asOf) : -1;
    if (!s || k < 1 || s.dates[k - 1] !== row.start) return null;
  }
  ctx.book.add(`perf.${period}.${sym}.base`, row.start, 'date', {
    label: `base session of the ${period} period (its close is the starting price)`,
    series: [sym],
    dates: { start: row.start, end: row.end },
    formula: r.provenance.notes.find((n) => n.startsWith(`${period}:`)) ?? r.provenance.formula,
  });
  return ctx.book.add(`perf.${period}.${sym}.return`, row.return, 'return', {
    label: `${sym} ${period} return (${row.returnType})`,
    series: [sym],
    dates: { start: row.start, end: row.end },
    formula: 'close[end]/close[base] − 1',
  });
}

/**
 * Period returns as facts, through the facts layer (one call for all symbols; one call per symbol
 * when some cannot cover the period). A symbol without data for the period gets no fact.
 */
export async function periodReturnFacts(ctx: Ctx, syms: string[], period: string): Promise<void> {
  const todo = syms.filter((s) => !ctx.book.has(`perf.${period}.${s}.return`));
  if (todo.length === 0) return;
  try {
    const r = await perfFor(ctx, todo, period);
    for (let i = 0; i < r.rows.length; i++) await registerRow(ctx, r, i, period);
    return;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
  }
  if (todo.length === 1) return;
  for (const s of todo) await periodReturnFacts(ctx, [s], period);
}

export function spreadFact(ctx: Ctx, period: string, A: string, B: string): string | null {
  const ia = `perf.${period}.${A}.return`;
  const ib = `perf.${period}.${B}.return`;
  if (!ctx.book.has(ia) || !ctx.book.has(ib)) return null;
  const fa = ctx.book.get(ia);
  return ctx.book.add(`perf.${period}.${A}-${B}.spread`, (ctx.book.num(ia) - ctx.book.num(ib)) * 100, 'pts', {
    label: `${A} minus ${B}, ${period} return, percentage points`,
    series: [A, B],
    dates: fa.dates,
    formula: '(return_A − return_B) × 100',
  });
}

/** "up 22.07%" / "down 1.56%" / "unchanged". */
export function upDown(ctx: Ctx, id: string): Para {
  const x = ctx.book.num(id);
  if (x === 0) return t`unchanged`;
  return x > 0 ? t`up ${ctx.book.ref(id, 'pctAbs')}` : t`down ${ctx.book.ref(id, 'pctAbs')}`;
}
export function roseFell(ctx: Ctx, id: string): Para {
  const x = ctx.book.num(id);
  if (x === 0) return t`was unchanged`;
  return x > 0 ? t`rose ${ctx.book.ref(id, 'pctAbs')}` : t`fell ${ctx.book.ref(id, 'pctAbs')}`;
}

export interface LedeLine {
  /** Lower comes first. */
  rank: number;
  text: Para;
}

export interface NumbersOut {
  section: Section;
  candidates: Candidate[];
  lede: LedeLine[];
}

export async function numbersSection(ctx: Ctx, p: Pair, related: string[]): Promise<NumbersOut> {
  const { book } = ctx;
  const { A, B } = p;
  const syms = [A, B, ...related];
  const candidates: Candidate[] = [];
  const lede: LedeLine[] = [];
  const blocks: Block[] = [];

  for (const per of PERIODS) await periodReturnFacts(ctx, syms, per.key);
  const periods = PERIODS.filter(
    (per) => book.has(`perf.${per.key}.${A}.return`) && book.has(`perf.${per.key}.${B}.return`),
  );
  for (const per of periods) spreadFact(ctx, per.key, A, B);

  const asOfRef = book.ref('asof', 'date');
  const ytdA = `perf.ytd.${A}.return`;
  const ytdB = `perf.ytd.${B}.return`;
  const hasYtd = book.has(ytdA) && book.has(ytdB);

  // Lead paragraph of the section: year to date and the last session.
  const paras: Para[] = [];
  if (hasYtd) {
    const sp = `perf.ytd.${A}-${B}.spread`;
    const lead = book.num(sp) >= 0;
    paras.push(
      t`Through ${asOfRef}, ${A} is ${upDown(ctx, ytdA)} this year and ${B} is ${upDown(ctx, ytdB)}, a gap of ${book.ref(sp, 'ptsAbs')} percentage points in favour of ${lead ? A : B}.`,
    );
    lede.push({
      rank: 1,
      text: t`${A} is ${upDown(ctx, ytdA)} this year and ${B} is ${upDown(ctx, ytdB)}, both including dividends.`,
    });
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
  blocks.push({ kind: 'p', text: paras.flatMap((x, i) => (i ? [' ', ...x] : x)) });

  // Same point of the year, every year of the pair's data.
  if (hasYtd) {
    const pts = sameDayByYear(
      p.dates,
      ctx.asOf,
      (s, e) => (p.aClose[e] / p.aClose[s] - p.bClose[e] / p.bClose[s]) * 100,
    );
    if (pts.length >= 3 && pts[pts.length - 1].end === ctx.asOf) {
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
        headline = t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef} points this year, the widest gap at this point of the year since ${book.ref(id, 'year')}`;
        ledeSentence = t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef} percentage points this year, the widest gap at this point of the year since ${book.ref(id, 'year')}, when ${lead} led by ${book.ref('ytdgap.since.gap', 'ptsAbs')} points on the same date.`;
      } else {
        rarity = yearsBetween(first.end, cur.end);
        sentence = t`That is the widest ${lead} lead at this point of the year in ${book.ref('ytdgap.years', 'int')} years of data, back to ${book.ref('ytdgap.firstYear', 'year')}.`;
        headline = t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef} points this year, the widest gap at this point of the year in data back to ${book.ref('ytdgap.firstYear', 'year')}`;
        ledeSentence = t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef} percentage points this year, the widest gap at this point of the year in data back to ${book.ref('ytdgap.firstYear', 'year')}.`;
        factIds.push('ytdgap.firstYear');
      }
      blocks.push({ kind: 'p', text: sentence });
      candidates.push(
        candidate({ kind: 'ytd-gap', rarityYears: rarity, headline, sentence: ledeSentence, facts: factIds }),
      );
      candidates.push(
        candidate({
          kind: 'ytd-plain',
          rarityYears: 0,
          headline: t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef} points this year`,
          sentence: t`${leader.text} ${v(leader, 'lead', 'leads')} ${lagger.text} by ${gapRef} percentage points this year.`,
          facts: [`perf.ytd.${A}-${B}.spread`],
        }),
      );
    }
  }
  if (book.has(`perf.1d.${A}-${B}.spread`)) {
    const id = `perf.1d.${A}-${B}.spread`;
    const x = book.num(id);
    const w = subject(x >= 0 ? A : B, true);
    const l = subject(x >= 0 ? B : A);
    candidates.push(
      candidate({
        kind: 'session',
        rarityYears: 0,
        headline: t`${w.text} ${x === 0 ? t`${v(w, 'match', 'matches')}` : t`${v(w, 'outpace', 'outpaces')}`} ${l.text} on ${book.ref('asof', 'dateShort')}`,
        sentence: t`${w.text} ${x === 0 ? t`matched` : t`outpaced`} ${l.text} on the last session, by ${book.ref(id, 'ptsAbs')} percentage points.`,
        facts: [id],
      }),
    );
  }

  // Relative strength: where the A/B ratio stands.
  const re = ratioExtreme(
    p.dates,
    Float64Array.from(p.aClose, (x, i) => x / p.bClose[i]),
    p.k,
  );
  if (re.sessionsSince >= 5) {
    const hi = re.direction === 'high';
    const strong = subject(hi ? A : B, true);
    const weak = subject(hi ? B : A);
    book.add('rs.sessionsSince', re.sessionsSince, 'sessions', {
      label: `sessions since the ${A}/${B} close ratio was last at least as ${hi ? 'high' : 'low'}`,
      series: [A, B],
      dates: { start: re.since ?? p.dates[0], end: ctx.asOf },
      formula: `ratio = close_A/close_B on common sessions; last earlier session with ratio ${hi ? '≥' : '≤'} ratio[asOf]`,
    });
    let sentence: Para;
    let headline: Para;
    let rarity: number;
    const facts = ['rs.sessionsSince'];
    if (re.since) {
      const id = book.add('rs.since', re.since, 'date', {
        label: `last session the ${A}/${B} ratio was at least as ${hi ? 'high' : 'low'} as on the as-of date`,
        series: [A, B],
        dates: { start: re.since, end: ctx.asOf },
        formula: `ratio = close_A/close_B; most recent earlier session with ratio ${hi ? '≥' : '≤'} ratio[asOf]`,
      });
      facts.push(id);
      rarity = yearsBetween(re.since, ctx.asOf);
      sentence = t`The ratio of ${A} to ${B}, a relative-strength line, closed at its ${hi ? 'highest' : 'lowest'} since ${book.ref(id, 'date')}.`;
      lede.push({ rank: 3, text: sentence });
      headline = t`${strong.text} ${v(strong, 'are', 'is')} at ${strong.plural ? 'their' : 'its'} strongest against ${weak.text} since ${book.ref(id, 'monthYear')}`;
    } else {
      const first = book.add('rs.dataStart', p.dates[0], 'date', {
        label: `first common session of ${A} and ${B}`,
        series: [A, B],
        dates: { start: p.dates[0] },
        formula: 'first date present in both series',
      });
      facts.push(first);
      rarity = yearsBetween(p.dates[0], ctx.asOf);
      sentence = t`The ratio of ${A} to ${B}, a relative-strength line, closed at its ${hi ? 'highest' : 'lowest'} in data back to ${book.ref(first, 'date')}.`;
      headline = t`${strong.text} ${v(strong, 'are', 'is')} at ${strong.plural ? 'their' : 'its'} strongest against ${weak.text} in data back to ${book.ref(first, 'year')}`;
    }
    blocks.push({ kind: 'p', text: sentence });
    candidates.push(candidate({ kind: 'relative-strength', rarityYears: rarity, headline, sentence, facts }));
  }

  // The table.
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
  blocks.push({
    kind: 'table',
    id: 'returns',
    caption: t`Total returns through ${book.ref('asof', 'date')}`,
    columns,
    rows,
  });

  // Related funds in words.
  const rel = related.filter((s) => book.has(`perf.ytd.${s}.return`));
  if (rel.length > 0) {
    const parts = rel.map(
      (s) => t`${s} (${groupOf(s) ?? nameOf(s)}) is ${upDown(ctx, `perf.ytd.${s}.return`)}`,
    );
    blocks.push({ kind: 'p', text: t`For comparison, this year ${joinList(parts)}.` });
  }

  // Volatility.
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
  if (vol.length === 2) {
    const more = book.num(`vol.ytd.${A}.daily`) >= book.num(`vol.ytd.${B}.daily`) ? A : B;
    const less = more === A ? B : A;
    blocks.push({
      kind: 'p',
      text: t`${more} has been the more volatile of the two: the standard deviation of its daily returns this year is ${book.ref(`vol.ytd.${more}.daily`, 'pctAbs')} (${book.ref(`vol.ytd.${more}.annualised`, 'pctAbs')} annualised), against ${book.ref(`vol.ytd.${less}.daily`, 'pctAbs')} (${book.ref(`vol.ytd.${less}.annualised`, 'pctAbs')}) for ${less}, over ${book.ref(`vol.ytd.${A}.n`, 'int')} sessions.`,
    });
  }

  // Chart: relative strength over about a year, streaks shaded.
  const chart = relativeStrengthChart(p, ctx.asOf);
  if (chart) blocks.push(chart);

  return { section: { id: 'numbers', title: 'The numbers', blocks }, candidates, lede };
}

/** "a, b and c". */
export function joinList(parts: Para[]): Para {
  const out: Para = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(i === parts.length - 1 ? ' and ' : ', ');
    out.push(...p);
  });
  return t`${out}`;
}
