import { getHolidays, isHoliday } from 'nyse-holidays';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_RANGE,
  LAST_SATURDAY_SESSION,
  SPECIAL_CLOSURES,
  addSessions,
  closureReason,
  closuresInYear,
  countSessions,
  isEarlyClose,
  isSession,
  nextSession,
  prevSession,
  sessionsBetween,
  sessionsInYear,
} from '../../src/model/calendar.ts';

describe('nyse-holidays on its own (why the calendar adds data)', () => {
  it('does not know special closures such as 9/11, Sandy or the Carter day of mourning', () => {
    const has = (d: string) => getHolidays(Number(d.slice(0, 4))).some((h) => h.dateString === d);
    expect(has('2001-09-11')).toBe(false);
    expect(has('2012-10-29')).toBe(false);
    expect(has('2025-01-09')).toBe(false);
    expect(isHoliday(new Date(2025, 0, 9))).toBe(false);
  });

  it('uses rules the NYSE did not follow: Saturday holidays on Friday before 1959, 4th-Thursday Thanksgiving in 1940', () => {
    expect(getHolidays(1953).map((h) => h.dateString)).toContain('1953-07-03');
    expect(getHolidays(1940).find((h) => h.name === 'Thanksgiving Day')?.dateString).toBe('1940-11-28');
  });
});

describe('a trader checks January 2026', () => {
  it('MLK day 2026-01-19 is closed', () => {
    expect(isSession('2026-01-19')).toBe(false);
    expect(closureReason('2026-01-19')).toBe('Martin Luther King, Jr. Day');
  });

  it('2026-01-02..2026-01-22 holds exactly the 14 sessions listed in SOURCES.md', () => {
    expect(sessionsBetween('2026-01-02', '2026-01-22')).toEqual([
      '2026-01-02',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-01-12',
      '2026-01-13',
      '2026-01-14',
      '2026-01-15',
      '2026-01-16',
      '2026-01-20',
      '2026-01-21',
      '2026-01-22',
    ]);
    expect(countSessions('2026-01-02', '2026-01-22')).toBe(14);
  });

  it('New Year 2026 is closed, weekends are closed', () => {
    expect(closureReason('2026-01-01')).toBe('New Years Day');
    expect(closureReason('2026-01-03')).toBe('weekend');
    expect(closureReason('2026-01-04')).toBe('weekend');
    expect(closureReason('2026-01-02')).toBeNull();
  });
});

