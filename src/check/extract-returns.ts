/**
 * Returns, spreads and "flat" in sentences.
 *
 * A percent figure is a RETURN when a direction word governs it — a verb before it in its clause
 * ("rose", "fell", "is up", "gained some", "was down more than"), a noun after it ("a 5.3% gain",
 * "a 1.6% decline"), a neutral verb ("returned", "posted") with the figure's own sign, an explicit
 * sign ("(+9.6% YTD)"), or a contrast ("versus 1.0% for the S&P 500", direction inherited from the
 * figure before it). Figures that are weights, yields, rates, discounts/premiums, distances ("3% below
 * its record") or shares are not returns (other extractors take some of them).
 * A SPREAD is a figure in percentage points (or basis points) with a comparison word: outperform(ed),
 * beat, topped, outpaced, led, ahead of (A − B > 0); underperform(ed), trailed, lagged, behind (< 0);
 * gap, spread, difference, margin (|A − B|). A and B are the subject and the compared name.
 * FLAT: "little changed", "flat", "unchanged" — a return within ±0.1%.
 */
import { type ClaimSink, qualifierBefore, spanOf, stated } from './claims.ts';
import {
  clauseStart,
  forecastCue,
  objectAfter,
  periodOf,
  type SentenceCtx,
  slice,
  subjectOf,
} from './context.ts';
import { resolveMention } from './dates.ts';
import type { NumTok } from './numbers.ts';
import type { Claim, Span, SubjectRef } from './types.ts';

const UP =
  'rise|gain|climb|add|advance|jump|rally|surge|soar|increase|rebound|grow|rose|rises|rising|risen|gained|gains|gaining|climbed|climbs|climbing|added|adds|adding|advanced|advances|advancing|jumped|jumps|jumping|rallied|rallies|rallying|surged|surges|surging|soared|soars|soaring|increased|increases|rebounded|rebounds|rebounding|grew|grows|up|higher|popped|spiked|firmed|recovered|picked up';
const DOWN =
  'fall|drop|decline|lose|slide|slip|sink|tumble|plunge|retreat|decrease|ease|dip|slump|fell|falls|falling|fallen|dropped|drops|dropping|declined|declines|declining|lost|loses|losing|slid|slides|sliding|slipped|slips|slipping|sank|sinks|sinking|tumbled|tumbles|tumbling|plunged|plunges|plunging|plummeted|retreated|retreats|retreating|decreased|decreases|down|lower|shed|sheds|shedding|eased|eases|dipped|dips|slumped|slumps|skidded|crashed|cratered|gave up|gives up|gave back|sold off';
const NEUTRAL =
  'returned|returns|returning|delivered|delivers|posted|posts|changed|moved|was|is|were|are|stood|stands|ended|finished|closed';
const UP_NOUN = 'gain|gains|rise|rally|advance|jump|climb|surge|increase|rebound|upswing|pop|higher';
const DOWN_NOUN =
  'decline|declines|drop|drops|loss|losses|fall|slide|slump|retreat|decrease|pullback|selloff|sell-off|dip|plunge|tumble|drawdown|lower';
const NEUTRAL_NOUN = 'return|returns|move|change|performance';

const VERB_BEFORE = new RegExp(`\\b(${UP}|${DOWN}|${NEUTRAL})\\b([^%\\d]{0,40})$`, 'i');
const NOUN_AFTER = new RegExp(`^\\s*(?:\\)\\s*)?(${UP_NOUN}|${DOWN_NOUN}|${NEUTRAL_NOUN})\\b`, 'i');
const UP_SET = new Set(UP.split('|'));
const DOWN_SET = new Set(DOWN.split('|'));
const UPN = new Set(UP_NOUN.split('|'));
const DOWNN = new Set(DOWN_NOUN.split('|'));

const NOT_RETURN_AFTER =
  /^\s*(?:discount|premium|weight(?:ing)?|stake|of (?:the )?(?:index|fund|benchmark|etf|portfolio|market|assets|total|company|companies|members|stocks|constituents|s&p|russell)|above|below|under|beneath|short of|away from|shy of|off (?:its|the|their)|from (?:its|the|their) (?:record|high|peak|all-time|low)|upside|downside|chance|probability|odds|yield|dividend|annual(?:ized)? (?:rate|yield)|interest|tax|fee|margin|share|of earnings|of revenue|of sales|of gdp|inflation|unemployment|rate|points?)\b/i;
