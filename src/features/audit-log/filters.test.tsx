import { expect, test } from 'vitest';
import { AUDIT_ACTIONS } from '../../api/contract/audit-log.ts';
import { AUDIT_FAMILIES, actionsOf, filterParams, hasFilters, readFilters } from './filters.ts';

const read = (query: string) => readFilters(new URLSearchParams(query));

test('every action falls in exactly one listed family', () => {
  expect(AUDIT_FAMILIES.flatMap(actionsOf).sort()).toEqual([...AUDIT_ACTIONS].sort());
});

test('a link reproduces the filters; a field edited by hand is dropped alone', () => {
  expect(
    read('actor=bruno&action=segment.update&target=seg_lyon&from=2026-03-01&to=2026-03-31'),
  ).toEqual({
    actor: 'bruno',
    action: 'segment.update',
    target: 'seg_lyon',
    from: '2026-03-01',
    to: '2026-03-31',
  });
  expect(read('action=segment')).toEqual({ action: 'segment' });
  expect(read('actor=%20bruno%20&target=')).toEqual({ actor: 'bruno' });
  expect(read('action=segment.rename&from=2026-02-30&to=yesterday&actor=alice')).toEqual({
    actor: 'alice',
  });
  expect(read(`actor=${'a'.repeat(121)}`)).toEqual({});
  expect(read('')).toEqual({});
});

test('the query string leaves blank filters out and keeps a fixed order', () => {
  expect(
    filterParams({ to: '2026-03-31', actor: ' bruno ', target: '  ', action: 'export' }).toString(),
  ).toBe('actor=bruno&action=export&to=2026-03-31');
  expect(hasFilters({ actor: ' ' })).toBe(false);
  expect(hasFilters({ from: '2026-03-01' })).toBe(true);
});
