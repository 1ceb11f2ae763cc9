/**
 * The rank of a streak: a second claim about the streak a sentence states.
 * - "the longest since March 1999 / since 2011", "the first such run since 2011", "the longest on
 *   record", "equalling a record that had stood since 1987", "the longest since a 9-session run that
 *   ended on Oct. 1, 2013" (→ since October 2013);
 * - "the longest in (nearly) 12 years", "not seen in 14 years" (how long ago the last such run ended);
 * - a question answered by a bare date in the next sentence of the same paragraph: "The last time we
 *   saw a run like this? March 2009." (rankQuestion + extractRankAnswer): the answer binds to the
 *   streak stated last before the question, and the earlier run at least as long must fall in
 *   (touch) the named month or year.
 */
import type { ClaimSink } from './claims.ts';
import type { SentenceCtx } from './context.ts';
import { MONTH_SRC, monthNumber } from './dates.ts';
import { COUNT_WORD, wordToNumber } from './numbers.ts';
import type { Claim, Span } from './types.ts';

const SINCE_RES: { re: RegExp; record: boolean; equal?: boolean }[] = [
  {
    // "equalling a record that had stood since 1987"
    re: new RegExp(
      `\\b(?:equall?(?:ing|ed|s)|match(?:ing|ed|es)|tying|tied|ties)\\s+(?:a|the)\\s+record\\b[^.;]{0,40}?\\bsince\\s+(?:(${MONTH_SRC})\\s+)?(\\d{4})\\b`,
      'gi',
    ),
    record: false,
    equal: true,
  },
  {
    // "the longest since a 9-session run that ended on Oct. 1, 2013" → since October 2013
    re: new RegExp(
      `\\b(?:longest|best|worst)\\b[^.;]{0,60}?\\bsince\\s+(?:a|an|the)\\s+\\S+[ -](?:session|day)[ -](?:run|streak|stretch)(?:\\s+that)?\\s+ended\\s+(?:on\\s+)?(${MONTH_SRC})\\s+\\d{1,2},?\\s+(\\d{4})`,
      'gi',
    ),
    record: false,
  },
  {
    re: new RegExp(
      `\\b(?:longest|best|worst|first)\\b[^.;]{0,60}?\\bsince\\s+(?:(${MONTH_SRC})\\s+)?(\\d{4})\\b`,
      'gi',
    ),
    record: false,
  },
  {
    re: /\b(?:longest|best|worst)\b[^.;]{0,60}?\b(?:on record|ever|in (?:its|their|the index's|the index’s|the fund's|the fund’s) (?:history|existence)|in history|in the data|of all time)\b/gi,
    record: true,
  },
];

/** "the longest in nearly 12 years", "a run not seen in 14 years", "the first time in more than 10 years". */
const YEARS_AGO = new RegExp(
  `\\b(?:longest|best|worst|first|biggest|strongest|not seen|unseen)\\b[^.;]{0,60}?\\b(?:in|for)\\s+(nearly|almost|just under|about|roughly|some|around|more than|over)?\\s*(${COUNT_WORD})\\s+years\\b`,
  'i',
);

type StreakClaim = Omit<Claim, 'id'> & { params: Extract<Claim['params'], { kind: 'streak' }> };

function yearsQualifier(w: string): 'exact' | 'nearly' | 'about' | 'more-than' {
  if (/nearly|almost|just under/.test(w)) return 'nearly';
  if (/about|roughly|some|around/.test(w)) return 'about';
  if (/more than|over/.test(w)) return 'more-than';
  return 'exact';
}

/** The rank claim of a streak stated in this sentence ("the longest since …", "in N years"), if any. */
export function extractRankClaim(ctx: SentenceCtx, sink: ClaimSink, streak: StreakClaim): void {
  const ym = YEARS_AGO.exec(ctx.text);
  if (ym) {
    const n = wordToNumber(ym[2]) ?? 0;
    const ss = ctx.s.start + ym.index;
    sink.add({
      ...streak,
      focus: { start: ss, end: ss + ym[0].length },
      stated: { text: ym[0], value: `${n} years`, unit: 'date', decimals: 0, qualifier: 'exact' },
      params: {
        ...streak.params,
        since: {
          year: null,
          month: null,
          record: false,
          yearsAgo: { n, qualifier: yearsQualifier((ym[1] ?? '').toLowerCase()) },
        },
      },
    });
    return;
  }
  for (const { re, record, equal } of SINCE_RES) {
    re.lastIndex = 0;
    const sm = re.exec(ctx.text);
    if (!sm) continue;
    const ss = ctx.s.start + sm.index;
    const year = record ? null : Number(sm[2]);
    const month = record || !sm[1] ? null : monthNumber(sm[1]);
    const value = record ? 'record' : month ? `${year}-${String(month).padStart(2, '0')}` : String(year);
    sink.add({
      ...streak,
      focus: { start: ss, end: ss + sm[0].length },
      stated: { text: sm[0], value, unit: 'date', decimals: 0, qualifier: 'exact' },
      params: { ...streak.params, since: { year, month, record, ...(equal ? { equal } : {}) } },
    });
    return;
  }
}

/** "The last time we saw a run like this?", "When was the last time small caps did that?" */
const RANK_QUESTION =
  /\b(?:(?:the|when was the) last time|when did (?:we|you|it|they|\w+(?: \w+)?) last)\b[^?]{0,80}\?\s*$/i;
/** The answer: a bare month and year or year ("March 2009.", "Not since 1987.", "That was in May 2015."). */
const RANK_ANSWER = new RegExp(
  `^\\s*(?:(?:not since|not until|back in|that was(?: in)?|it was(?: in)?|in)\\s+)?(?:(${MONTH_SRC})\\s+)?(\\d{4})\\s*[.!]?\\s*$`,
  'i',
);

export interface RankQuestion {
  /** The streak the question is about (the last streak stated before it in the paragraph). */
  streak: Claim;
  question: Span;
  /** Index of the question sentence: the answer must be the next one. */
  sentence: number;
}

/** A question sentence about the rank of the streak stated last before it, or null. */
export function rankQuestion(ctx: SentenceCtx, streak: Claim | null): RankQuestion | null {
  if (streak?.params.kind !== 'streak' || streak.params.since) return null;
  if (!RANK_QUESTION.test(ctx.text)) return null;
  return { streak, question: { start: ctx.s.start, end: ctx.s.end }, sentence: ctx.s.index };
}

/** The date that answers a rank question: a "since" claim on the question's streak. */
export function extractRankAnswer(ctx: SentenceCtx, q: RankQuestion, full: string, sink: ClaimSink): void {
  if (ctx.s.index !== q.sentence + 1 || q.streak.params.kind !== 'streak') return;
  const m = RANK_ANSWER.exec(ctx.text);
  if (!m) return;
  const year = Number(m[2]);
  const month = m[1] ? monthNumber(m[1]) : null;
  const at = ctx.s.start + m.index;
  const focus = { start: at + m[0].indexOf(m[1] ?? m[2]), end: at + m[0].indexOf(m[2]) + m[2].length };
  const span = { start: q.question.start, end: ctx.s.end };
  const { id: _, ...streak } = q.streak;
  sink.add({
    ...streak,
    text: full.slice(span.start, span.end),
    span,
    focus,
    stated: {
      text: full.slice(focus.start, focus.end),
      value: month ? `${year}-${String(month).padStart(2, '0')}` : String(year),
      unit: 'date',
      decimals: 0,
      qualifier: 'exact',
    },
    params: { ...q.streak.params, since: { year, month, record: false, answer: true } },
  });
}
