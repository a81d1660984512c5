import { describe, expect, test } from 'vitest';
import { latestConsents, orderFigures, roundHalfEven } from './figures.ts';
import type { Consent, Order } from './schema.ts';

const consent = (over: Partial<Consent>): Consent => ({
  consent_id: 'K1',
  customer_id: 'C1',
  channel: 'email',
  purpose: 'marketing',
  status: 'granted',
  at: '2025-01-01T00:00:00.000Z',
  source: 'web',
  ...over,
});

const order = (over: Partial<Order>): Order => ({
  order_id: 'O1',
  customer_id: 'C1',
  channel: 'web',
  store_id: null,
  placed_at: '2025-01-01T00:00:00.000Z',
  status: 'completed',
  promo_code: null,
  payment_method: 'card',
  currency: 'EUR',
  total_cents: 1000,
  ...over,
});

describe('latest consent per channel', () => {
  test('the latest event wins, whatever the order of the rows', () => {
    const states = latestConsents([
      consent({
        consent_id: 'K2',
        status: 'withdrawn',
        at: '2026-02-01T00:00:00.000Z',
        source: 'email',
      }),
      consent({ consent_id: 'K1', status: 'granted', at: '2025-01-01T00:00:00.000Z' }),
    ]);
    expect(states.find((s) => s.channel === 'email')).toEqual({
      channel: 'email',
      status: 'withdrawn',
      at: '2026-02-01T00:00:00.000Z',
      source: 'email',
    });
  });

  test('a channel never asked is unknown, not granted', () => {
    const states = latestConsents([consent({})]);
    expect(states.map((s) => [s.channel, s.status])).toEqual([
      ['email', 'granted'],
      ['sms', 'unknown'],
      ['push', 'unknown'],
      ['phone', 'unknown'],
    ]);
  });

  test('a re-grant after a withdrawal counts as granted', () => {
    const states = latestConsents([
      consent({ consent_id: 'K1', at: '2025-01-01T00:00:00.000Z' }),
      consent({ consent_id: 'K2', status: 'withdrawn', at: '2025-06-01T00:00:00.000Z' }),
      consent({ consent_id: 'K3', at: '2025-09-01T00:00:00.000Z', source: 'store' }),
    ]);
    expect(states[0]?.status).toBe('granted');
    expect(states[0]?.source).toBe('store');
  });
});

describe('order figures', () => {
  test('count and spend only completed orders; returns and cancellations apart', () => {
    const f = orderFigures([
      order({
        order_id: 'O1',
        total_cents: 1000,
        channel: 'store',
        placed_at: '2025-03-01T00:00:00.000Z',
      }),
      order({
        order_id: 'O2',
        total_cents: 2001,
        channel: 'web',
        placed_at: '2025-01-01T00:00:00.000Z',
      }),
      order({
        order_id: 'O3',
        total_cents: 500,
        channel: 'store',
        placed_at: '2025-05-01T00:00:00.000Z',
      }),
      order({ order_id: 'O4', status: 'returned', total_cents: 9999, channel: 'app' }),
      order({ order_id: 'O5', status: 'cancelled', total_cents: 9999, channel: 'call_centre' }),
    ]);
    expect(f).toEqual({
      orders: 3,
      returned_orders: 1,
      cancelled_orders: 1,
      spend_cents: 3501,
      average_order_cents: 1167,
      first_order_at: '2025-01-01T00:00:00.000Z',
      last_order_at: '2025-05-01T00:00:00.000Z',
      channels_used: ['store', 'web'],
    });
  });

  test('a customer without orders has no average and no dates', () => {
    expect(orderFigures([])).toMatchObject({
      orders: 0,
      spend_cents: 0,
      average_order_cents: null,
      first_order_at: null,
      channels_used: [],
    });
  });

  test.each([
    [2.5, 2],
    [3.5, 4],
    [2.4999, 2],
    [2.5001, 3],
    [-0.5, 0],
  ])('rounds %d half to even as %d', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });
});
