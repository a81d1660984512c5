import { expect, test } from 'vitest';
import {
  bestHits,
  compactPhone,
  foldText,
  fullName,
  nameRank,
  normaliseQuery,
  phoneForms,
  searchWords,
  withinOneEdit,
} from './search.ts';

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

test('folding drops case and accents and spells the letters Unicode does not decompose', () => {
  expect(foldText('Éric LŒUILLET Çà İ')).toBe('eric loeuillet ca i');
  expect(foldText('Straße Øre Łódź')).toBe('strasse ore lodz');
});

test('the words of a name or a query: spaces, hyphens, apostrophes and dots break them', () => {
  expect(searchWords("  Jean-Pierre   L'Hôte ")).toEqual(['jean', 'pierre', 'l', 'hote']);
  expect(searchWords('anne.roux, M.')).toEqual(['anne', 'roux', 'm']);
  expect(searchWords(' -- ')).toEqual([]);
});

test.each([
  ['marchand', 'marchand', true],
  ['marchant', 'marchand', true], // changed
  ['marchnd', 'marchand', true], // removed
  ['marchaand', 'marchand', true], // added
  ['amrchand', 'marchand', true], // swapped neighbours
  ['marcahnd', 'marchand', true],
  ['marchadn', 'marchand', true],
  ['xmarchand', 'marchand', true],
  ['marchandx', 'marchand', true],
  ['marchan', 'marchand', true],
  ['archand', 'marchand', true],
  ['machrand', 'marchand', false], // swapped at a distance
  ['marchxnt', 'marchand', false], // two changes
  ['marchandxx', 'marchand', false],
  ['mrchnd', 'marchand', false],
  ['abc', 'bcd', false],
  ['xaby', 'xbcy', false],
  ['œuf', 'oeuf', false], // letters, not bytes: two apart before folding
  ['chloé', 'chloe', true],
  ['', 'a', true],
  ['', '', true],
])('%s and %s are within one edit: %s', (a, b, expected) => {
  expect(withinOneEdit(a, b)).toBe(expected);
  expect(withinOneEdit(b, a)).toBe(expected);
});

test('a name matches when every query word begins one of its words, or all but one with a typo', () => {
  const name = searchWords('Éric Robin-Marchand');
  expect(nameRank(searchWords('eric robin'), name)).toBe(2);
  expect(nameRank(searchWords('ROBIN ér'), name)).toBe(2);
  expect(nameRank(searchWords('march'), name)).toBe(2);
  expect(nameRank(searchWords('eric marchant'), name)).toBe(3);
  expect(nameRank(searchWords('erik marchand'), name)).toBe(3);
  expect(nameRank(searchWords('erik marchant'), name)).toBeNull(); // two typos
  expect(nameRank(searchWords('eric rbin'), name)).toBe(3);
  expect(nameRank(searchWords('ric'), name)).toBeNull(); // inside a word
  expect(nameRank(searchWords('erc'), name)).toBeNull(); // too short for a typo
  expect(nameRank(searchWords('eirc'), name)).toBe(3);
  expect(nameRank([], name)).toBeNull();
  expect(nameRank(['eric'], [])).toBeNull();
});