const NOT_RETURN_BEFORE =
  /(?:averag(?:e|es|ed|ing)(?: of)?|mean of|weight(?:ing)?(?: of)?|weighted at|accounts? for|accounting for|makes? up|making up|represents?|representing|yield(?:s|ing|ed)?(?: of)?|rates?(?: of)?|discount of|premium of|upside of|downside of|stake of|probability of|chance of|odds of|share of|margin of|inflation(?: of| at| rate of)?|unemployment(?: rate)?(?: of| at)?|ownership of|a target of|target of|growth of|tax of|fee of|coupon of)\s*(?:about |roughly |nearly |almost |just |some |around |more than |less than |over |under )?$/i;

/** Direction of a figure: +1 up, −1 down, 0 neutral (sign from the number), null when not a return. */
function direction(ctx: SentenceCtx, t: NumTok, prevDir: number | null): { dir: number; cue: string } | null {
  const after = slice(ctx, t.end, Math.min(ctx.s.end, t.end + 30));
  const cs = clauseStart(ctx, t.start);
  const pre = slice(ctx, cs, t.start);
  if (NOT_RETURN_AFTER.test(after) || NOT_RETURN_BEFORE.test(pre)) return null;
  const noun = NOUN_AFTER.exec(after);
  if (noun) {
    const w = noun[1].toLowerCase();
    return { dir: UPN.has(w) ? 1 : DOWNN.has(w) ? -1 : 0, cue: w };
  }
  const verb = VERB_BEFORE.exec(pre);
  if (verb && !/[,;]/.test(verb[2])) {
    const w = verb[1].toLowerCase();
    const between = verb[2].toLowerCase();
    if (/\b(?:to|toward|towards|from)\s*$/.test(between) && !/\b(?:up|down)\s+to\s*$/.test(between))
      return null; // "rose to 2,400", "fell from"
    if (UP_SET.has(w)) return { dir: 1, cue: w };
    if (DOWN_SET.has(w)) return { dir: -1, cue: w };
    // neutral verbs ("was", "closed") count only with an explicit sign or a following up/down word
    if (/^(?:was|is|were|are|stood|stands|ended|finished|closed)$/.test(w)) {
      if (/\b(?:up|higher)\b/.test(between)) return { dir: 1, cue: 'up' };
      if (/\b(?:down|lower)\b/.test(between)) return { dir: -1, cue: 'down' };
      if (t.sign !== 0) return { dir: 0, cue: w };
      return null;
    }
    return { dir: 0, cue: w };
  }
  if (
    /(?:versus|vs\.?|against|compared with|compared to|and|while)\s+(?:a |an )?$/i.test(pre) &&
    prevDir !== null &&
    /^\s*(?:for|in)\b/i.test(after)
  )
    return { dir: prevDir, cue: 'contrast' };
  if (t.sign !== 0) return { dir: 0, cue: 'sign' };
  return null;
}

const SPREAD_POS =
  /\b(outperform\w*|beat|beats|beaten|beating|topped|tops|topping|outpac\w*|led|leads|leading|ahead|better)\b/i;
const SPREAD_NEG = /\b(underperform\w*|trail\w*|lag\w*|behind|worse)\b/i;
const SPREAD_ABS = /\b(gap|spread|difference|margin|divergence|lead|gulf)\b/i;
const CONTRIB_BEFORE =
  /(?:contribut\w*|added|adding|adds|subtract\w*|took|taking|takes|shaved|knocked|lifted|dragged|accounted for|cost|clipped|trimmed)\s+(?:about |roughly |nearly |some |almost |around |more than |less than |over )?(?:a combined |an? )?$/i;

/**
 * Sentences whose percentages are statistics of returns, not returns: a standard deviation or
 * volatility ("the standard deviation of its daily returns is 1.64% (26.01% annualised)"), an
 * adjustment factor ("rescaled by −0.24%"), a correlation. Their figures are unverifiable, with this reason.
 */
const STATISTIC =
  /\b(standard deviation|std\.? dev|volatility|annuali[sz]ed|rescaled|adjustment[- ]basis|splices?|correlation|tracking error|beta of|sharpe)\b/i;

