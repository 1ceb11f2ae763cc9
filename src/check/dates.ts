/**
 * Dates as written in market copy: "March 6, 2025", "Feb. 27", "6 March 2025", "2026-01-22",
 * "1/22/2026", weekday names, month-year ("March 1999") and years. Pure: no clock — a date without
 * a year takes the year that puts it on or before the as-of date (plus a week of slack), so
 * "Dec. 31" in an article dated Jan. 22, 2026 is 2025-12-31.
 */

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const MONTH_NAMES: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** Capitalised month names and abbreviations ("May" only as a month when a day or year follows). */
export const MONTH_SRC =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept(?:ember|\\.)?|Sep\\.?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)(?![a-z])';
export const WEEKDAY_SRC = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

export function monthNumber(s: string): number | null {
  return MONTH_NAMES[s.replace(/\.$/, '').toLowerCase()] ?? null;
}

export function weekdayNumber(s: string): number | null {
  const i = WEEKDAYS.findIndex((w) => w.toLowerCase() === s.toLowerCase());
  return i < 0 ? null : i;
}

export interface DateMention {
  start: number;
  end: number;
  text: string;
  year: number | null;
  month: number;
  day: number;
}

const ymd = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1800 && y <= 2200)) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE_RES: { re: RegExp; map: (m: RegExpExecArray) => [number | null, number, number] | null }[] = [
  {
    // March 6, 2025 / Mar. 6 / March 6th 2025
    re: new RegExp(
      `\\b(${MONTH_SRC})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d,.]?\\d)(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    map: (m) => [m[3] ? Number(m[3]) : null, monthNumber(m[1]) as number, Number(m[2])],
  },
  {
    // 6 March 2025
    re: new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_SRC})(?:,?\\s+(\\d{4})\\b)?`, 'g'),
    map: (m) => [m[3] ? Number(m[3]) : null, monthNumber(m[2]) as number, Number(m[1])],
  },
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    map: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    map: (m) => [Number(m[3]), Number(m[1]), Number(m[2])],
  },
];

/** Full or partial calendar dates in `s` (offsets shifted by `offset`), left to right, no overlaps. */
export function findDates(s: string, offset = 0): DateMention[] {
  const found: DateMention[] = [];
  for (const { re, map } of DATE_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      const r = map(m);
      if (!r) continue;
      const [y, mo, d] = r;
      if (!isRealDate(y ?? 2000, mo, d)) continue;
      const start = offset + m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      found.push({ start, end, text: m[0], year: y, month: mo, day: d });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export function dayNumber(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
  );
}

export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addCalendarDays(iso: string, n: number): string {
  return fromDayNumber(dayNumber(iso) + n);
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** ISO date of a mention: its own year, else the year that puts it on or before asOf + 7 days. */
export function resolveMention(
  d: { year: number | null; month: number; day: number },
  asOf: string | null,
): string | null {
  if (d.year !== null) return isRealDate(d.year, d.month, d.day) ? ymd(d.year, d.month, d.day) : null;
  if (!asOf) return null;
  let y = Number(asOf.slice(0, 4));
  if (!isRealDate(y, d.month, d.day)) y--; // Feb 29
  let iso = ymd(y, d.month, d.day);
  if (dayNumber(iso) > dayNumber(asOf) + 7) {
    y--;
    if (!isRealDate(y, d.month, d.day)) return null;
    iso = ymd(y, d.month, d.day);
  }
  return iso;
}

/** The most recent date with weekday `wd` on or before `asOf` (strictly before when `strict`). */
export function lastWeekday(asOf: string, wd: number, strict = false): string {
  const cur = weekdayOf(asOf);
  let back = (cur - wd + 7) % 7;
  if (strict && back === 0) back = 7;
  return addCalendarDays(asOf, -back);
}

/** Monday of the calendar week containing `iso`. */
export function mondayOf(iso: string): string {
  const wd = weekdayOf(iso);
  return addCalendarDays(iso, -((wd + 6) % 7));
}

export function isoDate(y: number, m: number, d: number): string {
  return ymd(y, m, d);
}

/** "2026-01-22" → "Thu 2026-01-22". */
export function withWeekday(iso: string): string {
  return `${WEEKDAYS[weekdayOf(iso)].slice(0, 3)} ${iso}`;
}
