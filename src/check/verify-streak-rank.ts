/**
 * The rank of a streak, checked on the data: "the longest since <date>" compares the end of the last
 * earlier streak at least as long (longestSince) with the stated month/year; a date that answers "The
 * last time we saw a run like this?" only has to fall in that run (the run touches the named month or
 * year); "on record" needs no earlier run as long (the evidence names the data start); "in N years"
 * measures how long ago that run ended.
 *
 * Before the data: when a small-vs-large streak (the Russell 2000 or IWM against the S&P 500 or SPY)
 * has no earlier run as long in its own data and the stated date lies before them, the years before
 * are read from the documented proxy, the Fama-French size factor (FF.SMB, small minus big, daily
 * since 1926): small caps beat large caps on a session when SMB > 0. The earlier run is the last run
 * of SMB > 0 (SMB < 0 for large over small) at least as long as the current streak that ended before
 * the pair's data start. The verdict is labelled "by proxy: Fama-French SMB (…)" in its reason and
 * evidence; without the factor in the store the claim stays unverifiable.
 */
import type { StreakResult } from '../analytics/streak.ts';
import { streakRuns } from '../facts/pure.ts';
import type { ReturnSeries } from '../model/series.ts';
import type { Claim, Evidence, Tolerance, Verdict } from './types.ts';
import { type DataContext, MONTHS, type Outcome, unverifiable } from './verify-common.ts';

type StreakParams = Extract<Claim['params'], { kind: 'streak' }>;
type Since = NonNullable<StreakParams['since']>;
type Run = NonNullable<StreakResult['longestSince']>;

/** The documented proxy for small vs large caps before the price data start. */
export const SIZE_PROXY = 'FF.SMB';
const SMALL = new Set(['Russell 2000', 'iShares Russell 2000 ETF (IWM)']);
const LARGE = new Set(['S&P 500', 'SPDR S&P 500 ETF (SPY)']);

const monthYear = (d: string) => `${MONTHS[Number(d.slice(5, 7))]} ${d.slice(0, 4)}`;

/** Does the earlier run match the stated date? Its end month/year; for an answer, any of its sessions. */
function sinceMatches(s: Since, run: Run): boolean {
  const y = String(s.year);
  if (s.answer) {
    const m = s.month ? `-${String(s.month).padStart(2, '0')}` : '';
    const from = `${y}${m || '-01'}-01`;
    const to = `${y}${m || '-12'}-31`;
    return run.start <= to && run.end >= from;
  }
  return run.end.slice(0, 4) === y && (s.month === null || Number(run.end.slice(5, 7)) === s.month);
}

function sinceRule(s: Since): string {
  const what = s.month ? 'month and year' : 'year';
  return s.answer
    ? `the last streak at least as long must fall in the stated ${s.month ? 'month' : 'year'} (any of its sessions)`
    : `${what} must match the end of the last streak at least as long`;
}