/**
 * A paragraph about a data adjustment ("Adjustment-basis splices: … The windows in this report span
 * IWM on March 17, 2026 (about −0.24%)"): a bare signed figure in a later sentence of that paragraph,
 * with no return verb or noun of its own, is the adjustment's size (a step in the ratio to another
 * copy of the series), not the day's return. extract.ts carries this cue through the paragraph.
 */
export const ADJUSTMENT_TOPIC = /\b(rescaled|adjustment[- ]basis|splices?)\b/i;

export function adjustmentTopic(ctx: SentenceCtx): string | null {
  return ADJUSTMENT_TOPIC.exec(ctx.text)?.[1] ?? null;
}

function statisticCue(ctx: SentenceCtx, directionCue: string): string | null {
  const m = STATISTIC.exec(ctx.text);
  if (m)
    return `"${m[1]}": a statistic of returns or an adjustment, not a period return (the checker does not recompute it)`;
  if (ctx.topic && directionCue === 'sign')
    return `a bare signed figure in a paragraph about a data adjustment ("${ctx.topic}" earlier in the paragraph): the size of the adjustment, not a period return (the checker does not recompute it)`;
  return null;
}

/**
 * "IWM on March 17, 2026 (a one-day step of about −0.24%)" in a sentence or paragraph about a splice:
 * the figure is the step of that series' splice on that date. Returns the date, or null.
 */
