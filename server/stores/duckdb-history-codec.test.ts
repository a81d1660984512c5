import { describe, expect, test } from 'vitest';
import {
  readConsents,
  readCustomer,
  readEvents,
  readIdentities,
  readMessages,
  readOrders,
  readPreferences,
  readResponses,
} from './duckdb-history-codec.ts';

const AT = '2026-03-01T09:30:00.000Z';
const customer = [
  'C1',
  'Olivier',
  null,
  null,
  null,
  'male',
  '1984-07-14',
  'Lyon',
  '69003',
  'FR',
  'gold',
  AT,
  'fr',
];

describe('reading packed history rows', () => {
  test('gives each field its name back, and the customer id the row implies', () => {
    expect(readCustomer(customer)).toEqual({
      customer_id: 'C1',
      first_name: 'Olivier',
      last_name: null,
      email: null,
      phone: null,
      gender: 'male',
      birth_date: '1984-07-14',
      city: 'Lyon',
      postcode: '69003',
      country: 'FR',
      loyalty_tier: 'gold',
      created_at: AT,
      language: 'fr',
    });
    expect(
      readIdentities(
        [
          ['loyalty_card', '4242', 'store', AT, AT, null, null],
          ['loyalty_card', '4242', 'web', AT, AT, 'WEB-1', 'loyalty_card'],
        ],
        'C1',
      ),
    ).toEqual([
      {
        customer_id: 'C1',
        kind: 'loyalty_card',
        value: '4242',
        source: 'store',
        first_seen: AT,
        last_seen: AT,
        record_id: null,
        linked_by: null,
      },
      {
        customer_id: 'C1',
        kind: 'loyalty_card',
        value: '4242',
        source: 'web',
        first_seen: AT,
        last_seen: AT,
        record_id: 'WEB-1',
        linked_by: 'loyalty_card',
      },
    ]);
    expect(() =>
      readIdentities([['loyalty_card', '4242', 'web', AT, AT, 'WEB-1', 'a hunch']], 'C1'),
    ).toThrow(/linked_by/);
    expect(
      readConsents([['K1', 'email', 'marketing', 'withdrawn', AT, 'email']], 'C1')[0]?.status,
    ).toBe('withdrawn');
    expect(readPreferences([['interest', 'films', AT, 'app']], 'C1')[0]?.value).toBe('films');
    expect(readMessages([['M1', 'CA1', 'sms', AT, 'clicked', null]], 'C1')[0]?.channel).toBe('sms');
    expect(readResponses([['R1', 'OF1', 'store', 'declined', AT]], 'C1')[0]?.response).toBe(
      'declined',
    );
  });

  test('gives lines their order id back', () => {
    const [first] = readOrders(
      [
        [
          ['O1', 'store', 'S1', AT, 'completed', 'WELCOME', 'card', 'EUR', 9999],
          [[1, 'P1', 2, 5000, 1]],
        ],
      ],
      'C1',
    );
    expect(first?.order).toMatchObject({
      order_id: 'O1',
      customer_id: 'C1',
      promo_code: 'WELCOME',
      total_cents: 9999,
    });
    expect(first?.lines).toEqual([
      { order_id: 'O1', line_no: 1, sku: 'P1', qty: 2, unit_price_cents: 5000, discount_cents: 1 },
    ]);
  });

  test('keeps event properties and their key order', () => {
    const [event] = readEvents([['E1', 'search', 'web', AT, { z: 'a', a: 1, m: true }]], 'C1');
    expect(Object.keys(event?.properties ?? {})).toEqual(['z', 'a', 'm']);
  });

  test.each([
    [
      'an unknown enum value',
      () => readCustomer(customer.map((v, i) => (i === 5 ? 'other' : v))),
      /gender as one of female, male, unspecified, got "other"/,
    ],
    [
      'a number where text belongs',
      () => readIdentities([['email', 42, 'web', AT, AT, null, null]], 'C1'),
      /value as text, got 42/,
    ],
    [
      'an instant not written by the store',
      () => readMessages([['M1', 'CA1', 'sms', '2026-03-01', 'clicked', null]], 'C1'),
      /sent_at as an instant/,
    ],
    [
      'a fractional integer',
      () =>
        readOrders([[['O1', 'web', null, AT, 'completed', null, 'card', 'EUR', 1.5], []]], 'C1'),
      /total_cents as an integer, got 1.5/,
    ],
    [
      'a nested property',
      () => readEvents([['E1', 'search', 'web', AT, { q: { x: 1 } }]], 'C1'),
      /properties.q as a string, number or boolean/,
    ],
    ['rows not in an array', () => readConsents({ K1: 1 }, 'C1'), /an array of rows/],
    ['a row not an array', () => readPreferences(['interest'], 'C1'), /a row as an array/],
  ])('refuses %s, naming the field', (_, read, message) => {
    expect(read).toThrow(message);
  });
});
