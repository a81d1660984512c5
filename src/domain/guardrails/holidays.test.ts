import { describe, expect, test } from 'vitest';
import {
  easterSunday,
  frenchPublicHolidays,
  isAlsaceMoselle,
  publicHolidayOn,
} from './holidays.ts';

describe('easterSunday', () => {
  test.each([
    [1818, '1818-03-22'], // the earliest possible
    [1943, '1943-04-25'], // the latest possible
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2014, '2014-04-20'], // year % 19 = 0
    [2033, '2033-04-17'], // year % 19 = 0
    [1954, '1954-04-18'], // the algorithm's rare correction (m = 1)
    [1981, '1981-04-19'],
    [2049, '2049-04-18'],
    [2076, '2076-04-19'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2285, '2285-03-22'],
  ])('Easter %i falls on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('frenchPublicHolidays', () => {
  test('lists the eleven national days of 2026 in date order', () => {
    expect(frenchPublicHolidays(2026, false)).toEqual([
      { date: '2026-01-01', holiday: 'new_year' },
      { date: '2026-04-06', holiday: 'easter_monday' },
      { date: '2026-05-01', holiday: 'labour_day' },
      { date: '2026-05-08', holiday: 'victory_in_europe' },
      { date: '2026-05-14', holiday: 'ascension' },
      { date: '2026-05-25', holiday: 'whit_monday' },
      { date: '2026-07-14', holiday: 'bastille_day' },
      { date: '2026-08-15', holiday: 'assumption' },
      { date: '2026-11-01', holiday: 'all_saints' },
      { date: '2026-11-11', holiday: 'armistice' },
      { date: '2026-12-25', holiday: 'christmas' },
    ]);
  });

  test.each([
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
  ])('%i: Easter Monday %s, Ascension %s, Whit Monday %s', (year, monday, ascension, whit) => {
    const days = new Map(frenchPublicHolidays(year, false).map((h) => [h.holiday, h.date]));
    expect(days.get('easter_monday')).toBe(monday);
    expect(days.get('ascension')).toBe(ascension);
    expect(days.get('whit_monday')).toBe(whit);
  });

  test('adds Good Friday and St Stephen’s Day in Alsace-Moselle, in date order', () => {
    const days = frenchPublicHolidays(2026, true);
    expect(days).toHaveLength(13);
    expect(days[1]).toEqual({ date: '2026-04-03', holiday: 'good_friday' });
    expect(days[12]).toEqual({ date: '2026-12-26', holiday: 'st_stephen' });
    expect(frenchPublicHolidays(2027, true)[1]).toEqual({
      date: '2027-03-26',
      holiday: 'good_friday',
    });
  });

  test('keeps both days when Ascension falls on 1 May (2008), the fixed one first', () => {
    const days = frenchPublicHolidays(2008, false).filter((h) => h.date === '2008-05-01');
    expect(days.map((h) => h.holiday)).toEqual(['labour_day', 'ascension']);
  });
});

describe('publicHolidayOn', () => {
  test.each([
    ['2026-01-01', 'new_year'],
    ['2026-12-25', 'christmas'],
    ['2026-07-14', 'bastille_day'],
    ['2027-05-06', 'ascension'],
    ['2025-06-09', 'whit_monday'],
    ['2031-11-11', 'armistice'],
  ])('%s is %s', (date, holiday) => {
    expect(publicHolidayOn(date, false)).toBe(holiday);
  });

  test.each(['2026-12-24', '2026-04-05', '2026-05-24', '2026-12-26', '2026-04-03'])(
    '%s is a working day outside Alsace-Moselle',
    (date) => {
      expect(publicHolidayOn(date, false)).toBeNull();
    },
  );

  test('26 December and Good Friday are off in Alsace-Moselle', () => {
    expect(publicHolidayOn('2026-12-26', true)).toBe('st_stephen');
    expect(publicHolidayOn('2026-04-03', true)).toBe('good_friday');
    expect(publicHolidayOn('2026-12-25', true)).toBe('christmas');
  });
});

describe('isAlsaceMoselle', () => {
  test.each([
    ['57000', true],
    ['67000', true],
    ['68100', true],
    [' 67000 ', true],
    ['69003', false],
    ['56000', false],
    ['5700', false],
    ['570000', false],
    ['x67000', false],
    ['', false],
    [null, false],
  ])('%s → %s', (postcode, expected) => {
    expect(isAlsaceMoselle(postcode)).toBe(expected);
  });
});
