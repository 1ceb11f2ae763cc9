/**
 * NYSE trading calendar, 1926-01-01 .. 2030-12-31. Pure: no I/O, no clock.
 *
 * Sources of truth, in order:
 *  1. Regular holidays come from the `nyse-holidays` package (`getHolidays(year)`), which knows
 *     the holiday set per era (Lincoln's Birthday to 1953, Election Day to 1968 and in 1972-1980,
 *     Juneteenth from 2022, ...). Its rules are corrected below where it is wrong for the NYSE
 *     (see HOLIDAY CORRECTIONS); every correction was confirmed against real data.
 *  2. Closures that no rule produces (funerals, storms, the 1968 paper-work crisis, the
 *     Saturday closures of the Saturday-trading era) are listed as data in SPECIAL_CLOSURES,
 *     one comment per entry. Dates follow the NYSE closings history (NYSE "Closings" PDF, as
 *     transcribed in pandas_market_calendars) and were checked against the data files in
 *     ../shared/data (see test/model/nyse-calendar-data.test.ts for the measured result).
 *
 * Saturdays: the NYSE traded on Saturdays (a short 10:00-12:00 session) until 1952. From 1945 to
 * 1951 summer Saturdays were closed; the last Saturday session was 1952-05-24 and Saturday
 * trading was formally abolished from 1952-09-29. Here every Saturday up to 1952-05-24 is a
 * session unless a holiday or a listed closure applies; later Saturdays never are.
 * Limits: the Saturday closures are taken from the closings history and agree with the CRSP
 * dates behind the Ken French daily factors (1926-07 onwards). Yahoo's ^GSPC history has no
 * Saturday rows at all, so it cannot confirm them; 1926-01..1926-06 has no data to check against.
 *
 * Early closes: `isEarlyClose` covers only the regular 1 p.m. early closes, from 1993 (when the
 * early close moved from 2 p.m. to 1 p.m.) onwards. Ad-hoc early closes and late openings for
 * weather, funerals, backlogs etc., and all pre-1993 2 p.m. closes, are not modelled.
 */
import { getHolidays } from 'nyse-holidays';

export const CALENDAR_RANGE = { first: '1926-01-01', last: '2030-12-31' } as const;

/** Last Saturday with a trading session. */
export const LAST_SATURDAY_SESSION = '1952-05-24';
/** First day of the formal five-day week (Saturday trading abolished). */
const FIVE_DAY_WEEK_FROM = '1952-09-29';

