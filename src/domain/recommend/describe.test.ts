import { describe, expect, test } from 'vitest';
import { describeReason } from './describe.ts';
import type { Anchor, RecommendationReason } from './reason.ts';

const NBSP = '\u00a0';
const q = (text: string) => `«${NBSP}${text}${NBSP}»`;
const AS_OF = '2026-11-16T00:00:00.000Z';

const anchor = (over: Partial<Anchor> = {}): Anchor => ({
  product: 'Sony PlayStation 5',
  product_sku: 'CO-PS5',
  product_category: 'consoles',
  order_id: 'O1',
  bought_at: '2026-03-12',
  ...over,
});
const game = anchor({
  product: 'Zelda',
  product_sku: 'VG-1',
  product_category: 'video_games',
  bought_at: '2026-05-03',
});
const platform = {
  platform: 'Nintendo Switch',
  platform_sku: 'CO-SW',
  platform_category: 'consoles' as const,
};
const manga = anchor({
  product: 'Sakura — tome 14',
  product_category: 'books',
  bought_at: '2026-05-01',
});
const film = anchor({ product: 'Dune', product_category: 'films', bought_at: '2025-12-24' });

const cases: [string, RecommendationReason, string, string][] = [
  [
    'a console bought this year',
    { code: 'complements_owned', params: anchor() },
    `va avec la console ${q('Sony PlayStation 5')} achetée le 12 mars`,
    'goes with the console “Sony PlayStation 5” bought on 12 March',
  ],
  [
    'a phone bought another year',
    {
      code: 'complements_owned',
      params: anchor({ product: 'Phone X', product_category: 'phones', bought_at: '2025-01-01' }),
    },
    `va avec le téléphone ${q('Phone X')} acheté le 1er janvier 2025`,
    'goes with the phone “Phone X” bought on 1 January 2025',
  ],
  [
    'a platform told by a game',
    { code: 'for_platform', params: { ...game, ...platform } },
    `va avec sa console ${q('Nintendo Switch')}, d’après le jeu ${q('Zelda')} acheté le 3 mai`,
    'goes with their console “Nintendo Switch”, going by the game “Zelda” bought on 3 May',
  ],
  [
    'the next volume',
    {
      code: 'next_in_series',
      params: { ...manga, series: 'Sakura', volume: 15, owned_volume: 14 },
    },
    `tome 15 de ${q('Sakura')}, suite d’une série qu’il lit (tome 14 acheté le 1er mai)`,
    'volume 15 of “Sakura”, next in a series they are reading (volume 14 bought on 1 May)',
  ],
  [
    'the same author',
    { code: 'same_creator', params: { ...manga, creator: 'Inès Berger', role: 'author' } },
    `du même auteur que le livre ${q('Sakura — tome 14')} acheté le 1er mai (Inès Berger)`,
    'by the same author as the book “Sakura — tome 14” bought on 1 May (Inès Berger)',
  ],
  [
    'the same artist',
    {
      code: 'same_creator',
      params: {
        ...anchor({ product: 'Rivages (CD)', product_category: 'music' }),
        creator: 'Néon Riviera',
        role: 'artist',
      },
    },
    `du même artiste que l’album ${q('Rivages (CD)')} acheté le 12 mars (Néon Riviera)`,
    'by the same artist as the album “Rivages (CD)” bought on 12 March (Néon Riviera)',
  ],
  [
    'the same composer',
    {
      code: 'same_creator',
      params: {
        ...anchor({ product: 'Gymnopédies', product_category: 'music' }),
        creator: 'Satie',
        role: 'composer',
      },
    },
    `du même compositeur que l’album ${q('Gymnopédies')} acheté le 12 mars (Satie)`,
    'by the same composer as the album “Gymnopédies” bought on 12 March (Satie)',
  ],
  [
    'bought together by many',
    { code: 'bought_together', params: { ...film, customers: 37 } },
    `37 clients qui ont acheté le film ${q('Dune')}, comme lui le 24 décembre 2025, l’achètent aussi`,
    '37 customers who bought the film “Dune”, as they did on 24 December 2025, also buy it',
  ],
  [
    'bought together by one',
    { code: 'bought_together', params: { ...film, customers: 1 } },
    `1 client qui a acheté le film ${q('Dune')}, comme lui le 24 décembre 2025, l’achète aussi`,
    '1 customer who bought the film “Dune”, as they did on 24 December 2025, also buys it',
  ],
  [
    'a best seller of their favourite category',
    { code: 'category_best_seller', params: { category: 'films', rank: 3 } },
    'une meilleure vente en Films, sa catégorie préférée',
    'a best seller in Films, their favourite category',
  ],
  [
    'the offer’s product',
    { code: 'offer_product', params: {} },
    'le produit de l’offre de la campagne',
    'the product of the campaign’s offer',
  ],
  [
    'a best seller of the offer’s category',
    { code: 'offer_best_seller', params: { category: 'video_games', rank: 1 } },
    'une meilleure vente en Jeux vidéo, la catégorie de l’offre',
    'a best seller in Video games, the offer’s category',
  ],
];

