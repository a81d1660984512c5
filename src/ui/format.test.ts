import { afterEach, describe, expect, test } from 'vitest';
import {
  formatCalendarDate,
  formatCount,
  formatDateTime,
  formatBytes,
  formatDecimal,
  formatMoney,
  formatPercent,
  humanize,
  setFormatLanguage,
  compareLabels,
} from './format.ts';

// Intl writes French groups and the space before € and % with narrow or plain no-break spaces.
const spaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

afterEach(() => setFormatLanguage('fr'));

describe('French, the default', () => {
  test('money is integer cents shown in its currency', () => {
    expect(spaces(formatMoney(123456, 'EUR'))).toBe('1 234,56 €');
    expect(spaces(formatMoney(-599, 'EUR'))).toBe('-5,99 €');
  });

  test('counts, decimals and percentages', () => {
    expect(spaces(formatCount(60845))).toBe('60 845');
    expect(spaces(formatDecimal(60086.4, 1))).toBe('60 086,4');
    expect(spaces(formatPercent(0.125))).toBe('12,5 %');
  });

  test('sizes in bytes, in the largest unit under a thousand', () => {
    expect(spaces(formatBytes(0))).toBe('0 octet');
    expect(spaces(formatBytes(999))).toBe('999 octets');
    expect(spaces(formatBytes(12_400_000))).toBe('12,4 Mo');
    expect(spaces(formatBytes(2_150_000_000))).toBe('2,2 Go');
    setFormatLanguage('en');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(29)).toBe('29 bytes');
  });

  test('instants are shown in Paris time, summer and winter', () => {
    expect(formatDateTime('2026-07-01T10:00:00.000Z')).toBe('1 juil. 2026, 12:00');
    expect(formatDateTime('2026-11-16T10:00:00.000Z')).toBe('16 nov. 2026, 11:00');
  });

  test('a calendar date does not shift with the time zone', () => {
    expect(formatCalendarDate('1980-04-02')).toBe('2 avr. 1980');
  });
});

describe('English', () => {
  test('the same figures in British English', () => {
    setFormatLanguage('en');
    expect(formatMoney(10032, 'EUR')).toBe('€100.32');
    expect(formatMoney(-599, 'EUR')).toBe('-€5.99');
    expect(formatCount(60845)).toBe('60,845');
    expect(formatDecimal(60086.4, 1)).toBe('60,086.4');
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatDateTime('2026-07-01T10:00:00.000Z')).toBe('1 Jul 2026, 12:00');
    expect(formatCalendarDate('1980-04-02')).toBe('2 Apr 1980');
  });

  test('switching back writes French again', () => {
    setFormatLanguage('en');
    setFormatLanguage('fr');
    expect(spaces(formatMoney(10032, 'EUR'))).toBe('100,32 €');
  });
});

test('codes read as words', () => {
  expect(humanize('call_centre')).toBe('Call centre');
  expect(humanize('sms')).toBe('SMS');
  expect(humanize('blu_ray')).toBe('Blu-ray');
});

describe('compareLabels', () => {
  test('orders names ignoring case and accents, with numbers in numeric order', () => {
    const names = ['été 10', 'Zoé', 'Ete 2', 'ami', 'Élodie'];
    expect([...names].sort(compareLabels)).toEqual(['ami', 'Élodie', 'Ete 2', 'été 10', 'Zoé']);
  });

  test('treats two names that differ only in case or accents as equal', () => {
    expect(compareLabels('Élodie', 'elodie')).toBe(0);
    expect(compareLabels('a', 'b')).toBeLessThan(0);
    expect(compareLabels('b', 'a')).toBeGreaterThan(0);
  });
});
