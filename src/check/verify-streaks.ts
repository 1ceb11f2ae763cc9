/**
 * Streak and record claims checked on the data: streaks() (A vs B) or streakVsZero() (up/down) for the
 * current run at the end session (the rank of the run, "the longest since …", in verify-streak-rank.ts);
 * recordHighs() on closes for record runs and the distance from the all-time high.
 */
import { UserError } from '../model/errors.ts';
import { recordHighs, streaks, streakVsZero } from '../facts/pure.ts';
import type { StreakResult } from '../analytics/streak.ts';
import { fmtNum } from './numbers.ts';
import { describe, evidenceOf, type Picked, seriesNotes, withPair, withSeries } from './series-pick.ts';
import { rankOutcome } from './verify-streak-rank.ts';
import type { Claim, Evidence, SubjectRef } from './types.ts';
import {
  type DataContext,
  endSession,
  judgedOutcome,
  NO_ASOF,
  type Outcome,
  pctText,
  unverifiable,
} from './verify-common.ts';

type StreakParams = Extract<Claim['params'], { kind: 'streak' }>;

/** The streak as computed on the series the claim names (or the fair reading picked among them). */
interface StreakRun {
  res: StreakResult;
  picked: Picked[];
  tried: string[];
}

/**
 * A vs B (relative) or one series vs zero (up/down), ending on `end`. With a "since" date, the pair
 * whose data reach back to it is preferred; else one that finds an equal run after it (which settles
 * the claim too); else the first.
 */
async function runStreak(
  p: StreakParams,
  a: SubjectRef,
  end: string,
  dc: DataContext,
  since: string | null,
): Promise<StreakRun | string> {
  const under = p.unitWord.endsWith('(under)');
  if (p.mode === 'relative') {
    if (!p.b) return `a streak of ${a.label} against another series, but the other series is not named`;
    const r = await withPair(
      dc.data,
      a,
      p.b,
      (x, y) => streaks(x.series, y.series, { asOf: end, direction: under ? 'under' : 'over' }),
      since
        ? (ok) => {
            const reach = ok.findIndex((o) => o.value.dataStart <= since);
            if (reach >= 0) return reach;
            return Math.max(
              0,
              ok.findIndex((o) => (o.value.longestSince?.end ?? '') >= since),
            );
          }
        : undefined,
    );
    return { res: r.value, picked: [r.pa, r.pb], tried: r.tried };
  }
  const r = await withSeries(dc.data, a, (x) =>
    streakVsZero(x.series, { asOf: end, positive: p.mode === 'up' }),
  );
  return { res: r.value, picked: [r.picked], tried: r.tried };
}

function streakEvidence(p: StreakParams, run: StreakRun, endNote: string | null): Evidence {
  const { res, picked, tried } = run;
  return {
    series: picked.map((x) => evidenceOf(x, res.dataStart, res.asOf)),
    dates: {
      asOf: res.asOf,
      ...(res.current.start ? { streakStart: res.current.start } : {}),
      ...(res.longestSince ? { previousAsLong: `${res.longestSince.start}..${res.longestSince.end}` } : {}),
    },
    formula: res.provenance.formula,
    notes: [
      ...picked.map((x, i) => describe(x, i === 0 ? (p.a as SubjectRef) : (p.b as SubjectRef))),
      ...picked.flatMap(seriesNotes),
      ...tried.map((t) => `not used: ${t}`),
      ...res.provenance.notes,
      ...(endNote ? [endNote] : []),
      `data for this comparison start ${res.dataStart}`,
    ],
  };
}

export async function checkStreak(c: Claim, dc: DataContext): Promise<Outcome> {
  if (c.params.kind !== 'streak') throw new Error('not a streak');
  const p = c.params;
  if (!p.a) return unverifiable('no series named for the streak');
  const endInfo = endSession(p.endDate, dc);
  if (!endInfo) return unverifiable(`the streak's end ${NO_ASOF}`);
  const since =
    p.since && !p.since.record && p.since.year !== null
      ? `${p.since.year}-${String(p.since.month ?? 1).padStart(2, '0')}-01`
      : null;
  const run = await runStreak(p, p.a, endInfo.end, dc, since);
  if (typeof run === 'string') return unverifiable(run);
  const { res, picked } = run;
  const evidence = streakEvidence(p, run, endInfo.note);
  if (p.since) return rankOutcome(p, p.since, res, evidence, since, dc);
  const under = p.unitWord.endsWith('(under)');
  const what =
    p.mode === 'relative'
      ? `sessions with ${res.a}'s daily return ${under ? 'below' : 'above'} ${res.b}'s`
      : `sessions with ${res.a} ${p.mode === 'up' ? 'up' : 'down'} (close-to-close)`;
  const cur = res.current.length;
  const txt = `${cur} ${what}${res.current.start ? ` (${res.current.start}..${res.current.end})` : ''}`;
  return judgedOutcome(c.stated, cur, txt, evidence, {
    cap: picked.some((x) => x.proxy),
    reasonValue: `${cur} sessions`,
  });
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
