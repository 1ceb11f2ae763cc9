/**
 * Streaks and record highs in sentences.
 *
 * Streak lengths: "seven consecutive sessions", "14 straight days", "a 9-day streak", "nine-session
 * winning streak", "five sessions in a row", "for the fifth straight session". The kind comes from
 * the sentence: a comparison verb with two names (beat, outperformed, lagged, …) → relative streak of
 * A vs B; rose/gained/winning → up streak; fell/lost/losing → down streak. Weeks or months are
 * recognised but not computed. "the longest since March 1999 / since 2011", "the longest on record",
 * "the first such run since 2011" → a second claim about the streak's rank.
 * Record highs: the same counts with "record" in the sentence ("closed at a record for the fifth
 * straight session" = exactly five; "record highs in each of the past N sessions" = at least N);
 * "closed at a record high" = a record on that day; "3.2% below its record high" = distance from the
 * all-time high. Negated mentions ("failed to set a record") are skipped.
 */
import { type ClaimSink, qualifierBefore, spanOf } from './claims.ts';
import {
  clauseStart,
  dayNear,
  forecastCue,
  objectAfter,
  type SentenceCtx,
  slice,
  subjectOf,
} from './context.ts';
import { resolveMention } from './dates.ts';
import { extractRankClaim } from './extract-streak-rank.ts';
import { COUNT_WORD, wordToNumber } from './numbers.ts';
import type { Claim, Stated, SubjectRef } from './types.ts';

const C = COUNT_WORD;
const STREAK_RES: { re: RegExp; atLeast: boolean }[] = [
  {
    re: new RegExp(
      `\\b(${C})[ -](?:straight|consecutive|successive)[ -](?:trading[ -]|record[ -])?(sessions?|days?|weeks?|months?|quarters?|years?|closes?|highs?|records?)\\b`,
      'gi',
    ),
    atLeast: false,
  },
  {
    re: new RegExp(
      `\\b(${C})[ -](session|day|week|month)s?[ -](?:winning[ -]|losing[ -]|record[ -])?(?:streak|run|stretch|string|winning streak|losing streak)\\b`,
      'gi',
    ),
    atLeast: false,
  },
  { re: new RegExp(`\\b(${C}) (sessions?|days?|trading days|weeks?) in a row\\b`, 'gi'), atLeast: false },
  {
    re: new RegExp(`\\beach of the (?:past|last|previous) (${C}) (?:trading )?(sessions|days)\\b`, 'gi'),
    atLeast: true,
  },
];
/** Record-high context ("record highs", "at a record", "all-time high"), not "the longest on record". */
const RECORD_WORD =
  /\b(?:intraday (?:record )?highs?|(?:set|sets|setting|hit|hits|hitting|notched) (?:\w+ )?highs|record[- ](?:highs?|closes?|closing(?: highs?)?|levels?|territory|peaks?)|all[- ]time highs?|fresh highs?|new (?:all[- ]time )?highs?|new peaks?|(?:at|to|set|sets|setting|hit|hits|hitting|notched|reached|another|fresh|new) (?:a )?records?)\b/i;
