import { describe, expect, test } from 'vitest';
import { mostPopular, recommend, type Recommendation } from './recommend.ts';
import { AS_OF, contextOf, historyOfPurchases, statsOf, type Bought } from './recommend.fixture.ts';
import type { OfferTarget, RecommendOptions, RecommendationStrategy } from './strategy.ts';

const options = (over: Partial<RecommendOptions> = {}): RecommendOptions => ({
  count: 10,
  asOf: AS_OF,
  channel: 'email',
  offer: null,
  ...over,
});
const run = (
  strategy: RecommendationStrategy,
  bought: Bought[],
  over: Partial<RecommendOptions> = {},
  context = contextOf(),
) => recommend(historyOfPurchases(bought), context, strategy, options(over));
const skus = (list: readonly Recommendation[]) => list.map((r) => r.product.sku);
const codes = (list: readonly Recommendation[]) => list.map((r) => r.reason.code);

describe('complements', () => {
  test('a PS5 bought brings its games and controller, then a headset for any console, each going with the PS5', () => {
    const list = run('complements', [
      { sku: 'CO-PS5', order: 'O12', at: '2026-03-12T15:00:00.000Z' },
    ]);
    expect(skus(list)).toEqual(['GA-DUALSENSE', 'VG-NINJA-PS5', 'VG-RACE-PS5', 'GA-HEADSET']);
    expect(list[0]?.reason).toEqual({
      code: 'complements_owned',
      params: {
        product: 'Sony PlayStation 5',
        product_sku: 'CO-PS5',
        product_category: 'consoles',
        order_id: 'O12',
        bought_at: '2026-03-12',
      },
    });
    expect(new Set(codes(list))).toEqual(new Set(['complements_owned']));
  });

  test('what sells better comes first among equal relations', () => {
    const context = contextOf(statsOf({ 'VG-RACE-PS5': 20, 'VG-NINJA-PS5': 3 }));
    const list = run('complements', [{ sku: 'CO-PS5' }], {}, context);
    expect(skus(list).slice(0, 3)).toEqual(['VG-RACE-PS5', 'VG-NINJA-PS5', 'GA-DUALSENSE']);
  });

  test('a Switch game tells a Switch: the rest of its range, never the Switch nor the game’s PS5 edition', () => {
    const list = run('complements', [
      { sku: 'VG-RACE-SW', order: 'O3', at: '2026-05-03T10:00:00.000Z' },
    ]);
    expect(skus(list)).toEqual(['VG-FARM-SW', 'GA-HEADSET']);
    expect(list[0]?.reason).toEqual({
      code: 'for_platform',
      params: {
        product: 'Rallye (Switch)',
        product_sku: 'VG-RACE-SW',
        product_category: 'video_games',
        order_id: 'O3',
        bought_at: '2026-05-03',
        platform: 'Nintendo Switch',
        platform_sku: 'CO-SWITCH',
        platform_category: 'consoles',
      },
    });
  });

  test('a Wii game brings the other Wii game; the Wii itself never', () => {
    const list = run('complements', [{ sku: 'VG-BOWL-WII' }]);
    expect(skus(list)).toEqual(['VG-PARTY-WII', 'GA-HEADSET']);
  });

  test('a phone case tells the phone: nothing offers that phone in another storage', () => {
    expect(run('complements', [{ sku: 'PH-X-CASE' }])).toEqual([]);
  });

  test('the next volume out after the latest owned, in both its editions, before the same author’s', () => {
    const list = run('complements', [
      { sku: 'BK-SAKURA-1', at: '2026-01-10T10:00:00.000Z' },
      { sku: 'BK-SAKURA-3', at: '2026-04-02T10:00:00.000Z', order: 'O4' },
    ]);
    expect(skus(list).slice(0, 2)).toEqual(['BK-SAKURA-5', 'BK-SAKURA-5-COLLECTOR']);
    expect(list[0]?.reason).toEqual({
      code: 'next_in_series',
      params: {
        product: 'Sakura Strikers — tome 3, Inès Berger',
        product_sku: 'BK-SAKURA-3',
        product_category: 'books',
        order_id: 'O4',
        bought_at: '2026-04-02',
        series: 'Sakura Strikers',
        volume: 5,
        owned_volume: 3,
      },
    });
    // Tome 2 is by tome 3's author; tome 9 by tome 1's: by their authors, not as next volumes.
    const rest = list.slice(2).map((r) => [r.product.sku, r.reason.code]);
    expect(rest).toEqual([
      ['BK-SAKURA-2', 'same_creator'],
      ['BK-SAKURA-9', 'same_creator'],
    ]);
  });

  test('nothing after the last volume', () => {
    const list = run('complements', [{ sku: 'BK-SAKURA-9' }]);
    expect(codes(list)).not.toContain('next_in_series');
  });

  test('the same artist’s other album, not the other edition of the one owned', () => {
    const list = run('complements', [{ sku: 'MU-NEON-1-CD' }]);
    expect(skus(list)).toEqual(['MU-NEON-2-CD']);
    expect(list[0]?.reason).toMatchObject({
      code: 'same_creator',
      params: { creator: 'Néon Riviera', role: 'artist', product_sku: 'MU-NEON-1-CD' },
    });
  });

  test('a recent purchase outweighs an old one', () => {
    const list = run('complements', [
      { sku: 'CO-PS5', at: '2024-11-01T10:00:00.000Z' },
      { sku: 'CO-SWITCH', at: '2026-11-01T10:00:00.000Z' },
    ]);
    expect(skus(list).slice(0, 3)).toEqual(['VG-FARM-SW', 'VG-RACE-SW', 'GA-HEADSET']);
    expect(list[2]?.reason.params).toMatchObject({ product_sku: 'CO-SWITCH' });
  });

  test('one edition of a work per list: the PS5 and Switch editions of a game are one', () => {
    const list = run('complements', [{ sku: 'CO-PS5' }, { sku: 'CO-SWITCH' }]);
    expect(skus(list).filter((s) => s.startsWith('VG-RACE'))).toEqual(['VG-RACE-PS5']);
  });

  test('weighs a relation by its weight, the purchase’s recency (halved in 180 days) and sales', () => {
    const at = '2026-05-20T00:00:00.000Z'; // 180 days before AS_OF
    const context = contextOf(statsOf({ 'VG-FARM-SW': Math.E - 1, 'BK-SAKURA-5': Math.E - 1 }));
    const scores = (bought: Bought[]) =>
      Object.fromEntries(
        run('complements', bought, {}, context).map((r) => [r.product.sku, r.score]),
      );
    expect(scores([{ sku: 'CO-SWITCH', at }])).toEqual({
      'VG-FARM-SW': 2 * 0.5 * 2,
      'VG-RACE-SW': 2 * 0.5,
      'GA-HEADSET': 0.5 * 0.5,
    });
    expect(scores([{ sku: 'VG-RACE-SW', at }])).toEqual({
      'VG-FARM-SW': 1.5 * 0.5 * 2,
      'GA-HEADSET': 0.5 * 0.5,
    });
    expect(scores([{ sku: 'BK-SAKURA-3', at }])).toEqual({
      'BK-SAKURA-5': 3 * 0.5 * 2 + 1 * 0.5 * 2,
      'BK-SAKURA-5-COLLECTOR': 3 * 0.5 + 1 * 0.5,
      'BK-SAKURA-2': 1 * 0.5,
    });
  });

  test('the next volume follows the highest volume owned, whatever the order bought', () => {
    const list = run('complements', [
      { sku: 'BK-SAKURA-3', at: '2026-01-10T10:00:00.000Z' },
      { sku: 'BK-SAKURA-1', at: '2026-04-02T10:00:00.000Z' },
    ]);
    expect(
      list.filter((r) => r.reason.code === 'next_in_series').map((r) => r.product.sku),
    ).toEqual(['BK-SAKURA-5', 'BK-SAKURA-5-COLLECTOR']);
  });

  test('two editions of the same volume owned: the first bought is the one named', () => {
    const list = run('complements', [{ sku: 'BK-SAKURA-5' }, { sku: 'BK-SAKURA-5-COLLECTOR' }]);
    expect(list[0]?.reason).toMatchObject({
      code: 'next_in_series',
      params: { volume: 9, owned_volume: 5, product_sku: 'BK-SAKURA-5' },
    });
  });

  test('a product the catalogue does not know complements nothing', () => {
    expect(run('complements', [{ sku: 'UNKNOWN' }])).toEqual([]);
  });

  test('a film alone has no complement', () => {
    expect(run('complements', [{ sku: 'FI-DUNE' }])).toEqual([]);
  });
});

