import { describe, expect, test } from 'vitest';
import type { TimeWindow } from './definition.ts';
import {
  EVER,
  customerFields,
  instantMs,
  isValidPhone,
  lineFields,
  orderFields,
  propertyName,
  propertyValue,
  windowRange,
  type TimeRange,
} from './facts.ts';

const AS_OF = Date.parse('2026-11-16T00:00:00.000Z');
const DAY = 86_400_000;

describe('time windows as instant ranges', () => {
  test.each<[TimeWindow, TimeRange | null]>([
    [{ type: 'ever' }, EVER],
    [
      { type: 'last_days', days: 30 },
      { from: AS_OF - 30 * DAY, until: AS_OF + 1 },
    ],
    [
      { type: 'between', from: '2026-01-01', to: '2026-01-31' },
      {
        from: Date.parse('2026-01-01T00:00:00.000Z'),
        until: Date.parse('2026-02-01T00:00:00.000Z'),
      },
    ],
    [
      { type: 'before', date: '2026-01-01' },
      { from: -Infinity, until: Date.parse('2026-01-01') },
    ],
    [
      { type: 'after', date: '2026-01-01' },
      { from: Date.parse('2026-01-02'), until: Infinity },
    ],
    [{ type: 'before', date: 'tomorrow' }, null],
  ])('%j', (window, expected) => {
    expect(windowRange(window, AS_OF)).toEqual(expected);
  });
});

describe('instantMs reads the schema form digit by digit, anything else with Date.parse', () => {
  test.each([
    '2026-01-01T00:00:00.000Z',
    '2025-12-31T23:59:59.999Z',
    '2024-02-29T12:34:56.789Z',
    '0100-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '0050-06-15T00:00:00.000Z',
    '2026-02-30T00:00:00.000Z',
    '2026-01-15',
    '2026-01-15T12:00:00Z',
    '2026-02-15T12:00:00+02:00',
    'not a date',
    '',
  ])('%j as Date.parse does', (iso) => {
    expect(instantMs(iso)).toEqual(Date.parse(iso));
  });
});

describe('fields are an allowlist from the catalogue', () => {
  test('customer, order and line fields by catalogue id, with their columns', () => {
    expect(customerFields.get('customer.city')).toMatchObject({
      table: 'customers',
      column: 'city',
      type: 'string',
    });
    expect(orderFields.get('order.placed_at')).toMatchObject({ table: 'orders', type: 'date' });
    expect(lineFields.get('line.category')).toMatchObject({
      table: 'products',
      column: 'category',
    });
    expect(lineFields.get('line.qty')).toMatchObject({ table: 'order_lines', type: 'number' });
  });
  test.each([
    'customer.__proto__',
    'customer.constructor',
    'customer.customer_id',
    'customer.toString',
  ])('%j is unknown', (id) => {
    expect(customerFields.get(id)).toBeUndefined();
  });
});

describe('event properties', () => {
  test('the name is everything after "property."', () => {
    expect(propertyName('property.query.text')).toBe('query.text');
    expect(propertyName('property.')).toBe('');
    expect(propertyName('order.channel')).toBeNull();
  });
  test('only own scalar values are present', () => {
    const props = JSON.parse('{"a": 1, "n": null, "o": {}, "__proto__": "x"}') as Record<
      string,
      unknown
    >;
    expect(propertyValue(props, 'a')).toBe(1);
    expect(propertyValue(props, 'n')).toBeNull();
    expect(propertyValue(props, 'o')).toBeNull();
    expect(propertyValue(props, '__proto__')).toBe('x');
    expect(propertyValue({}, '__proto__')).toBeNull();
    expect(propertyValue({}, 'toString')).toBeNull();
  });
});

test.each<[string | null, boolean]>([
  ['+33 6 12 34 56 78', true],
  ['12-34-56-78', true],
  ['1234567', false],
  ['', false],
  [null, false],
])('phone %j is valid: %s', (phone, expected) => {
  expect(isValidPhone(phone)).toBe(expected);
});