const NEGATED = /\b(?:not|n't|never|failed to|fail to|no longer|without)\b[^,;]{0,30}$/i;
const REL_POS =
  /\b(beat|beats|beaten|beating|outperform\w*|outpac\w*|topped|topping|better than|ahead of)\b/i;
const REL_NEG = /\b(underperform\w*|lagged|lagging|lags|trailed|trailing|trails|worse than|behind)\b/i;
const UP_W =
  /\b(rose|rising|gained|gaining|gains|advanced|advancing|climbed|climbing|rallied|rallying|higher|winning|up)\b/i;
const DOWN_W =
  /\b(fell|falling|declined|declining|dropped|dropping|lost|losing|lower|down|slid|sliding|losses)\b/i;

const START_CUE =
  /\b(?:starting|beginning|begin|began|begun|begins|started|starts|from|since)\s+(?:on\s+|in\s+)?$/i;
const END_CUE =
  /\b(?:to|through|thru|until|till|ending|ended|ends|ending on|ended on)\s+(?:on\s+)?$|[–-]\s*$/i;

/**
 * The last session of a streak: a date after "to / through / ending (on)" ("from Jan. 2 to Jan. 22,
 * 2026"), else the day nearest the figure that is not a start ("starting on May 20, 2008" is where
 * the run began, not where it ended), else the as-of session.
 */
function streakEnd(ctx: SentenceCtx, start: number, end: number): string | null {
  const days = ctx.dates
    .map((d) => ({
      d,
      iso: resolveMention(d, ctx.asOf),
      pre: slice(ctx, Math.max(ctx.s.start, d.start - 16), d.start),
    }))
    .filter((x) => x.iso !== null);
  // "… since the 5-session streak that ended on April 1": that date ends the earlier run.
  const earlier = (x: (typeof days)[number]) =>
    /\bsince\b[^,;:]*$/i.test(slice(ctx, Math.max(ctx.s.start, x.d.start - 80), x.d.start));
  const ended = days.find((x) => END_CUE.test(x.pre) && !earlier(x));
  if (ended) return ended.iso;
  if (days.some((x) => START_CUE.test(x.pre))) {
    const others = days.filter((x) => !START_CUE.test(x.pre) && !earlier(x));
    return others.length === 1 && others[0].d.start < start ? others[0].iso : null;
  }
  return dayNear(ctx, start, end);
}

/** "while beating large caps each day", "and outperformed the S&P 500 every session". */
const COMPOUND_REL =
  /\b(?:while|and|as|,)\s+(?:also\s+)?(beating|outperforming|outpacing|topping|trailing|lagging|underperforming|beat|outperformed|outpaced|topped|trailed|lagged|underperformed)\b[^.;]{0,60}?\b(?:each|every)\s+(?:day|session|trading day)\b/i;

const unverifiable = (reason: string) => ({ verdict: 'unverifiable' as const, reason });

/** A streak figure found in a sentence ("seven consecutive sessions"), with its stated value. */
interface StreakFigure {
  start: number;
  end: number;
  text: string;
  atLeast: boolean;
  unitWord: string;
  /** Counted in sessions (days, closes, records), the only unit computed. */
  sessions: boolean;
  st: Stated;
}

/**
 * The streak figures of the sentence, in pattern order; null for a match that is not one (a count
 * below 1, a negated mention, an earlier run).
 */
function* streakFigures(ctx: SentenceCtx): Generator<StreakFigure | null> {
  for (const { re, atLeast } of STREAK_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text)) {
      const n = wordToNumber(m[1]);
      if (n === null || n < 1) {
        yield null;
        continue;
      }
      const start = ctx.s.start + m.index;
      const end = start + m[0].length;
      if (NEGATED.test(slice(ctx, clauseStart(ctx, start), start))) {
        yield null;
        continue;
      }
      // "the longest since a 9-session run that ended on Oct. 1, 2013": the earlier run, not this one
      // (its end date is the "since" claim).
      if (
        /\b(?:since|than|after|before)\s+(?:a|an|the)\s*$/i.test(
          slice(ctx, Math.max(ctx.s.start, start - 12), start),
        )
      ) {
        yield null;
        continue;
      }
      const unitWord = m[2].toLowerCase();
      const st: Stated = {
        text: m[0],
        value: n,
        unit: 'sessions',
        decimals: 0,
        qualifier: atLeast ? 'at-least' : qualifierBefore(slice(ctx, clauseStart(ctx, start), start)),
      };
      const sessions = /^(?:session|day|trading day|close|high|record)/.test(unitWord);
      yield { start, end, text: m[0], atLeast, unitWord, sessions, st };
    }
  }
}