export async function rankOutcome(
  p: StreakParams,
  s: Since,
  res: StreakResult,
  evidence: Evidence,
  since: string | null,
  dc: DataContext,
): Promise<Outcome> {
  const cur = res.current.length;
  if (cur === 0)
    return { ...unverifiable(`no streak is running on ${res.asOf}, so it has no rank`), evidence };
  const ls = res.longestSince;
  const rankTxt = ls
    ? `longest since ${monthYear(ls.end)} (a ${ls.length}-session streak ${ls.start}..${ls.end})`
    : `longest in the data (since ${res.dataStart})`;
  const computed = { value: ls ? ls.end.slice(0, 7) : 'record', text: `${cur}-session streak: ${rankTxt}` };
  const tol: Tolerance = { abs: 0, rule: sinceRule(s) };
  if (s.yearsAgo) return yearsAgoOutcome(s.yearsAgo, ls, res, computed, evidence);
  if (s.record) {
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
  const claimed = `${s.year}${s.month ? `-${String(s.month).padStart(2, '0')}` : ''}`;
  if (!ls) {
    if (since && since < res.dataStart) {
      const proxy = await sizeProxyOutcome(p, s, res, evidence, since, claimed, dc);
      if (typeof proxy !== 'string') return proxy;
      return {
        ...unverifiable(
          `the data start ${res.dataStart}, after ${claimed}: the streak is the longest in the data, but the data cannot show one as long in ${claimed}${proxy}`,
        ),
        computed,
        evidence,
      };
    }
    return {
      computed,
      verdict: 'contradicted',
      tolerance: tol,
      reason: `contradicted: no earlier streak of ${cur}+ sessions since the data start ${res.dataStart}, so none in ${claimed}: ${computed.text}`,
      evidence,
    };
  }
  const sameLength = !s.equal || ls.length === cur;
  const v: Verdict = sinceMatches(s, ls) && sameLength ? 'supported' : 'contradicted';
  return {
    computed,
    verdict: v,
    tolerance: tol,
    reason: `${v}: stated ${s.answer ? `the last such run in ${claimed}` : `since ${claimed}`}${s.equal ? ` (a record equalled: ${ls.length} sessions then, ${cur} now)` : ''}; ${computed.text}`,
    evidence,
  };
}

/** Small caps over large caps (SMB > 0), large over small (SMB < 0), or null when the pair is not one. */
function sizeDirection(p: StreakParams): 'over' | 'under' | null {
  if (p.mode !== 'relative' || !p.a || !p.b) return null;
  const under = p.unitWord.endsWith('(under)');
  if (SMALL.has(p.a.label) && LARGE.has(p.b.label)) return under ? 'under' : 'over';
  if (LARGE.has(p.a.label) && SMALL.has(p.b.label)) return under ? 'over' : 'under';
  return null;
}

/** The last run of the factor in `direction`, at least `min` sessions long, ending before `before`. */
function lastFactorRun(
  f: ReturnSeries,
  direction: 'over' | 'under',
  min: number,
  before: string,
): Run | null {
  const runs = streakRuns(f.ret, direction);
  for (let i = runs.count - 1; i >= 0; i--) {
    const end = runs.start[i] + runs.length[i] - 1;
    if (f.dates[end] >= before || runs.length[i] < min) continue;
    return { start: f.dates[runs.start[i]], end: f.dates[end], length: runs.length[i] };
  }
  return null;
}

/**
 * A small-vs-large rank claim that reaches before the pair's data, checked on the Fama-French SMB
 * factor; or why not (a clause for the unverifiable reason, '' when the pair is not small vs large).
 */
async function sizeProxyOutcome(
  p: StreakParams,
  s: Since,
  res: StreakResult,
  evidence: Evidence,
  since: string,
  claimed: string,
  dc: DataContext,
): Promise<Outcome | string> {
  const direction = sizeDirection(p);
  if (!direction) return '';
  const f = dc.data.factor ? await dc.data.factor(SIZE_PROXY) : null;
  if (!f) return ` (the documented proxy, the Fama-French size factor ${SIZE_PROXY}, is not in the store)`;
  const first = f.dates[0];
  if (since < first) return ` (nor does the Fama-French size factor, which starts ${first})`;
  const cur = res.current.length;
  const sign = direction === 'over' ? '>' : '<';
  const label = `by proxy: Fama-French SMB (small minus big, daily since ${first}) for the years before the ${res.a}/${res.b} data start ${res.dataStart}`;
  const run = lastFactorRun(f, direction, cur, res.dataStart);
  const found = run
    ? `the last run of SMB ${sign} 0 at least ${cur} sessions long before then: ${run.start}..${run.end} (${run.length} sessions)`
    : `no run of SMB ${sign} 0 at least ${cur} sessions long from ${first} to ${res.dataStart}`;
  const v: Verdict =
    run && sinceMatches(s, run) && (!s.equal || run.length === cur) ? 'supported' : 'contradicted';
  return {
    computed: {
      value: run ? run.end.slice(0, 7) : 'record',
      text: `${cur}-session streak, the longest in the ${res.a}/${res.b} data (since ${res.dataStart}); ${label}: ${found}`,
    },
    verdict: v,
    tolerance: { abs: 0, rule: `${sinceRule(s)} (${label})` },
    reason: `${v} ${label}: stated ${claimed}; ${found}`,
    evidence: {
      ...evidence,
      series: [
        ...evidence.series,
        {
          symbol: f.symbol,
          source: f.source,
          adjustment: 'none',
          basis: 'total return',
          proxy: true,
          first,
          last: res.dataStart,
        },
      ],
      dates: { ...evidence.dates, ...(run ? { proxyRun: `${run.start}..${run.end}` } : {}) },
      formula: `${evidence.formula}; before ${res.dataStart}: runs of consecutive sessions with SMB ${sign} 0 (${SIZE_PROXY})`,
      notes: [
        ...evidence.notes,
        `${SIZE_PROXY} is the daily return of small stocks minus big stocks (Fama-French, CRSP): a stand-in for ${res.a} vs ${res.b}, not the same series; a session counts when SMB ${sign} 0`,
      ],
      reading: label,
    },
  };
}

/** Allowed range of years between the earlier run's end and now, per wording (documented in extract-streak-rank.ts). */
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
