/**
 * Checks of the article against itself (no data needed):
 * - difference: a stated spread vs the article's own two returns for the same period
 *   ("up 4.5% … down 1.6% … a gap of 6.1 points": 6.1 = 4.5 − (−1.6));
 * - multiple: a discount or premium between two stated multiples (discount = 1 − a/b, premium = a/b − 1);
 * - distance: percentage distance between a target and the current level (target/current − 1);
 * - weekday: a weekday written next to a date ("Thursday, March 5") that does not match it;
 * - closed-day: a market event dated on a day the NYSE was closed (weekend, holiday, special closure);
 * - contributions, sums, averages and counts: self-check-aggregates.ts (over self-check-tables.ts) and self-check-contrib.ts.
 * Each computed value carries `slack`, the uncertainty it inherits from its rounded operands (the
 * largest change of the result when every operand moves by half a unit of its last digit), which the
 * tolerance adds (tolerance.ts).
 */
import { CALENDAR_RANGE, closureReason, isSession } from '../model/calendar.ts';
import { type ClaimSink, qualifierBefore, spanOf } from './claims.ts';
import { clauseStart, type SentenceCtx, slice } from './context.ts';
import { findDates, MONTH_SRC, resolveMention, WEEKDAY_SRC, WEEKDAYS, weekdayOf } from './dates.ts';
import type { ReturnMention } from './extract-returns.ts';
import { fmtSigned, type NumTok } from './numbers.ts';
import type { Claim, PeriodRef } from './types.ts';

export type Operand = { label: string; value: number; decimals: number };

/** Largest |f(corner) − f(x)| with every operand at ± half a unit of its last digit (≤ 6 operands). */
export function roundingSlack(f: (xs: number[]) => number, ops: Operand[]): number {
  const base = f(ops.map((o) => o.value));
  if (ops.length > 6) return ops.reduce((a, o) => a + 0.5 * 10 ** -o.decimals, 0);
  let worst = 0;
  for (let mask = 0; mask < 1 << ops.length; mask++) {
    const xs = ops.map((o, i) => o.value + ((mask >> i) & 1 ? 1 : -1) * 0.5 * 10 ** -o.decimals);
    const v = f(xs);
    if (Number.isFinite(v)) worst = Math.max(worst, Math.abs(v - base));
  }
  return worst;
}

const op = (label: string, t: NumTok, value = t.abs): Operand => ({ label, value, decimals: t.decimals });
const fmt = (x: number, d = 2) =>
  x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 });

// ---------------------------------------------------------------------------------------------
// Discounts and premiums between two multiples.

function multiplesIn(ctx: SentenceCtx): NumTok[] {
  return ctx.nums.filter((t) => {
    if (t.unit === 'times') return true;
    if (t.unit !== null || t.abs >= 200) return false;
    const pre = slice(ctx, Math.max(ctx.s.start, t.start - 40), t.start);
    return (
      /(?:p\/e(?: ratio)?|price[- ]to[- ]earnings(?: ratio)?|multiple|ev\/ebitda)\s+(?:of\s+)?(?:about\s+|roughly\s+|around\s+)?$/i.test(
        pre,
      ) || /^\s*(?:times|x)\b/i.test(slice(ctx, t.end, t.end + 8))
    );
  });
}