describe('bought together', () => {
  const stats = statsOf(
    {},
    {
      'FI-DUNE': [
        ['BK-POLAR-1', 3, 0.5],
        ['FI-LOTR-BR', 2, 0.4],
        ['MU-SATIE', 2, 0.1],
      ],
      'BK-POLAR-2': [['MU-SATIE', 4, 0.45]],
      'FI-LOTR-DVD': [['NOT-IN-CATALOGUE', 9, 0.9]],
    },
  );

  test('what customers who bought theirs bought, minus what they own in any edition', () => {
    const list = run(
      'bought_together',
      [{ sku: 'FI-DUNE', order: 'O1', at: '2026-11-15T10:00:00.000Z' }, { sku: 'FI-LOTR-DVD' }],
      {},
      contextOf(stats),
    );
    expect(skus(list)).toEqual(['BK-POLAR-1', 'MU-SATIE']);
    expect(list[0]?.reason).toEqual({
      code: 'bought_together',
      params: {
        product: 'Dune, Blu-ray',
        product_sku: 'FI-DUNE',
        product_category: 'films',
        order_id: 'O1',
        bought_at: '2026-11-15',
        customers: 3,
      },
    });
  });

  test('evidence adds up, and the reason given is the strongest piece', () => {
    const at = '2026-11-15T10:00:00.000Z';
    const list = run(
      'bought_together',
      [
        { sku: 'FI-DUNE', at },
        { sku: 'BK-POLAR-2', at },
      ],
      {},
      contextOf(stats),
    );
    expect(skus(list)).toEqual(['MU-SATIE', 'BK-POLAR-1', 'FI-LOTR-BR']);
    expect(list[0]?.reason.params).toMatchObject({ product_sku: 'BK-POLAR-2', customers: 4 });
    expect(list[0]?.score).toBeGreaterThan(0.54);
  });

  test('the strongest piece names the reason whatever the order bought; a tie, the first', () => {
    const at = '2026-11-15T10:00:00.000Z';
    const reversed = run(
      'bought_together',
      [
        { sku: 'BK-POLAR-2', at },
        { sku: 'FI-DUNE', at },
      ],
      {},
      contextOf(stats),
    );
    expect(reversed[0]?.reason.params).toMatchObject({ product_sku: 'BK-POLAR-2' });
    const tied = statsOf(
      {},
      { 'FI-DUNE': [['MU-SATIE', 2, 0.3]], 'BK-POLAR-2': [['MU-SATIE', 5, 0.3]] },
    );
    const first = run(
      'bought_together',
      [
        { sku: 'FI-DUNE', at },
        { sku: 'BK-POLAR-2', at },
      ],
      {},
      contextOf(tied),
    );
    expect(first[0]?.reason.params).toMatchObject({ product_sku: 'FI-DUNE', customers: 2 });
  });

  test('a product the catalogue does not know anchors nothing', () => {
    const unknown = statsOf({}, { UNKNOWN: [['MU-SATIE', 2, 0.3]] });
    expect(run('bought_together', [{ sku: 'UNKNOWN' }], {}, contextOf(unknown))).toEqual([]);
  });

  test('an old purchase weighs less than a recent one', () => {
    const list = run(
      'bought_together',
      [
        { sku: 'FI-DUNE', at: '2024-11-15T10:00:00.000Z' },
        { sku: 'BK-POLAR-2', at: '2026-11-15T10:00:00.000Z' },
      ],
      {},
      contextOf(stats),
    );
    expect(skus(list)[0]).toBe('MU-SATIE');
    expect(list[1]?.score).toBeLessThan(0.5 * 0.5 ** 3.9);
  });

  test('nothing without statistics for what they bought', () => {
    expect(run('bought_together', [{ sku: 'FI-DUNE' }])).toEqual([]);
  });
});

