/**
 * Whether a day (days since 1970-01-01, model/days.ts) is an NYSE session, for code that holds dates
 * as days (the price importer checks every row): the calendar's answer (calendar.ts `sessionsBetween`)
 * kept as one flag per day, built a block of days at a time on first use.
 */
import { CALENDAR_RANGE, sessionsBetween } from './calendar.ts';
import { dayToIso, isoToDay } from './days.ts';

const FIRST = isoToDay(CALENDAR_RANGE.first);
const LAST = isoToDay(CALENDAR_RANGE.last);
const BLOCK = 512;
const blocks: (Uint8Array | undefined)[] = [];

/** true for a session, false for any other day in the calendar's range, null outside it (nothing to check against). */
export function isSessionDay(day: number): boolean | null {
  if (!(day >= FIRST && day <= LAST)) return null;
  const off = day - FIRST;
  const b = (off / BLOCK) | 0;
  let flags = blocks[b];
  if (!flags) {
    flags = new Uint8Array(BLOCK);
    const from = FIRST + b * BLOCK;
    const to = Math.min(from + BLOCK - 1, LAST);
    for (const s of sessionsBetween(dayToIso(from), dayToIso(to))) flags[isoToDay(s) - from] = 1;
    blocks[b] = flags;
  }
  return flags[off - b * BLOCK] === 1;
}