export function extractStreaks(ctx: SentenceCtx, sink: ClaimSink): void {
  const isRecord = RECORD_WORD.test(ctx.text);
  let counted = false;
  for (const f of streakFigures(ctx)) {
    if (sink.full) return;
    if (!f) continue;
    counted = true;
    const cue = forecastCue(ctx, f.start, f.end);
    const base = {
      text: ctx.s.text,
      span: spanOf(ctx.s),
      focus: { start: f.start, end: f.end },
      stated: f.st,
    };
    if (cue) {
      sink.add({
        ...base,
        type: 'forecast',
        params: { kind: 'forecast', cue },
        preset: unverifiable(`forecast or opinion (cue: "${cue}"): not checked as a fact`),
      });
      continue;
    }
    const subj = subjectOf(ctx, f.start, f.end).subject;
    if (isRecord) {
      addRecordRun(ctx, sink, f, base, subj);
      continue;
    }
    const { mode, b, under } = streakMode(ctx, f, subj);
    const streak = {
      ...base,
      type: 'streak' as const,
      params: {
        kind: 'streak' as const,
        mode,
        a: subj,
        b,
        unitWord: under ? `${f.unitWord} (under)` : f.unitWord,
        endDate: streakEnd(ctx, f.start, f.end),
      },
      preset: f.sessions
        ? undefined
        : unverifiable(`streaks counted in ${f.unitWord} are not computed (sessions only)`),
    };
    if (!sink.add(streak)) return;
    extractRankClaim(ctx, sink, streak);
  }
  if (isRecord && !counted) extractSingleRecords(ctx, sink);
  extractRecordDistance(ctx, sink);
}

/**
 * The kind of streak: relative (A vs B) when the figure's own clause (else the sentence) has a
 * comparison word and two series are named; else down or up from the verbs.
 */
function streakMode(
  ctx: SentenceCtx,
  f: StreakFigure,
  subj: SubjectRef | null,
): { mode: 'relative' | 'up' | 'down'; b: SubjectRef | null; under: boolean } {
  // The comparison word of the figure's own clause ("IWM has beaten SPY for 14 sessions, and SPY
  // has trailed IWM for 15"), else of the sentence.
  const own = slice(ctx, clauseStart(ctx, f.start), f.end);
  const rel = REL_NEG.exec(own) ?? REL_POS.exec(own) ?? REL_NEG.exec(ctx.text) ?? REL_POS.exec(ctx.text);
  const relPair =
    ctx.aliases.length >= 2 ||
    (ctx.aliases.length === 1 && subj !== null && subj.label !== ctx.aliases[0].entry.label);
  if (rel && relPair)
    return {
      mode: 'relative',
      b: objectAfter(ctx, ctx.s.start, subj?.label ?? null),
      under: REL_NEG.test(rel[0]),
    };
  if (/losing/i.test(f.text) || (DOWN_W.test(ctx.text) && !UP_W.test(ctx.text)))
    return { mode: 'down', b: null, under: false };
  return { mode: 'up', b: null, under: false };
}

/**
 * A run of record closes ("closed at a record for the fifth straight session"), and with "… while
 * beating large caps each day" a second claim: a relative streak of at least as many sessions.
 */
function addRecordRun(
  ctx: SentenceCtx,
  sink: ClaimSink,
  f: StreakFigure,
  base: Pick<Claim, 'text' | 'span' | 'focus' | 'stated'>,
  subj: SubjectRef | null,
): void {
  const date = dayNear(ctx, f.start, f.end);
  sink.add({
    ...base,
    type: 'record',
    params: {
      kind: 'record',
      subject: subj,
      mode: f.atLeast ? 'at-least' : 'exact',
      date,
      basis: /\bintraday\b/i.test(ctx.text) ? 'high' : 'close',
    },
    preset: f.sessions
      ? undefined
      : unverifiable(`record runs counted in ${f.unitWord} are not computed (sessions only)`),
  });
  const each = COMPOUND_REL.exec(ctx.text.slice(f.end - ctx.s.start));
  if (!each || !f.sessions || !subj) return;
  const at = f.end + each.index;
  const b = objectAfter(ctx, at, subj.label);
  const neg = REL_NEG.test(each[1]);
  sink.add({
    ...base,
    stated: { ...f.st, qualifier: 'at-least' },
    type: 'streak',
    params: {
      kind: 'streak',
      mode: 'relative',
      a: subj,
      b,
      unitWord: neg ? `${f.unitWord} (under)` : f.unitWord,
      endDate: date,
    },
  });
}

