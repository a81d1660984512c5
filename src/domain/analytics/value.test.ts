import { describe, expect, test } from 'vitest';
import {
  PARETO_SHARES,
  VALUE_BANDS_CENTS,
  bandOf,
  topCount,
  valueFigures,
  type ValueOrder,
} from './value.ts';

const CHANNELS = ['web', 'app', 'store', 'call_centre'] as const;
const YEAR = { from: '2026-01', to: '2026-12', channel: null };
let next = 0;
const order = (
  customer_id: string,
  placed_at: string,
  total_cents: number,
  over: Partial<ValueOrder> = {},
): ValueOrder => ({
  order_id: `O${String((next += 1)).padStart(4, '0')}`,
  customer_id,
  placed_at,
  status: 'completed',
  channel: 'web',
  total_cents,
  ...over,
});

test('bands and top counts', () => {
  expect(VALUE_BANDS_CENTS).toEqual([5_000, 10_000, 25_000, 50_000, 100_000, 250_000]);
  expect(PARETO_SHARES).toEqual([1, 5, 10, 20, 50, 100]);
  expect(bandOf(0)).toBe(0);
  expect(bandOf(4_999)).toBe(0);
  expect(bandOf(5_000)).toBe(1);
  expect(bandOf(249_999)).toBe(5);
  expect(bandOf(250_000)).toBe(6);
  expect(bandOf(10_000_000)).toBe(6);
  expect(topCount(1, 0)).toBe(0);
  expect(topCount(1, 1)).toBe(1);
  expect(topCount(1, 100)).toBe(1);
  expect(topCount(1, 101)).toBe(2);
  expect(topCount(20, 5)).toBe(1);
  expect(topCount(20, 6)).toBe(2);
  expect(topCount(50, 3)).toBe(2);
  expect(topCount(100, 7)).toBe(7);
});

describe('what customers are worth so far', () => {
  const orders = [
    order('A', '2025-03-01T00:00:00.000Z', 1_000, { channel: 'store' }),
    order('A', '2026-02-01T00:00:00.000Z', 30_000),
    order('A', '2026-03-01T00:00:00.000Z', 5_000, { status: 'returned' }),
    order('B', '2026-05-01T00:00:00.000Z', 4_000, { channel: 'app' }),
    order('B', '2026-06-01T00:00:00.000Z', 2_000),
    order('C', '2026-07-01T00:00:00.000Z', 300_000),
    order('D', '2027-01-01T00:00:00.000Z', 999),
  ];

  test('value in the period, bands, Pareto, cohorts, first channels and the top', () => {
    const figures = valueFigures(orders, null, YEAR, CHANNELS);
    expect(figures.customers).toBe(3);
    expect(figures.value_cents).toBe(336_000);
    expect(
      figures.bands.map((b) => [b.from_cents, b.to_cents, b.customers, b.value_cents]),
    ).toEqual([
      [0, 5_000, 0, 0],
      [5_000, 10_000, 1, 6_000],
      [10_000, 25_000, 0, 0],
      [25_000, 50_000, 1, 30_000],
      [50_000, 100_000, 0, 0],
      [100_000, 250_000, 0, 0],
      [250_000, null, 1, 300_000],
    ]);
    expect(figures.pareto).toEqual([
      { top_percent: 1, customers: 1, value_cents: 300_000 },
      { top_percent: 5, customers: 1, value_cents: 300_000 },
      { top_percent: 10, customers: 1, value_cents: 300_000 },
      { top_percent: 20, customers: 1, value_cents: 300_000 },
      { top_percent: 50, customers: 2, value_cents: 330_000 },
      { top_percent: 100, customers: 3, value_cents: 336_000 },
    ]);
    // A's first order was in 2025 in store: their cohort and first channel, though it is outside
    // the period.
    expect(figures.cohorts).toEqual([
      { key: '2025-03', customers: 1, value_cents: 30_000 },
      { key: '2026-05', customers: 1, value_cents: 6_000 },
      { key: '2026-07', customers: 1, value_cents: 300_000 },
    ]);
    expect(figures.first_channels).toEqual([
      { key: 'web', customers: 1, value_cents: 300_000 },
      { key: 'app', customers: 1, value_cents: 6_000 },
      { key: 'store', customers: 1, value_cents: 30_000 },
    ]);
    expect(figures.top).toEqual([
      { customer_id: 'C', value_cents: 300_000, orders: 1 },
      { customer_id: 'A', value_cents: 30_000, orders: 1 },
      { customer_id: 'B', value_cents: 6_000, orders: 2 },
    ]);
  });

  test('a channel and members narrow the orders and customers counted, not the first order', () => {
    const web = valueFigures(orders, null, { ...YEAR, channel: 'web' }, CHANNELS);
    expect(web.top.map((c) => [c.customer_id, c.value_cents])).toEqual([
      ['C', 300_000],
      ['A', 30_000],
      ['B', 2_000],
    ]);
    expect(web.first_channels.map((g) => g.key)).toEqual(['web', 'app', 'store']);
    const some = valueFigures(orders, new Set(['B']), YEAR, CHANNELS);
    expect(some.customers).toBe(1);
    expect(some.value_cents).toBe(6_000);
    expect(valueFigures(orders, new Set(), YEAR, CHANNELS).customers).toBe(0);
  });

  test('ties: equal values rank by customer id; the first order by its id at the same instant', () => {
    const same = [
      order('Z', '2026-01-01T00:00:00.000Z', 1_000, { order_id: 'O2', channel: 'app' }),
      order('Z', '2026-01-01T00:00:00.000Z', 1_000, { order_id: 'O1', channel: 'store' }),
      order('Y', '2026-02-01T00:00:00.000Z', 2_000),
    ];
    const figures = valueFigures(same, null, YEAR, CHANNELS);
    expect(figures.top.map((c) => c.customer_id)).toEqual(['Y', 'Z']);
    expect(figures.first_channels).toEqual([
      { key: 'web', customers: 1, value_cents: 2_000 },
      { key: 'store', customers: 1, value_cents: 2_000 },
    ]);
    const twelve = Array.from({ length: 12 }, (_, i) =>
      order(`K${String(i).padStart(2, '0')}`, '2026-03-01T00:00:00.000Z', 500),
    );
    expect(valueFigures(twelve, null, YEAR, CHANNELS).top.map((c) => c.customer_id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `K${String(i).padStart(2, '0')}`),
    );
  });
});
