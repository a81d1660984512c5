import { expect, test } from 'vitest';
import { isoInstant } from '../../src/domain/profile/schema.ts';
import { iso } from './time.ts';

test('formats instants exactly as Date#toISOString, milliseconds included', () => {
  const mismatches: number[] = [];
  let ms = Date.parse('1935-03-01T00:00:00.000Z');
  for (let i = 0; i < 200_000; i += 1) {
    ms += 987_654_321 + (i % 1_000);
    if (iso(ms) !== new Date(ms).toISOString()) mismatches.push(ms);
  }
  expect(mismatches).toEqual([]);
  expect(iso(Date.parse('2026-11-16T00:00:00.000Z'))).toBe('2026-11-16T00:00:00.000Z');
  expect(isoInstant.safeParse(iso(1_700_000_000_007)).success).toBe(true);
});
