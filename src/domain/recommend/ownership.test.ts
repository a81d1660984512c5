import { describe, expect, test } from 'vitest';
import { AS_OF, historyOfPurchases, reference } from './recommend.fixture.ts';
import { keptPurchases, ownershipOf, parisDay } from './ownership.ts';

const owned = (purchases: Parameters<typeof historyOfPurchases>[0], asOf = AS_OF) =>
  ownershipOf(keptPurchases(historyOfPurchases(purchases), asOf), reference.products);

describe('keptPurchases', () => {
  test('keeps the lines of completed orders only: a returned or cancelled order owns nothing', () => {
    const history = historyOfPurchases([
      { sku: 'FI-DUNE', status: 'completed' },
      { sku: 'FI-LOTR-BR', status: 'returned' },
      { sku: 'VG-NINJA-PS5', status: 'cancelled' },
    ]);
    expect(keptPurchases(history, AS_OF).map((p) => p.sku)).toEqual(['FI-DUNE']);
  });

  test('ignores orders placed after the instant asked, keeps one placed at it', () => {
    const history = historyOfPurchases([
      { sku: 'FI-DUNE', at: AS_OF },
      { sku: 'FI-LOTR-BR', at: '2026-11-16T00:00:00.001Z' },
    ]);
    expect(keptPurchases(history, AS_OF).map((p) => p.sku)).toEqual(['FI-DUNE']);
  });

  test('lists every line of an order with its quantity, order, instant and product', () => {
    const history = historyOfPurchases([
      { sku: 'FI-DUNE', order: 'O9', qty: 2, at: '2026-03-11T23:30:00.000Z' },
      { sku: 'UNKNOWN', order: 'O9' },
    ]);
    const [dune, unknown] = keptPurchases(history, AS_OF);
    expect(dune).toMatchObject({ sku: 'FI-DUNE', qty: 2, order_id: 'O9' });
    expect(dune?.product?.title).toBe('Dune, Blu-ray');
    expect(dune?.ms).toBe(Date.parse('2026-03-11T23:30:00.000Z'));
    expect(unknown).toMatchObject({ sku: 'UNKNOWN', product: null });
  });

  test('refuses a history without its orders, or with only recent ones', () => {
    const history = historyOfPurchases([{ sku: 'FI-DUNE' }]);
    const trimmed = { ...history, scope: { tables: ['events' as const], since: null } };
    expect(() => keptPurchases(trimmed, AS_OF)).toThrow(/lacks orders/);
    const recent = { ...history, scope: { ...history.scope, since: '2026-01-01T00:00:00.000Z' } };
    expect(() => keptPurchases(recent, AS_OF)).toThrow(/starts at/);
  });
});

describe('ownershipOf', () => {
  test('owns each product at its latest purchase', () => {
    const ownership = owned([
      { sku: 'FI-DUNE', at: '2025-01-01T10:00:00.000Z' },
      { sku: 'FI-DUNE', at: '2026-02-01T10:00:00.000Z' },
      { sku: 'FI-DUNE', at: '2025-06-01T10:00:00.000Z' },
    ]);
    expect(ownership.purchases.get('FI-DUNE')?.at).toBe('2026-02-01T10:00:00.000Z');
  });

  test('of two purchases at the same instant, the one recorded later is the latest', () => {
    const at = '2026-02-01T10:00:00.000Z';
    const ownership = owned([
      { sku: 'FI-DUNE', at, order: 'O1' },
      { sku: 'FI-DUNE', at, order: 'O2' },
    ]);
    expect(ownership.purchases.get('FI-DUNE')?.order_id).toBe('O2');
  });

  test('a product bought and kept once stays owned when another purchase of it was returned', () => {
    const ownership = owned([
      { sku: 'FI-DUNE', status: 'completed' },
      { sku: 'FI-DUNE', status: 'returned', at: '2026-11-01T10:00:00.000Z' },
    ]);
    expect(ownership.purchases.has('FI-DUNE')).toBe(true);
  });

  test('a Wii game means a Wii at home, with the game as evidence', () => {
    const ownership = owned([{ sku: 'VG-BOWL-WII', order: 'O7' }]);
    expect([...ownership.bases.keys()]).toEqual(['CO-WII']);
    expect(ownership.bases.get('CO-WII')?.order_id).toBe('O7');
    expect(ownership.purchases.has('CO-WII')).toBe(false);
  });

  test('owns every work of which it owns an edition, and the works of the bases it needs', () => {
    const ownership = owned([{ sku: 'FI-LOTR-DVD' }, { sku: 'PH-X-CASE' }]);
    expect([...ownership.works.keys()].sort()).toEqual(['W-LOTR', 'W-PHONE-X']);
    expect([...ownership.bases.keys()]).toEqual(['PH-X-128']);
  });

  test('a product the catalogue does not know is owned, with no relation', () => {
    const ownership = owned([{ sku: 'UNKNOWN' }]);
    expect([...ownership.purchases.keys()]).toEqual(['UNKNOWN']);
    expect(ownership.bases.size + ownership.works.size).toBe(0);
  });

  test('a base the catalogue does not know is still owned, and ends the chain', () => {
    const products = new Map(reference.products);
    const game = { ...reference.products.get('VG-NINJA-PS5')!, sku: 'G', requires: 'CO-GONE' };
    products.set('G', game);
    const at = '2026-01-01T00:00:00.000Z';
    const bought = { sku: 'G', qty: 1, product: game, order_id: 'O1', at, ms: Date.parse(at) };
    expect([...ownershipOf([bought], products).bases.keys()]).toEqual(['CO-GONE']);
  });

  test('follows a chain of requirements to its end, and stops on a cycle', () => {
    const looped = new Map(reference.products);
    looped.set('A', { ...reference.products.get('FI-DUNE')!, sku: 'A', requires: 'B' });
    looped.set('B', { ...reference.products.get('FI-DUNE')!, sku: 'B', requires: 'C' });
    looped.set('C', { ...reference.products.get('FI-DUNE')!, sku: 'C', requires: 'A' });
    const at = '2026-01-01T00:00:00.000Z';
    const bought = {
      sku: 'A',
      qty: 1,
      product: looped.get('A')!,
      order_id: 'O1',
      at,
      ms: Date.parse(at),
    };
    const ownership = ownershipOf([bought], looped);
    expect([...ownership.bases.keys()]).toEqual(['B', 'C', 'A']);
  });
});

describe('parisDay', () => {
  test.each([
    ['2026-03-11T22:59:59.999Z', '2026-03-11'],
    ['2026-03-11T23:00:00.000Z', '2026-03-12'],
    ['2026-07-14T21:59:59.999Z', '2026-07-14'],
    ['2026-07-14T22:00:00.000Z', '2026-07-15'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01'],
  ])('%s is %s in Paris', (instant, day) => {
    expect(parisDay(instant)).toBe(day);
  });
});
