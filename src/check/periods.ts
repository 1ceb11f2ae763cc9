/**
 * Period phrases → periods the analytics engine understands (PeriodRef), relative to the as-of date.
 *
 * | phrase                                              | period                                         |
 * |-----------------------------------------------------|------------------------------------------------|
 * | year-to-date, YTD, this year, so far this year, in <as-of year> | ytd (base = last close of the prior year) |
 * | month-to-date, this month / quarter-to-date, this quarter | mtd / qtd                               |
 * | this week, week-to-date, for the week               | sessions since the previous week's last close  |
 * | last week                                           | the previous calendar week (Mon..Fri)          |
 * | on Thursday, Thursday's, on March 3, today          | that one session (base = the session before)   |
 * | since March 3                                       | base = the close on March 3                    |
 * | over the past N sessions                            | base = N sessions before the as-of session     |
 * | over the past week / month / 3 / 6 / 12 months / year / 3 / 5 years | 1w 1m 3m 6m 1y 3y 5y          |
 * | in 2025, last year                                  | that calendar year (base = last close of 2024) |
 * | in January (2026)                                   | that calendar month                            |
 * A weekday means the most recent such day on or before the as-of date ("last Thursday": strictly before).
 */
import { addSessions, isSession, prevSession } from '../model/calendar.ts';
import {
  addCalendarDays,
  findDates,
  lastWeekday,
  MONTH_SRC,
  mondayOf,
  monthNumber,
  resolveMention,
  WEEKDAY_SRC,
  weekdayNumber,
  isoDate,
} from './dates.ts';
import { wordToNumber } from './numbers.ts';
import type { PeriodRef } from './types.ts';

/**
 * "The week" read both ways: week-to-date (since the previous week's last close) and the trailing
 * week (MarketDash's 1w: base = the last close on or before the end − 7 calendar days). `first` says
 * which reading is listed first; the checker uses whichever the figure matches and says so.
 */
export function weekReadings(text: string, end: string, first: 'to-date' | 'trailing'): PeriodRef {
  const toDate: PeriodRef = { text: `${text} (week to date)`, from: mondayOf(end), to: end };
  const trailing: PeriodRef = { text: `${text} (trailing week, 1w)`, named: '1w', asOf: end };
  const [a, b] = first === 'to-date' ? [toDate, trailing] : [trailing, toDate];
  return { ...a, alt: [b] };
}

export interface PeriodMention {
  start: number;
  end: number;
  text: string;
  /** Resolves against the as-of date (null: none known). */
  resolve: (asOf: string | null) => PeriodRef;
}

const NEED_ASOF = 'needs an as-of date (give --as-of, or a dateline or "as of <date>" in the text)';

type Rule = { re: RegExp; make: (m: RegExpExecArray, text: string) => (asOf: string | null) => PeriodRef };

const named =
  (p: NonNullable<PeriodRef['named']>) =>
  (_m: RegExpExecArray, text: string) =>
  (asOf: string | null): PeriodRef =>
    asOf ? { text, named: p } : { text, named: p, problem: NEED_ASOF };

const NUM_WORD =
  '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)';

function safeSessionsBack(asOf: string, n: number): string | null {
  try {
    const end = isSession(asOf) ? asOf : prevSession(asOf);
    return addSessions(end, -(n - 1));
  } catch {
    return null;
  }
}

