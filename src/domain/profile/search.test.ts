import { expect, test } from 'vitest';
import { bestHits, compactPhone, fullName, normaliseQuery, phoneForms } from './search.ts';

test('a query is matched case-insensitively and without surrounding spaces', () => {
  expect(normaliseQuery('  FID0012 ')).toBe('fid0012');
});

test('a phone number is compared without its punctuation', () => {
  expect(compactPhone('+33 6 12.34-56 (78)')).toBe('+336123456' + '78');
});

test('a full name skips a missing part', () => {
  expect(fullName(null, 'Marchand')).toBe('Marchand');
  expect(fullName('Olivier', null)).toBe('Olivier');
});

test('keeps one hit per customer, the best one, and orders by rank then id', () => {
  const hits = bestHits(
    [
      { customer_id: 'C2', rank: 2, kind: 'name', value: 'Anne Roux' },
      { customer_id: 'C3', rank: 1, kind: 'loyalty_card', value: 'FID1' },
      { customer_id: 'C2', rank: 1, kind: 'email', value: 'anne@x.fr' },
      { customer_id: 'C1', rank: 2, kind: 'name', value: 'Anne Roux' },
    ],
    10,
  );
  expect(hits.map((h) => [h.customer_id, h.kind])).toEqual([
    ['C2', 'email'],
    ['C3', 'loyalty_card'],
    ['C1', 'name'],
  ]);
  expect(bestHits(hits, 2)).toHaveLength(2);
});

test.each([
  ['0633904153', ['0633904153', '+33633904153', '0033633904153']],
  ['+33633904153', ['0633904153', '+33633904153', '0033633904153']],
  ['0033633904153', ['0633904153', '+33633904153', '0033633904153']],
  ['+4915112345678', ['+4915112345678', '+4915112345678', '+4915112345678']],
  ['063390415', ['063390415', '063390415', '063390415']],
])('a French number typed as %s is looked up in every form', (typed, forms) => {
  expect(phoneForms(typed)).toEqual(forms);
});
