/**
 * Price levels in sentences.
 * - Crossing: "broke above 1,980 on March 3", "pushed through 2,000", "fell below 1,900" → the close
 *   crossed the level on that day (the close before was on the other side).
 * - Close at / above / below: "closed at 2,015.40", "ended the week near 2,000", "closed above 1,980".
 * - Current: "currently 2,015.40", "its current 2,015.40", "now at 2,015", "stands at 2,015.40".
 * A level is a plain number (no %, points spread, multiple; not a year after in/since/of).
 * Targets and forecasts ("a target of 2,400", "could reach 2,400") are forecast claims.
 */
import { type ClaimSink, qualifierBefore, spanOf } from './claims.ts';
import { clauseStart, dayNear, forecastCue, type SentenceCtx, slice, subjectOf } from './context.ts';
import { type NumTok, wordToNumber } from './numbers.ts';
import type { Stated } from './types.ts';

const CROSS =
  /\b(broke|breaks|breaking|rose|rises|rising|climbed|climbs|pushed|pushes|moved|moves|jumped|jumps|surged|surges|rallied|crossed|crosses|topped|tops|vaulted|burst|punched|closed|closes|finished|finishes|ended|ends|settled|settles|fell|falls|falling|dropped|drops|slid|slides|sank|sinks|slipped|slips|tumbled|tumbles|plunged|plunges)\s+(?:back\s+)?(above|past|through|over|beyond|below|under|beneath)\s+(?:the\s+)?(?:key\s+|closely watched\s+|psychologically important\s+|round-number\s+)?(?:level\s+of\s+)?$/i;
const CLOSE_AT =
  /\b(?:close|closed|closes|closing|end|ended|ends|ending|finish|finished|finishes|finishing|settle|settled|settles|settling|stood|stands|sits|sat|trades|traded|trading|currently|now|last|its current|the current|current level of|at a level of)\s+(?:the\s+(?:day|session|week|month|year)\s+)?(?:at\s+|near\s+|around\s+|about\s+|roughly\s+|some\s+|of\s+)?(?:at\s+)?(?:(?:a|another|fresh|new)\s+(?:fresh\s+|new\s+)?(?:record|all-time high|high)(?:\s+(?:high|close))?(?:\s+of)?\s+)?(?:level\s+of\s+)?$/i;
/** "its 200-session average of", "the 50-day moving average at": a moving average of closes. */
const MA_BEFORE =
  /\b(\d{1,3}|fifty|twenty)[- ](?:session|day|trading[- ]day)s?[- ](?:simple[- ])?(?:moving[- ])?average\s+(?:of|at|near|around|is|was|stood at|sits at)?\s*$/i;
const DOWN_VERB =
  /^(?:fell|falls|falling|dropped|drops|slid|slides|sank|sinks|slipped|slips|tumbled|tumbles|plunged|plunges)$/i;
const CLOSE_VERB = /^(?:closed|closes|finished|finishes|ended|ends|settled|settles)$/i;
const FORECAST_LEVEL =
  /(?:target(?:s|ed)?(?:\s+of)?|reach(?:es|ing)?|hit(?:ting)?|toward|towards|to|at|above|below|past)\s+(?:about\s+|around\s+|roughly\s+)?$/i;

export function isLevelNumber(t: NumTok, pre: string): boolean {
  if (t.unit !== null || t.scale !== 1) return false;
  if (t.abs < 1) return false;
  if (
    t.decimals === 0 &&
    !t.text.includes(',') &&
    t.abs >= 1900 &&
    t.abs <= 2100 &&
    /\b(?:in|since|of|by|from|until|through|year|end)\s+$/i.test(pre)
  )
    return false;
  return true;
}

export function extractLevels(ctx: SentenceCtx, sink: ClaimSink): void {
  for (const t of ctx.nums) {
    if (sink.full) return;
    const cs = clauseStart(ctx, t.start);
    const pre = slice(ctx, cs, t.start);
    if (!isLevelNumber(t, pre)) continue;
    const after = slice(ctx, t.end, Math.min(ctx.s.end, t.end + 20));
    if (
      /^\s*(?:times|x\b|%|percent|sessions?|days?|weeks?|months?|years?|stocks?|companies|members|shares)/i.test(
        after,
      )
    )
      continue;
    const cue = forecastCue(ctx, t.start, t.end);
    const base = { text: ctx.s.text, span: spanOf(ctx.s), focus: spanOf(t) };
    const st = (q: Stated['qualifier']): Stated => ({
      text: t.text.trim(),
      value: t.abs,
      unit: 'level',
      decimals: t.decimals,
      qualifier: q,
    });
    const ma = MA_BEFORE.exec(pre);
    if (ma && !cue) {
      const window = wordToNumber(ma[1]);
      if (window !== null && window >= 2) {
        const subject = subjectOf(ctx, t.start, t.end).subject;
        sink.add({
          ...base,
          type: 'level',
          stated: st(qualifierBefore(pre.slice(0, ma.index))),
          params: {
            kind: 'level',
            subject,
            action: 'moving-average',
            date: dayNear(ctx, t.start, t.end),
            window,
          },
        });
      }
      continue;
    }
    const cross = CROSS.exec(pre);
    const closeAt = cross
      ? null
      : (CLOSE_AT.exec(pre) ??
        (ctx.aliases.some(
          (a) =>
            a.end <= t.start && /^(?:'s|’s)?\s+(?:was|is)\s+(?:at\s+)?$/.test(slice(ctx, a.end, t.start)),
        )
          ? ['is']
          : null));
    if (cue) {
      if (cross || closeAt || FORECAST_LEVEL.test(pre) || /^\s*(?:points?\s+)?target/i.test(after))
        sink.add({
          ...base,
          type: 'forecast',
          stated: st('exact'),
          params: { kind: 'forecast', cue },
          preset: {
            verdict: 'unverifiable',
            reason: `forecast or opinion (cue: "${cue}"): not checked as a fact`,
          },
        });
      continue;
    }
    if (!cross && !closeAt) continue;
    const subject = subjectOf(ctx, t.start, t.end).subject;
    const date = dayNear(ctx, t.start, t.end);
    if (cross) {
      const verb = cross[1];
      const prep = cross[2].toLowerCase();
      const below =
        prep === 'below' ||
        prep === 'under' ||
        prep === 'beneath' ||
        (prep === 'through' && DOWN_VERB.test(verb));
      if (CLOSE_VERB.test(verb)) {
        sink.add({
          ...base,
          type: 'level',
          stated: st(below ? 'less-than' : 'more-than'),
          params: { kind: 'level', subject, action: 'close', date },
        });
      } else {
        sink.add({
          ...base,
          type: 'level',
          stated: st('exact'),
          params: { kind: 'level', subject, action: below ? 'cross-below' : 'cross-above', date },
        });
      }
      continue;
    }
    const q = qualifierBefore(pre);
    const now = /\b(?:currently|now|current)\b/i.test(pre.slice(-40));
    sink.add({
      ...base,
      type: 'level',
      stated: st(q === 'exact' ? 'exact' : q),
      params: { kind: 'level', subject, action: 'close', date: now ? null : date },
    });
  }
}
