import { expect, test } from 'vitest';
import { freeName, MAX_SEGMENT_NAME, namesake } from './names.ts';

const saved = [
  { segment_id: 's1', name: 'Clients fidèles' },
  { segment_id: 's2', name: 'Lapsed VIPs' },
  { segment_id: 's3', name: 'Lapsed VIPs (2)' },
];

test('a namesake is another segment with the same name, case, accents and spaces aside', () => {
  expect(namesake('clients  FIDELES ', saved, null)?.segment_id).toBe('s1');
  expect(namesake('Clients fidèles', saved, 's1')).toBeNull(); // itself
  expect(namesake('Clients fidèles 2026', saved, null)).toBeNull();
  expect(namesake('   ', saved, null)).toBeNull();
});

test('a free name numbers the next one no segment holds', () => {
  expect(freeName('Clients fidèles', saved, null)).toBe('Clients fidèles (2)');
  expect(freeName('Lapsed VIPs', saved, null)).toBe('Lapsed VIPs (3)');
  expect(freeName('Lapsed VIPs (2)', saved, null)).toBe('Lapsed VIPs (3)');
  const long = 'x'.repeat(MAX_SEGMENT_NAME);
  const free = freeName(long, [{ segment_id: 'a', name: long }], null);
  expect(free).toHaveLength(MAX_SEGMENT_NAME);
  expect(free.endsWith(' (2)')).toBe(true);
});
