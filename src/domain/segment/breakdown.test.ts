import { expect, test } from 'vitest';
import { breakdownColumn, rankBreakdown } from './breakdown.ts';

test('only customer text and enum attributes can break a segment down', () => {
  expect(breakdownColumn('customer.city')).toBe('city');
  expect(breakdownColumn('customer.loyalty_tier')).toBe('loyalty_tier');
  expect(breakdownColumn('customer.birth_date')).toBeNull();
  for (const personal of ['first_name', 'last_name', 'email', 'phone']) {
    expect(breakdownColumn(`customer.${personal}`)).toBeNull();
  }
  expect(breakdownColumn('customer.postcode')).toBe('postcode');
  expect(breakdownColumn('order.channel')).toBeNull();
  expect(breakdownColumn('customer.__proto__')).toBeNull();
  expect(breakdownColumn('customer.city; DROP TABLE customers')).toBeNull();
});

test('values come largest first, ties by value, the missing value last, at most 20', () => {
  const rows = [
    { value: 'Paris', count: 3 },
    { value: null, count: 5 },
    { value: 'Lyon', count: 5 },
    { value: 'Brest', count: 3 },
    ...Array.from({ length: 30 }, (_, i) => ({ value: `V${i}`, count: 1 })),
  ];
  const ranked = rankBreakdown(rows);
  expect(ranked.slice(0, 4)).toEqual([
    { value: 'Lyon', count: 5 },
    { value: null, count: 5 },
    { value: 'Brest', count: 3 },
    { value: 'Paris', count: 3 },
  ]);
  expect(ranked).toHaveLength(20);
});