function spliceStepDate(ctx: SentenceCtx, t: NumTok): string | null {
  if (!ADJUSTMENT_TOPIC.test(ctx.text) && !ctx.topic) return null;
  const d = ctx.dates.find(
    (x) =>
      x.end <= t.start &&
      /^,?\s*\(\s*(?:a\s+)?(?:one-day\s+)?(?:step\s+of\s+)?(?:(?:about|roughly|nearly|around|approximately)\s+)?$/i.test(
        slice(ctx, x.end, t.start),
      ) &&
      /\bon\s+$/i.test(slice(ctx, Math.max(ctx.s.start, x.start - 4), x.start)),
  );
  return d ? resolveMention(d, ctx.asOf) : null;
}

export interface ReturnMention {
  claim: Claim;
  subject: SubjectRef | null;
  dir: number;
}

export function extractReturns(ctx: SentenceCtx, sink: ClaimSink): ReturnMention[] {
  const out: ReturnMention[] = [];
  const figures: Span[] = ctx.nums
    .filter((n) => n.unit === 'pct' || n.unit === 'pts' || n.unit === 'bps')
    .map(spanOf);
  let prevDir: number | null = null;
  for (const t of ctx.nums) {
    if (sink.full) break;
    if (t.unit === 'pct') prevDir = addReturn(ctx, sink, t, figures, prevDir, out);
    else if (t.unit === 'pts' || t.unit === 'bps' || (t.unit === 'points' && t.abs < 100))
      addSpread(ctx, sink, t, figures);
  }
  extractQualitative(ctx, sink, figures);
  extractFlat(ctx, sink, figures, out);
  return out;
}

/**
 * A percentage move ("rose 4.64%"): a return claim (or a forecast, a statistic, a splice step).
 * Returns the direction the next figure inherits.
 */
function addReturn(
  ctx: SentenceCtx,
  sink: ClaimSink,
  t: NumTok,
  figures: Span[],
  prevDir: number | null,
  out: ReturnMention[],
): number | null {
  const d = direction(ctx, t, prevDir);
  if (!d) return prevDir;
  // An explicit sign wins over a direction inherited from the figure before ("rose 4.64%, against −0.47% for SPY").
  const sign = d.dir === 0 || (d.cue === 'contrast' && t.sign !== 0) ? (t.sign === -1 ? -1 : 1) : d.dir;
  const next = d.dir === 0 ? sign : d.dir;
  const pre = slice(ctx, clauseStart(ctx, t.start), t.start);
  const q = qualifierBefore(pre.replace(new RegExp(`\\b(?:${UP}|${DOWN})\\s*$`, 'i'), ''));
  const subj = subjectOf(ctx, t.start, t.end);
  const period = periodOf(ctx, t.start, t.end, figures);
  const cue = forecastCue(ctx, t.start, t.end);
  const st = stated(
    t,
    sign * t.abs,
    'pct',
    q,
    `${d.cue === 'sign' || d.cue === 'contrast' ? '' : `${d.cue} `}${t.text.trim()}`,
  );
  const stat = cue ? null : statisticCue(ctx, d.cue);
  const spliceDate = stat && subj.subject ? spliceStepDate(ctx, t) : null;
  if (spliceDate && subj.subject) {
    // Checked against the loader's splice repair (verify-splices.ts).
    sink.add({
      type: 'return',
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: spanOf(t),
      stated: st,
      params: { kind: 'splice-step', subject: subj.subject, date: spliceDate },
    });
    return next;
  }
  const c = sink.add({
    type: cue ? 'forecast' : 'return',
    text: ctx.s.text,
    span: spanOf(ctx.s),
    focus: spanOf(t),
    stated: st,
    params: cue ? { kind: 'forecast', cue } : { kind: 'return', subject: subj.subject, period },
    preset: cue
      ? { verdict: 'unverifiable', reason: `forecast or opinion (cue: "${cue}"): not checked as a fact` }
      : stat
        ? { verdict: 'unverifiable', reason: stat }
        : undefined,
  });
  if (c && !cue && !stat) out.push({ claim: c, subject: subj.subject, dir: sign });
  return next;
}

/** A gap in points or basis points ("4.2 points ahead of", "a 150-bp gap"): a spread claim. */
function addSpread(ctx: SentenceCtx, sink: ClaimSink, t: NumTok, figures: Span[]): void {
  const cs = clauseStart(ctx, t.start);
  const pre = slice(ctx, cs, t.start);
  if (CONTRIB_BEFORE.test(pre)) return; // contributions: self-check.ts
  const after = slice(ctx, t.end, Math.min(ctx.s.end, t.end + 40));
  if (/^\s*(?:to|from|off)\s+(?:the\s+)?(?:index|fund|benchmark|return|performance|gain|loss)/i.test(after))
    return;
  // The comparison word nearest the figure decides: before it (within 80 characters) or just after.
  const beforeTxt = slice(ctx, Math.max(ctx.s.start, t.start - 80), t.start);
  const afterTxt = after.slice(0, 25);
  let best: { kind: 'pos' | 'neg' | 'abs'; dist: number } | null = null;
  for (const [kind, re] of [
    ['pos', SPREAD_POS],
    ['neg', SPREAD_NEG],
    ['abs', SPREAD_ABS],
  ] as const) {
    const g = new RegExp(re.source, 'gi');
    for (let m = g.exec(beforeTxt); m !== null; m = g.exec(beforeTxt)) {
      const dist = beforeTxt.length - m.index;
      if (!best || dist < best.dist) best = { kind, dist };
    }
  }
  // Right after the figure only "ahead of / better than / behind / worse than" count.
  const am = /^\s*(ahead|better|behind|worse)\b/i.exec(afterTxt);
  if (am) best = { kind: /ahead|better/i.test(am[1]) ? 'pos' : 'neg', dist: 0 };
  if (!best && t.unit !== 'pts') return;
  const signed = best !== null && best.kind !== 'abs';
  const sign = best?.kind === 'neg' ? -1 : 1;
  const value = (t.unit === 'bps' ? t.abs / 100 : t.abs) * (signed ? sign : 1);
  const st = {
    ...stated(t, value, 'pts', qualifierBefore(pre)),
    decimals: t.unit === 'bps' ? t.decimals + 2 : t.decimals,
  };
  const cue = forecastCue(ctx, t.start, t.end);
  const subjA = subjectOf(ctx, t.start, t.end).subject;
  const subjB = objectAfter(ctx, Math.max(ctx.s.start, t.start - 80), subjA?.label ?? null);
  const period = periodOf(ctx, t.start, t.end, figures);
  sink.add({
    type: cue ? 'forecast' : 'spread',
    text: ctx.s.text,
    span: spanOf(ctx.s),
    focus: spanOf(t),
    stated: st,
    params: cue ? { kind: 'forecast', cue } : { kind: 'spread', a: subjA, b: subjB, period, signed },
    preset: cue
      ? { verdict: 'unverifiable', reason: `forecast or opinion (cue: "${cue}"): not checked as a fact` }
      : undefined,
  });
}

/** "little changed", "flat", "unchanged": a return of about zero. */
function extractFlat(ctx: SentenceCtx, sink: ClaimSink, figures: Span[], out: ReturnMention[]): void {
  const flatRe =
    /\b(?:little changed|flat|unchanged|barely changed|virtually unchanged|essentially flat|roughly flat|barely moved)\b/gi;
  for (let m = flatRe.exec(ctx.text); m !== null; m = flatRe.exec(ctx.text)) {
    const start = ctx.s.start + m.index;
    const end = start + m[0].length;
    const before = slice(ctx, clauseStart(ctx, start), start);
    if (
      /\b(?:rates?|yields?|guidance|dividend|policy|outlook|forecasts?|earnings|sales|revenue|volume)\s+(?:\w+\s+){0,2}$/i.test(
        before,
      )
    )
      continue;
    // "after rising or holding flat": one of two alternatives, not a claim that it was flat.
    if (/\bor\s+(?:\w+\s+)?$/i.test(before)) continue;
    const subj = subjectOf(ctx, start, end);
    const period = periodOf(ctx, start, end, figures);
    const c = sink.add({
      type: 'return',
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: { start, end },
      stated: { text: m[0], value: 0, unit: 'pct', decimals: 1, qualifier: 'flat' },
      params: { kind: 'return', subject: subj.subject, period },
    });
    if (c) out.push({ claim: c, subject: subj.subject, dir: 0 });
  }
}

/**
 * Qualitative moves without a figure, each with a documented range in percent (tolerance.ts):
 * "gone nowhere" |c| < 1; "modest gain(s)" 0 < c < 2; "edged/inched higher|up" 0 < c < 0.5;
 * "edged/inched lower|down" −0.5 < c < 0; "plunged / tumbled / sank / plummeted" c ≤ −2;
 * "soared / surged" c ≥ 2. Only when the clause states no percentage itself (then the figure is checked).
 */
const QUALITATIVE: { re: RegExp; lo: number | null; hi: number | null; meaning: string }[] = [
  { re: /\b(?:gone|went|going|has gone) nowhere\b/gi, lo: -1, hi: 1, meaning: '|change| < 1%' },
  { re: /\bmodest (?:gains?|rise|advance|increase)\b/gi, lo: 0, hi: 2, meaning: '0 < change < 2%' },
  { re: /\b(?:edged|inched) (?:up|higher)\b/gi, lo: 0, hi: 0.5, meaning: '0 < change < 0.5%' },
  { re: /\b(?:edged|inched) (?:down|lower)\b/gi, lo: -0.5, hi: 0, meaning: '−0.5% < change < 0' },
  {
    re: /\b(?:plunged|plummeted|tumbled|sank|cratered)\b/gi,
    lo: null,
    hi: -2 + 1e-9,
    meaning: 'change ≤ −2%',
  },
  { re: /\b(?:soared|surged|skyrocketed)\b/gi, lo: 2 - 1e-9, hi: null, meaning: 'change ≥ 2%' },
];

function extractQualitative(ctx: SentenceCtx, sink: ClaimSink, figures: Span[]): void {
  for (const q of QUALITATIVE) {
    q.re.lastIndex = 0;
    for (let m = q.re.exec(ctx.text); m !== null; m = q.re.exec(ctx.text)) {
      const start = ctx.s.start + m.index;
      const end = start + m[0].length;
      const clause = slice(ctx, clauseStart(ctx, start), Math.min(ctx.s.end, end + 40));
      if (/\d\s*(?:%|percent|points?|pts)/i.test(clause)) continue; // the figure itself is the claim
      if (forecastCue(ctx, start, end)) continue;
      const subj = subjectOf(ctx, start, end);
      if (!subj.subject) continue;
      const period = periodOf(ctx, start, end, figures);
      sink.add({
        type: 'return',
        text: ctx.s.text,
        span: spanOf(ctx.s),
        focus: { start, end },
        stated: {
          text: m[0],
          value: q.lo ?? q.hi,
          unit: 'pct',
          decimals: 1,
          qualifier: 'range',
          range: { lo: q.lo, hi: q.hi, meaning: q.meaning },
        },
        params: { kind: 'return', subject: subj.subject, period },
      });
    }
  }
}