// ---------------------------------------------------------------------------------------------
// Day arithmetic on ISO strings (UTC day numbers; no time zones involved).

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDay(iso: string): number {
  const m = ISO_RE.exec(iso);
  if (!m) throw new Error(`calendar: expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  if (fromDay(day) !== iso) throw new Error(`calendar: not a real calendar date: ${iso}`);
  return day;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function addDays(iso: string, n: number): string {
  return fromDay(toDay(iso) + n);
}

function ymd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** n-th (1-based) given weekday of a month; n = -1 for the last, -2 for the second to last. */
function nthWeekday(year: number, month: number, wd: number, n: number): string {
  if (n > 0) {
    const first = Date.UTC(year, month - 1, 1) / DAY_MS;
    const offset = (wd - weekday(first) + 7) % 7;
    return fromDay(first + offset + (n - 1) * 7);
  }
  const last = Date.UTC(year, month, 0) / DAY_MS;
  const offset = (weekday(last) - wd + 7) % 7;
  return fromDay(last - offset + (n + 1) * 7);
}

function saturdaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let d = toDay(from);
  d += (6 - weekday(d) + 7) % 7;
  for (const end = toDay(to); d <= end; d += 7) out.push(fromDay(d));
  return out;
}

// ---------------------------------------------------------------------------------------------
// SPECIAL CLOSURES: whole-day closures no holiday rule produces. Each entry was checked against
// the CRSP dates of the French daily factors (1926-07..2026-04) and, from 1928, against ^GSPC.

export interface SpecialClosure {
  dates: readonly string[];
  reason: string;
}

export const SPECIAL_CLOSURES: readonly SpecialClosure[] = [
  // -- Saturday-trading era: Saturdays closed next to a holiday (the NYSE decided case by case).
  // 1926-05-29 Sat: Saturday before Decoration Day (Mon 05-31 observed for Sun 05-30).
  { dates: ['1926-05-29'], reason: 'Saturday before Decoration Day' },
  // 1926-07-03 Sat: Saturday before Independence Day (observed Mon 07-05).
  { dates: ['1926-07-03'], reason: 'Saturday before Independence Day' },
  // 1926-09-04 Sat: Saturday before Labor Day.
  { dates: ['1926-09-04'], reason: 'Saturday before Labor Day' },
  // 1927-06-13 Mon: ticker-tape parade for Charles A. Lindbergh.
  { dates: ['1927-06-13'], reason: 'Lindbergh parade' },
  // 1928: Saturdays closed so back offices could clear the record-volume paper-work backlog.
  {
    dates: ['1928-04-07', '1928-04-21', '1928-05-05', '1928-05-12', '1928-05-19', '1928-05-26', '1928-11-24'],
    reason: 'paper-work backlog',
  },
  // 1929-02-09 Sat: paper-work backlog.
  { dates: ['1929-02-09'], reason: 'paper-work backlog' },
  // 1929-02-23 Sat: Saturday after Washington's Birthday (Fri 02-22).
  { dates: ['1929-02-23'], reason: "Saturday after Washington's Birthday" },
  // 1929-03-30 Sat: Saturday after Good Friday.
  { dates: ['1929-03-30'], reason: 'Saturday after Good Friday' },
  // 1929-08-31 Sat: Saturday before Labor Day.
  { dates: ['1929-08-31'], reason: 'Saturday before Labor Day' },
  // 1929-11: after the October crash, closed to catch up on the backlog and relieve staff
  // (Fri 11-01, the following Saturdays, and Fri-Sat 11-29/30 after Thanksgiving).
  {
    dates: ['1929-11-01', '1929-11-02', '1929-11-09', '1929-11-16', '1929-11-23', '1929-11-29', '1929-11-30'],
    reason: '1929 crash backlog',
  },
  // 1930-04-19 Sat: Saturday after Good Friday.
  { dates: ['1930-04-19'], reason: 'Saturday after Good Friday' },
  // 1930-05-31 Sat: Saturday after Decoration Day (Fri 05-30).
  { dates: ['1930-05-31'], reason: 'Saturday after Decoration Day' },
  // 1930-07-05 Sat: Saturday after Independence Day (Fri 07-04).
  { dates: ['1930-07-05'], reason: 'Saturday after Independence Day' },
  // 1930-08-30 Sat: Saturday before Labor Day.
  { dates: ['1930-08-30'], reason: 'Saturday before Labor Day' },
  // 1931-09-05 Sat: Saturday before Labor Day.
  { dates: ['1931-09-05'], reason: 'Saturday before Labor Day' },
  // 1931-12-26 Sat: Saturday after Christmas (Fri 12-25).
  { dates: ['1931-12-26'], reason: 'Saturday after Christmas' },
  // 1932-07-02 Sat: Saturday before Independence Day (Mon 07-04).
  { dates: ['1932-07-02'], reason: 'Saturday before Independence Day' },
  // 1933-01-07 Sat: funeral of former President Calvin Coolidge.
  { dates: ['1933-01-07'], reason: 'Coolidge funeral' },
  // 1933-03-04..03-14: state and then national bank holiday (Roosevelt's banking proclamation).
  {
    dates: [
      '1933-03-04',
      '1933-03-06',
      '1933-03-07',
      '1933-03-08',
      '1933-03-09',
      '1933-03-10',
      '1933-03-11',
      '1933-03-13',
      '1933-03-14',
    ],
    reason: 'bank holiday',
  },
  // 1933-07-29..09-02: Saturdays closed to cope with the heavy summer 1933 volume.
  {
    dates: ['1933-07-29', '1933-08-05', '1933-08-12', '1933-08-19', '1933-08-26', '1933-09-02'],
    reason: 'heavy volume backlog',
  },
  // 1936-12-26 Sat: Saturday after Christmas (Fri 12-25).
  { dates: ['1936-12-26'], reason: 'Saturday after Christmas' },
  // 1937-05-29 Sat: Saturday before Decoration Day (Mon 05-31 observed for Sun 05-30).
  { dates: ['1937-05-29'], reason: 'Saturday before Decoration Day' },
  // 1937-07-03 Sat: Saturday before Independence Day (observed Mon 07-05).
  { dates: ['1937-07-03'], reason: 'Saturday before Independence Day' },
  // 1944-08-19, 08-26, 09-02: wartime summer Saturday closures.
  { dates: ['1944-08-19', '1944-08-26', '1944-09-02'], reason: 'Saturday summer closure' },
  // 1945-04-14 Sat: national day of mourning for President Franklin D. Roosevelt.
  { dates: ['1945-04-14'], reason: 'Roosevelt day of mourning' },
  // 1945-07-07..09-01: summer Saturdays closed (from 1945 on, no Saturday trading in summer).
  { dates: saturdaysBetween('1945-07-07', '1945-09-01'), reason: 'Saturday summer closure' },
  // 1945-08-15/16 Wed-Thu: V-J Day, end of World War II.
  { dates: ['1945-08-15', '1945-08-16'], reason: 'V-J Day' },
  // 1945-10-13 Sat: Saturday after Columbus Day (Fri 10-12).
  { dates: ['1945-10-13'], reason: 'Saturday after Columbus Day' },
  // 1945-10-27 Sat: Navy Day.
  { dates: ['1945-10-27'], reason: 'Navy Day' },
  // 1945-12-24 Mon: Christmas Eve.
  { dates: ['1945-12-24'], reason: 'Christmas Eve' },
  // 1946-02-23 Sat: Saturday after Washington's Birthday (Fri 02-22).
  { dates: ['1946-02-23'], reason: "Saturday after Washington's Birthday" },
  // 1946-05-25 Sat: national railroad strike.
  { dates: ['1946-05-25'], reason: 'railroad strike' },
  // 1946-06-01..09-28: summer Saturdays closed.
  { dates: saturdaysBetween('1946-06-01', '1946-09-28'), reason: 'Saturday summer closure' },
  // 1947-05-31..09-27: summer Saturdays closed.
  { dates: saturdaysBetween('1947-05-31', '1947-09-27'), reason: 'Saturday summer closure' },
  // 1948-01-03 Sat: severe weather (snowstorm).
  { dates: ['1948-01-03'], reason: 'severe weather' },
  // 1948-05-29..09-25: summer Saturdays closed.
  { dates: saturdaysBetween('1948-05-29', '1948-09-25'), reason: 'Saturday summer closure' },
  // 1949-05-28..09-24: summer Saturdays closed.
  { dates: saturdaysBetween('1949-05-28', '1949-09-24'), reason: 'Saturday summer closure' },
  // 1949-12-24 Sat: Christmas Eve.
  { dates: ['1949-12-24'], reason: 'Christmas Eve' },
  // 1950-06-03..09-30: summer Saturdays closed.
  { dates: saturdaysBetween('1950-06-03', '1950-09-30'), reason: 'Saturday summer closure' },
  // 1950-12-23 Sat: Saturday before Christmas.
  { dates: ['1950-12-23'], reason: 'Saturday before Christmas' },
  // 1951-06-02..09-29: summer Saturdays closed.
  { dates: saturdaysBetween('1951-06-02', '1951-09-29'), reason: 'Saturday summer closure' },
  // 1952-05-31..09-27: summer Saturdays closed; Saturday trading was then abolished from 09-29,
  // so 1952-05-24 was the last Saturday session. (Later Saturdays are plain weekends.)
  { dates: saturdaysBetween('1952-05-31', '1952-09-27'), reason: 'Saturday summer closure' },

  // -- Five-day-week era.
  // 1956-12-24 Mon: Christmas Eve.
  { dates: ['1956-12-24'], reason: 'Christmas Eve' },
  // 1958-12-26 Fri: day after Christmas.
  { dates: ['1958-12-26'], reason: 'day after Christmas' },
  // 1961-05-29 Mon: day before Decoration Day (Tue 05-30).
  { dates: ['1961-05-29'], reason: 'day before Decoration Day' },
  // 1963-11-25 Mon: funeral of President John F. Kennedy.
  { dates: ['1963-11-25'], reason: 'Kennedy funeral' },
  // 1968-02-12 Mon: Lincoln's Birthday (trading floor closed, offices open; retired holiday).
  { dates: ['1968-02-12'], reason: "Lincoln's Birthday" },
  // 1968-04-09 Tue: day of mourning for Dr. Martin Luther King, Jr.
  { dates: ['1968-04-09'], reason: 'Martin Luther King Jr. day of mourning' },
  // 1968-06-12..12-18: paper-work crisis, four-day week. The exchange closed every Wednesday
  // except in weeks that already had a holiday (07-03, 09-04, 11-06, 11-13, 11-27 traded;
  // 12-25 was Christmas). Matches ^GSPC and CRSP exactly.
  {
    dates: [
      '1968-06-12',
      '1968-06-19',
      '1968-06-26',
      '1968-07-10',
      '1968-07-17',
      '1968-07-24',
      '1968-07-31',
      '1968-08-07',
      '1968-08-14',
      '1968-08-21',
      '1968-08-28',
      '1968-09-11',
      '1968-09-18',
      '1968-09-25',
      '1968-10-02',
      '1968-10-09',
      '1968-10-16',
      '1968-10-23',
      '1968-10-30',
      '1968-11-20',
      '1968-12-04',
      '1968-12-11',
      '1968-12-18',
    ],
    reason: 'paper-work crisis (Wednesday closing)',
  },
  // 1968-07-05 Fri: day after Independence Day.
  { dates: ['1968-07-05'], reason: 'day after Independence Day' },
  // 1968-11-11 Mon: Veterans Day (retired holiday, observed once more).
  { dates: ['1968-11-11'], reason: 'Veterans Day' },
  // 1969-02-10 Mon: heavy snow.
  { dates: ['1969-02-10'], reason: 'snowstorm' },
  // 1969-03-31 Mon: funeral of former President Dwight D. Eisenhower.
  { dates: ['1969-03-31'], reason: 'Eisenhower funeral' },
  // 1969-07-21 Mon: national day of participation for the Apollo 11 moon landing.
  { dates: ['1969-07-21'], reason: 'Apollo 11 moon landing' },
  // 1972-12-28 Thu: funeral of former President Harry S. Truman.
  { dates: ['1972-12-28'], reason: 'Truman funeral' },
  // 1973-01-25 Thu: funeral of former President Lyndon B. Johnson.
  { dates: ['1973-01-25'], reason: 'Johnson funeral' },
  // 1977-07-14 Thu: New York City blackout.
  { dates: ['1977-07-14'], reason: 'New York City blackout' },
  // 1985-09-27 Fri: Hurricane Gloria.
  { dates: ['1985-09-27'], reason: 'Hurricane Gloria' },
  // 1994-04-27 Wed: funeral of former President Richard M. Nixon.
  { dates: ['1994-04-27'], reason: 'Nixon funeral' },
  // 2001-09-11..14 Tue-Fri: September 11 attacks.
  { dates: ['2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14'], reason: 'September 11 attacks' },
  // 2004-06-11 Fri: national day of mourning for former President Ronald Reagan.
  { dates: ['2004-06-11'], reason: 'Reagan day of mourning' },
  // 2007-01-02 Tue: national day of mourning for former President Gerald R. Ford.
  { dates: ['2007-01-02'], reason: 'Ford day of mourning' },
  // 2012-10-29/30 Mon-Tue: Hurricane Sandy.
  { dates: ['2012-10-29', '2012-10-30'], reason: 'Hurricane Sandy' },
  // 2018-12-05 Wed: national day of mourning for former President George H. W. Bush.
  { dates: ['2018-12-05'], reason: 'George H. W. Bush day of mourning' },
  // 2025-01-09 Thu: national day of mourning for former President Jimmy Carter.
  { dates: ['2025-01-09'], reason: 'Carter day of mourning' },
];

/** Ad-hoc 1 p.m. early closes (1993+) that the regular rules below do not produce. */
const SPECIAL_EARLY_CLOSES: ReadonlySet<string> = new Set([
  // 1997-12-26 Fri: day after Christmas.
  '1997-12-26',
  // 2003-12-26 Fri: day after Christmas.
  '2003-12-26',
]);

// ---------------------------------------------------------------------------------------------
// HOLIDAY CORRECTIONS to nyse-holidays (checked against ^GSPC 1928+ and CRSP 1926+):
//
//  a) Saturday holidays. nyse-holidays moves a Saturday holiday to the Friday before for every
//     year before 1959-07-03 (and afterwards when the Friday is in the same month). The NYSE:
//     - while Saturdays were trading days (before 1952-09-29) closed on the Saturday itself and
//       traded on the Friday (e.g. 1926-12-31, 1937-12-24, 1942-07-03 all traded);
//     - afterwards observed the Friday only for Independence Day and Christmas from 1954, for
//       Washington's Birthday and Memorial Day from 1964 to 1969, and for Juneteenth; never for
//       New Year's Day, and not at all in 1952-1953 or for 1970's Memorial Day (1953-05-29,
//       1953-07-03, 1958-02-21, 1959-05-29, 1970-05-29 all traded).
//  b) Thanksgiving: the last Thursday of November before 1939 and the second-to-last in
//     1939-1941 ("Franksgiving"); nyse-holidays always uses the fourth Thursday
//     (wrong for 1928, 1933, 1934, 1940, 1941).
//  c) Washington's Birthday moved to the third Monday of February in 1971 (Uniform Monday
//     Holiday Act); nyse-holidays starts that in 1972 (1971-02-15 was closed, 02-22 traded).

/** Fixed nominal month-day of holidays that can fall on a Saturday. */
const NOMINAL_MONTH_DAY: Record<string, [number, number]> = {
  'New Years Day': [1, 1],
  "Lincoln's Birthday": [2, 12],
  "Washington's Birthday": [2, 22],
  'Memorial Day': [5, 30],
  'Juneteenth National Independence Day': [6, 19],
  'Independence Day': [7, 4],
  'Columbus Day': [10, 12],
  'Veterans Day': [11, 11],
  'Christmas Day': [12, 25],
};

/** Years in which a Saturday holiday was observed on the Friday before (five-day-week era). */
const FRIDAY_OBSERVANCE: Record<string, [number, number]> = {
  'Independence Day': [1954, 9999],
  'Christmas Day': [1954, 9999],
  "Washington's Birthday": [1964, 1969],
  'Memorial Day': [1964, 1969],
  'Juneteenth National Independence Day': [2022, 9999],
};

interface Holiday {
  date: string;
  name: string;
}

/** Corrected regular holidays of one holiday-year (a New Year's Day may land in the year before). */
function regularHolidays(year: number): Holiday[] {
  const out: Holiday[] = [];
  for (const h of getHolidays(year)) {
    let date = h.dateString;
    const name = h.name;
    if (name === 'Thanksgiving Day' && year < 1942) {
      date = nthWeekday(year, 11, 4, year < 1939 ? -1 : -2);
    } else if (name === "Washington's Birthday" && year === 1971) {
      date = nthWeekday(1971, 2, 1, 3);
    } else {
      const md = NOMINAL_MONTH_DAY[name];
      const nominal = md ? ymd(year, md[0], md[1]) : null;
      if (nominal && weekday(toDay(nominal)) === 6 && date === addDays(nominal, -1)) {
        // nyse-holidays moved a Saturday holiday to Friday: decide per era.
        if (nominal < FIVE_DAY_WEEK_FROM) {
          date = nominal; // Saturday-trading era: the Saturday itself was the holiday
        } else {
          const span = FRIDAY_OBSERVANCE[name];
          if (!span || year < span[0] || year > span[1]) continue; // not observed at all
        }
      }
    }
    out.push({ date, name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per-year tables, built lazily.

interface YearTable {
  /** Non-session dates of the year with their reason (weekends excluded unless a Saturday session era closure). */
  closed: Map<string, string>;
  /** Sessions of the year, ascending. */
  sessions: string[];
  sessionSet: Set<string>;
}

const FIRST_YEAR = 1926;
const LAST_YEAR = 2030;
const tables = new Map<number, YearTable>();
let closuresByYear: Map<number, Map<string, string>> | null = null;

function specialClosuresOf(year: number): Map<string, string> | undefined {
  if (!closuresByYear) {
    closuresByYear = new Map();
    for (const c of SPECIAL_CLOSURES) {
      for (const d of c.dates) {
        const y = Number(d.slice(0, 4));
        let m = closuresByYear.get(y);
        if (!m) {
          m = new Map();
          closuresByYear.set(y, m);
        }
        m.set(d, c.reason);
      }
    }
  }
  return closuresByYear.get(year);
}

function yearTable(year: number): YearTable {
  let t = tables.get(year);
  if (t) return t;
  const closed = new Map<string, string>();
  for (const y of [year - 1, year, year + 1]) {
    for (const h of regularHolidays(y)) if (Number(h.date.slice(0, 4)) === year) closed.set(h.date, h.name);
  }
  for (const [d, reason] of specialClosuresOf(year) ?? []) if (!closed.has(d)) closed.set(d, reason);
  const sessions: string[] = [];
  const start = Date.UTC(year, 0, 1) / DAY_MS;
  const end = Date.UTC(year, 11, 31) / DAY_MS;
  for (let d = start; d <= end; d++) {
    const wd = weekday(d);
    if (wd === 0) continue;
    const iso = fromDay(d);
    if (wd === 6 && iso > LAST_SATURDAY_SESSION) continue;
    if (closed.has(iso)) continue;
    sessions.push(iso);
  }
  t = { closed, sessions, sessionSet: new Set(sessions) };
  tables.set(year, t);
  return t;
}

function checkDate(date: string): number {
  const day = toDay(date);
  if (date < CALENDAR_RANGE.first || date > CALENDAR_RANGE.last) {
    throw new Error(
      `calendar: ${date} is outside the NYSE calendar range ${CALENDAR_RANGE.first}..${CALENDAR_RANGE.last}`,
    );
  }
  return day;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Index of the first element >= x in a sorted array. */
function lowerBound(arr: readonly string[], x: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** True when the NYSE held a regular trading session on `date` (YYYY-MM-DD). */
export function isSession(date: string): boolean {
  // A date in the year's session set is a valid in-range date: no parsing needed (the common case).
  if (date.length === 10 && date >= CALENDAR_RANGE.first && date <= CALENDAR_RANGE.last && yearTable(yearOf(date)).sessionSet.has(date)) return true;
  checkDate(date);
  return yearTable(yearOf(date)).sessionSet.has(date);
}

/** All sessions from `from` to `to`, both inclusive, ascending. Empty when from > to. */
export function sessionsBetween(from: string, to: string): string[] {
  checkDate(from);
  checkDate(to);
  if (from > to) return [];
  const out: string[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const s = yearTable(y).sessions;
    const i = y === yearOf(from) ? lowerBound(s, from) : 0;
    const j = y === yearOf(to) ? lowerBound(s, addDays(to, 1)) : s.length;
    for (let k = i; k < j; k++) out.push(s[k]);
  }
  return out;
}

/** Number of sessions from `from` to `to`, both inclusive (0 when from > to). */
export function countSessions(from: string, to: string): number {
  checkDate(from);
  checkDate(to);
  if (from > to) return 0;
  let n = 0;
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const s = yearTable(y).sessions;
    const i = y === yearOf(from) ? lowerBound(s, from) : 0;
    const j = y === yearOf(to) ? lowerBound(s, addDays(to, 1)) : s.length;
    n += j - i;
  }
  return n;
}

/** First session strictly after `date`. Throws when it would fall outside CALENDAR_RANGE. */
export function nextSession(date: string): string {
  checkDate(date);
  for (let y = yearOf(date); y <= LAST_YEAR; y++) {
    const s = yearTable(y).sessions;
    const i = y === yearOf(date) ? lowerBound(s, addDays(date, 1)) : 0;
    if (i < s.length) return s[i];
  }
  throw new Error(`calendar: no session after ${date} within ${CALENDAR_RANGE.last}`);
}

/** Last session strictly before `date`. Throws when it would fall outside CALENDAR_RANGE. */
export function prevSession(date: string): string {
  checkDate(date);
  for (let y = yearOf(date); y >= FIRST_YEAR; y--) {
    const s = yearTable(y).sessions;
    const i = (y === yearOf(date) ? lowerBound(s, date) : s.length) - 1;
    if (i >= 0) return s[i];
  }
  throw new Error(`calendar: no session before ${date} within ${CALENDAR_RANGE.first}`);
}

/**
 * The session `n` sessions after (n > 0) or before (n < 0) `date`; for n = 0, `date` itself if it
 * is a session, else an error. Throws when the result falls outside CALENDAR_RANGE.
 */
export function addSessions(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`calendar: addSessions needs an integer count, got ${n}`);
  if (n === 0) {
    if (!isSession(date)) throw new Error(`calendar: ${date} is not a session`);
    return date;
  }
  let d = date;
  for (let k = 0; k < Math.abs(n); k++) d = n > 0 ? nextSession(d) : prevSession(d);
  return d;
}

/**
 * True when `date` is a session with a regular 1 p.m. early close. Modelled from 1993 onwards only:
 * the day after Thanksgiving; Christmas Eve on Monday-Thursday; July 3 on Monday, Tuesday or
 * Thursday (and on Wednesday from 2013); July 5 on a Friday in 1996-2012; plus 1997-12-26 and
 * 2003-12-26. Earlier (2 p.m.) and ad-hoc early closes are not modelled: false before 1993.
 */
export function isEarlyClose(date: string): boolean {
  if (!isSession(date)) return false;
  const year = yearOf(date);
  if (year < 1993) return false;
  if (SPECIAL_EARLY_CLOSES.has(date)) return true;
  const wd = weekday(toDay(date));
  const md = date.slice(5);
  if (date === addDays(nthWeekday(year, 11, 4, 4), 1)) return true; // day after Thanksgiving
  if (md === '12-24' && wd >= 1 && wd <= 4) return true;
  if (md === '07-03' && (wd === 1 || wd === 2 || wd === 4 || (wd === 3 && year >= 2013))) return true;
  if (md === '07-05' && wd === 5 && year >= 1996 && year <= 2012) return true;
  return false;
}

/**
 * Why the NYSE was closed on `date`: 'weekend', a holiday name as nyse-holidays spells it
 * ('Good Friday', 'Martin Luther King, Jr. Day', 'Thanksgiving Day', ...), or a special closure
 * ('Hurricane Sandy', 'September 11 attacks', 'Saturday summer closure', ...). null for a session.
 */
export function closureReason(date: string): string | null {
  const day = checkDate(date);
  const t = yearTable(yearOf(date));
  if (t.sessionSet.has(date)) return null;
  if (weekday(day) === 0) return 'weekend';
  return t.closed.get(date) ?? 'weekend';
}

/** All sessions of a calendar year, ascending (a copy). */
export function sessionsInYear(year: number): string[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new Error(`calendar: year ${year} is outside the NYSE calendar range ${FIRST_YEAR}..${LAST_YEAR}`);
  }
  return [...yearTable(year).sessions];
}

/** Non-weekday closures of a calendar year (holidays and special closures, Saturday-era Saturdays included), ascending. */
export function closuresInYear(year: number): { date: string; reason: string }[] {
  sessionsInYear(year); // validates
  return [...yearTable(year).closed.entries()]
    .filter(([d]) => weekday(toDay(d)) !== 0)
    .map(([date, reason]) => ({ date, reason }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Internal helpers exposed for tests. */
export const _internal = { saturdaysBetween, nthWeekday, regularHolidays };
