/**
 * Streak and record claims checked on the data: streaks() (A vs B) or streakVsZero() (up/down) for the
 * current run at the end session; "longest since <date>" compares longestSince.end with the stated
 * month/year and "on record" needs longestSince = null (the evidence names the data start);
 * recordHighs() on closes for record runs and the distance from the all-time high.
 */
import { UserError } from '../model/errors.ts';
import { recordHighs, streaks, streakVsZero } from '../facts/pure.ts';
import type { StreakResult } from '../analytics/streak.ts';
import { fmtNum } from './numbers.ts';
import { describe, evidenceOf, type Picked, seriesNotes, withPair, withSeries } from './series-pick.ts';
import type { Claim, Evidence, SubjectRef, Tolerance, Verdict } from './types.ts';
import {
  type DataContext,
  endSession,
  judgedOutcome,
  MONTHS,
  NO_ASOF,
  type Outcome,
  pctText,
  unverifiable,
} from './verify-common.ts';

export async function checkStreak(c: Claim, dc: DataContext): Promise<Outcome> {
  if (c.params.kind !== 'streak') throw new Error('not a streak');
  const p = c.params;
  if (!p.a) return unverifiable('no series named for the streak');
  const endInfo = endSession(p.endDate, dc);
  if (!endInfo) return unverifiable(`the streak's end ${NO_ASOF}`);
  const under = p.unitWord.endsWith('(under)');
  let res: StreakResult;
  let picked: Picked[];
  let tried: string[];
  const since =
    p.since && !p.since.record && p.since.year !== null
      ? `${p.since.year}-${String(p.since.month ?? 1).padStart(2, '0')}-01`
      : null;
  if (p.mode === 'relative') {
    if (!p.b)
      return unverifiable(
        `a streak of ${p.a.label} against another series, but the other series is not named`,
      );
    const r = await withPair(
      dc.data,
      p.a,
      p.b,
      (x, y) => streaks(x.series, y.series, { asOf: endInfo.end, direction: under ? 'under' : 'over' }),
      since
        ? (ok) => {
            // The pair whose data reach back to the stated date; else one that finds an equal run
            // after it (which settles the claim too); else the first.
            const reach = ok.findIndex((o) => o.value.dataStart <= since);
            if (reach >= 0) return reach;
            return Math.max(
              0,
              ok.findIndex((o) => (o.value.longestSince?.end ?? '') >= since),
            );
          }
        : undefined,
    );
    res = r.value;
    picked = [r.pa, r.pb];
    tried = r.tried;
  } else {
    const r = await withSeries(dc.data, p.a, (x) =>
      streakVsZero(x.series, { asOf: endInfo.end, positive: p.mode === 'up' }),
    );
    res = r.value;
    picked = [r.picked];
    tried = r.tried;
  }
  const what =
    p.mode === 'relative'
      ? `sessions with ${res.a}'s daily return ${under ? 'below' : 'above'} ${res.b}'s`
      : `sessions with ${res.a} ${p.mode === 'up' ? 'up' : 'down'} (close-to-close)`;
  const notes = [
    ...picked.map((x, i) => describe(x, i === 0 ? (p.a as SubjectRef) : (p.b as SubjectRef))),
    ...picked.flatMap(seriesNotes),
    ...tried.map((t) => `not used: ${t}`),
    ...res.provenance.notes,
    ...(endInfo.note ? [endInfo.note] : []),
    `data for this comparison start ${res.dataStart}`,
  ];
  const evidence: Evidence = {
    series: picked.map((x) => evidenceOf(x, res.dataStart, res.asOf)),
    dates: {
      asOf: res.asOf,
      ...(res.current.start ? { streakStart: res.current.start } : {}),
      ...(res.longestSince ? { previousAsLong: `${res.longestSince.start}..${res.longestSince.end}` } : {}),
    },
    formula: res.provenance.formula,
    notes,
  };
  const cur = res.current.length;
  if (!p.since) {
    const txt = `${cur} ${what}${res.current.start ? ` (${res.current.start}..${res.current.end})` : ''}`;
    return judgedOutcome(c.stated, cur, txt, evidence, {
      cap: picked.some((x) => x.proxy),
      reasonValue: `${cur} sessions`,
    });
  }
  // "the longest since …"
  if (cur === 0)
    return { ...unverifiable(`no streak is running on ${res.asOf}, so it has no rank`), evidence };
  const ls = res.longestSince;
  const rankTxt = ls
    ? `longest since ${MONTHS[Number(ls.end.slice(5, 7))]} ${ls.end.slice(0, 4)} (a ${ls.length}-session streak ${ls.start}..${ls.end})`
    : `longest in the data (since ${res.dataStart})`;
  const computed = { value: ls ? ls.end.slice(0, 7) : 'record', text: `${cur}-session streak: ${rankTxt}` };
  const tol: Tolerance = {
    abs: 0,
    rule: p.since.month
      ? 'month and year must match the end of the last streak at least as long'
      : 'year must match the end of the last streak at least as long',
  };
  if (p.since.yearsAgo) return yearsAgoOutcome(p.since.yearsAgo, ls, res, computed, evidence);
  if (p.since.record) {
    const v: Verdict = ls ? 'contradicted' : 'supported';
    return {
      computed,
      verdict: v,
      tolerance: { abs: 0, rule: 'no earlier streak at least as long in the data' },
      reason: `${v}: ${computed.text}`,
      evidence: {
        ...evidence,
        notes: [
          ...evidence.notes,
          ...(ls ? [] : [`"on record" is checked over the data, which start ${res.dataStart}`]),
        ],
      },
    };
  }
  const claimed = `${p.since.year}${p.since.month ? `-${String(p.since.month).padStart(2, '0')}` : ''}`;
  if (!ls) {
    if (since && since < res.dataStart)
      return {
        ...unverifiable(
          `the data start ${res.dataStart}, after ${claimed}: the streak is the longest in the data, but the data cannot show one as long in ${claimed}`,
        ),
        computed,
        evidence,
      };
    return {
      computed,
      verdict: 'contradicted',
      tolerance: tol,
      reason: `contradicted: no earlier streak of ${cur}+ sessions since the data start ${res.dataStart}, so none in ${claimed}: ${computed.text}`,
      evidence,
    };
  }
  const match =
    ls.end.slice(0, 4) === String(p.since.year) &&
    (p.since.month === null || Number(ls.end.slice(5, 7)) === p.since.month);
  const sameLength = !p.since.equal || ls.length === cur;
  const v: Verdict = match && sameLength ? 'supported' : 'contradicted';
  return {
    computed,
    verdict: v,
    tolerance: tol,
    reason: `${v}: stated since ${claimed}${p.since.equal ? ` (a record equalled: ${ls.length} sessions then, ${cur} now)` : ''}; ${computed.text}`,
    evidence,
  };
}

