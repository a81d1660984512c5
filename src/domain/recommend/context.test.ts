import { describe, expect, test } from 'vitest';
import { creatorKey, recommendationContext } from './context.ts';
import { catalogue, contextOf, statsOf } from './recommend.fixture.ts';

describe('recommendationContext', () => {
  const context = contextOf(
    statsOf({ 'FI-DUNE': 5, 'FI-LOTR-BR': 5, 'FI-GONE': 9, 'BK-POLAR-1': 1 }),
  );
  const skus = (list: readonly { sku: string }[] | undefined) => (list ?? []).map((p) => p.sku);

  test('lists what needs each base product', () => {
    expect(skus(context.needing.get('CO-PS5'))).toEqual([
      'VG-RACE-PS5',
      'VG-NINJA-PS5',
      'GA-DUALSENSE',
    ]);
    expect(skus(context.needing.get('PH-X-128'))).toEqual(['PH-X-CASE']);
    expect(context.needing.has('CO-XBOX')).toBe(false);
  });

  test('gaming accessories that need no console go with any', () => {
    expect(skus(context.anyConsole)).toEqual(['GA-HEADSET']);
  });

  test('holds each series by volume, two editions of a volume side by side', () => {
    const shuffled = recommendationContext([...catalogue].reverse(), statsOf());
    expect(shuffled.series.get('Sakura Strikers')).toEqual(context.series.get('Sakura Strikers'));
    expect(context.series.get('Sakura Strikers')?.map((v) => [v.product.sku, v.volume])).toEqual([
      ['BK-SAKURA-1', 1],
      ['BK-SAKURA-2', 2],
      ['BK-SAKURA-3', 3],
      ['BK-SAKURA-5', 5],
      ['BK-SAKURA-5-COLLECTOR', 5],
      ['BK-SAKURA-9', 9],
    ]);
  });

  test('holds each creator’s products, an author apart from a band of the same name', () => {
    expect(skus(context.byCreator.get(creatorKey('author', 'Karim Schneider')))).toEqual([
      'BK-POLAR-1',
      'BK-POLAR-2',
    ]);
    expect(skus(context.byCreator.get(creatorKey('artist', 'Néon Riviera')))).toHaveLength(3);
    expect(context.byCreator.get(creatorKey('author', 'Néon Riviera'))).toBeUndefined();
  });

  test('charts every product by popularity, then buyers, then sku; ranks within the category', () => {
    expect(skus(context.chart).slice(0, 4)).toEqual([
      'FI-GONE',
      'FI-DUNE',
      'FI-LOTR-BR',
      'BK-POLAR-1',
    ]);
    expect(skus(context.charts.get('films')).slice(0, 3)).toEqual([
      'FI-GONE',
      'FI-DUNE',
      'FI-LOTR-BR',
    ]);
    expect(context.categoryRank.get('FI-DUNE')).toBe(2);
    expect(context.categoryRank.get('BK-POLAR-1')).toBe(1);
    expect(context.chart).toHaveLength(context.products.size);
    // Products nobody bought close the chart, by sku.
    expect(skus(context.chart).slice(4, 7)).toEqual(['BK-POLAR-2', 'BK-SAKURA-1', 'BK-SAKURA-2']);
  });

  test('equal popularity: more buyers first', () => {
    const stats = statsOf({ 'FI-DUNE': 3, 'BK-POLAR-1': 3 });
    const more = recommendationContext(catalogue, {
      ...stats,
      buyers: new Map([
        ['FI-DUNE', 5],
        ['BK-POLAR-1', 4],
      ]),
    });
    expect(skus(more.chart).slice(0, 2)).toEqual(['FI-DUNE', 'BK-POLAR-1']);
  });
});