describe('best sellers of their favourite category', () => {
  const charts = statsOf({
    'FI-LOTR-DVD': 9,
    'FI-GONE': 8,
    'FI-DUNE': 7,
    'FI-LOTR-BR': 6,
    'BK-POLAR-2': 5,
    'VG-FARM-SW': 9,
    'VG-NINJA-PS5': 2,
  });

  test('the category with the most units, its chart minus what they own or cannot get, ranked in it', () => {
    const list = run(
      'category_best_sellers',
      [{ sku: 'BK-POLAR-1' }, { sku: 'BK-SAKURA-1' }, { sku: 'FI-LOTR-4K', qty: 3 }],
      { count: 2 },
      contextOf(charts),
    );
    // Above it the DVD (another edition of their 4K) and a film out of stock; below it the
    // Blu-ray (the same work again), their 4K, a discontinued film and one not out yet.
    expect(skus(list)).toEqual(['FI-DUNE']);
    expect(list[0]?.reason).toEqual({
      code: 'category_best_seller',
      params: { category: 'films', rank: 3 },
    });
  });

  test('more units win over the alphabet', () => {
    const list = run(
      'category_best_sellers',
      [{ sku: 'FI-DUNE', qty: 2 }, { sku: 'BK-POLAR-1' }],
      { count: 1 },
      contextOf(charts),
    );
    expect(list[0]?.reason.params).toMatchObject({ category: 'films' });
  });

  test.each([
    [[{ sku: 'FI-DUNE' }, { sku: 'BK-POLAR-1' }]],
    [[{ sku: 'BK-POLAR-1' }, { sku: 'FI-DUNE' }, { sku: 'UNKNOWN', qty: 5 }]],
  ])('a tie in units goes to the alphabetically first category (%j)', (bought) => {
    const list = run('category_best_sellers', bought, { count: 1 }, contextOf(charts));
    expect(list[0]?.reason).toEqual({
      code: 'category_best_seller',
      params: { category: 'books', rank: 1 },
    });
  });

  test('a game for a console they show no sign of owning ranks after the rest', () => {
    const list = run(
      'category_best_sellers',
      [{ sku: 'VG-RACE-PS5', qty: 2 }],
      { count: 3 },
      contextOf(charts),
    );
    expect(skus(list)).toEqual(['VG-NINJA-PS5', 'VG-FARM-SW', 'VG-BOWL-WII']);
  });

  test('one edition of a work per list', () => {
    const list = run('category_best_sellers', [{ sku: 'FI-DUNE' }], {}, contextOf(charts));
    expect(skus(list).filter((s) => s.startsWith('FI-LOTR'))).toEqual(['FI-LOTR-DVD']);
  });

  test('no purchase, no favourite category, nothing', () => {
    expect(run('category_best_sellers', [])).toEqual([]);
    expect(run('category_best_sellers', [{ sku: 'FI-DUNE', status: 'returned' }])).toEqual([]);
  });
});