describe('describeReason', () => {
  test.each(cases)('%s', (_, reason, fr, en) => {
    expect(describeReason(reason, 'fr', { asOf: AS_OF })).toBe(fr);
    expect(describeReason(reason, 'en', { asOf: AS_OF })).toBe(en);
  });

  test('every date has its year when the reader’s day is not given', () => {
    const reason: RecommendationReason = { code: 'complements_owned', params: anchor() };
    expect(describeReason(reason, 'fr')).toBe(
      `va avec la console ${q('Sony PlayStation 5')} achetée le 12 mars 2026`,
    );
    expect(describeReason(reason, 'en')).toBe(
      'goes with the console “Sony PlayStation 5” bought on 12 March 2026',
    );
  });

  test('the reader’s year is Paris’s: on 31 December 23:30 UTC it is already the next year', () => {
    const reason: RecommendationReason = {
      code: 'complements_owned',
      params: anchor({ bought_at: '2027-01-01' }),
    };
    expect(describeReason(reason, 'en', { asOf: '2026-12-31T23:30:00.000Z' })).toBe(
      'goes with the console “Sony PlayStation 5” bought on 1 January',
    );
    expect(describeReason(reason, 'en', { asOf: '2026-12-31T22:30:00.000Z' })).toBe(
      'goes with the console “Sony PlayStation 5” bought on 1 January 2027',
    );
    expect(describeReason(reason, 'en', { asOf: '2027-05-01' })).toBe(
      'goes with the console “Sony PlayStation 5” bought on 1 January',
    );
  });

  test('French agrees with a woman reader', () => {
    const series: RecommendationReason = {
      code: 'next_in_series',
      params: { ...manga, series: 'Sakura', volume: 15, owned_volume: 14 },
    };
    expect(describeReason(series, 'fr', { asOf: AS_OF, gender: 'female' })).toBe(
      `tome 15 de ${q('Sakura')}, suite d’une série qu’elle lit (tome 14 acheté le 1er mai)`,
    );
    const together: RecommendationReason = {
      code: 'bought_together',
      params: { ...film, customers: 2 },
    };
    expect(describeReason(together, 'fr', { asOf: AS_OF, gender: 'female' })).toBe(
      `2 clients qui ont acheté le film ${q('Dune')}, comme elle le 24 décembre 2025, l’achètent aussi`,
    );
    expect(describeReason(together, 'fr', { asOf: AS_OF, gender: 'unspecified' })).toContain(
      'comme lui',
    );
  });

  test('category words may come from the reader’s catalogue', () => {
    const reason: RecommendationReason = {
      code: 'category_best_seller',
      params: { category: 'films', rank: 1 },
    };
    const categoryWords = (c: string) => `[${c}]`;
    expect(describeReason(reason, 'fr', { categoryWords })).toBe(
      'une meilleure vente en [films], sa catégorie préférée',
    );
    expect(describeReason(reason, 'en', { categoryWords })).toBe(
      'a best seller in [films], their favourite category',
    );
  });

  test('each kind of product bought is named with its own noun and agreement', () => {
    const words = (
      [
        'books',
        'music',
        'films',
        'video_games',
        'consoles',
        'gaming_accessories',
        'hifi',
        'phones',
      ] as const
    ).map((category) =>
      describeReason(
        { code: 'complements_owned', params: anchor({ product: 'X', product_category: category }) },
        'fr',
        { asOf: AS_OF },
      ),
    );
    expect(words).toEqual(
      [
        'le livre',
        'l’album',
        'le film',
        'le jeu',
        'la console',
        'l’accessoire',
        'l’appareil',
        'le téléphone',
      ].map(
        (kind) =>
          `va avec ${kind} ${q('X')} ${kind === 'la console' ? 'achetée' : 'acheté'} le 12 mars`,
      ),
    );
  });
});
