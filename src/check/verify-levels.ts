/**
 * Level claims checked on the data: the close on the day; a crossing needs the close before on the
 * other side (an intraday cross, when highs/lows exist, is `approximately`). Only the named series
 * itself, never a stand-in; dividend-adjusted closes get a 2% allowance and at best `approximately`.
 */
import { closureReason, isSession } from '../model/calendar.ts';
import { UserError } from '../model/errors.ts';
import { withWeekday } from './dates.ts';
import { fmtNum } from './numbers.ts';
import { describe, evidenceOf, seriesNotes, withSeries } from './series-pick.ts';
import type { JudgeOptions } from './tolerance.ts';
import type { Claim, Evidence, SubjectRef, Verdict } from './types.ts';
import {
  type DataContext,
  judgedOutcome,
  NO_ASOF,
  type Outcome,
  round,
  unverifiable,
} from './verify-common.ts';

export async function checkLevel(
  c: Claim,
  subject: SubjectRef | null,
  action: 'close' | 'cross-above' | 'cross-below' | 'moving-average',
  date: string | null,
  dc: DataContext,
  window?: number,
): Promise<Outcome> {
  if (!subject) return unverifiable('no series named for the level');
  if (action === 'moving-average') return checkMovingAverage(c, subject, date, window ?? 0, dc);
  const d = date ?? dc.dataAsOf;
  if (!d) return unverifiable(`the level's date ${NO_ASOF}`);
  if (d >= '1926-01-01' && d <= '2030-12-31' && !isSession(d))
    return unverifiable(
      `the NYSE was closed on ${withWeekday(d)} (${closureReason(d)}): there is no close that day`,
    );
  const X = c.stated.value as number;
  const {
    picked,
    value: idx,
    tried,
  } = await withSeries(
    dc.data,
    subject,
    (x) => {
      const i = x.series.dates.indexOf(d);
      if (i < 0 || !Number.isFinite(x.series.close[i]))
        throw new UserError(
          `no close on ${d} (data ${x.series.dates[0]}..${x.series.dates[x.series.dates.length - 1]})`,
        );
      return i;
    },
    { noProxy: true },
  );
  const s = picked.series;
  const close = s.close[idx];
  const adjusted = s.adjustment === 'split+dividend';
  const notes = [
    describe(picked, subject),
    ...seriesNotes(picked),
    ...tried.map((t) => `not used: ${t}`),
    ...(dc.asOfNote && !date ? [dc.asOfNote] : []),
  ];
  if (adjusted)
    notes.push(
      `${s.symbol} closes are adjusted for dividends: they sit below the prices that traded then, so levels are compared within 2% and at best "approximately"`,
    );
  const evidence: Evidence = {
    series: [evidenceOf(picked, idx > 0 ? s.dates[idx - 1] : s.dates[idx], s.dates[idx])],
    dates: { date: d },
    formula: '',
    notes,
  };
  if (action === 'close') {
    evidence.formula = `close[${d}] = ${fmtNum(close, 2)}`;
    const txt = `close ${fmtNum(close, 2)} on ${d}`;
    return judgedOutcome(c.stated, close, txt, evidence, {
      cap: adjusted,
      allowance: adjustedAllowance(c, adjusted),
    });
  }
  if (idx === 0)
    return { ...unverifiable(`${s.symbol} has no close before ${d} to show a crossing`), evidence };
  const prev = s.close[idx - 1];
  const above = action === 'cross-above';
  const crossed = above ? close > X && prev <= X : close < X && prev >= X;
  const nowSide = above ? close > X : close < X;
  const intraday = s.high && s.low ? (above ? s.high[idx] > X : s.low[idx] < X) : false;
  evidence.formula = `close[${s.dates[idx - 1]}] = ${fmtNum(prev, 2)} → close[${d}] = ${fmtNum(close, 2)} vs level ${fmtNum(X, c.stated.decimals)}`;
  evidence.dates.previous = s.dates[idx - 1];
  let v: Verdict;
  let why: string;
  if (crossed) {
    v = 'supported';
    why = `closed ${above ? 'above' : 'below'} ${fmtNum(X, c.stated.decimals)} on ${d} (${fmtNum(close, 2)}) after ${fmtNum(prev, 2)} the session before`;
  } else if (nowSide) {
    v = 'contradicted';
    why = `already ${above ? 'above' : 'below'} ${fmtNum(X, c.stated.decimals)} at the previous close (${fmtNum(prev, 2)} on ${s.dates[idx - 1]})`;
  } else if (intraday) {
    v = 'approximately';
    why = `crossed ${fmtNum(X, c.stated.decimals)} intraday (${above ? 'high' : 'low'} ${fmtNum(above ? (s.high as Float64Array)[idx] : (s.low as Float64Array)[idx], 2)}) but closed at ${fmtNum(close, 2)}`;
  } else {
    v = 'contradicted';
    why = `closed at ${fmtNum(close, 2)} on ${d}, ${above ? 'below' : 'above'} ${fmtNum(X, c.stated.decimals)}`;
  }
  if (adjusted && v === 'supported') v = 'approximately';
  return {
    computed: { value: round(close, 4), text: why },
    verdict: v,
    tolerance: {
      abs: 0,
      rule: `the close must cross the level: ${above ? 'previous ≤ level < close' : 'previous ≥ level > close'}`,
    },
    reason: `${v}: ${why}`,
    evidence,
  };
}

