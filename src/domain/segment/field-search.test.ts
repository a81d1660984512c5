import { expect, test } from 'vitest';
import { CONCEPT_WORDS, searchFields } from './field-search.ts';

const items = [
  { key: 'attribute:customer.city', label: 'City' },
  { key: 'attribute:customer.email', label: 'Email address' },
  { key: 'aggregate:aggregate.total_spend_cents', label: 'Chiffre d’affaires total (€)' },
  { key: 'behaviour:order', label: 'Placed an order' },
  { key: 'behaviour:event:product_view', label: 'Viewed a product' },
  { key: 'reachability:consent:email', label: 'Email consent' },
  { key: 'reachability:valid_email', label: 'Has a valid email' },
  {
    key: 'behaviour:order:line.category:video_games',
    label: 'Placed an order: Jeux vidéo',
    keywords: ['video_games', 'video games'],
  },
  { key: 'score:score.churn_band', label: 'Churn risk band' },
];
const keys = (query: string) => searchFields(items, query).map((h) => h.item.key);

test('the marketer’s words find the concept: bought, acheté, purchased → an order', () => {
  for (const q of ['bought', 'acheté', 'achete', 'purchased', 'Commande']) {
    expect(keys(q), q).toContain('behaviour:order');
    expect(
      searchFields(items, q).find((h) => h.item.key === 'behaviour:order')?.keyword,
    ).not.toBeNull();
  }
});

test('a category finds the orders of that category, by its code or its word, accents aside', () => {
  expect(keys('video')).toContain('behaviour:order:line.category:video_games');
  expect(keys('jeux video')).toEqual(['behaviour:order:line.category:video_games']);
  expect(keys('jeux vidéo')).toEqual(['behaviour:order:line.category:video_games']);
});

test('"email" finds the address, the consent and the reachability check, label matches first', () => {
  const found = searchFields(items, 'email');
  expect(found.map((h) => h.item.key).slice(0, 3)).toEqual([
    'attribute:customer.email',
    'reachability:consent:email',
    'reachability:valid_email',
  ]);
  expect(found[0]?.rank).toBe(0);
  expect(found[2]?.rank).toBe(1);
  expect(found.every((h) => h.rank <= 2)).toBe(true);
});

test('ranks: label start, then every word beginning a label word, then synonyms, then inside', () => {
  const found = searchFields(items, 'ord');
  expect(found[0]?.item.key).toBe('behaviour:order');
  expect(found[0]?.rank).toBe(1);
  expect(searchFields(items, 'rder').map((h) => h.rank)).toEqual([3, 3]);
  expect(searchFields(items, 'City')[0]?.rank).toBe(0);
  expect(searchFields(items, 'zzz')).toEqual([]);
  expect(searchFields(items, '  ')).toHaveLength(items.length);
});

test('the matched words are marked where they are in the label as written', () => {
  const [chiffre] = searchFields(items, 'affaires chiffre');
  expect(chiffre?.ranges).toEqual([
    [0, 7],
    [10, 18],
  ]);
  const label = 'Chiffre d’affaires total (€)';
  expect(chiffre?.ranges.map(([a, b]) => label.slice(a, b))).toEqual(['Chiffre', 'affaires']);
  const [video] = searchFields(items, 'jeux video');
  const shown = 'Placed an order: Jeux vidéo';
  expect(video?.ranges.map(([a, b]) => shown.slice(a, b))).toEqual(['Jeux', 'vidéo']);
  const [inside] = searchFields(items, 'rder');
  expect(inside?.ranges.map(([a, b]) => inside.item.label.slice(a, b))).toEqual(['rder']);
});

test('every concept keyed is a picker key shape', () => {
  for (const key of CONCEPT_WORDS.keys())
    expect(key).toMatch(/^(attribute|aggregate|score|behaviour|reachability):/);
});
