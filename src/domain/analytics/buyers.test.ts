import { describe, expect, test } from 'vitest';
import {
  buyersByMonth,
  isMonth,
  monthBounds,
  monthOf,
  monthsBetween,
  nextMonth,
  type BuyerOrder,
} from './buyers.ts';

const order = (
  customer_id: string,
  placed_at: string,
  over: Partial<BuyerOrder> = {},
): BuyerOrder => ({
  customer_id,
  placed_at,
  status: 'completed',
  channel: 'web',
  total_cents: 1_000,
  ...over,
});

describe('months', () => {
  test('are UTC calendar months, listed inclusively, across a year end', () => {
    expect(monthOf('2026-03-31T23:59:59.999Z')).toBe('2026-03');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsBetween('2026-02', '2026-02')).toEqual(['2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(monthsBetween('2026-13', '2026-02')).toEqual([]);
    expect(monthBounds('2026-01', '2026-12')).toEqual({
      start: '2026-01-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
    for (const bad of ['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', '']) {
      expect(isMonth(bad)).toBe(false);
    }
    expect(isMonth('2026-10')).toBe(true);
  });
});

describe('first-time and repeat buyers per month', () => {
  const all = { from: '2026-01', to: '2026-04', channel: null };

  test('a first order makes a first-time buyer that month; later months count them as repeat', () => {
    const rows = buyersByMonth(
      [
        order('A', '2026-01-05T10:00:00.000Z', { total_cents: 2_000 }),
        // A second order the same month: still first-time that month, counted once.
        order('A', '2026-01-20T10:00:00.000Z', { total_cents: 500 }),
        order('A', '2026-03-02T10:00:00.000Z', { total_cents: 700 }),
        order('B', '2026-03-10T10:00:00.000Z', { total_cents: 300 }),
      ],
      null,
      all,
    );
    expect(rows).toEqual([
      {
        month: '2026-01',
        first_time: 1,
        repeat: 0,
        orders: 2,
        revenue_cents: 2_500,
        repeat_revenue_cents: 0,
      },
      {
        month: '2026-02',
        first_time: 0,
        repeat: 0,
        orders: 0,
        revenue_cents: 0,
        repeat_revenue_cents: 0,
      },
      {
        month: '2026-03',
        first_time: 1,
        repeat: 1,
        orders: 2,
        revenue_cents: 1_000,
        repeat_revenue_cents: 700,
      },
      {
        month: '2026-04',
        first_time: 0,
        repeat: 0,
        orders: 0,
        revenue_cents: 0,
        repeat_revenue_cents: 0,
      },
    ]);
  });

  test('a first order before the period makes every order in it repeat', () => {
    const rows = buyersByMonth(
      [order('A', '2025-06-01T00:00:00.000Z'), order('A', '2026-02-01T00:00:00.000Z')],
      null,
      all,
    );
    expect(rows[1]).toMatchObject({ month: '2026-02', first_time: 0, repeat: 1, orders: 1 });
  });

  test('only completed orders count, for the first order too', () => {
    const rows = buyersByMonth(
      [
        order('A', '2026-01-01T00:00:00.000Z', { status: 'cancelled' }),
        order('A', '2026-01-15T00:00:00.000Z', { status: 'returned' }),
        order('A', '2026-02-01T00:00:00.000Z'),
      ],
      null,
      all,
    );
    expect(rows.map((r) => [r.first_time, r.repeat, r.orders])).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  test('a channel narrows the orders counted, not what a first order is', () => {
    const orders = [
      order('A', '2026-01-05T00:00:00.000Z', { channel: 'store' }),
      order('A', '2026-02-05T00:00:00.000Z', { channel: 'web' }),
      order('B', '2026-02-07T00:00:00.000Z', { channel: 'store' }),
    ];
    const web = buyersByMonth(orders, null, { ...all, channel: 'web' });
    expect(web.map((r) => [r.month, r.first_time, r.repeat])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 0, 1],
      ['2026-03', 0, 0],
      ['2026-04', 0, 0],
    ]);
    const store = buyersByMonth(orders, null, { ...all, channel: 'store' });
    expect(store.map((r) => [r.first_time, r.repeat])).toEqual([
      [1, 0],
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  test('members narrow the customers; the month edges are exact', () => {
    const orders = [
      order('A', '2026-01-31T23:59:59.999Z'),
      order('B', '2026-02-01T00:00:00.000Z'),
      order('C', '2025-12-31T23:59:59.999Z'),
      order('C', '2026-05-01T00:00:00.000Z'),
    ];
    const rows = buyersByMonth(orders, new Set(['A', 'C']), all);
    expect(rows.map((r) => [r.month, r.first_time, r.repeat])).toEqual([
      ['2026-01', 1, 0],
      ['2026-02', 0, 0],
      ['2026-03', 0, 0],
      ['2026-04', 0, 0],
    ]);
    expect(buyersByMonth(orders, new Set(), all).every((r) => r.orders === 0)).toBe(true);
  });
});