/**
 * "Its 200-session average of 57.81": the simple mean of the `window` closes ending on the date (the
 * as-of session by default), on the named series itself. Same 2% allowance for dividend-adjusted closes.
 */
async function checkMovingAverage(
  c: Claim,
  subject: SubjectRef,
  date: string | null,
  window: number,
  dc: DataContext,
): Promise<Outcome> {
  const d = date ?? dc.dataAsOf;
  if (!d) return unverifiable(`the average's date ${NO_ASOF}`);
  if (window < 2) return unverifiable('no averaging window stated');
  const {
    picked,
    value: idx,
    tried,
  } = await withSeries(
    dc.data,
    subject,
    (x) => {
      let i = x.series.dates.length - 1;
      while (i >= 0 && x.series.dates[i] > d) i--;
      if (i < 0 || x.series.dates[i] !== d) throw new UserError(`no close on ${d}`);
      if (i + 1 < window) throw new UserError(`only ${i + 1} closes up to ${d}, fewer than ${window}`);
      return i;
    },
    { noProxy: true },
  );
  const s = picked.series;
  let sum = 0;
  for (let k = idx - window + 1; k <= idx; k++) sum += s.close[k];
  const mean = sum / window;
  const adjusted = s.adjustment === 'split+dividend';
  const first = s.dates[idx - window + 1];
  const txt = `${window}-session average ${fmtNum(mean, 2)} (${first}..${d})`;
  const notes = [describe(picked, subject), ...seriesNotes(picked), ...tried.map((t) => `not used: ${t}`)];
  if (adjusted)
    notes.push(
      `${s.symbol} closes are adjusted for dividends: the average is of adjusted closes, as MarketDash computes it`,
    );
  const evidence: Evidence = {
    series: [evidenceOf(picked, first, d)],
    dates: { first, last: d },
    formula: `mean(close[${first}..${d}]) over ${window} sessions = ${fmtNum(mean, 4)}`,
    notes,
  };
  return judgedOutcome(c.stated, mean, txt, evidence, { allowance: adjustedAllowance(c, adjusted) });
}

/** Dividend-adjusted closes sit below the traded prices: levels are compared within 2% of the stated one. */
function adjustedAllowance(c: Claim, adjusted: boolean): JudgeOptions['allowance'] {
  return adjusted
    ? { amount: Math.abs(c.stated.value as number) * 0.02, reason: 'dividend-adjusted closes' }
    : undefined;
}