export async function checkRecord(c: Claim, dc: DataContext): Promise<Outcome> {
  if (c.params.kind !== 'record') throw new Error('not a record');
  const p = c.params;
  if (!p.subject) return unverifiable('no series named for the record');
  const endInfo = endSession(p.date, dc);
  if (!endInfo) return unverifiable(`the record's date ${NO_ASOF}`);
  const {
    picked,
    value: r,
    tried,
  } = await withSeries(dc.data, p.subject, (x) => {
    if (p.basis === 'high' && !x.series.high)
      throw new UserError(`${x.series.symbol} has closes only: intraday highs cannot be checked`);
    return recordHighs(x.series, { basis: p.basis ?? 'close', asOf: endInfo.end });
  });
  const notes = [
    describe(picked, p.subject),
    ...seriesNotes(picked),
    ...tried.map((t) => `not used: ${t}`),
    ...r.provenance.notes,
    ...(endInfo.note ? [endInfo.note] : []),
  ];
  if (picked.proxy)
    notes.push(`records of ${picked.series.symbol} (total return) can differ from the index's price records`);
  const evidence: Evidence = {
    series: [evidenceOf(picked, r.dataStart, r.asOf)],
    dates: {
      asOf: r.asOf,
      allTimeHigh: r.allTimeHigh.date,
      ...(r.current.start ? { recordRunStart: r.current.start } : {}),
    },
    formula: r.provenance.formula,
    notes,
  };
  if (p.mode === 'distance') {
    const d = r.distanceFromHigh * 100;
    const txt = `${pctText(d, c.stated.decimals)} from the record close ${fmtNum(r.allTimeHigh.value, 2)} (${r.allTimeHigh.date})`;
    return judgedOutcome(c.stated, d, txt, evidence, { cap: picked.proxy });
  }
  const n = r.current.length;
  const what = p.basis === 'high' ? 'intraday record high' : 'record close';
  const txt =
    n > 0
      ? `${n} straight ${what}(s) ${r.current.start}..${r.current.end}`
      : `no ${what} on ${r.asOf} (record ${fmtNum(r.allTimeHigh.value, 2)} on ${r.allTimeHigh.date})`;
  return judgedOutcome(c.stated, n, txt, evidence, { cap: picked.proxy });
}

