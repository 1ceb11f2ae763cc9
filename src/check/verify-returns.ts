/**
 * Return and spread claims checked on the data with perf(): named periods end at the data as-of
 * session; a day is the move from the previous session's close; the end session must be the last
 * NYSE session on or before the period's end (a series whose data stop earlier is not used).
 * Spreads: (r_A − r_B) × 100 points (|…| for "a gap of"). A stand-in series (an ETF's total return for
 * a price index) gets the allowance of tolerance.ts and at best `approximately`.
 */
import { perf } from '../facts/pure.ts';
import type { PriceSeries } from '../model/series.ts';
import { closureReason, isSession, prevSession } from '../model/calendar.ts';
import { UserError } from '../model/errors.ts';
import { dayNumber, withWeekday } from './dates.ts';
import { fmtNum, fmtSigned } from './numbers.ts';
import { dataAsOfSession } from './resolve.ts';
import {
  basisOf,
  describe,
  evidenceOf,
  type Picked,
  seriesNotes,
  withPair,
  withSeries,
} from './series-pick.ts';
import { type JudgeOptions, standInAllowance } from './tolerance.ts';
import type { Claim, PeriodRef, Stated, SubjectRef } from './types.ts';
import {
  type DataContext,
  judgedOutcome,
  NO_ASOF,
  type Outcome,
  pctText,
  unverifiable,
} from './verify-common.ts';

interface PeriodReturn {
  ret: number;
  start: string;
  end: string;
  startPrice: number;
  endPrice: number;
  notes: string[];
}

function lastSessionOnOrBefore(d: string): string | null {
  return dataAsOfSession(d);
}

export function periodReturn(s: PriceSeries, p: PeriodRef, dataAsOf: string | null): PeriodReturn {
  if (p.problem) throw new UserError(`the period "${p.text}" ${p.problem}`);
  const notes: string[] = [];
  if (p.named) {
    const end = p.asOf ? lastSessionOnOrBefore(p.asOf) : dataAsOf;
    if (!end) throw new UserError(`"${p.text}" ${NO_ASOF}`);
    if (s.dates[s.dates.length - 1] < end)
      throw new UserError(
        `${s.symbol} has no close for ${end} (its data ends ${s.dates[s.dates.length - 1]})`,
      );
    const r = perf([s], { period: p.named, asOf: end });
    const row = r.rows[0];
    notes.push(...r.provenance.notes);
    return {
      ret: row.return,
      start: row.start,
      end: row.end,
      startPrice: row.startPrice,
      endPrice: row.endPrice,
      notes,
    };
  }
  const to = p.to ?? dataAsOf;
  if (!p.from || !to) throw new UserError(`"${p.text}" ${NO_ASOF}`);
  if (p.day && !isSession(p.day))
    throw new UserError(
      `the NYSE was closed on ${withWeekday(p.day)} (${closureReason(p.day)}): there is no move that day`,
    );
  const expectedEnd = lastSessionOnOrBefore(to);
  if (!expectedEnd) throw new UserError(`${to} is outside the NYSE calendar`);
  if (s.dates[s.dates.length - 1] < expectedEnd)
    throw new UserError(
      `${s.symbol} has no close for ${expectedEnd} (its data ends ${s.dates[s.dates.length - 1]})`,
    );
  const r = perf([s], { from: p.from, to });
  const row = r.rows[0];
  if (row.end !== expectedEnd) throw new UserError(`${s.symbol} has no close for ${expectedEnd}`);
  const expectedBase = prevSession(p.from);
  if (row.start !== expectedBase)
    notes.push(`${s.symbol}: base close ${row.start}, not the session before the period (${expectedBase})`);
  notes.push(...r.provenance.notes);
  return {
    ret: row.return,
    start: row.start,
    end: row.end,
    startPrice: row.startPrice,
    endPrice: row.endPrice,
    notes,
  };
}

function periodDays(r: PeriodReturn): number {
  return dayNumber(r.end) - dayNumber(r.start);
}

/** The allowance of a stand-in series or of mixed bases (total vs price return), if any. */
function standIn(
  st: Stated,
  proxies: Picked[],
  days: number,
  subjectLabel: string,
): JudgeOptions['allowance'] {
  const proxied = proxies.filter((p) => p.proxy);
  const basisMix = new Set(proxies.map((p) => basisOf(p.series))).size > 1;
  if (proxied.length === 0 && !basisMix) return undefined;
  return {
    amount: standInAllowance(days) * (st.unit === 'pts' ? 2 : 1),
    reason:
      proxied.length > 0
        ? `${proxied.map((p) => p.series.symbol).join(', ')} stands in for ${subjectLabel} (total return vs the index's price return, tracking)`
        : 'one series is total return and the other price return',
  };
}

