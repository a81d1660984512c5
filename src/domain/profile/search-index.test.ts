import { expect, test } from 'vitest';
import { CustomerSearchIndex, type IndexedCustomer } from './search-index.ts';
import {
  bestHits,
  fullName,
  nameRank,
  normaliseQuery,
  searchWords,
  type RankedHit,
} from './search.ts';

const FIRST = [
  'Éric',
  'Eric',
  'Olivier',
  'Anne',
  'Anne-Marie',
  'Chloé',
  'Zoë',
  'Jean',
  'Léa',
  null,
];
const LAST = [
  'Robin',
  'Marchand',
  'Marchant',
  'Lœuillet',
  "L'Hôte",
  'Martin',
  'Martine',
  'Roux',
  null,
];

function customers(n: number): IndexedCustomer[] {
  return Array.from({ length: n }, (_, i) => {
    const first = FIRST[(i * 7) % FIRST.length] ?? null;
    const last = LAST[(i * 11 + (i >> 3)) % LAST.length] ?? null;
    const id = `C${String(1000 - i).padStart(7, '0')}`; // built out of id order
    return {
      customer_id: id,
      first_name: first,
      last_name: last,
      email: i % 5 === 0 ? null : `${(first ?? 'x').toLowerCase()}.${i}@exemple.fr`,
      city: null,
      loyalty_tier: 'none',
    };
  });
}

/** What the rules of search.ts say, customer by customer, with no index. */
function reference(rows: readonly IndexedCustomer[], query: string, limit: number): RankedHit[] {
  const q = normaliseQuery(query);
  const words = searchWords(q);
  const out: RankedHit[] = [];
  for (const c of rows) {
    const rank = nameRank(words, searchWords(fullName(c.first_name, c.last_name)));
    if (rank !== null)
      out.push({
        customer_id: c.customer_id,
        rank,
        kind: 'name',
        value: fullName(c.first_name, c.last_name),
      });
    if (c.email !== null && c.email.toLowerCase().startsWith(q))
      out.push({ customer_id: c.customer_id, rank: 2, kind: 'email', value: c.email });
  }
  return bestHits(out, limit);
}

test('the index finds what the rules say, customer by customer, for every limit', () => {
  const rows = customers(400);
  const index = new CustomerSearchIndex(rows);
  const queries = [
    'eric robin',
    'ERIC',
    'éric rob',
    'robin eric',
    'marchant',
    'marchand',
    'marchnd',
    'olivier marchant',
    'erik marchant',
    'loeuillet',
    'lœuillet',
    'l hote',
    "l'hôte",
    'hote',
    'martin',
    'martine',
    'matrin',
    'zoe',
    'zoë',
    'anne marie',
    'anne-m',
    'eric.1',
    'olivier.2',
    'jean.',
    'xx',
    'r',
    'ro',
    '--',
    'c0000999',
    'chloe roux',
    'chole roux',
    'lea martinn',
  ];
  let nonEmpty = 0;
  for (const q of queries) {
    for (const limit of [1, 3, 20, 500]) {
      const expected = reference(rows, q, limit);
      expect(bestHits(index.search(normaliseQuery(q), limit), limit), `${q} / ${limit}`).toEqual(
        expected,
      );
      if (expected.length > 0) nonEmpty += 1;
    }
  }
  expect(nonEmpty).toBeGreaterThan(80);
});

test('a typo ranks after every exact match, and the matched name is shown as written', () => {
  const index = new CustomerSearchIndex(customers(400));
  const hits = bestHits(index.search('olivier marchant', 500), 500);
  const ranks = hits.map((h) => h.rank);
  expect(ranks).toContain(2);
  expect(ranks).toContain(3);
  expect(ranks).toEqual([...ranks].sort());
  expect(hits.find((h) => h.rank === 3)?.value).toBe('Olivier Marchand');
});

test('ids match whole, case aside, and several customers may share a spelling', () => {
  const index = new CustomerSearchIndex([
    {
      customer_id: 'C1',
      first_name: null,
      last_name: null,
      email: null,
      city: null,
      loyalty_tier: 'none',
    },
    {
      customer_id: 'c1',
      first_name: null,
      last_name: null,
      email: null,
      city: null,
      loyalty_tier: 'none',
    },
  ]);
  expect(index.idHits('c1').map((h) => h.customer_id)).toEqual(['C1', 'c1']);
  expect(index.idHits('c')).toEqual([]);
  expect(index.customer('c1')?.customer_id).toBe('c1');
  expect(index.size).toBe(2);
});