const RULES: Rule[] = [
  {
    re: /\b(?:year[- ]to[- ]date|ytd|so far this year|so far in the year|this year|since the (?:start|beginning) of (?:the|this) year|for the year so far|year to date)\b/gi,
    make: named('ytd'),
  },
  { re: /\b(?:month[- ]to[- ]date|mtd|this month|so far this month)\b/gi, make: named('mtd') },
  { re: /\b(?:quarter[- ]to[- ]date|qtd|this quarter|so far this quarter)\b/gi, make: named('qtd') },
  {
    // "the week to June 6, 2008", "the week ended Friday": the trailing week ending that day
    // (MarketDash's 1w: base = last close on or before the day − 7), or that week so far.
    re: new RegExp(
      `\\b(?:in |over |for |during )?the week (?:to|ended|ending|through|thru|up to) (${MONTH_SRC} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{4}-\\d{2}-\\d{2})`,
      'g',
    ),
    make: (m, text) => (asOf) => {
      const d = findDates(m[1])[0];
      const iso = d ? resolveMention(d, asOf) : null;
      if (!iso) return { text, problem: NEED_ASOF };
      return weekReadings(text, iso, 'trailing');
    },
  },
  {
    re: /\b(?:this week|so far this week|week[- ]to[- ]date|for the week|on the week|(?:in|over|during) the (?:past |last )?week(?:'s|’s)?(?: \d{1,2} sessions)?|the week's \d{1,2} sessions)\b/gi,
    make: (_m, text) => (asOf) =>
      asOf
        ? weekReadings(text, asOf, /past|last|'s|’s/i.test(text) ? 'trailing' : 'to-date')
        : { text, problem: NEED_ASOF },
  },
  {
    re: /\blast week\b/gi,
    make: (_m, text) => (asOf) => {
      if (!asOf) return { text, problem: NEED_ASOF };
      const mon = addCalendarDays(mondayOf(asOf), -7);
      return { text, from: mon, to: addCalendarDays(mon, 4) };
    },
  },
  {
    re: new RegExp(
      `\\b(?:(?:over|in|during|for) )?the (?:past|last|previous|prior) ${NUM_WORD}? ?(sessions?|trading days?|days?|weeks?|months?|years?)\\b`,
      'gi',
    ),
    make: (m, text) => (asOf) => {
      if (!asOf) return { text, problem: NEED_ASOF };
      const n = m[1] ? wordToNumber(m[1]) : 1;
      const unit = m[2].toLowerCase().replace(/s$/, '');
      if (n === null || n < 1) return { text, problem: `cannot read the number in "${text}"` };
      if (unit === 'session' || unit === 'trading day' || unit === 'day') {
        const from = safeSessionsBack(asOf, n);
        if (!from) return { text, problem: `${n} sessions before ${asOf} fall outside the calendar` };
        return { text, from, to: asOf };
      }
      if (unit === 'week' && n === 1) return { text, named: '1w' };
      if (unit === 'month' && (n === 1 || n === 3 || n === 6 || n === 12 || n === 36 || n === 60))
        return { text, named: ({ 1: '1m', 3: '3m', 6: '6m', 12: '1y', 36: '3y', 60: '5y' } as const)[n] };
      if (unit === 'year' && (n === 1 || n === 3 || n === 5))
        return { text, named: ({ 1: '1y', 3: '3y', 5: '5y' } as const)[n] };
      return {
        text,
        problem: `"${text}" is not a period the checker computes (use sessions, 1/3/6/12 months, 1/3/5 years)`,
      };
    },
  },
  {
    re: /\b(?:in|during|for|over) (?:the )?(\d{4})\b(?![-/%.,]\d)/gi,
    make: (m, text) => (asOf) => {
      const y = Number(m[1]);
      if (asOf && y === Number(asOf.slice(0, 4))) return { text, named: 'ytd' };
      if (asOf && y > Number(asOf.slice(0, 4)))
        return { text, problem: `${y} is after the as-of date ${asOf}` };
      return { text, from: `${y}-01-01`, to: `${y}-12-31` };
    },
  },
  {
    re: /\blast year\b/gi,
    make: (_m, text) => (asOf) => {
      if (!asOf) return { text, problem: NEED_ASOF };
      const y = Number(asOf.slice(0, 4)) - 1;
      return { text, from: `${y}-01-01`, to: `${y}-12-31` };
    },
  },
  {
    re: new RegExp(`\\b(?:in|during|for|over) (${MONTH_SRC})(?:,? (\\d{4}))?(?! \\d)`, 'g'),
    make: (m, text) => (asOf) => {
      const mo = monthNumber(m[1]) as number;
      let y = m[2] ? Number(m[2]) : null;
      if (y === null) {
        if (!asOf) return { text, problem: NEED_ASOF };
        y = Number(asOf.slice(0, 4));
        if (mo > Number(asOf.slice(5, 7))) y--;
      }
      const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      const to = isoDate(y, mo, last);
      return { text, from: isoDate(y, mo, 1), to: asOf && to > asOf ? asOf : to };
    },
  },
  {
    re: new RegExp(
      `\\bsince (${MONTH_SRC} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{4}-\\d{2}-\\d{2})`,
      'g',
    ),
    make: (m, text) => (asOf) => {
      const d = findDates(m[1])[0];
      const iso = d ? resolveMention(d, asOf) : null;
      if (!iso) return { text, problem: NEED_ASOF };
      return {
        text,
        from: addCalendarDays(iso, 1),
        to: asOf ?? undefined,
        problem: asOf ? undefined : NEED_ASOF,
      };
    },
  },
  {
    re: new RegExp(`\\b(last |on |)(${WEEKDAY_SRC})(?:'s|’s)?\\b(?!,? (?:${MONTH_SRC}|\\d))`, 'g'),
    make: (m, text) => (asOf) => {
      if (!asOf) return { text, problem: NEED_ASOF };
      const wd = weekdayNumber(m[2]) as number;
      const day = lastWeekday(asOf, wd, m[1].toLowerCase() === 'last ');
      return { text, from: day, to: day, day };
    },
  },
  {
    // A weekday with its date ("Thursday, March 5") or a date alone ("on March 3").
    re: new RegExp(
      `\\b(?:(?:on|On) )?(?:${WEEKDAY_SRC},? )?(${MONTH_SRC} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{4}-\\d{2}-\\d{2})(?!\\d)`,
      'g',
    ),
    make: (m, text) => (asOf) => {
      const d = findDates(m[1])[0];
      const iso = d ? resolveMention(d, asOf) : null;
      if (!iso) return { text, problem: NEED_ASOF };
      return { text, from: iso, to: iso, day: iso };
    },
  },
  {
    re: /\b(?:today|on the day|in (?:the|today's|today’s) session|on the session)\b/gi,
    make: (_m, text) => (asOf) =>
      asOf ? { text, from: asOf, to: asOf, day: asOf } : { text, problem: NEED_ASOF },
  },
  {
    re: /\byesterday\b/gi,
    make: (_m, text) => (asOf) => {
      if (!asOf) return { text, problem: NEED_ASOF };
      const d = addCalendarDays(asOf, -1);
      return { text, from: d, to: d, day: d };
    },
  },
];

/** Period phrases in `s` (positions shifted by `offset`), left to right, without overlaps (earlier rules win). */
export function findPeriods(s: string, offset = 0): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(s); m !== null; m = rule.re.exec(s)) {
      const start = offset + m.index;
      const end = start + m[0].length;
      if (out.some((o) => o.start < end && start < o.end)) continue;
      const text = m[0].trim();
      out.push({ start, end, text, resolve: rule.make(m, text) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
