import { expect, test } from 'vitest';
import { defaultPeriod, filterQuery, readFilters } from './filters.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const read = (query: string) => readFilters(new URLSearchParams(query), AS_OF);

test('the default period is the twelve months up to the as-of month', () => {
  expect(defaultPeriod(AS_OF)).toEqual({ from: '2025-12', to: '2026-11' });
  expect(defaultPeriod('2026-12-01T00:00:00.000Z')).toEqual({ from: '2026-01', to: '2026-12' });
  expect(defaultPeriod('2027-01-31T00:00:00.000Z')).toEqual({ from: '2026-02', to: '2027-01' });
  expect(read('')).toEqual({
    segment: null,
    version: null,
    from: '2025-12',
    to: '2026-11',
    channel: null,
  });
});

test('a link reproduces the view; a field edited by hand falls back to its default alone', () => {
  const filters = read('segment=seg_a&version=3&from=2026-01&to=2026-06&channel=web');
  expect(filters).toEqual({
    segment: 'seg_a',
    version: 3,
    from: '2026-01',
    to: '2026-06',
    channel: 'web',
  });
  expect(read(new URLSearchParams(filterQuery(filters)).toString())).toEqual(filters);
  expect(read('segment=seg a&version=x&from=2026-13&to=2026-06&channel=fax')).toEqual({
    segment: null,
    version: null,
    from: '2025-12',
    to: '2026-06',
    channel: null,
  });
  // A version without its segment means nothing; a period given backwards is turned round.
  expect(read('version=2').version).toBeNull();
  expect(read('from=2026-06&to=2026-01')).toMatchObject({ from: '2026-01', to: '2026-06' });
});