export async function checkReturn(
  c: Claim,
  subject: SubjectRef | null,
  period: PeriodRef | null,
  dc: DataContext,
): Promise<Outcome> {
  if (!subject) return unverifiable('no series named: the sentence does not say which index, fund or stock');
  if (!period)
    return unverifiable(
      `no period stated for ${subject.label}'s move (e.g. "year-to-date", "on Thursday", "this week")`,
    );
  if (period.problem) return unverifiable(`the period "${period.text}" ${period.problem}`);
  const {
    picked,
    value: r,
    tried,
  } = await withSeries(dc.data, subject, (p) => periodReturn(p.series, period, dc.dataAsOf));
  const computed = r.ret * 100;
  const allowance = standIn(c.stated, [picked], periodDays(r), subject.label);
  const notes = [
    describe(picked, subject),
    ...seriesNotes(picked),
    ...tried.map((t) => `not used: ${t}`),
    ...r.notes,
    ...(dc.asOfNote ? [dc.asOfNote] : []),
  ];
  const evidence = {
    series: [evidenceOf(picked, r.start, r.end)],
    dates: { base: r.start, end: r.end },
    formula: `(${fmtNum(r.endPrice, 2)} / ${fmtNum(r.startPrice, 2)} − 1) × 100 = ${computed.toFixed(3)}% (close[end] / close[base] − 1, ${period.text})`,
    notes,
  };
  const txt = pctText(computed, c.stated.decimals);
  return judgedOutcome(c.stated, computed, txt, evidence, {
    allowance,
    cap: !!allowance,
    noteAllowance: true,
  });
}

export async function checkSpread(
  c: Claim,
  a: SubjectRef | null,
  b: SubjectRef | null,
  period: PeriodRef | null,
  signed: boolean,
  dc: DataContext,
): Promise<Outcome> {
  if (!a || !b)
    return unverifiable(
      `the spread needs two series; found ${a ? a.label : 'none'}${b ? ` and ${b.label}` : ''}`,
    );
  if (a.label === b.label) return unverifiable(`both sides resolve to ${a.label}`);
  if (!period) return unverifiable('no period stated for the spread');
  if (period.problem) return unverifiable(`the period "${period.text}" ${period.problem}`);
  const { pa, pb, value, tried } = await withPair(
    dc.data,
    a,
    b,
    (x, y) =>
      [periodReturn(x.series, period, dc.dataAsOf), periodReturn(y.series, period, dc.dataAsOf)] as const,
  );
  const [ra, rb] = value;
  const raw = (ra.ret - rb.ret) * 100;
  const computed = signed ? raw : Math.abs(raw);
  const allowance = standIn(c.stated, [pa, pb], periodDays(ra), `${a.label}/${b.label}`);
  const notes = [
    describe(pa, a),
    describe(pb, b),
    ...seriesNotes(pa),
    ...seriesNotes(pb),
    ...tried.map((t) => `not used: ${t}`),
    ...ra.notes,
    ...rb.notes,
    ...(dc.asOfNote ? [dc.asOfNote] : []),
  ];
  if (ra.start !== rb.start || ra.end !== rb.end)
    notes.push(`measured over different sessions: ${ra.start}..${ra.end} vs ${rb.start}..${rb.end}`);
  const txt = `${signed ? fmtSigned(computed, Math.max(2, c.stated.decimals + 1)) : computed.toFixed(Math.max(2, c.stated.decimals + 1))} pts`;
  const evidence = {
    series: [evidenceOf(pa, ra.start, ra.end), evidenceOf(pb, rb.start, rb.end)],
    dates: { base: ra.start, end: ra.end },
    formula: `${signed ? '' : '|'}${pctText(ra.ret * 100, 1)} − (${pctText(rb.ret * 100, 1)})${signed ? '' : '|'} = ${computed.toFixed(3)} pts (${pa.series.symbol} minus ${pb.series.symbol}, ${period.text})`,
    notes,
  };
  return judgedOutcome(c.stated, computed, txt, evidence, {
    allowance,
    cap: !!allowance,
    noteAllowance: true,
  });
}
