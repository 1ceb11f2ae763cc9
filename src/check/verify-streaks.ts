/**
 * Streak and record claims checked on the data: streaks() (A vs B) or streakVsZero() (up/down) for the
 * current run at the end session; "longest since <date>" compares longestSince.end with the stated
 * month/year and "on record" needs longestSince = null (the evidence names the data start);
 * recordHighs() on closes for record runs and the distance from the all-time high.
 */
import { recordHighs, streaks, streakVsZero } from '../facts/pure.ts';
import type { StreakResult } from '../analytics/streak.ts';
import { fmtNum } from './numbers.ts';
import { describe, evidenceOf, type Picked, seriesNotes, withPair, withSeries } from './series-pick.ts';
import { capAtApproximately, judge } from './tolerance.ts';
import type { Claim, Evidence, SubjectRef, Tolerance, Verdict } from './types.ts';
import {
  type DataContext,
  endSession,
  MONTHS,
  NO_ASOF,
  type Outcome,
  pctText,
  reasonText,
  round,
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
        ? (ok) =>
            Math.max(
              0,
              ok.findIndex((o) => o.value.dataStart <= since),
            )
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
    const j = judge(c.stated, cur);
    const verdict = picked.some((x) => x.proxy) ? capAtApproximately(j.verdict) : j.verdict;
    const txt = `${cur} ${what}${res.current.start ? ` (${res.current.start}..${res.current.end})` : ''}`;
    return {
      computed: { value: cur, text: txt },
      verdict,
      tolerance: j.tolerance,
      reason: reasonText(verdict, c.stated, `${cur} sessions`, j.tolerance.rule),
      evidence,
    };
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
  const v: Verdict = match ? 'supported' : 'contradicted';
  return {
    computed,
    verdict: v,
    tolerance: tol,
    reason: `${v}: stated since ${claimed}; ${computed.text}`,
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
  } = await withSeries(dc.data, p.subject, (x) =>
    recordHighs(x.series, { basis: 'close', asOf: endInfo.end }),
  );
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
    const j = judge(c.stated, d);
    const v = picked.proxy ? capAtApproximately(j.verdict) : j.verdict;
    const txt = `${pctText(d, c.stated.decimals)} from the record close ${fmtNum(r.allTimeHigh.value, 2)} (${r.allTimeHigh.date})`;
    return {
      computed: { value: round(d, 4), text: txt },
      verdict: v,
      tolerance: j.tolerance,
      reason: reasonText(v, c.stated, txt, j.tolerance.rule),
      evidence,
    };
  }
  const n = r.current.length;
  const j = judge(c.stated, n);
  const v = picked.proxy ? capAtApproximately(j.verdict) : j.verdict;
  const txt =
    n > 0
      ? `${n} straight record close(s) ${r.current.start}..${r.current.end}`
      : `no record close on ${r.asOf} (record ${fmtNum(r.allTimeHigh.value, 2)} on ${r.allTimeHigh.date})`;
  return {
    computed: { value: n, text: txt },
    verdict: v,
    tolerance: j.tolerance,
    reason: reasonText(v, c.stated, txt, j.tolerance.rule),
    evidence,
  };
}
