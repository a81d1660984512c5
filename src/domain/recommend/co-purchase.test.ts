import { describe, expect, test } from 'vitest';
import type { CustomerHistory } from '../profile/history.ts';
import {
  coPurchaseCounter,
  coPurchaseStats,
  coPurchaseStatsOfStream,
  type CoPurchaseStats,
} from './co-purchase.ts';
import { AS_OF, historyOfPurchases, type Bought } from './recommend.fixture.ts';

const DAY = 86_400_000;
const daysBefore = (n: number) => new Date(Date.parse(AS_OF) - n * DAY).toISOString();
const customers = (...baskets: Bought[][]) =>
  baskets.map((bought, i) => historyOfPurchases(bought, `C${i + 1}`));
const neighbours = (stats: CoPurchaseStats, sku: string) =>
  (stats.neighbours.get(sku) ?? []).map((n) => [n.sku, n.customers]);

describe('coPurchaseStats', () => {
  test('counts each buyer of a product once, and only completed orders up to asOf', () => {
    const stats = coPurchaseStats(
      customers(
        [{ sku: 'FI-DUNE' }, { sku: 'FI-DUNE', at: daysBefore(3) }],
        [{ sku: 'FI-DUNE', status: 'returned' }, { sku: 'FI-LOTR-BR' }],
        [{ sku: 'FI-DUNE', status: 'cancelled' }],
        [{ sku: 'FI-DUNE', at: '2026-11-17T00:00:00.000Z' }],
        [],
      ),
      { asOf: AS_OF },
    );
    expect([...stats.buyers]).toEqual([
      ['FI-DUNE', 1],
      ['FI-LOTR-BR', 1],
    ]);
    expect(stats.customers).toBe(2);
  });

  test('pairs products one customer bought within the window, once per customer', () => {
    const pair: Bought[] = [
      { sku: 'FI-DUNE', at: daysBefore(100) },
      { sku: 'BK-POLAR-1', at: daysBefore(20) },
      { sku: 'FI-DUNE', at: daysBefore(10) },
    ];
    const stats = coPurchaseStats(customers(pair, pair), { asOf: AS_OF, windowDays: 90 });
    expect(neighbours(stats, 'FI-DUNE')).toEqual([['BK-POLAR-1', 2]]);
    expect(neighbours(stats, 'BK-POLAR-1')).toEqual([['FI-DUNE', 2]]);
  });

  test('two purchases further apart than the window are not bought together', () => {
    const apart: Bought[] = [
      { sku: 'FI-DUNE', at: daysBefore(200) },
      { sku: 'BK-POLAR-1', at: daysBefore(200 - 31) },
    ];
    const stats = coPurchaseStats(customers(apart, apart), { asOf: AS_OF, windowDays: 30 });
    expect(stats.neighbours.size).toBe(0);
    const wider = coPurchaseStats(customers(apart, apart), { asOf: AS_OF, windowDays: 31 });
    expect(neighbours(wider, 'FI-DUNE')).toEqual([['BK-POLAR-1', 2]]);
  });

  test('a pair fewer customers than minCustomers bought is dropped', () => {
    const basket: Bought[] = [
      { sku: 'FI-DUNE', order: 'O1' },
      { sku: 'BK-POLAR-1', order: 'O1' },
    ];
    expect(coPurchaseStats(customers(basket), { asOf: AS_OF }).neighbours.size).toBe(0);
    const one = coPurchaseStats(customers(basket), { asOf: AS_OF, minCustomers: 1 });
    expect(neighbours(one, 'FI-DUNE')).toEqual([['BK-POLAR-1', 1]]);
  });

  test('never pairs two editions of one work', () => {
    const both: Bought[] = [{ sku: 'FI-LOTR-DVD' }, { sku: 'FI-LOTR-BR' }, { sku: 'FI-DUNE' }];
    const stats = coPurchaseStats(customers(both, both), { asOf: AS_OF });
    expect(neighbours(stats, 'FI-LOTR-DVD')).toEqual([['FI-DUNE', 2]]);
  });

  test('scores a pair by cosine: customers of both over √(buyers × buyers), strongest first', () => {
    const stats = coPurchaseStats(
      customers(
        [{ sku: 'FI-DUNE' }, { sku: 'BK-POLAR-1' }],
        [{ sku: 'FI-DUNE' }, { sku: 'BK-POLAR-1' }],
        [{ sku: 'FI-DUNE' }, { sku: 'MU-SATIE' }],
        [{ sku: 'FI-DUNE' }, { sku: 'MU-SATIE' }],
        [{ sku: 'MU-SATIE' }],
        [{ sku: 'MU-SATIE' }],
      ),
      { asOf: AS_OF },
    );
    const list = stats.neighbours.get('FI-DUNE') ?? [];
    expect(list.map((n) => n.sku)).toEqual(['BK-POLAR-1', 'MU-SATIE']);
    expect(list[0]?.score).toBeCloseTo(2 / Math.sqrt(4 * 2), 12);
    expect(list[1]?.score).toBeCloseTo(2 / Math.sqrt(4 * 4), 12);
  });

  test('keeps the strongest maxNeighbours per product, ties by customers then sku', () => {
    const basket: Bought[] = [
      { sku: 'FI-DUNE' },
      { sku: 'MU-SATIE' },
      { sku: 'BK-POLAR-2' },
      { sku: 'BK-POLAR-1' },
    ];
    const stats = coPurchaseStats(customers(basket, basket), { asOf: AS_OF, maxNeighbours: 2 });
    expect(neighbours(stats, 'FI-DUNE')).toEqual([
      ['BK-POLAR-1', 2],
      ['BK-POLAR-2', 2],
    ]);
  });

  test('popularity weighs each buyer by the age of their latest purchase, halved every half-life', () => {
    const stats = coPurchaseStats(
      customers(
        [{ sku: 'FI-DUNE', at: AS_OF }],
        [{ sku: 'FI-DUNE', at: daysBefore(30) }],
        [
          { sku: 'FI-DUNE', at: daysBefore(300) },
          { sku: 'FI-DUNE', at: daysBefore(60) },
        ],
      ),
      { asOf: AS_OF, halfLifeDays: 30 },
    );
    expect(stats.popularity.get('FI-DUNE')).toBeCloseTo(1 + 0.5 + 0.25, 12);
    expect(stats.buyers.get('FI-DUNE')).toBe(3);
  });

  test('pairs by time whatever order the orders were recorded in, unknown products included', () => {
    const recordedOutOfOrder: Bought[] = [
      { sku: 'FI-DUNE', at: daysBefore(100) },
      { sku: 'MU-SATIE', at: daysBefore(400) },
      { sku: 'BK-POLAR-1', at: daysBefore(90) },
      { sku: 'UNKNOWN', at: daysBefore(95) },
    ];
    const stats = coPurchaseStats(customers(recordedOutOfOrder, recordedOutOfOrder), {
      asOf: AS_OF,
      windowDays: 30,
    });
    expect(neighbours(stats, 'FI-DUNE')).toEqual([
      ['BK-POLAR-1', 2],
      ['UNKNOWN', 2],
    ]);
    expect(stats.neighbours.has('MU-SATIE')).toBe(false);
  });

  test('two co-purchases as strong as each other: the one more customers bought first', () => {
    // 2 of 4 × 4 buyers and 1 of 4 × 1 buyers both score ½.
    const stats = coPurchaseStats(
      customers(
        [{ sku: 'FI-DUNE' }, { sku: 'MU-SATIE' }, { sku: 'BK-POLAR-1' }],
        [{ sku: 'FI-DUNE' }, { sku: 'MU-SATIE' }],
        [{ sku: 'FI-DUNE' }, { sku: 'MU-SATIE', at: '2020-01-01T00:00:00.000Z' }],
        [{ sku: 'FI-DUNE' }, { sku: 'MU-SATIE', at: '2020-01-01T00:00:00.000Z' }],
      ),
      { asOf: AS_OF, minCustomers: 1 },
    );
    const list = stats.neighbours.get('FI-DUNE') ?? [];
    expect(list.map((n) => [n.sku, n.customers, n.score])).toEqual([
      ['MU-SATIE', 2, 0.5],
      ['BK-POLAR-1', 1, 0.5],
    ]);
  });

  test('says what it was counted with', () => {
    const stats = coPurchaseStats([], { asOf: AS_OF });
    expect(stats).toMatchObject({
      asOf: AS_OF,
      windowDays: 90,
      halfLifeDays: 30,
      minCustomers: 2,
      customers: 0,
    });
  });

  test('refuses an asOf that is not an instant', () => {
    expect(() => coPurchaseCounter({ asOf: 'soon' })).toThrow(/asOf is not an instant: soon/);
  });

  test('the same statistics whatever the order of the histories (popularity to rounding), streamed or not', async () => {
    const histories = customers(
      [{ sku: 'FI-DUNE' }, { sku: 'BK-POLAR-1' }, { sku: 'MU-SATIE', at: daysBefore(40) }],
      [{ sku: 'FI-DUNE' }, { sku: 'BK-POLAR-1' }],
      [{ sku: 'MU-SATIE' }, { sku: 'FI-DUNE', at: daysBefore(5) }],
      [{ sku: 'MU-SATIE' }, { sku: 'BK-POLAR-1' }, { sku: 'FI-DUNE' }],
    );
    const forward = coPurchaseStats(histories, { asOf: AS_OF });
    const backward = coPurchaseStats([...histories].reverse(), { asOf: AS_OF });
    async function* chunks(): AsyncIterable<CustomerHistory[]> {
      yield histories.slice(0, 3);
      yield histories.slice(3);
    }
    const streamed = await coPurchaseStatsOfStream(chunks(), { asOf: AS_OF });
    const sorted = (s: CoPurchaseStats) => ({
      ...s,
      buyers: [...s.buyers].sort(),
      popularity: [...s.popularity].sort().map(([sku, n]) => [sku, n.toFixed(12)]),
      neighbours: [...s.neighbours].sort(),
    });
    expect(sorted(backward)).toEqual(sorted(forward));
    expect(streamed).toEqual(forward);
    expect(forward.neighbours.get('FI-DUNE')?.length).toBe(2);
  });
});
