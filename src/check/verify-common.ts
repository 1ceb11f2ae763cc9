/** Shared pieces of the data checks: the outcome shape, the data context, wording helpers. */
import type { CheckData } from './data-port.ts';
import { fmtSigned } from './numbers.ts';
import { dataAsOfSession } from './resolve.ts';
import { capAtApproximately, type JudgeOptions, judge } from './tolerance.ts';
import type { Evidence, Stated, Tolerance, Verdict } from './types.ts';

export interface Outcome {
  computed: { value: number | string | null; text: string } | null;
  verdict: Verdict;
  tolerance: Tolerance | null;
  reason: string;
  evidence: Evidence;
}

export interface DataContext {
  data: CheckData;
  asOf: string | null;
  dataAsOf: string | null;
  asOfNote: string | null;
}

export const NO_ASOF = 'needs an as-of date (give --as-of, or a dateline or "as of <date>" in the text)';
export const MONTHS = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function unverifiable(reason: string, evidence: Partial<Evidence> = {}): Outcome {
  return {
    computed: null,
    verdict: 'unverifiable',
    tolerance: null,
    reason,
    evidence: { series: [], dates: {}, formula: '', notes: [], ...evidence },
  };
}

export const pctText = (x: number, decimals: number) => `${fmtSigned(x, Math.max(2, decimals + 1))}%`;

/** The session a streak or record ends on: the stated day, else the data as-of session. */
export function endSession(
  date: string | null,
  dc: DataContext,
): { end: string; note: string | null } | null {
  const d = date ?? dc.dataAsOf;
  if (!d) return null;
  const s = dataAsOfSession(d);
  if (!s) return null;
  return { end: s, note: s !== d ? `${d} is not a session: taken as of ${s}` : null };
}

// ---------------------------------------------------------------------------------------------

export function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export function reasonText(v: Verdict, st: Stated, computed: string, rule: string): string {
  const verb =
    v === 'supported'
      ? 'matches'
      : v === 'approximately'
        ? 'is close to'
        : v === 'contradicted'
          ? 'does not match'
          : 'cannot be compared with';
  return `${v}: computed ${computed} ${verb} the stated ${st.text} (${rule})`;
}

/**
 * A stated figure judged against the computed one (tolerance.ts), as an outcome: the computed value
 * (rounded to 4 decimals) with its text, the verdict (capped at "approximately" when `cap`: a stand-in
 * or an adjusted series), the tolerance and the reason. `noteAllowance`: the reason of an allowance
 * that was used goes to the evidence notes; `reasonValue`: the computed figure as the reason words it
 * (default: `text`).
 */
export function judgedOutcome(
  st: Stated,
  value: number,
  text: string,
  evidence: Evidence,
  opts: JudgeOptions & { cap?: boolean; noteAllowance?: boolean; reasonValue?: string } = {},
): Outcome {
  const j = judge(st, value, { slack: opts.slack, allowance: opts.allowance });
  const verdict = opts.cap ? capAtApproximately(j.verdict) : j.verdict;
  if (opts.noteAllowance && j.note) evidence.notes.push(j.note);
  return {
    computed: { value: round(value, 4), text },
    verdict,
    tolerance: j.tolerance,
    reason: reasonText(verdict, st, opts.reasonValue ?? text, j.tolerance.rule),
    evidence,
  };
}