describe('the campaign’s offer', () => {
  test('its product, for anyone who does not own it in any edition', () => {
    const offer: OfferTarget = { kind: 'product', sku: 'FI-LOTR-BR' };
    expect(run('offer', [], { offer })).toEqual([
      {
        product: expect.objectContaining({ sku: 'FI-LOTR-BR' }),
        reason: { code: 'offer_product', params: {} },
        score: 1,
      },
    ]);
    expect(run('offer', [{ sku: 'FI-LOTR-BR' }], { offer })).toEqual([]);
    expect(run('offer', [{ sku: 'FI-LOTR-DVD' }], { offer })).toEqual([]);
    expect(run('offer', [{ sku: 'FI-LOTR-DVD', status: 'returned' }], { offer })).toHaveLength(1);
  });

  test('nothing when its product cannot be sold on the channel or is unknown', () => {
    expect(run('offer', [], { offer: { kind: 'product', sku: 'FI-GONE' } })).toEqual([]);
    expect(run('offer', [], { offer: { kind: 'product', sku: 'FI-OLD' } })).toEqual([]);
    expect(run('offer', [], { offer: { kind: 'product', sku: 'NOPE' } })).toEqual([]);
    expect(run('offer', [])).toEqual([]);
  });

  test('a category offer brings its best sellers, to customers with or without history', () => {
    const context = contextOf(statsOf({ 'BK-POLAR-2': 5, 'BK-POLAR-1': 4 }));
    const list = run(
      'offer',
      [{ sku: 'BK-POLAR-2' }],
      { offer: { kind: 'category', category: 'books' }, count: 2 },
      context,
    );
    expect(list.map((r) => [r.product.sku, r.reason])).toEqual([
      ['BK-POLAR-1', { code: 'offer_best_seller', params: { category: 'books', rank: 2 } }],
      ['BK-SAKURA-1', { code: 'offer_best_seller', params: { category: 'books', rank: 3 } }],
    ]);
  });
});

