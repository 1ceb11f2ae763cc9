/**
 * Per-sentence context shared by the extractors: the names, periods, dates and numbers in a sentence,
 * clause boundaries, forecast cues, and the subject (series) a figure belongs to.
 *
 * Subject of a figure, in order:
 *  1. a name right after it: "1.0% for the S&P 500", "a 1.6% decline in large caps";
 *  2. the nearest name before it in the sentence that is not an object ("beat the S&P 500",
 *     "than small caps", "versus SPY" are objects);
 *  3. the nearest non-object name after it ("Up 9.6% this year, the Russell 2000 …");
 *  4. the last subject of the previous sentences when this one refers back ("it", "the index", "the fund").
 * Forecasts: a figure is a forecast when its clause (between , ; — and the figure) holds a cue such
 * as could, may, might, will, would, should, expect(s), forecast, predict, project(ed), target, likely,
 * poised to, on track to, see(s) … reaching, we think/believe, in our view, if.
 */
import type { AliasMatcher, AliasMention } from './aliases.ts';
import { subjectFrom } from './aliases.ts';
import { type DateMention, findDates, resolveMention } from './dates.ts';
import { findNumbers, type NumTok } from './numbers.ts';
import { findPeriods, type PeriodMention } from './periods.ts';
import type { Sentence } from './sentences.ts';
import type { PeriodRef, Span, SubjectRef } from './types.ts';

export interface SentenceCtx {
  s: Sentence;
  /** Sentence text (same as s.text but with original offsets: text[i] ↔ s.start + i). */
  text: string;
  aliases: AliasMention[];
  periods: PeriodMention[];
  dates: DateMention[];
  /** Numbers outside names and dates. */
  nums: NumTok[];
  carried: SubjectRef | null;
  /** The carried subject comes from the same paragraph (else only a back-reference such as "it" uses it). */
  carriedSameBlock: boolean;
  /** The one period of the previous sentence of the same paragraph, for a figure whose sentence has none. */
  carriedPeriod: PeriodRef | null;
  /** A data-adjustment word ("splice", "rescaled") in an earlier sentence of the same paragraph, or null. */
  topic?: string | null;
  asOf: string | null;
}

export function buildContext(
  full: string,
  s: Sentence,
  matcher: AliasMatcher,
  carried: { subject: SubjectRef; block: number } | null,
  asOf: string | null,
  dateline: Span | null = null,
  carriedPeriod: { period: PeriodRef; block: number } | null = null,
): SentenceCtx {
  const text = full.slice(s.start, s.end);
  const aliases = matcher.find(text, s.start);
  // The dateline is the publication date: not a period or a date of the sentence.
  const off = (x: { start: number; end: number }) =>
    !dateline || !(x.start < dateline.end && dateline.start < x.end);
  const periods = findPeriods(text, s.start).filter(off);
  const dates = findDates(text, s.start).filter(off);
  const masked = [...aliases, ...dates, ...periods];
  const nums = findNumbers(text, s.start).filter(
    (n) => !masked.some((m) => m.start < n.end && n.start < m.end),
  );
  return {
    s,
    text,
    aliases,
    periods,
    dates,
    nums,
    carried: carried?.subject ?? null,
    carriedSameBlock: carried?.block === s.block,
    carriedPeriod: carriedPeriod && carriedPeriod.block === s.block ? carriedPeriod.period : null,
    asOf,
  };
}

/** Text of the sentence between absolute offsets. */
export function slice(ctx: SentenceCtx, a: number, b: number): string {
  return ctx.text.slice(Math.max(0, a - ctx.s.start), Math.max(0, b - ctx.s.start));
}

/** Start of the clause containing absolute offset `pos` (after the last , ; : — – ( before it). */
export function clauseStart(ctx: SentenceCtx, pos: number): number {
  const rel = pos - ctx.s.start;
  for (let i = rel - 1; i >= 0; i--) {
    const c = ctx.text[i];
    if (c === ';' || c === '—' || c === '(' || c === ':') return ctx.s.start + i + 1;
    if (c === ',' && !/\d/.test(ctx.text[i + 1] ?? '')) return ctx.s.start + i + 1;
    if ((c === '–' || c === '-') && ctx.text[i - 1] === ' ' && ctx.text[i + 1] === ' ')
      return ctx.s.start + i + 1;
    if (i >= 6 && / (?:while|whereas|but) $/.test(ctx.text.slice(i - 7, i + 1))) return ctx.s.start + i + 1;
  }
  return ctx.s.start;
}

