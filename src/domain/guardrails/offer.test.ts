import { describe, expect, test } from 'vitest';
import type { Offer } from '../campaign/campaign.ts';
import { readyEmail } from '../campaign/campaign.fixture.ts';
import { productRow } from '../profile/history.fixture.ts';
import { BOX_SET, DEMO_OFFER, reference } from './offer.fixture.ts';
import { centsOff, offerTerms, percentOf, roundHalfAway } from './offer.ts';

const terms = (offer: Partial<Offer> | null, products = reference.products) =>
  offerTerms(
    readyEmail({ offer: offer === null ? null : { ...DEMO_OFFER, ...offer } }),
    products,
    'Offre de Noël',
  );
const figures = (offer: Partial<Offer>, products = reference.products) => {
  const t = terms(offer, products);
  return t && [t.list_price_cents, t.price_cents, t.discount_cents, t.discount_percent];
};
const films = { kind: 'category', category: 'films' } as const;
const ghost = { kind: 'product', sku: 'XX-GHOST' } as const;

describe('roundHalfAway, percentOf, centsOff', () => {
  test.each([
    [2.5, 3],
    [-2.5, -3],
    [2.4999, 2],
    [-2.4999, -2],
    [0, 0],
  ])('rounds %d to %d', (x, rounded) => {
    expect(roundHalfAway(x)).toBe(rounded);
  });

  test('a share has two decimals, half away from zero', () => {
    expect(percentOf(33, 10_032)).toBe(0.33);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 800)).toBe(0.13);
    expect(percentOf(-1, 800)).toBe(-0.13);
    expect(percentOf(500, 10_000)).toBe(5);
  });

  test('a share of nothing is unknown', () => {
    expect(percentOf(10, 0)).toBeNull();
    expect(percentOf(10, -5)).toBeNull();
    expect(percentOf(0, 1)).toBe(0);
  });

  test('a percentage off is whole cents, half a cent away from zero', () => {
    expect(centsOff(10_005, 10)).toBe(1_001);
    expect(centsOff(10_004, 10)).toBe(1_000);
    expect(centsOff(50, 1)).toBe(1);
    expect(centsOff(49, 1)).toBe(0);
    expect(centsOff(-50, 1)).toBe(-1);
  });
});

describe('offerTerms', () => {
  test('a campaign without an offer has no terms', () => {
    expect(terms(null)).toBeNull();
  });

  test('the demo: the box set at 99,99 € from 100,32 € takes 0,33 € off, 0,33 %', () => {
    expect(terms({})).toEqual({
      target: { kind: 'product', sku: BOX_SET.sku },
      product: BOX_SET,
      title: BOX_SET.title,
      list_price_cents: 10_032,
      price_cents: 9_999,
      discount_cents: 33,
      discount_percent: 0.33,
      valid_from: '2026-11-16',
      valid_to: '2026-12-30',
    });
  });

  test('a price above the list price is a negative discount', () => {
    expect(figures({ price: { kind: 'price', cents: 10_100 } })).toEqual([
      10_032, 10_100, -68, -0.68,
    ]);
  });

  test('a percentage on a product: the amount rounded to the cent, the price what is left', () => {
    expect(figures({ price: { kind: 'percent', percent: 20 } })).toEqual([
      10_032, 8_026, 2_006, 20,
    ]);
    const odd = new Map([['P', productRow({ sku: 'P', price_cents: 10_005 })]]);
    expect(
      figures(
        { target: { kind: 'product', sku: 'P' }, price: { kind: 'percent', percent: 10 } },
        odd,
      ),
    ).toEqual([10_005, 9_004, 1_001, 10]);
  });

  test('an amount off a product: its share of the list price', () => {
    expect(figures({ price: { kind: 'amount_off', cents: 500 } })).toEqual([
      10_032, 9_532, 500, 4.98,
    ]);
  });

  test('an amount off more than the price: the price is 0, the share at most 100 %', () => {
    expect(figures({ price: { kind: 'amount_off', cents: 20_000 } })).toEqual([
      10_032, 0, 20_000, 100,
    ]);
    expect(figures({ price: { kind: 'amount_off', cents: 10_032 } })).toEqual([
      10_032, 0, 10_032, 100,
    ]);
  });

  test('a product priced 0 has no share', () => {
    const free = new Map([['P', productRow({ sku: 'P', price_cents: 0 })]]);
    const target = { kind: 'product', sku: 'P' } as const;
    expect(figures({ target, price: { kind: 'amount_off', cents: 100 } }, free)).toEqual([
      0,
      0,
      100,
      null,
    ]);
    expect(figures({ target, price: { kind: 'price', cents: 100 } }, free)).toEqual([
      0,
      100,
      -100,
      null,
    ]);
  });

  test('a sku the catalogue lacks: only the offer’s own figure is known', () => {
    expect(figures({ target: ghost, price: { kind: 'price', cents: 999 } })).toEqual([
      null,
      999,
      null,
      null,
    ]);
    expect(figures({ target: ghost, price: { kind: 'percent', percent: 15 } })).toEqual([
      null,
      null,
      null,
      15,
    ]);
    expect(figures({ target: ghost, price: { kind: 'amount_off', cents: 700 } })).toEqual([
      null,
      null,
      700,
      null,
    ]);
    expect(terms({ target: ghost })?.product).toBeNull();
  });

  test('a category: a percentage, an amount or a price, and nothing else', () => {
    expect(figures({ target: films, price: { kind: 'percent', percent: 10 } })).toEqual([
      null,
      null,
      null,
      10,
    ]);
    expect(figures({ target: films, price: { kind: 'amount_off', cents: 500 } })).toEqual([
      null,
      null,
      500,
      null,
    ]);
    expect(figures({ target: films, price: { kind: 'price', cents: 999 } })).toEqual([
      null,
      999,
      null,
      null,
    ]);
    expect(terms({ target: films })?.product).toBeNull();
  });

  test('the title: the offer’s, else the product’s, else the fallback', () => {
    expect(terms({ title: '  Noël : le coffret  ' })?.title).toBe('Noël : le coffret');
    expect(terms({ title: '   ' })?.title).toBe(BOX_SET.title);
    expect(terms({ title: '', target: ghost })?.title).toBe('Offre de Noël');
    expect(terms({ title: '', target: films })?.title).toBe('Offre de Noël');
  });

  test('the days are the offer’s, open ends kept open', () => {
    const t = terms({ valid_from: null, valid_to: '2026-12-24' });
    expect([t?.valid_from, t?.valid_to]).toEqual([null, '2026-12-24']);
    expect(terms({ target: films })?.target).toEqual(films);
  });
});
