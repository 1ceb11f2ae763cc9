/**
 * Resolution of names and dates.
 * - Names → series: the alias table in aliases.ts (exported here), overridable with `--aliases FILE`.
 * - The as-of date, in order: the `asOf` option; an "as of <date>" phrase in the text ("as of Feb. 27",
 *   its year from the dateline when not written); a dateline date with a year in the first lines
 *   ("LONDON – March 6, 2025 –", "Jan. 22, 2026 (Reuters)"). Otherwise none: relative periods
 *   ("this week", "on Thursday", "year-to-date") are then unverifiable, with that reason.
 * - The data as-of session: the as-of date when it is an NYSE session, else the last session before it
 *   (an article dated Saturday speaks of Friday's close).
 * - Periods and weekdays relative to the as-of date: periods.ts; calendar dates: dates.ts.
 */
import { CALENDAR_RANGE, isSession, prevSession } from '../model/calendar.ts';
import { UserError } from '../model/errors.ts';
import { findDates, resolveMention } from './dates.ts';
import type { Span } from './types.ts';

export { aliasMatcher, DEFAULT_ALIASES, mergeAliases, parseAliasFile, subjectFrom } from './aliases.ts';
export type { AliasEntry, AliasMatcher, AliasMention } from './aliases.ts';
export { findPeriods } from './periods.ts';
export type { PeriodMention } from './periods.ts';

export interface AsOfResolution {
  asOf: string | null;
  source: 'option' | 'as-of phrase' | 'dateline' | 'default' | 'none';
  /** The words the date came from. */
  text?: string;
  span?: Span;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function checkIsoDate(label: string, d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  if (!ISO.test(d) || Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d)
    throw new UserError(`${label} '${d}' is not a valid date (expected YYYY-MM-DD)`);
  return d;
}

/** The dateline: the first date with a year in the first three non-empty lines (within 600 characters). */
export function findDateline(text: string): { iso: string; text: string; span: Span } | null {
  let pos = 0;
  let seen = 0;
  while (pos < text.length && pos < 600 && seen < 3) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, Math.min(end, pos + 600));
    if (line.trim() !== '') {
      seen++;
      const d = findDates(line, pos).find((x) => x.year !== null);
      if (d) {
        const iso = resolveMention(d, null);
        if (iso) return { iso, text: d.text, span: { start: d.start, end: d.end } };
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return null;
}

export function resolveAsOf(text: string, option?: string, fallback?: string): AsOfResolution {
  if (option !== undefined && option !== '')
    return { asOf: checkIsoDate('--as-of', option), source: 'option' };
  const found = resolveFromText(text);
  if (found.source === 'none' && fallback !== undefined && fallback !== '')
    return { asOf: checkIsoDate('defaultAsOf', fallback), source: 'default' };
  return found;
}

function resolveFromText(text: string): AsOfResolution {
  const dateline = findDateline(text);
  const re =
    /\bas of(?: the close(?: on| of)?| the end of)? ((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?/gi;
  const head = text.slice(0, 200_000);
  for (let m = re.exec(head); m !== null; m = re.exec(head)) {
    const after = m.index + m[0].length;
    const d = findDates(text.slice(after, after + 40), after).find((x) => x.start === after);
    if (!d) continue;
    const iso = resolveMention(d, dateline?.iso ?? null);
    if (iso)
      return {
        asOf: iso,
        source: 'as-of phrase',
        text: text.slice(m.index, d.end),
        span: { start: m.index, end: d.end },
      };
  }
  if (dateline) return { asOf: dateline.iso, source: 'dateline', text: dateline.text, span: dateline.span };
  return { asOf: null, source: 'none' };
}

/** The last NYSE session on or before `asOf`, or null outside the calendar. */
export function dataAsOfSession(asOf: string | null): string | null {
  if (!asOf || asOf < CALENDAR_RANGE.first || asOf > CALENDAR_RANGE.last) return null;
  try {
    return isSession(asOf) ? asOf : prevSession(asOf);
  } catch {
    return null;
  }
}
