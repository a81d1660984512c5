import { expect, test } from 'vitest';
import { formatCalendarDate, formatDateTime, formatMoney, humanize } from './format.ts';

test('money is integer cents shown in its currency', () => {
  expect(formatMoney(10032, 'EUR')).toBe('€100.32');
  expect(formatMoney(-599, 'EUR')).toBe('-€5.99');
});

test('instants are shown in Paris time, summer and winter', () => {
  expect(formatDateTime('2026-07-01T10:00:00.000Z')).toBe('01 Jul 2026, 12:00');
  expect(formatDateTime('2026-12-01T10:00:00.000Z')).toBe('01 Dec 2026, 11:00');
});

test('a calendar date does not shift with the time zone', () => {
  expect(formatCalendarDate('1980-04-02')).toBe('02 Apr 1980');
});

test('codes read as words', () => {
  expect(humanize('call_centre')).toBe('Call centre');
  expect(humanize('sms')).toBe('SMS');
  expect(humanize('blu_ray')).toBe('Blu-ray');
});
