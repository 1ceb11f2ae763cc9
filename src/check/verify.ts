/**
 * Checks each claim: against the data (verify-returns.ts, verify-streaks.ts, verify-levels.ts, through the CheckData port) or against the
 * article itself (self-checks computed at extraction, judged here with tolerance.ts). It never invents
 * a verdict: missing data, a missing period or as-of date, an ambiguous table column, a forecast —
 * each gives `unverifiable` with the reason.
 */
import { WEEKDAYS, weekdayOf, withWeekday } from './dates.ts';
import { PickError } from './series-pick.ts';
import { judge } from './tolerance.ts';
import { readingsOf } from './readings.ts';
import type { CheckedClaim, Claim, SubjectRef, Verdict } from './types.ts';
import { type DataContext, type Outcome, reasonText, round, unverifiable } from './verify-common.ts';
import { checkLevel } from './verify-levels.ts';
import { checkReturn, checkSpread } from './verify-returns.ts';
import { checkRecord, checkStreak } from './verify-streaks.ts';
import { checkSpliceStep } from './verify-splices.ts';

export type { DataContext } from './verify-common.ts';

async function outcomeOf(c: Claim, dc: DataContext): Promise<Outcome> {
  if (c.preset) return unverifiable(c.preset.reason);
  const p = c.params;
  switch (p.kind) {
    case 'return':
      return checkReturn(c, p.subject, p.period, dc);
    case 'spread':
      return checkSpread(c, p.a, p.b, p.period, p.signed, dc);
    case 'streak':
      return checkStreak(c, dc);
    case 'record':
      return checkRecord(c, dc);
    case 'level':
      return checkLevel(c, p.subject, p.action, p.date, dc, p.window);
    case 'table':
      return p.measure === 'return'
        ? checkReturn(c, p.subject, p.period, dc)
        : checkLevel(c, p.subject, 'close', p.date, dc);
    case 'self': {
      const ev = {
        series: [],
        dates: {},
        formula: p.formula,
        notes: [...(p.notes ?? []), 'checked against the article itself'],
      };
      if (p.problem || p.computed === null) return unverifiable(p.problem ?? 'nothing to compute', ev);
      const j = judge(c.stated, p.computed, { slack: p.slack });
      const digits = Math.max(2, c.stated.decimals + 1);
      const txt = c.stated.unit === 'count' ? String(p.computed) : p.computed.toFixed(digits);
      if (p.mismatch)
        return {
          computed: { value: round(p.computed, 6), text: txt },
          verdict: 'contradicted',
          tolerance: j.tolerance,
          reason: `contradicted: ${p.mismatch}`,
          evidence: ev,
        };
      return {
        computed: { value: round(p.computed, 6), text: txt },
        verdict: j.verdict,
        tolerance: j.tolerance,
        reason: reasonText(j.verdict, c.stated, txt, j.tolerance.rule),
        evidence: ev,
      };
    }
    case 'weekday': {
      const actual = WEEKDAYS[weekdayOf(p.date)];
      const ok = actual.toLowerCase() === String(c.stated.value).toLowerCase();
      return {
        computed: { value: actual, text: `${p.date} is a ${actual}` },
        verdict: ok ? 'supported' : 'contradicted',
        tolerance: { abs: 0, rule: 'the weekday must match the date' },
        reason: ok
          ? `supported: ${p.date} is a ${actual}`
          : `contradicted: ${p.date} is a ${actual}, not a ${c.stated.value}`,
        evidence: {
          series: [],
          dates: { date: p.date },
          formula: 'weekday of the date (proleptic Gregorian calendar)',
          notes: [],
        },
      };
    }
    case 'closed-day': {
      const open = p.reason === '';
      const txt = open
        ? `the NYSE was open on ${withWeekday(p.date)}`
        : `the NYSE was closed on ${withWeekday(p.date)} (${p.reason})`;
      return {
        computed: { value: open ? 'open' : p.reason, text: txt },
        verdict: open ? 'supported' : 'contradicted',
        tolerance: null,
        reason: `${open ? 'supported' : 'contradicted'}: ${txt}`,
        evidence: {
          series: [],
          dates: { date: p.date },
          formula: 'NYSE calendar (src/model/calendar.ts: holidays and special closures)',
          notes: [],
        },
      };
    }
    case 'splice-step':
      return checkSpliceStep(c, p.subject, p.date, dc);
    case 'forecast':
      return unverifiable(`forecast or opinion (cue: "${p.cue}"): not checked as a fact`);
  }
}

async function safeOutcome(c: Claim, dc: DataContext): Promise<Outcome> {
  try {
    return await outcomeOf(c, dc);
  } catch (e) {
    // One claim that cannot be computed never stops the others: it is unverifiable, with the reason.
    if (e instanceof PickError) return unverifiable(e.message);
    return unverifiable(`could not check this claim: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Why each named series was bound to the figure, for the evidence ("IWM: the name right after the figure"). */
function bindingOf(c: Claim): string | null {
  const p = c.params as { subject?: SubjectRef | null; a?: SubjectRef | null; b?: SubjectRef | null };
  if (c.params.kind === 'table')
    return `${p.subject?.label ?? 'no series'}: the row's label names it (table row)`;
  const parts = [p.subject, p.a, p.b]
    .filter((s): s is SubjectRef => !!s)
    .map((s) => `${s.label} ("${s.text}"): ${s.binding ?? 'named in the comparison'}`);
  return parts.length ? parts.join('; ') : null;
}

const RANK: Record<Verdict, number> = { supported: 3, approximately: 2, contradicted: 1, unverifiable: 0 };

/**
 * Checks every fair reading of the claim (readings.ts) and keeps the best verdict: a figure is
 * contradicted only when it matches no reading. The evidence names the reading used and how the
 * others came out.
 */
export async function verifyClaim(c: Claim, dc: DataContext): Promise<CheckedClaim> {
  const variants = c.preset ? [{ claim: c, label: '' }] : readingsOf(c);
  let best: { o: Outcome; label: string } | null = null;
  const others: string[] = [];
  for (const v of variants) {
    const o = await safeOutcome(v.claim, dc);
    if (!best || RANK[o.verdict] > RANK[best.o.verdict]) {
      if (best?.label)
        others.push(`${best.label}: ${best.o.verdict}${best.o.computed ? ` (${best.o.computed.text})` : ''}`);
      best = { o, label: v.label };
    } else if (v.label) others.push(`${v.label}: ${o.verdict}${o.computed ? ` (${o.computed.text})` : ''}`);
  }
  const chosen = best as { o: Outcome; label: string };
  const o = chosen.o;
  const binding = bindingOf(c);
  if (binding) o.evidence.binding = binding;
  if (variants.length > 1) {
    o.evidence.notes.unshift(
      `${variants.length} readings checked; used: ${chosen.label}${others.length ? `; others: ${others.join('; ')}` : ''}`,
    );
    // A proxy label set by the check itself ("by proxy: Fama-French SMB …") stays, after the reading.
    o.evidence.reading = o.evidence.reading ? `${chosen.label}; ${o.evidence.reading}` : chosen.label;
  }
  return {
    id: c.id,
    text: c.text,
    type: c.type,
    stated: c.stated,
    computed: o.computed,
    verdict: o.verdict,
    tolerance: o.tolerance,
    reason: o.reason,
    evidence: o.evidence,
    span: c.span,
    focus: c.focus,
    count: 1,
  };
}