describe('holidays and special closures', () => {
  it.each([
    ['2026-04-03', 'Good Friday'],
    ['2025-01-09', 'Carter day of mourning'],
    ['2012-10-29', 'Hurricane Sandy'],
    ['2012-10-30', 'Hurricane Sandy'],
    ['2001-09-11', 'September 11 attacks'],
    ['2001-09-14', 'September 11 attacks'],
    ['2004-06-11', 'Reagan day of mourning'],
    ['2007-01-02', 'Ford day of mourning'],
    ['2018-12-05', 'George H. W. Bush day of mourning'],
    ['1994-04-27', 'Nixon funeral'],
    ['1985-09-27', 'Hurricane Gloria'],
    ['1977-07-14', 'New York City blackout'],
    ['1973-01-25', 'Johnson funeral'],
    ['1972-12-28', 'Truman funeral'],
    ['1969-07-21', 'Apollo 11 moon landing'],
    ['1969-03-31', 'Eisenhower funeral'],
    ['1969-02-10', 'snowstorm'],
    ['1968-04-09', 'Martin Luther King Jr. day of mourning'],
    ['1968-06-12', 'paper-work crisis (Wednesday closing)'],
    ['1963-11-25', 'Kennedy funeral'],
    ['1933-03-06', 'bank holiday'],
    ['2027-06-18', 'Juneteenth National Independence Day'],
    ['2026-07-03', 'Independence Day'],
  ])('%s is closed: %s', (date, reason) => {
    expect(isSession(date)).toBe(false);
    expect(closureReason(date)).toBe(reason);
  });

  it('1968 paper-work crisis: Wednesdays closed from June to December except in holiday weeks', () => {
    const wednesdays = sessionsBetween('1968-06-12', '1968-12-31').filter(
      (d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 3,
    );
    expect(wednesdays).toEqual(['1968-07-03', '1968-09-04', '1968-11-06', '1968-11-13', '1968-11-27']);
  });

  it('Saturday holidays: Friday observed for July 4 / Christmas, not for New Year (2021-12-31 traded)', () => {
    expect(isSession('2021-12-31')).toBe(true);
    expect(closureReason('2021-12-24')).toBe('Christmas Day');
    expect(isSession('2020-07-03')).toBe(false);
    expect(isSession('1953-07-03')).toBe(true); // before the NYSE started observing on Friday
  });

  it('historic holiday rules: Election Day, Lincoln, Franksgiving, Washington 1971', () => {
    expect(closureReason('1964-11-03')).toBe('Election Day');
    expect(isSession('1984-11-06')).toBe(true);
    expect(closureReason('1953-02-12')).toBe("Lincoln's Birthday");
    expect(isSession('1940-11-28')).toBe(true);
    expect(closureReason('1940-11-21')).toBe('Thanksgiving Day');
    expect(closureReason('1934-11-29')).toBe('Thanksgiving Day');
    expect(closureReason('1971-02-15')).toBe("Washington's Birthday");
    expect(isSession('1971-02-22')).toBe(true);
  });

  it('every special closure date is a non-session inside the range', () => {
    for (const c of SPECIAL_CLOSURES) {
      for (const d of c.dates) {
        expect(isSession(d), d).toBe(false);
        expect(closureReason(d), d).not.toBeNull();
      }
    }
  });
});

describe('Saturday sessions before 1952', () => {
  it('ordinary Saturdays traded, summer Saturdays from 1945 did not, 1952-05-24 was the last', () => {
    expect(isSession('1930-01-04')).toBe(true);
    expect(isSession('1945-07-14')).toBe(false);
    expect(closureReason('1945-07-14')).toBe('Saturday summer closure');
    expect(isSession('1951-12-29')).toBe(true);
    expect(isSession(LAST_SATURDAY_SESSION)).toBe(true);
    expect(closureReason('1952-05-31')).toBe('Saturday summer closure');
    expect(closureReason('1952-10-04')).toBe('weekend');
    expect(nextSession('1952-05-23')).toBe('1952-05-24');
  });

  it('a holiday on a Saturday closed the Saturday itself and the Friday traded', () => {
    expect(closureReason('1927-01-01')).toBe('New Years Day');
    expect(isSession('1926-12-31')).toBe(true);
    expect(closureReason('1937-12-25')).toBe('Christmas Day');
    expect(isSession('1937-12-24')).toBe(true);
  });
});

describe('early closes (1 p.m., 1993 onwards)', () => {
  it.each([
    ['2026-11-27', true], // day after Thanksgiving
    ['2026-12-24', true], // Christmas Eve, Thursday
    ['2025-07-03', true], // Thursday before Independence Day
    ['2024-07-03', true], // Wednesday, from 2013
    ['2008-07-03', true], // Thursday
    ['2002-07-05', true], // Friday after Independence Day, 1996-2012
    ['2019-07-05', false], // from 2013 the Friday is a full day
    ['2003-12-26', true], // ad hoc
    ['2026-07-02', false], // July 3 2026 is the holiday itself
    ['2026-11-26', false], // the holiday is not a session
    ['2026-01-22', false],
    ['1990-11-23', false], // before 1993: not modelled
  ])('%s -> %s', (date, expected) => {
    expect(isEarlyClose(date)).toBe(expected);
  });
});

describe('navigation and edges', () => {
  it('next/prev are strict and skip holidays and weekends', () => {
    expect(nextSession('2026-01-16')).toBe('2026-01-20');
    expect(prevSession('2026-01-20')).toBe('2026-01-16');
    expect(nextSession('2026-01-17')).toBe('2026-01-20');
    expect(prevSession('2026-01-19')).toBe('2026-01-16');
    expect(nextSession('2025-12-31')).toBe('2026-01-02');
    expect(prevSession('2026-01-02')).toBe('2025-12-31');
    expect(nextSession('2001-09-10')).toBe('2001-09-17');
  });

  it('addSessions moves by sessions', () => {
    expect(addSessions('2026-01-02', 13)).toBe('2026-01-22');
    expect(addSessions('2026-01-22', -13)).toBe('2026-01-02');
    expect(addSessions('2026-01-02', 0)).toBe('2026-01-02');
    expect(() => addSessions('2026-01-19', 0)).toThrow(/not a session/);
  });

  it('sessionsBetween is inclusive, ascending, spans years, and empty when from > to', () => {
    const s = sessionsBetween('2025-12-30', '2026-01-05');
    expect(s).toEqual(['2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05']);
    expect(sessionsBetween('2026-01-05', '2026-01-02')).toEqual([]);
    expect(countSessions('2026-01-05', '2026-01-02')).toBe(0);
    expect(sessionsBetween('2026-01-19', '2026-01-19')).toEqual([]);
  });

  it('a normal year has 250-254 sessions and countSessions agrees with sessionsBetween', () => {
    for (let y = 1953; y <= 2030; y++) {
      if (y === 1968 || y === 2001) continue;
      const n = sessionsInYear(y).length;
      expect(n, String(y)).toBeGreaterThanOrEqual(250);
      expect(n, String(y)).toBeLessThanOrEqual(254);
    }
    expect(countSessions('1926-01-01', '2030-12-31')).toBe(
      sessionsBetween(CALENDAR_RANGE.first, CALENDAR_RANGE.last).length,
    );
  });

  it('closuresInYear lists the non-weekend closures', () => {
    expect(closuresInYear(2012).map((c) => c.date)).toContain('2012-10-30');
  });

  it('throws outside CALENDAR_RANGE and on malformed dates', () => {
    expect(CALENDAR_RANGE).toEqual({ first: '1926-01-01', last: '2030-12-31' });
    expect(() => isSession('1925-12-31')).toThrow(/outside/);
    expect(() => isSession('2031-01-02')).toThrow(/outside/);
    expect(() => sessionsBetween('2030-12-01', '2031-01-31')).toThrow(/outside/);
    expect(() => nextSession('2030-12-31')).toThrow(/no session after/);
    expect(() => prevSession('1926-01-02')).toThrow(/no session before/);
    expect(() => isSession('2026-02-30')).toThrow(/not a real calendar date/);
    expect(() => isSession('20260105')).toThrow(/YYYY-MM-DD/);
    expect(() => sessionsInYear(2031)).toThrow(/outside/);
  });

  it('is fast: the whole range in well under 50 ms once warm', () => {
    sessionsBetween(CALENDAR_RANGE.first, CALENDAR_RANGE.last);
    const t = performance.now();
    for (let i = 0; i < 10; i++) sessionsBetween(CALENDAR_RANGE.first, CALENDAR_RANGE.last);
    expect((performance.now() - t) / 10).toBeLessThan(50);
  });
});