/** End of the clause containing `pos`. */
export function clauseEnd(ctx: SentenceCtx, pos: number): number {
  const rel = pos - ctx.s.start;
  for (let i = rel; i < ctx.text.length; i++) {
    const c = ctx.text[i];
    if (c === ';' || c === '—' || c === ')' || c === ':') return ctx.s.start + i;
    if (c === ',' && !/\d/.test(ctx.text[i + 1] ?? '')) return ctx.s.start + i;
    if ((c === '–' || c === '-') && ctx.text[i - 1] === ' ' && ctx.text[i + 1] === ' ')
      return ctx.s.start + i;
    if (/^ (?:while|whereas|but) /.test(ctx.text.slice(i, i + 9))) return ctx.s.start + i;
  }
  return ctx.s.end;
}

const FORECAST_RE =
  /\b(could|might|may(?! \d)|would|will|should|expects?|expected to|expecting|forecasts?|forecasting|predicts?|predicted|predicting|projects?|projected|projecting|targets?|targeting|price target|likely|unlikely|poised to|on track to|set to|aims? to|sees?|seeing|see it|we think|we believe|i think|i believe|in (?:our|my) view|bets? that|estimates?|if)\b/i;

/** The forecast cue governing absolute position `pos` (same clause, before it, or "target" after it), or null. */
export function forecastCue(ctx: SentenceCtx, pos: number, end = pos): string | null {
  const cs = clauseStart(ctx, pos);
  const before = slice(ctx, cs, pos);
  const m = FORECAST_RE.exec(before);
  if (m && !/(?:than|-)\s*$/.test(before.slice(0, m.index)) && !/^expected$/i.test(m[1])) return m[1];
  const after = slice(ctx, end, clauseEnd(ctx, end));
  const t = /^\s*(?:points?\s+)?(target|forecast|projection|estimate)\b/i.exec(after);
  return t ? t[1] : null;
}

const OBJECT_BEFORE =
  /(?:\b(?:beat|beats|beaten|beating|outperformed|outperforming|outperforms|outperform|outpaced|outpacing|outpaces|topped|topping|trailed|trailing|trails|lagged|lagging|lags|underperformed|underperforming|underperforms|than|versus|vs\.?|against|over|relative to|compared with|compared to|ahead of|behind)\s+(?:the\s+|its\s+|their\s+)?(?:(?:benchmark|index|gauge|fund|broader|wider)\s+)?|\bvs\.?\s+)$/i;

/** "a weight of 1.12% in the Russell 2000", "a member of the S&P 500": the name is a complement. */
const MEMBERSHIP_BEFORE =
  /\b(?:tracked|followed|mirrored|replicated|benchmarked|managed|issued|run) by\s+$|\b(?:weight(?:ing)?|weighted|stake|member|constituent|component|holding|share)s?\b[^,;.]{0,30}?\b(?:in|of|within)\s+(?:the\s+)?$/i;

export function isObject(ctx: SentenceCtx, m: { start: number }): boolean {
  const before = slice(ctx, Math.max(ctx.s.start, m.start - 60), m.start);
  return OBJECT_BEFORE.test(before) || MEMBERSHIP_BEFORE.test(before);
}

/** Name right after a figure: "1.0% for the S&P 500", "a 1.6% decline in large caps". */
function nameAfter(ctx: SentenceCtx, end: number): AliasMention | null {
  const after = slice(ctx, end, Math.min(ctx.s.end, end + 60));
  const m =
    /^\s*(?:(?:gain|rise|advance|increase|return|decline|drop|loss|fall|slide|move|jump|rally|retreat|slump|climb)s?\s+)?(?:for|in)\s+(?:the\s+)?/i.exec(
      after,
    );
  if (!m) return null;
  const at = end + m[0].length;
  return ctx.aliases.find((a) => a.start === at || (a.start === at - 4 && /^the /i.test(a.text))) ?? null;
}

