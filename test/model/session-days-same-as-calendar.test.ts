/**
 * isSessionDay (the price importer's per-row check, one flag per day) against the calendar's own
 * isSession for every day of its range, by a second method: the dates walked one by one as strings.
 * Outside the range it answers null (the importer then checks nothing), where isSession throws.
 */
import { describe, expect, it } from 'vitest';
import { CALENDAR_RANGE, isSession } from '../../src/model/calendar.ts';
import { dayToIso, isoDayAt, isoToDay } from '../../src/model/days.ts';
import { isSessionDay } from '../../src/model/session-days.ts';

describe('isSessionDay', () => {
  it('agrees with isSession on every day from 1926-01-01 to 2030-12-31', () => {
    const first = isoToDay(CALENDAR_RANGE.first);
    const last = isoToDay(CALENDAR_RANGE.last);
    let sessions = 0;
    const wrong: string[] = [];
    for (let d = first; d <= last; d++) {
      const iso = dayToIso(d);
      const want = isSession(iso);
      if (isSessionDay(d) !== want) wrong.push(iso);
      if (want) sessions++;
    }
    expect(wrong).toEqual([]);
    // Hand checks: a Saturday session before 1952, a weekday holiday, an ordinary Monday.
    expect(isSessionDay(isoToDay('1950-01-07'))).toBe(true); // Saturday, 1950
    expect(isSessionDay(isoToDay('2026-01-19'))).toBe(false); // Martin Luther King Jr. Day
    expect(isSessionDay(isoToDay('2026-01-20'))).toBe(true);
    expect(sessions).toBeGreaterThan(26_000);
  });

  it('answers null outside the calendar (isSession throws there)', () => {
    expect(isSessionDay(isoToDay('1925-12-31'))).toBeNull();
    expect(isSessionDay(isoToDay('2031-01-02'))).toBeNull();
    expect(() => isSession('2031-01-02')).toThrow(/outside the NYSE calendar range/);
  });
});

describe('isoDayAt', () => {
  it('reads the date at a position of a line as isoToDay reads it alone, and refuses what it refuses', () => {
    for (const s of ['2026-01-20', '2000-02-29', '1900-02-28', '1970-01-01', '2026-12-31']) {
      expect(isoDayAt(`x,${s},1`, 2)).toBe(isoToDay(s));
    }
    expect(isoToDay('1970-01-02')).toBe(1);
    expect(isoToDay('2026-01-20')).toBe(20_473);
    for (const bad of ['1900-02-29', '2026-13-01', '2026-00-10', '2026-01-32', '2026/01/20', '2026-1-200', '20a6-01-20']) {
      expect(isoDayAt(`x,${bad},1`, 2)).toBeNaN();
      expect(isoToDay(bad)).toBeNaN();
    }
  });
});