export function extractMultiples(ctx: SentenceCtx, sink: ClaimSink): void {
  for (const t of ctx.nums) {
    if (t.unit !== 'pct') continue;
    const after = slice(ctx, t.end, Math.min(ctx.s.end, t.end + 20));
    const pre = slice(ctx, clauseStart(ctx, t.start), t.start);
    const m =
      /^\s*(discount|premium)\b/i.exec(after) ??
      /\b(discount|premium) of\s+(?:about |roughly |nearly |almost |around |some |more than |less than )?$/i.exec(
        pre,
      );
    if (!m) continue;
    const kind = m[1].toLowerCase() as 'discount' | 'premium';
    const mults = multiplesIn(ctx);
    const before = mults.filter((x) => x.end <= t.start);
    const afterM = mults.filter((x) => x.start >= t.end);
    let a: NumTok | undefined;
    let b: NumTok | undefined;
    if (before.length >= 1 && afterM.length >= 1) [a, b] = [before[before.length - 1], afterM[0]];
    else if (before.length >= 2) [a, b] = [before[0], before[1]];
    else if (afterM.length >= 2) [a, b] = [afterM[0], afterM[1]];
    const st = {
      text: `${t.text.trim()} ${kind}`,
      value: t.abs,
      unit: 'pct' as const,
      decimals: t.decimals,
      qualifier: qualifierBefore(pre.replace(/(?:discount|premium) of\s*$/i, '')),
    };
    const base = {
      type: 'multiple' as const,
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: spanOf(t),
      stated: st,
    };
    if (!a || !b) {
      sink.add({
        ...base,
        params: {
          kind: 'self',
          formula: `${kind} = ${kind === 'discount' ? '1 − a/b' : 'a/b − 1'}`,
          operands: [],
          computed: null,
          slack: 0,
          problem: 'the two multiples are not both stated in the sentence',
        },
      });
      continue;
    }
    const ops = [op('multiple', a), op('reference multiple', b)];
    const f =
      kind === 'discount'
        ? (xs: number[]) => (1 - xs[0] / xs[1]) * 100
        : (xs: number[]) => (xs[0] / xs[1] - 1) * 100;
    const computed = f([a.abs, b.abs]);
    sink.add({
      ...base,
      params: {
        kind: 'self',
        formula:
          kind === 'discount'
            ? `discount = (1 − ${fmt(a.abs)}/${fmt(b.abs)}) × 100 = ${fmt(computed)}%`
            : `premium = (${fmt(a.abs)}/${fmt(b.abs)} − 1) × 100 = ${fmt(computed)}%`,
        operands: ops,
        computed,
        slack: roundingSlack(f, ops),
        notes:
          computed < 0
            ? [
                `the first multiple is ${kind === 'discount' ? 'above' : 'below'} the second: that is a ${kind === 'discount' ? 'premium' : 'discount'}`,
              ]
            : [],
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Distance between a target and the current level.

const TARGET_PRE =
  /(?:target(?:s|ed)?(?:\s+of)?|reach(?:es|ing)?|hit(?:s|ting)?|to|toward|towards|forecast(?:\s+of)?|objective(?:\s+of)?|sees?|seeing)\s+(?:about\s+|around\s+|roughly\s+)?$/i;
const CURRENT_PRE =
  /(?:current(?:ly)?(?:\s+level)?(?:\s+of|\s+at)?|its current|now(?:\s+at)?|closed at|close of|last(?:\s+at)?|stands? at|today's|today’s|latest|present level of)\s+(?:about\s+)?$/i;

export function extractDistances(ctx: SentenceCtx, sink: ClaimSink): void {
  const levels = ctx.nums.filter((t) => t.unit === null && t.scale === 1 && t.abs >= 1);
  const target = levels.find(
    (t) =>
      TARGET_PRE.test(slice(ctx, Math.max(ctx.s.start, t.start - 40), t.start)) ||
      /^\s*(?:points?\s+)?target\b/i.test(slice(ctx, t.end, t.end + 20)),
  );
  const current = levels.find(
    (t) => t !== target && CURRENT_PRE.test(slice(ctx, Math.max(ctx.s.start, t.start - 40), t.start)),
  );
  if (!target || !current) return;
  for (const t of ctx.nums) {
    if (t.unit !== 'pct') continue;
    const after = slice(ctx, t.end, Math.min(ctx.s.end, t.end + 60));
    const pre = slice(ctx, Math.max(ctx.s.start, t.start - 40), t.start);
    const am =
      /^\s*(above|below|under|beneath|higher than|lower than|short of|upside|downside|gain|rise|climb|rally|advance|drop|decline|fall|slide|from)\b/i.exec(
        after,
      );
    const pm =
      /\b(upside|downside|gain|rise|decline|drop|fall) of\s+(?:about |roughly |nearly |some )?$/i.exec(pre) ??
      /\bimplying\s+(?:a |an )?(?:about |roughly |nearly )?$/i.exec(pre);
    if (!am && !pm) continue;
    const word = (am?.[1] ?? pm?.[1] ?? '').toLowerCase();
    const down = /below|under|beneath|lower|short|downside|drop|decline|fall|slide/.test(word);
    const refIsTarget = am
      ? /\b(?:the|its|a)\s+(?:[\d,.]+\s+)?(?:price\s+)?target\b/i.test(
          after.slice(am[0].length, am[0].length + 40),
        )
      : false;
    const ref = refIsTarget ? target : current;
    const other = refIsTarget ? current : target;
    const ops = [op(refIsTarget ? 'current' : 'target', other), op(refIsTarget ? 'target' : 'current', ref)];
    const up = word === 'from' ? other.abs >= ref.abs : !down;
    const f = up ? (xs: number[]) => (xs[0] / xs[1] - 1) * 100 : (xs: number[]) => (1 - xs[0] / xs[1]) * 100;
    const computed = f([other.abs, ref.abs]);
    sink.add({
      type: 'distance',
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: spanOf(t),
      stated: {
        text: `${t.text.trim()} ${word}`.trim(),
        value: t.abs,
        unit: 'pct',
        decimals: t.decimals,
        qualifier: qualifierBefore(
          pre.replace(/(?:upside|downside|gain|rise|decline|drop|fall) of\s*$|implying\s+(?:a |an )?$/i, ''),
        ),
      },
      params: {
        kind: 'self',
        formula: up
          ? `(${fmt(other.abs)} / ${fmt(ref.abs)} − 1) × 100 = ${fmt(computed)}%`
          : `(1 − ${fmt(other.abs)} / ${fmt(ref.abs)}) × 100 = ${fmt(computed)}%`,
        operands: ops,
        computed,
        slack: roundingSlack(f, ops),
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Weekday names next to dates.

const WD_RES = [
  new RegExp(`\\b(${WEEKDAY_SRC}),?\\s+(${MONTH_SRC}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)`, 'g'),
  new RegExp(
    `\\b(${WEEKDAY_SRC})\\s*\\(\\s*(${MONTH_SRC}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)\\s*\\)`,
    'g',
  ),
];
const WD_AFTER = new RegExp(
  `\\b(${MONTH_SRC}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)\\s*(?:,\\s*(?:a|which was a)\\s+|\\(\\s*)(${WEEKDAY_SRC})\\b`,
  'g',
);

export function extractWeekdays(ctx: SentenceCtx, sink: ClaimSink): void {
  const found: { start: number; end: number; wd: string; dateText: string }[] = [];
  for (const re of WD_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text))
      found.push({
        start: ctx.s.start + m.index,
        end: ctx.s.start + m.index + m[0].length,
        wd: m[1],
        dateText: m[2],
      });
  }
  WD_AFTER.lastIndex = 0;
  for (let m = WD_AFTER.exec(ctx.text); m !== null; m = WD_AFTER.exec(ctx.text))
    found.push({
      start: ctx.s.start + m.index,
      end: ctx.s.start + m.index + m[0].length,
      wd: m[2],
      dateText: m[1],
    });
  const seen = new Set<number>();
  for (const f of found) {
    if (seen.has(f.start)) continue;
    seen.add(f.start);
    const d = findDates(f.dateText)[0];
    const iso = d ? resolveMention(d, ctx.asOf) : null;
    const base = {
      type: 'weekday' as const,
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: { start: f.start, end: f.end },
      stated: { text: f.wd, value: f.wd, unit: 'weekday' as const, decimals: 0, qualifier: 'exact' as const },
    };
    if (!iso) {
      sink.add({
        ...base,
        params: { kind: 'weekday', date: '', weekday: f.wd },
        preset: {
          verdict: 'unverifiable',
          reason: `"${f.dateText}" has no year and no as-of date gives one`,
        },
      });
      continue;
    }
    sink.add({ ...base, params: { kind: 'weekday', date: iso, weekday: WEEKDAYS[weekdayOf(iso)] } });
  }
}

// ---------------------------------------------------------------------------------------------
// Market events on days the NYSE was closed.

const EVENT_RE =
  /\b(?:rose|fell|gained|lost|closed|ended|finished|traded|rallied|slid|dropped|climbed|jumped|broke|hit|set|opened|advanced|declined|tumbled|surged|sank|slipped|plunged|soared|added|shed|rebounded|beat|outperformed|lagged|trailed|up|down)\b/i;

/** Sentences about the closure itself ("markets were closed on Monday for the holiday"). */
const ABOUT_CLOSURE =
  /\b(?:was|were|is|are|be|remain(?:ed|s)?|stay(?:ed|s)?) (?:closed|shut)\b|\b(?:closed|shut) (?:for|in observance)\b|\bholiday\b|\bno trading\b|\bmarkets? closed\b/i;

export function extractClosedDays(ctx: SentenceCtx, sink: ClaimSink): void {
  if (!EVENT_RE.test(ctx.text) || ABOUT_CLOSURE.test(ctx.text)) return;
  const days = new Map<string, { start: number; end: number; text: string }>();
  for (const p of ctx.periods) {
    const r = p.resolve(ctx.asOf);
    if (r.day && !days.has(r.day)) days.set(r.day, { start: p.start, end: p.end, text: p.text });
  }
  for (const [day, p] of days) {
    if (day < CALENDAR_RANGE.first || day > CALENDAR_RANGE.last) continue;
    const open = isSession(day);
    const reason = open ? null : closureReason(day);
    sink.add({
      type: 'closed-day',
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: { start: p.start, end: p.end },
      stated: { text: p.text, value: day, unit: 'date', decimals: 0, qualifier: 'exact' },
      params: { kind: 'closed-day', date: day, reason: reason ?? '' },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Differences: a stated spread vs the article's own two returns.

function samePeriod(a: PeriodRef | null, b: PeriodRef | null): boolean {
  if (!a || !b) return a === b;
  return a.named === b.named && a.from === b.from && a.to === b.to && a.day === b.day;
}

export function extractDifferences(
  spreads: Claim[],
  returns: { mention: ReturnMention; sentence: number }[],
  sentenceOf: (c: Claim) => number,
  sink: ClaimSink,
): void {
  const bySentence = new Map<number, { mention: ReturnMention; sentence: number }[]>();
  for (const r of returns) {
    const l = bySentence.get(r.sentence) ?? [];
    l.push(r);
    bySentence.set(r.sentence, l);
  }
  for (const sp of spreads) {
    if (sp.params.kind !== 'spread') continue;
    const p = sp.params;
    const si = sentenceOf(sp);
    const near = [si - 2, si - 1, si]
      .flatMap((k) => bySentence.get(k) ?? [])
      .filter((r) => r.mention.claim.params.kind === 'return');
    const periodOfR = (r: ReturnMention) => (r.claim.params.kind === 'return' ? r.claim.params.period : null);
    const pick = (label: string | undefined) =>
      label === undefined
        ? undefined
        : [...near]
            .reverse()
            .find(
              (r) =>
                r.mention.subject?.label === label &&
                (p.period === null || samePeriod(periodOfR(r.mention), p.period)),
            )?.mention;
    let ra = pick(p.a?.label);
    let rb = pick(p.b?.label);
    if ((!ra || !rb) && !p.signed) {
      const inSentence = near.filter((r) => r.sentence === si).map((r) => r.mention);
      if (inSentence.length === 2 && inSentence[0].subject?.label !== inSentence[1].subject?.label)
        [ra, rb] = inSentence;
    }
    if (!ra || !rb || ra === rb) continue;
    if (!p.signed && rb.claim.focus.start < ra.claim.focus.start) [ra, rb] = [rb, ra]; // a gap reads in text order
    const va = ra.claim.stated.value as number;
    const vb = rb.claim.stated.value as number;
    if (ra.claim.stated.qualifier !== 'exact' || rb.claim.stated.qualifier !== 'exact') continue;
    const ops: Operand[] = [
      { label: ra.subject?.label ?? 'A', value: va, decimals: ra.claim.stated.decimals },
      { label: rb.subject?.label ?? 'B', value: vb, decimals: rb.claim.stated.decimals },
    ];
    const f = p.signed ? (xs: number[]) => xs[0] - xs[1] : (xs: number[]) => Math.abs(xs[0] - xs[1]);
    const computed = f([va, vb]);
    const stated = p.signed ? sp.stated : { ...sp.stated, value: Math.abs(sp.stated.value as number) };
    sink.add({
      type: 'difference',
      text: sp.text,
      span: sp.span,
      focus: sp.focus,
      stated,
      params: {
        kind: 'self',
        formula: `${p.signed ? '' : '|'}${fmtSigned(va, ra.claim.stated.decimals)} − (${fmtSigned(vb, rb.claim.stated.decimals)})${p.signed ? '' : '|'} = ${fmt(computed, 3)} pts (${ops[0].label} minus ${ops[1].label}, as stated in the article)`,
        operands: ops,
        computed,
        slack: roundingSlack(f, ops),
      },
    });
  }
}