export interface SubjectPick {
  subject: SubjectRef | null;
  how: 'possessive' | 'which' | 'parenthesis' | 'after' | 'before' | 'later' | 'carried' | 'none';
}

/** The subject of a figure spanning [start, end) (absolute offsets). */
/**
 * Things that move in market copy but are not the named series ("oil fell 3%", "yields rose",
 * "S&P 500 earnings grew 5%", "futures"): a figure whose own words name one has no series subject.
 */
const OTHER_SUBJECT =
  /\b(?:oil|crude|brent|wti|gold|silver|copper|bitcoin|ether|dollar|euro|yen|yuan|sterling|treasur(?:y|ies)|bonds?|notes|yields?|rates?|inflation|cpi|ppi|pce|gdp|payrolls|unemployment|jobless|wages|earnings|eps|revenues?|sales|profits?|margins?|guidance|dividends?|buybacks?|volume|volumes|volatility|vix|spending|prices|futures|options|p\/e|multiples?|valuations?|estimates?|flows?|inflows?|outflows?|assets|debt|credit|spreads?)\b/i;

const BINDING: Record<SubjectPick['how'], string> = {
  possessive: 'the possessive name right before the figure ("the S&P 500\'s 1.5% gain")',
  parenthesis: 'the name right before the parenthesis the figure is in ("the S&P 500 (up 1.4%)")',
  which: 'the name the relative clause refers to (", which added 0.55%")',
  after: 'the name right after the figure ("1.0% for the S&P 500")',
  before: 'the nearest name before the figure that is not the object of a comparison',
  later: 'the first name after the figure (no name before it)',
  carried: 'a back-reference ("it", "the index") to the subject of an earlier sentence',
  none: 'no name',
};

/** The subject of a figure, with `binding` saying why (evidence for the reader). */
export function subjectOf(ctx: SentenceCtx, start: number, end: number): SubjectPick {
  const p = pickSubject(ctx, start, end);
  return p.subject ? { ...p, subject: { ...p.subject, binding: BINDING[p.how] } } : p;
}

