import { expect, test } from 'vitest';
import { instantOf, isTimeZone, localDateAt, localDateTimeAt } from './send-time.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

test.each([
  ['2026-12-01T09:30', 'Europe/Paris', '2026-12-01T08:30:00.000Z'],
  ['2026-07-14T09:30', 'Europe/Paris', '2026-07-14T07:30:00.000Z'],
  ['2026-07-14T09:30', 'UTC', '2026-07-14T09:30:00.000Z'],
  ['2026-07-14T09:30', 'America/New_York', '2026-07-14T13:30:00.000Z'],
  ['2026-12-31T23:59', 'Pacific/Kiritimati', '2026-12-31T09:59:00.000Z'],
  ['2026-01-01T00:00', 'Asia/Kolkata', '2025-12-31T18:30:00.000Z'],
])('%s in %s leaves at %s', (local, zone, instant) => {
  expect(iso(instantOf(local, zone))).toBe(instant);
  expect(localDateTimeAt(instant, zone)).toBe(local);
});

test('a time the clocks skip in spring has no instant', () => {
  // 29 March 2026, Paris: 02:00 becomes 03:00.
  expect(instantOf('2026-03-29T02:30', 'Europe/Paris')).toBeNull();
  expect(iso(instantOf('2026-03-29T01:59', 'Europe/Paris'))).toBe('2026-03-29T00:59:00.000Z');
  expect(iso(instantOf('2026-03-29T03:00', 'Europe/Paris'))).toBe('2026-03-29T01:00:00.000Z');
});

test('a time the clocks pass twice in autumn is its first pass', () => {
  // 25 October 2026, Paris: 03:00 becomes 02:00 again.
  expect(iso(instantOf('2026-10-25T02:30', 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
});

test('what is not a local date and time has no instant', () => {
  for (const text of ['2026-12-01', '2026-12-01T09:30Z', '2026-12-01 09:30', 'soon']) {
    expect(instantOf(text, 'Europe/Paris')).toBeNull();
  }
});

test('the day at an instant is the zone’s day', () => {
  expect(localDateAt('2026-12-01T23:30:00.000Z', 'Europe/Paris')).toBe('2026-12-02');
  expect(localDateAt('2026-12-01T23:30:00.000Z', 'UTC')).toBe('2026-12-01');
});

test('knows the IANA zones and refuses the rest', () => {
  for (const zone of ['Europe/Paris', 'UTC', 'America/Guadeloupe', 'Indian/Reunion']) {
    expect(isTimeZone(zone)).toBe(true);
  }
  for (const zone of ['Paris', 'Europe/Lutece', '', 'GMT+25']) expect(isTimeZone(zone)).toBe(false);
});