/** Allowed range of years between the earlier run's end and now, per wording (documented in extract-streaks.ts). */
const YEARS_RULE: Record<'exact' | 'nearly' | 'about' | 'more-than', (n: number) => [number, number]> = {
  exact: (n) => [n - 1, n + 1],
  nearly: (n) => [n - 1, n],
  about: (n) => [n - 1, n + 1],
  'more-than': (n) => [n, Number.POSITIVE_INFINITY],
};

/**
 * "The longest in (nearly) N years": the last streak at least as long ended about N years before the
 * as-of session ("in N years": N − 1 ≤ years < N + 1; "nearly": N − 1 ≤ years ≤ N; "more than": > N).
 * With no earlier run in the data, the claim holds only if the data reach back N years (else unverifiable).
 */
function yearsAgoOutcome(
  ya: { n: number; qualifier: 'exact' | 'nearly' | 'about' | 'more-than' },
  ls: StreakResult['longestSince'],
  res: StreakResult,
  computed: { value: string; text: string },
  evidence: Evidence,
): Outcome {
  const [lo, hi] = YEARS_RULE[ya.qualifier](ya.n);
  const yearsBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / (365.25 * 86_400_000);
  const rule = `the last streak at least as long ended ${lo.toFixed(0)}–${Number.isFinite(hi) ? hi.toFixed(0) : '∞'} years before ${res.asOf}`;
  if (!ls) {
    const span = yearsBetween(res.dataStart, res.asOf);
    if (span < lo)
      return {
        ...unverifiable(
          `the data start ${res.dataStart}, ${span.toFixed(1)} years back: too short to see ${ya.n} years`,
        ),
        computed,
        evidence,
      };
    const v: Verdict = 'contradicted';
    return {
      computed,
      verdict: v,
      tolerance: { abs: 0, rule },
      reason: `contradicted: no earlier streak as long in ${span.toFixed(1)} years of data (a record, not "in ${ya.n} years")`,
      evidence,
    };
  }
  const years = yearsBetween(ls.end, res.asOf);
  const v: Verdict = years >= lo - 1e-9 && years <= hi + 1e-9 ? 'supported' : 'contradicted';
  return {
    computed: { ...computed, text: `${computed.text}, ${years.toFixed(1)} years earlier` },
    verdict: v,
    tolerance: { abs: 0, rule },
    reason: `${v}: the last streak as long ended ${ls.end}, ${years.toFixed(1)} years before ${res.asOf} (${rule})`,
    evidence,
  };
}