describe('every strategy', () => {
  test('gives at most `count` products', () => {
    expect(run('complements', [{ sku: 'CO-PS5' }], { count: 2 })).toHaveLength(2);
  });

  test.each([0, 21, 1.5, Number.NaN])('refuses a count of %s', (count) => {
    expect(() => run('complements', [], { count })).toThrow(
      new RangeError(`count must be an integer from 1 to 20, got ${count}`),
    );
  });

  test('gives up to 20', () => {
    const context = contextOf();
    const list = run(
      'offer',
      [],
      { count: 20, offer: { kind: 'category', category: 'books' } },
      context,
    );
    expect(list).toHaveLength(8);
    expect(() =>
      mostPopular(historyOfPurchases([]), context, options({ count: 20 })),
    ).not.toThrow();
  });

  test('refuses an asOf that is not an instant', () => {
    expect(() => run('complements', [], { asOf: 'yesterday' })).toThrow(
      new RangeError('asOf is not an instant: yesterday'),
    );
  });

  test('as of an earlier instant: later orders are not known, later products not out', () => {
    const bought: Bought[] = [{ sku: 'CO-PS5', at: '2026-11-10T10:00:00.000Z' }];
    expect(run('complements', bought, { asOf: '2026-11-01T00:00:00.000Z' })).toEqual([]);
    const soon = { offer: { kind: 'product', sku: 'FI-SOON' } } satisfies Partial<RecommendOptions>;
    expect(run('offer', [], { ...soon, asOf: '2026-11-30T23:59:59.999Z' })).toEqual([]);
    expect(run('offer', [], { ...soon, asOf: '2026-12-01T00:00:00.000Z' })).toHaveLength(1);
  });
});

describe('the most popular baseline', () => {
  test('the whole chart in order, minus what they own or cannot get', () => {
    const context = contextOf(
      statsOf({ 'FI-GONE': 9, 'FI-LOTR-DVD': 8, 'CO-SWITCH': 7, 'FI-DUNE': 6 }),
    );
    const top = mostPopular(
      historyOfPurchases([{ sku: 'VG-FARM-SW' }]),
      context,
      options({ count: 2 }),
    );
    expect(top.map((p) => p.sku)).toEqual(['FI-LOTR-DVD', 'FI-DUNE']);
  });
});
