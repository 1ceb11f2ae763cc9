/**
 * The fair readings of a claim. Some words name more than one computation:
 * - a category ("small caps", "large caps") names the index and the fund that tracks it (aliases.ts
 *   marks such subjects `generic`): each candidate series is a reading;
 * - "the week" is week-to-date or the trailing week (periods.ts lists the second under `alt`).
 * verify.ts checks each reading and keeps the best verdict, so a figure is contradicted only when no
 * fair reading supports it (precision first). At most 16 readings per claim.
 */
import type { Claim, ClaimParams, PeriodRef, SubjectRef } from './types.ts';

const MAX_READINGS = 16;

function subjectReadings(s: SubjectRef | null): { s: SubjectRef | null; label: string }[] {
  if (!s?.generic || s.candidates.length < 2) return [{ s, label: '' }];
  return s.candidates.map((c) => ({
    s: { ...s, candidates: [{ symbol: c.symbol, proxy: false }], generic: false },
    label: `"${s.text}" read as ${c.symbol}`,
  }));
}

function periodReadings(p: PeriodRef | null): { p: PeriodRef | null; label: string }[] {
  if (!p?.alt || p.alt.length === 0) return [{ p, label: '' }];
  const { alt, ...first } = p;
  return [first, ...alt].map((x) => ({ p: x, label: `period ${x.text}` }));
}

type SubjectReading = { s: SubjectRef | null; label: string };

/** Two categories ("small caps" vs "large caps") pair like with like: index with index, fund with fund. */
function pairReadings(a: SubjectRef | null, b: SubjectRef | null): [SubjectReading, SubjectReading][] {
  const ra = subjectReadings(a);
  const rb = subjectReadings(b);
  if (ra.length > 1 && ra.length === rb.length) return ra.map((x, i) => [x, rb[i]]);
  return ra.flatMap((x) => rb.map((y) => [x, y] as [SubjectReading, SubjectReading]));
}

function join(...labels: string[]): string {
  return labels.filter(Boolean).join(', ');
}

function paramReadings(p: ClaimParams): { params: ClaimParams; label: string }[] {
  const out: { params: ClaimParams; label: string }[] = [];
  switch (p.kind) {
    case 'return':
    case 'table':
      for (const s of subjectReadings(p.subject))
        for (const q of periodReadings(p.period))
          out.push({ params: { ...p, subject: s.s, period: q.p }, label: join(s.label, q.label) });
      return out;
    case 'spread':
      for (const [a, b] of pairReadings(p.a, p.b))
        for (const q of periodReadings(p.period))
          out.push({ params: { ...p, a: a.s, b: b.s, period: q.p }, label: join(a.label, b.label, q.label) });
      return out;
    case 'streak':
      for (const [a, b] of pairReadings(p.a, p.b))
        out.push({ params: { ...p, a: a.s, b: b.s }, label: join(a.label, b.label) });
      return out;
    case 'record':
    case 'level':
      return subjectReadings(p.subject).map((s) => ({ params: { ...p, subject: s.s }, label: s.label }));
    default:
      return [{ params: p, label: '' }];
  }
}

export function readingsOf(c: Claim): { claim: Claim; label: string }[] {
  return paramReadings(c.params)
    .slice(0, MAX_READINGS)
    .map((r) => ({ claim: { ...c, params: r.params }, label: r.label }));
}