function pickSubject(ctx: SentenceCtx, start: number, end: number): SubjectPick {
  // "the Nasdaq-100's slim 1.05% rise": a possessive right before the figure owns it.
  const poss = ctx.aliases.filter(
    (a) => a.end <= start && /^(?:'s|’s)\s+(?:[a-z-]+\s+){0,3}$/i.test(slice(ctx, a.end, start)),
  );
  if (poss.length > 0) return { subject: subjectFrom(poss[poss.length - 1]), how: 'possessive' };
  // "the S&P 500 (up 1.4% this year)": a figure in parentheses right after a name is that name's.
  const paren = ctx.aliases.filter((a) => a.end <= start && /^\s*\([^()]*$/.test(slice(ctx, a.end, start)));
  if (paren.length > 0) return { subject: subjectFrom(paren[paren.length - 1]), how: 'parenthesis' };
  // "ahead of the S&P 500, which added 0.55%": the name right before ", which".
  const cs = clauseStart(ctx, start);
  if (/^\s*which\b/i.test(slice(ctx, cs, start))) {
    const prev = ctx.aliases.filter((a) => a.end <= cs && /^[\s,]*$/.test(slice(ctx, a.end, cs)));
    if (prev.length > 0) return { subject: subjectFrom(prev[prev.length - 1]), how: 'which' };
  }
  const after = nameAfter(ctx, end);
  if (after) return { subject: subjectFrom(after), how: 'after' };
  const before = ctx.aliases.filter((a) => a.end <= start && !isObject(ctx, a));
  if (before.length > 0) {
    const a = before[before.length - 1];
    // "The S&P 500 rose 1% as oil fell 3%": the figure belongs to oil, not to the S&P 500.
    if (OTHER_SUBJECT.test(slice(ctx, Math.max(a.end, clauseStart(ctx, start)), start)))
      return { subject: null, how: 'none' };
    if (
      OTHER_SUBJECT.test(slice(ctx, a.end, start)) &&
      /\b(?:as|while|and|after|but|when|with)\b/i.test(slice(ctx, a.end, start))
    )
      return { subject: null, how: 'none' };
    return { subject: subjectFrom(a), how: 'before' };
  }
  if (OTHER_SUBJECT.test(slice(ctx, clauseStart(ctx, start), start))) return { subject: null, how: 'none' };
  const backRef =
    /\b(?:it|its|the (?:index|etf|fund|benchmark|gauge|group|stock|shares|measure|average))\b/i.test(
      slice(ctx, clauseStart(ctx, start), start),
    );
  if (ctx.carried && backRef)
    return {
      subject: { ...ctx.carried, span: null, text: `${ctx.carried.text} (from an earlier sentence)` },
      how: 'carried',
    };
  const later = ctx.aliases.filter(
    (a) => a.start >= end && !isObject(ctx, a) && !/^\s*(?:'s|’s)/.test(slice(ctx, a.end, a.end + 3)),
  );
  if (later.length > 0 && ctx.aliases.every((a) => a.start >= end))
    return { subject: subjectFrom(later[0]), how: 'later' };
  if (ctx.carried && ctx.carriedSameBlock && ctx.aliases.length === 0)
    return {
      subject: { ...ctx.carried, span: null, text: `${ctx.carried.text} (from an earlier sentence)` },
      how: 'carried',
    };
  return { subject: null, how: 'none' };
}

/** The object of a comparison: the first name after `pos` that is an object, else any other name. */
export function objectAfter(ctx: SentenceCtx, pos: number, notLabel: string | null): SubjectRef | null {
  const objs = ctx.aliases.filter((a) => a.start >= pos && isObject(ctx, a) && a.entry.label !== notLabel);
  if (objs.length > 0) return subjectFrom(objs[0]);
  const anyObj = ctx.aliases.filter((a) => isObject(ctx, a) && a.entry.label !== notLabel);
  if (anyObj.length > 0) return subjectFrom(anyObj[0]);
  const other = ctx.aliases.filter((a) => a.entry.label !== notLabel);
  return other.length > 0 ? subjectFrom(other[other.length - 1]) : null;
}

/**
 * The period of a figure at [start, end): a period phrase between the figure and the next figure
 * (or clause end), else between the previous figure and it, else the sentence's only period.
 */
export function periodOf(ctx: SentenceCtx, start: number, end: number, figures: Span[]): PeriodRef | null {
  // "its largest one-day loss since Feb. 27, 2007 (−3.91%)", "IWM on March 17, 2026 (about −0.24%)":
  // a figure in parentheses right after a date (a qualifier or direction word allowed) is that day's.
  const pre = slice(ctx, Math.max(ctx.s.start, start - 40), start);
  const IN_PAREN = /\(\s*(?:(?:about|roughly|nearly|around|almost|approximately|some|just|up|down)\s+)*$/i;
  if (IN_PAREN.test(pre)) {
    const d = ctx.dates.find(
      (x) => x.end <= start && new RegExp(`^\\s*${IN_PAREN.source}`, 'i').test(slice(ctx, x.end, start)),
    );
    const iso = d ? resolveMention(d, ctx.asOf) : null;
    if (iso) return { text: d?.text ?? iso, from: iso, to: iso, day: iso };
  }
  // "since 2010, when IWM led by 7.82 points on the same date": year-to-date of that year.
  const sameDate = sameDateInYear(ctx, start, end);
  if (sameDate) return sameDate;
  const next = figures.filter((f) => f.start >= end).map((f) => f.start);
  const prev = figures.filter((f) => f.end <= start).map((f) => f.end);
  // A list item ends at ';': "IWM on March 17 (−0.24%); QQQ on March 24 (−0.11%)" — the date after
  // the semicolon is the next item's, not this figure's. Same for the item before.
  const semiAfter = ctx.text.indexOf(';', end - ctx.s.start);
  const semiBefore = ctx.text.lastIndexOf(';', start - ctx.s.start - 1);
  const hi = Math.min(
    next.length ? Math.min(...next) : ctx.s.end,
    semiAfter >= 0 ? ctx.s.start + semiAfter : ctx.s.end,
    ctx.s.end,
  );
  const lo = Math.max(
    prev.length ? Math.max(...prev) : ctx.s.start,
    semiBefore >= 0 ? ctx.s.start + semiBefore + 1 : ctx.s.start,
    ctx.s.start,
  );
  const afterP = ctx.periods.find((p) => p.start >= end && p.end <= hi && !superlativeAnchor(ctx, p));
  if (afterP) return afterP.resolve(ctx.asOf);
  const beforeP = ctx.periods.filter((p) => p.start >= lo && p.end <= start && !superlativeAnchor(ctx, p));
  if (beforeP.length > 0) return beforeP[beforeP.length - 1].resolve(ctx.asOf);
  const all = new Map(
    ctx.periods.filter((p) => !superlativeAnchor(ctx, p)).map((p) => [p.text.toLowerCase(), p]),
  );
  if (all.size === 1) return [...all.values()][0].resolve(ctx.asOf);
  // "U.S. stocks rose on Thursday. The Russell 2000 gained 0.76% …": a market wrap's day carries to
  // the next sentence of the paragraph; any other period only with a back-reference ("… 10%
  // year-to-date. Some say it is up more than 10%"). Otherwise no period (precision first).
  const backRef = /\b(?:it|its|the (?:index|fund|etf|benchmark))\b/i.test(
    slice(ctx, clauseStart(ctx, start), start),
  );
  if (ctx.periods.length === 0 && ctx.carriedPeriod && (ctx.carriedPeriod.day || backRef))
    return { ...ctx.carriedPeriod, text: `${ctx.carriedPeriod.text} (from the sentence before)` };
  return null;
}

/** The single period of a sentence (to carry to the next one), or null when it has none or several. */
export function soleSentencePeriod(ctx: SentenceCtx): PeriodRef | null {
  const ps = ctx.periods.filter((p) => !superlativeAnchor(ctx, p));
  const texts = new Set(ps.map((p) => p.text.toLowerCase()));
  return texts.size === 1 ? ps[0].resolve(ctx.asOf) : null;
}

/**
 * "its largest one-day loss since Feb. 27, 2007", "the widest gap since 2010": the date anchors a
 * comparison with the past, it is not the period of the figures around it.
 */
function superlativeAnchor(ctx: SentenceCtx, p: PeriodMention): boolean {
  if (!/^since\b/i.test(p.text)) return false;
  return /\b(?:largest|biggest|best|worst|highest|lowest|longest|widest|narrowest|strongest|weakest|steepest|sharpest|first)\b[^,;.]{0,60}$/i.test(
    slice(ctx, Math.max(ctx.s.start, p.start - 70), p.start),
  );
}

/** "… since 2010, when IWM led by 7.82 points on the same date" → 2010 from its start to the as-of month and day. */
function sameDateInYear(ctx: SentenceCtx, start: number, end: number): PeriodRef | null {
  if (!ctx.asOf) return null;
  const before = slice(ctx, clauseStart(ctx, start) - 40, start);
  const y =
    /\b(?:since|in) (\d{4}),? when\b[^;]*$/i.exec(before) ??
    /\b(?:since|in) (\d{4}),?\s*$/i.exec(slice(ctx, ctx.s.start, clauseStart(ctx, start)));
  const after = slice(ctx, end, Math.min(ctx.s.end, end + 50));
  if (!y || !/\b(?:on the same (?:date|day)|at the same point|at this point)\b/i.test(after)) return null;
  const year = Number(y[1]);
  const to = `${year}${ctx.asOf.slice(4)}`;
  return { text: `${year} to the same date (${to})`, from: `${year}-01-01`, to };
}

/**
 * The day a figure at [start, end) refers to: a single-day period between the previous and the next
 * number of the sentence (after the figure first, then before it), else null (the as-of date).
 */
export function dayNear(ctx: SentenceCtx, start: number, end: number): string | null {
  const lo = Math.max(ctx.s.start, ...ctx.nums.filter((n) => n.end <= start).map((n) => n.end));
  const hi = Math.min(ctx.s.end, ...ctx.nums.filter((n) => n.start >= end).map((n) => n.start));
  const days = ctx.periods
    .filter((p) => p.start >= lo && p.end <= hi)
    .map((p) => ({ p, r: p.resolve(ctx.asOf) }))
    .filter((x) => x.r.day);
  const after = days.find((x) => x.p.start >= end);
  if (after) return after.r.day as string;
  const before = days.filter((x) => x.p.end <= start);
  return before.length > 0 ? (before[before.length - 1].r.day as string) : null;
}
