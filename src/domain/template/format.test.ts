import { describe, expect, test } from 'vitest';
import { formatDate, formatMoney, wallClockOf } from './format.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const NOW = Date.parse('2026-07-14T08:30:00.000Z');

describe('money', () => {
  test.each<[unknown, string]>([
    [123456, `1${NNBSP}234,56${NBSP}€`],
    [9999, `99,99${NBSP}€`],
    [10032, `100,32${NBSP}€`],
    [0, `0,00${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [-1250, `-12,50${NBSP}€`],
    [100000000, `1${NNBSP}000${NNBSP}000,00${NBSP}€`],
    ['9999', `99,99${NBSP}€`],
    [9999.4, `99,99${NBSP}€`],
    [9999.6, `100,00${NBSP}€`],
  ])('%j cents read %j in French', (cents, text) => {
    expect(formatMoney(cents, 'fr')).toBe(text);
  });

  test('English reads the euro first', () => {
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
  });

  test.each<unknown>([null, undefined, '', 'abc', NaN, Infinity, 1e16, {}, [], true])(
    '%j is not an amount',
    (value) => {
      expect(formatMoney(value, 'fr')).toBeNull();
    },
  );
});

describe('date', () => {
  test.each<[unknown, string | undefined, string]>([
    ['2026-02-01', undefined, '1er février 2026'],
    ['2026-02-01', 'long', '1er février 2026'],
    ['2026-02-14', 'long', '14 février 2026'],
    ['2026-02-14', 'short', '14/02/2026'],
    ['2026-02-01', 'short', '01/02/2026'],
    ['2026-02-14', 'day_month', '14 février'],
    ['2026-02-14', 'weekday', 'samedi 14 février 2026'],
    ['2026-02-14', '%d/%m/%Y', '14/02/2026'],
    ['2026-02-14', '%e %B %Y', '14 février 2026'],
    ['2026-02-14', '%a %e %b %y', 'sam. 14 févr. 26'],
    ['2026-02-14', '%A', 'samedi'],
    ['2026-02-14', '100%% %Q', '100% %Q'],
    // Instants in Paris time: winter UTC+1, summer UTC+2.
    ['2026-01-31T23:30:00.000Z', 'long', '1er février 2026'],
    ['2026-01-31T22:30:00.000Z', 'long', '31 janvier 2026'],
    ['2026-07-14T22:30:00.000Z', 'short', '15/07/2026'],
    ['2026-07-14T21:30:00.000Z', 'short', '14/07/2026'],
    ['2026-03-29T00:59:00.000Z', 'time', '01:59'],
    ['2026-03-29T01:00:00.000Z', 'time', '03:00'],
    ['2026-10-25T00:30:00.000Z', 'time', '02:30'],
    ['2026-10-25T01:30:00.000Z', 'time', '02:30'],
    ['2026-07-14T12:05:00.000Z', 'datetime', '14 juillet 2026 à 14:05'],
    ['2026-07-14T12:05:00+02:00', 'datetime', '14 juillet 2026 à 12:05'],
    ['now', 'datetime', '14 juillet 2026 à 10:30'],
    ['today', undefined, '14 juillet 2026'],
    [1771027200, 'short', '14/02/2026'],
  ])('%j as %j reads %j', (value, format, text) => {
    expect(formatDate(value, format, 'fr', NOW)).toBe(text);
  });

  test('English words and no « 1er »', () => {
    expect(formatDate('2026-02-01', 'weekday', 'en', NOW)).toBe('Sunday 1 February 2026');
    expect(formatDate('2026-02-01', 'datetime', 'en', NOW)).toBe('1 February 2026 at 00:00');
  });

  test.each<[unknown, string | undefined]>([
    ['2026-02-30', undefined],
    ['2026-13-01', undefined],
    ['demain', undefined],
    ['', undefined],
    [null, undefined],
    [{}, undefined],
    [1e14, undefined],
    ['2026-02-14', 'unknown'],
    ['2026-02-14', `%d${'x'.repeat(200)}`],
  ])('%j as %j is not a date', (value, format) => {
    expect(formatDate(value, format, 'fr', NOW)).toBeNull();
  });

  test('a calendar date is the same day whatever the time zone', () => {
    expect(wallClockOf('2026-12-31', NOW)).toMatchObject({
      year: 2026,
      month: 12,
      day: 31,
      weekday: 4,
    });
  });
});