const SINGLE_RECORD =
  /\b(?:closed|closes|ended|ends|finished|finishes|settled|hit|hits|set|sets|notched|notches|reached|reaches|touched|posted|logged|marked|scaled|at)\s+(?:at\s+)?(?:a|another|its|their|an|fresh|new)\s+(?:fresh\s+|new\s+)?(?:record|all[- ]time)(?:\s+(?:high|close|closing high|level|peak))?\b/gi;

function extractSingleRecords(ctx: SentenceCtx, sink: ClaimSink): void {
  SINGLE_RECORD.lastIndex = 0;
  for (let m = SINGLE_RECORD.exec(ctx.text); m !== null; m = SINGLE_RECORD.exec(ctx.text)) {
    const start = ctx.s.start + m.index;
    const end = start + m[0].length;
    if (NEGATED.test(slice(ctx, clauseStart(ctx, start), start))) continue;
    const cue = forecastCue(ctx, start, end);
    const st: Stated = { text: m[0], value: 1, unit: 'sessions', decimals: 0, qualifier: 'at-least' };
    const base = { text: ctx.s.text, span: spanOf(ctx.s), focus: { start, end }, stated: st };
    if (cue)
      sink.add({
        ...base,
        type: 'forecast',
        params: { kind: 'forecast', cue },
        preset: unverifiable(`forecast or opinion (cue: "${cue}"): not checked as a fact`),
      });
    else
      sink.add({
        ...base,
        type: 'record',
        params: {
          kind: 'record',
          subject: subjectOf(ctx, start, end).subject,
          mode: 'at-least',
          date: dayNear(ctx, start, end),
        },
      });
    return;
  }
}

const DISTANCE_AFTER =
  /^\s*(?:below|under|off|short of|from|away from|shy of|beneath)\s+(?:its|the|their|a)\s+(?:record(?:\s+(?:high|close|closing high|level))?|all[- ]time high|peak)\b/i;

function extractRecordDistance(ctx: SentenceCtx, sink: ClaimSink): void {
  for (const t of ctx.nums) {
    if (t.unit !== 'pct') continue;
    const after = slice(ctx, t.end, Math.min(ctx.s.end, t.end + 50));
    const m = DISTANCE_AFTER.exec(after);
    if (!m) continue;
    const pre = slice(ctx, clauseStart(ctx, t.start), t.start);
    const st: Stated = {
      text: `${t.text.trim()}${m[0]}`,
      value: -t.abs,
      unit: 'pct',
      decimals: t.decimals,
      qualifier: qualifierBefore(pre),
    };
    const focus = { start: t.start, end: t.end + m[0].length };
    const cue = forecastCue(ctx, t.start, t.end);
    const base = { text: ctx.s.text, span: spanOf(ctx.s), focus, stated: st };
    if (cue)
      sink.add({
        ...base,
        type: 'forecast',
        params: { kind: 'forecast', cue },
        preset: unverifiable(`forecast or opinion (cue: "${cue}"): not checked as a fact`),
      });
    else
      sink.add({
        ...base,
        type: 'record',
        params: {
          kind: 'record',
          subject: subjectOf(ctx, t.start, t.end).subject,
          mode: 'distance',
          date: dayNear(ctx, t.start, t.end),
        },
      });
  }
}

export type { Claim };
