import { describe, expect, test } from 'vitest';
import type { MessageChannel, Product } from '../profile/schema.ts';
import { unavailability } from './availability.ts';
import { exclusionOf, fitsWhatTheyOwn, type Exclusion } from './eligibility.ts';
import { keptPurchases, ownershipOf } from './ownership.ts';
import { AS_OF, historyOfPurchases, reference, type Bought } from './recommend.fixture.ts';

const product = (sku: string): Product => {
  const found = reference.products.get(sku);
  if (!found) throw new Error(sku);
  return found;
};
const ownershipAfter = (bought: Bought[]) =>
  ownershipOf(keptPurchases(historyOfPurchases(bought), AS_OF), reference.products);

describe('exclusionOf', () => {
  const cases: [string, Bought[], string, Exclusion | null][] = [
    ['the product itself', [{ sku: 'FI-DUNE' }], 'FI-DUNE', 'owned'],
    ['a returned product', [{ sku: 'FI-DUNE', status: 'returned' }], 'FI-DUNE', null],
    ['a cancelled product', [{ sku: 'FI-DUNE', status: 'cancelled' }], 'FI-DUNE', null],
    ['the Blu-ray of a DVD owned', [{ sku: 'FI-LOTR-DVD' }], 'FI-LOTR-BR', 'other_edition_owned'],
    ['the 4K of a returned DVD', [{ sku: 'FI-LOTR-DVD', status: 'returned' }], 'FI-LOTR-4K', null],
    [
      'the Switch edition of a PS5 game',
      [{ sku: 'VG-RACE-PS5' }],
      'VG-RACE-SW',
      'other_edition_owned',
    ],
    ['the console of a game owned', [{ sku: 'VG-NINJA-PS5' }], 'CO-PS5', 'base_owned'],
    ['the phone of a case owned', [{ sku: 'PH-X-CASE' }], 'PH-X-128', 'base_owned'],
    [
      'another storage of the phone of a case owned',
      [{ sku: 'PH-X-CASE' }],
      'PH-X-256',
      'other_edition_owned',
    ],
    ['a console bought, not needed', [{ sku: 'CO-PS5' }], 'CO-PS5', 'owned'],
    ['a game for a console owned', [{ sku: 'CO-PS5' }], 'VG-NINJA-PS5', null],
    ['a discontinued film', [], 'FI-OLD', 'discontinued'],
    ['a film out of stock online', [], 'FI-GONE', 'out_of_stock_online'],
    ['a film not out yet', [], 'FI-SOON', 'not_launched'],
    ['the Wii of a Wii game, discontinued too', [{ sku: 'VG-BOWL-WII' }], 'CO-WII', 'base_owned'],
    ['an unrelated film', [{ sku: 'FI-LOTR-DVD' }], 'FI-DUNE', null],
  ];
  test.each(cases)('%s', (_, bought, sku, expected) => {
    expect(exclusionOf(product(sku), ownershipAfter(bought), 'email', AS_OF)).toBe(expected);
  });
});

describe('unavailability', () => {
  const channels: (MessageChannel | null)[] = ['email', 'sms', 'push', 'web_banner', null];
  test.each(channels)('on %s, a product needs web shop stock', (channel) => {
    expect(unavailability(product('FI-GONE'), channel, AS_OF)).toBe('out_of_stock_online');
    expect(unavailability(product('FI-DUNE'), channel, AS_OF)).toBeNull();
  });

  test('a product launched at the instant asked is out; a millisecond later it is not', () => {
    const dune = product('FI-DUNE');
    expect(unavailability({ ...dune, launched_at: AS_OF }, 'email', AS_OF)).toBeNull();
    expect(
      unavailability({ ...dune, launched_at: '2026-11-16T00:00:00.001Z' }, 'email', AS_OF),
    ).toBe('not_launched');
  });

  test('discontinued wins over stock and launch', () => {
    const dune = product('FI-DUNE');
    const gone = {
      ...dune,
      discontinued: true,
      online_stock: 0,
      launched_at: '2027-01-01T00:00:00.000Z',
    };
    expect(unavailability(gone, 'email', AS_OF)).toBe('discontinued');
    expect(unavailability({ ...gone, discontinued: false }, 'email', AS_OF)).toBe('not_launched');
  });
});

describe('fitsWhatTheyOwn', () => {
  test.each([
    ['needs nothing', [], 'FI-DUNE', true],
    ['needs a console bought', [{ sku: 'CO-SWITCH' }], 'VG-FARM-SW', true],
    ['needs a console a game shows', [{ sku: 'VG-RACE-SW' }], 'VG-FARM-SW', true],
    ['needs a console not seen', [{ sku: 'CO-PS5' }], 'VG-FARM-SW', false],
    [
      'needs a console only returned',
      [{ sku: 'CO-SWITCH', status: 'returned' }],
      'VG-FARM-SW',
      false,
    ],
  ] satisfies [string, Bought[], string, boolean][])('%s', (_, bought, sku, fits) => {
    expect(fitsWhatTheyOwn(product(sku), ownershipAfter(bought))).toBe(fits);
  });
});
