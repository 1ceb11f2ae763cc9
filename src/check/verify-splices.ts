/**
 * The one-day step of an adjustment-basis splice ("IWM on March 17, 2026 (a one-day step of about
 * −0.24%)"): checked against the repair the loader applied to the same series (facts/load.ts,
 * analytics/basis-repair.ts). The closes up to the session before the splice were rescaled by a
 * factor — measured day by day against a single-snapshot copy, or the data notes' documented step —
 * and the step is that factor − 1, in percent. A series with no repair ending the session before the
 * stated date gives `unverifiable` (the checker does not measure a splice itself).
 */
import type { SpliceRepair } from '../model/series.ts';
import { UserError } from '../model/errors.ts';
import { fmtSigned } from './numbers.ts';
import { describe, evidenceOf, PickError, seriesNotes, withSeries } from './series-pick.ts';
import { judge } from './tolerance.ts';
import type { Claim, SubjectRef } from './types.ts';
import { type DataContext, type Outcome, reasonText, round, unverifiable } from './verify-common.ts';

export async function checkSpliceStep(
  c: Claim,
  subject: SubjectRef,
  date: string,
  dc: DataContext,
): Promise<Outcome> {
  try {
    const { picked, value } = await withSeries(
      dc.data,
      subject,
      (p) => {
        const s = p.series;
        const repairs = (s.notes ?? []).filter((n): n is SpliceRepair => n.kind === 'splice-repair');
        const r = repairs.find((x) => {
          const i = s.dates.indexOf(x.to);
          return i >= 0 && s.dates[i + 1] === date;
        });
        if (!r)
          throw new UserError(
            `no adjustment-basis splice on ${date} was repaired in the loaded ${s.symbol} series (${repairs.length ? `repairs end ${repairs.map((x) => x.to).join(', ')}` : 'no repair'}); the checker does not measure a splice itself`,
          );
        return r;
      },
      { noProxy: true },
    );
    const step = (value.factor - 1) * 100;
    const digits = Math.max(3, c.stated.decimals + 1);
    const text = `${fmtSigned(step, digits)}%`;
    const j = judge(c.stated, step);
    const how =
      value.reference !== null
        ? `factor measured day by day against ${value.reference.series} (${value.reference.source})`
        : `the data notes' documented step${value.documented ? ` of ${value.documented.approxPct}% on ${value.documented.date}` : ''}`;
    return {
      computed: { value: round(step, 6), text },
      verdict: j.verdict,
      tolerance: j.tolerance,
      reason: reasonText(j.verdict, c.stated, text, j.tolerance.rule),
      evidence: {
        series: [evidenceOf(picked, value.from, date)],
        dates: { rescaledFrom: value.from, rescaledTo: value.to, splice: date },
        formula: `(${value.factor.toFixed(6)} − 1) × 100 = ${step.toFixed(3)}% (the loader's rescaling of the closes ${value.from}..${value.to} onto the basis that starts on ${date}; ${how})`,
        notes: [describe(picked, subject), ...seriesNotes(picked)],
      },
    };
  } catch (e) {
    if (e instanceof PickError) return unverifiable(e.message);
    throw e;
  }
}
