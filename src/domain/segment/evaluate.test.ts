import { describe, expect, test } from 'vitest';
import type { CustomerEvent } from '../profile/schema.ts';
import { emptyDataset } from '../profile/schema.ts';
import type {
  Comparison,
  Condition,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import { compileEvaluator, evaluateDefinition, selectMembers } from './evaluate.ts';
import { buildFacts, type CustomerFacts, type EvaluationContext } from './facts.ts';
import {
  AS_OF,
  aggregate,
  attr,
  context,
  customer,
  daysAgo,
  definition,
  facts,
  product,
} from './segment.fixture.ts';

function matches(node: SegmentNode, f: CustomerFacts, ctx: EvaluationContext = context): boolean {
  return evaluateDefinition(definition(node), f, ctx);
}

const T = {
  equals: (value: string | number | boolean): Comparison => ({ operator: 'equals', value }),
  not_equals: (value: string | number | boolean): Comparison => ({ operator: 'not_equals', value }),
  in: (...values: (string | number | boolean)[]): Comparison => ({ operator: 'in', values }),
  not_in: (...values: (string | number | boolean)[]): Comparison => ({
    operator: 'not_in',
    values,
  }),
  all_of: (...values: (string | number | boolean)[]): Comparison => ({
    operator: 'all_of',
    values,
  }),
  contains: (value: string): Comparison => ({ operator: 'contains', value }),
  starts_with: (value: string): Comparison => ({ operator: 'starts_with', value }),
  gt: (value: number): Comparison => ({ operator: 'gt', value }),
  gte: (value: number): Comparison => ({ operator: 'gte', value }),
  lt: (value: number): Comparison => ({ operator: 'lt', value }),
  lte: (value: number): Comparison => ({ operator: 'lte', value }),
  between: (min: number | string, max: number | string): Comparison => ({
    operator: 'between',
    min,
    max,
  }),
  before: (value: string): Comparison => ({ operator: 'before', value }),
  after: (value: string): Comparison => ({ operator: 'after', value }),
  in_last_days: (days: number): Comparison => ({ operator: 'in_last_days', days }),
  not_in_last_days: (days: number): Comparison => ({ operator: 'not_in_last_days', days }),
  is_empty: { operator: 'is_empty' } as Comparison,
  is_set: { operator: 'is_set' } as Comparison,
  is_true: { operator: 'is_true' } as Comparison,
  is_false: { operator: 'is_false' } as Comparison,
};

describe('string attributes ignore case; null is missing, empty is a value but is_empty', () => {
  const city = (value: string | null) => facts({ customer: { city: value } });
  test.each<[string, Comparison, string | null, boolean]>([
    ['equals ignores case', T.equals('saint-étienne'), 'Saint-Étienne', true],
    ['equals ignores case of the value too', T.equals('SAINT-ÉTIENNE'), 'saint-étienne', true],
    ['equals is not contains', T.equals('Saint'), 'Saint-Étienne', false],
    ['equals on a missing city is false', T.equals('Paris'), null, false],
    ['equals the empty string matches an empty city', T.equals(''), '', true],
    ['equals a number never matches a string', T.equals(42000), '42000', false],
    ['not_equals on another city', T.not_equals('Paris'), 'Lyon', true],
    ['not_equals on the same city, other case', T.not_equals('LYON'), 'Lyon', false],
    ['not_equals on a missing city is false', T.not_equals('Paris'), null, false],
    ['not_equals on an empty city is true (a value)', T.not_equals('Paris'), '', true],
    ['in: any listed', T.in('Paris', 'lyon'), 'Lyon', true],
    ['in: none listed', T.in('Paris', 'Nice'), 'Lyon', false],
    ['in: missing', T.in('Paris'), null, false],
    ['in: an empty list', T.in(), 'Lyon', false],
    ['not_in: none listed', T.not_in('Paris', 'Nice'), 'Lyon', true],
    ['not_in: one listed, other case', T.not_in('Paris', 'LYON'), 'Lyon', false],
    ['not_in: missing is false', T.not_in('Paris'), null, false],
    ['all_of: every listed value equals it', T.all_of('lyon', 'LYON'), 'Lyon', true],
    ['all_of: two different values', T.all_of('Lyon', 'Paris'), 'Lyon', false],
    ['contains ignores case', T.contains('ÉTIENNE'), 'Saint-Étienne', true],
    ['contains: absent', T.contains('Lyon'), 'Saint-Étienne', false],
    ['contains: missing', T.contains(''), null, false],
    ['contains the empty string: any present value', T.contains(''), '', true],
    ['starts_with ignores case', T.starts_with('saint-'), 'Saint-Étienne', true],
    ['starts_with is anchored', T.starts_with('étienne'), 'Saint-Étienne', false],
    ['starts_with: missing', T.starts_with('S'), null, false],
    ['ß stays ß', T.equals('STRAßE'), 'straße', true],
    ['emoji compare as text', T.contains('🦆'), 'Zoë 🦆', true],
    ['is_empty: null', T.is_empty, null, true],
    ['is_empty: empty string', T.is_empty, '', true],
    ['is_empty: a space is a value', T.is_empty, ' ', false],
    ['is_set: a value', T.is_set, 'Lyon', true],
    ['is_set: empty string', T.is_set, '', false],
    ['is_set: null', T.is_set, null, false],
    ['gt on a string is false', T.gt(1), 'Lyon', false],
    ['before on a string is false', T.before('2026-01-01'), 'Lyon', false],
    ['is_true on a string is false', T.is_true, 'true', false],
  ])('%s', (_, t, value, expected) => {
    expect(matches(attr('customer.city', t), city(value))).toBe(expected);
  });

  test('negating a comparison on a missing value selects the customer', () => {
    expect(matches(attr('customer.city', T.equals('Paris'), true), city(null))).toBe(true);
    expect(matches(attr('customer.city', T.not_equals('Paris'), true), city(null))).toBe(true);
    expect(matches(attr('customer.city', T.is_empty, true), city(null))).toBe(false);
  });
});

describe('enum attributes match exactly', () => {
  test.each<[Comparison, boolean]>([
    [T.equals('female'), true],
    [T.equals('Female'), false],
    [T.not_equals('Female'), true],
    [T.in('male', 'female'), true],
    [T.in('FEMALE'), false],
    [T.not_in('male'), true],
    [T.contains('fem'), true],
    [T.contains('FEM'), false],
    [T.starts_with('f'), true],
    [T.is_empty, false],
    [T.is_set, true],
  ])('%j on gender female → %s', (t, expected) => {
    expect(matches(attr('customer.gender', t), facts())).toBe(expected);
  });
});

describe('date attributes compare as UTC instants; a calendar date is its 00:00Z', () => {
  // AS_OF is 2026-11-16T00:00:00.000Z.
  test.each<[string, string, Comparison, string | null, boolean]>([
    ['birth date before its own day', 'birth_date', T.before('1980-04-02'), '1980-04-02', false],
    ['birth date before the next day', 'birth_date', T.before('1980-04-03'), '1980-04-02', true],
    ['birth date after its own day', 'birth_date', T.after('1980-04-02'), '1980-04-02', false],
    ['birth date after the day before', 'birth_date', T.after('1980-04-01'), '1980-04-02', true],
    [
      'between includes the first day',
      'birth_date',
      T.between('1980-04-02', '1980-05-01'),
      '1980-04-02',
      true,
    ],
    [
      'between includes the last day',
      'birth_date',
      T.between('1980-01-01', '1980-04-02'),
      '1980-04-02',
      true,
    ],
    [
      'between min above max is empty',
      'birth_date',
      T.between('1981-01-01', '1980-01-01'),
      '1980-04-02',
      false,
    ],
    ['between with numbers is false', 'birth_date', T.between(0, 1), '1980-04-02', false],
    ['missing birth date is never before', 'birth_date', T.before('2030-01-01'), null, false],
    ['missing birth date is empty', 'birth_date', T.is_empty, null, true],
    [
      'missing birth date is not in the last days',
      'birth_date',
      T.not_in_last_days(30),
      null,
      false,
    ],
    ['birth date set', 'birth_date', T.is_set, '1980-04-02', true],
    [
      'equals a date is "on that UTC day"',
      'birth_date',
      T.equals('1980-04-02'),
      '1980-04-02',
      true,
    ],
    ['not_equals another day', 'birth_date', T.not_equals('1980-04-03'), '1980-04-02', true],
    ['in a list of days', 'birth_date', T.in('1999-01-01', '1980-04-02'), '1980-04-02', true],
    ['gt on a date is false', 'birth_date', T.gt(0), '1980-04-02', false],
    [
      'created 30 days ago to the ms is in the last 30 days',
      'created_at',
      T.in_last_days(30),
      daysAgo(30),
      true,
    ],
    ['1 ms earlier is not', 'created_at', T.in_last_days(30), daysAgo(30, -1), false],
    [
      '1 ms earlier is in not_in_last_days',
      'created_at',
      T.not_in_last_days(30),
      daysAgo(30, -1),
      true,
    ],
    ['created at as-of is in the last days', 'created_at', T.in_last_days(1), AS_OF, true],
    ['created 1 ms after as-of is not', 'created_at', T.in_last_days(1), daysAgo(0, 1), false],
    [
      'a future instant is in not_in_last_days',
      'created_at',
      T.not_in_last_days(1),
      daysAgo(0, 1),
      true,
    ],
    [
      'instant at midnight of between start',
      'created_at',
      T.between('2026-01-01', '2026-01-31'),
      '2026-01-01T00:00:00.000Z',
      true,
    ],
    [
      '1 ms before between start',
      'created_at',
      T.between('2026-01-01', '2026-01-31'),
      '2025-12-31T23:59:59.999Z',
      false,
    ],
    [
      'last ms of between end',
      'created_at',
      T.between('2026-01-01', '2026-01-31'),
      '2026-01-31T23:59:59.999Z',
      true,
    ],
    [
      'midnight after between end',
      'created_at',
      T.between('2026-01-01', '2026-01-31'),
      '2026-02-01T00:00:00.000Z',
      false,
    ],
    [
      'before d excludes d 00:00Z',
      'created_at',
      T.before('2026-01-01'),
      '2026-01-01T00:00:00.000Z',
      false,
    ],
    [
      'before d includes the ms before',
      'created_at',
      T.before('2026-01-01'),
      '2025-12-31T23:59:59.999Z',
      true,
    ],
    [
      'after d excludes the end of d',
      'created_at',
      T.after('2026-01-01'),
      '2026-01-01T23:59:59.999Z',
      false,
    ],
    [
      'after d includes the next midnight',
      'created_at',
      T.after('2026-01-01'),
      '2026-01-02T00:00:00.000Z',
      true,
    ],
  ])('%s', (_, column, t, value, expected) => {
    const f = facts({
      customer: column === 'birth_date' ? { birth_date: value } : { created_at: value ?? '' },
    });
    expect(matches(attr(`customer.${column}`, t), f)).toBe(expected);
  });
});

const orders = (
  window: TimeWindow,
  filters: { field: string; test: Comparison }[] = [],
  count: { operator: 'at_least' | 'at_most' | 'exactly'; value: number } = {
    operator: 'at_least',
    value: 1,
  },
): Condition => ({
  id: 'b',
  kind: 'behaviour',
  negate: false,
  action: { type: 'order' },
  count,
  window,
  filters,
});

const events = (
  type: CustomerEvent['type'],
  filters: { field: string; test: Comparison }[] = [],
  window: TimeWindow = { type: 'ever' },
  count: { operator: 'at_least' | 'at_most' | 'exactly'; value: number } = {
    operator: 'at_least',
    value: 1,
  },
): Condition => ({
  id: 'e',
  kind: 'behaviour',
  negate: false,
  action: { type: 'event', event_type: type },
  count,
  window,
  filters,
});

describe('behaviour windows at their exact edges', () => {
  test.each<[string, TimeWindow, string, boolean]>([
    ['last 30 days: exactly 30 days ago', { type: 'last_days', days: 30 }, daysAgo(30), true],
    ['last 30 days: 1 ms before', { type: 'last_days', days: 30 }, daysAgo(30, -1), false],
    ['last 30 days: at as-of', { type: 'last_days', days: 30 }, AS_OF, true],
    ['last 30 days: 1 ms after as-of', { type: 'last_days', days: 30 }, daysAgo(0, 1), false],
    [
      'between: from 00:00Z',
      { type: 'between', from: '2026-03-01', to: '2026-03-31' },
      '2026-03-01T00:00:00.000Z',
      true,
    ],
    [
      'between: 1 ms before from',
      { type: 'between', from: '2026-03-01', to: '2026-03-31' },
      '2026-02-28T23:59:59.999Z',
      false,
    ],
    [
      'between: last ms of to',
      { type: 'between', from: '2026-03-01', to: '2026-03-31' },
      '2026-03-31T23:59:59.999Z',
      true,
    ],
    [
      'between: midnight after to',
      { type: 'between', from: '2026-03-01', to: '2026-03-31' },
      '2026-04-01T00:00:00.000Z',
      false,
    ],
    [
      'between: one day',
      { type: 'between', from: '2026-03-01', to: '2026-03-01' },
      '2026-03-01T12:00:00.000Z',
      true,
    ],
    [
      'between: to before from',
      { type: 'between', from: '2026-03-02', to: '2026-03-01' },
      '2026-03-01T12:00:00.000Z',
      false,
    ],
    [
      'before: d 00:00Z is out',
      { type: 'before', date: '2026-03-01' },
      '2026-03-01T00:00:00.000Z',
      false,
    ],
    [
      'before: 1 ms before d is in',
      { type: 'before', date: '2026-03-01' },
      '2026-02-28T23:59:59.999Z',
      true,
    ],
    [
      'after: the end of d is out',
      { type: 'after', date: '2026-03-01' },
      '2026-03-01T23:59:59.999Z',
      false,
    ],
    [
      'after: d + 1 00:00Z is in',
      { type: 'after', date: '2026-03-01' },
      '2026-03-02T00:00:00.000Z',
      true,
    ],
    ['ever: even in the future', { type: 'ever' }, '2030-01-01T00:00:00.000Z', true],
  ])('%s', (_, window, placedAt, expected) => {
    const f = facts({ orders: [{ order: { placed_at: placedAt } }] });
    expect(matches(orders(window), f)).toBe(expected);
    const e = facts({ events: [{ at: placedAt }] });
    expect(matches(events('review', [], window), e)).toBe(expected);
  });
});

describe('order behaviour', () => {
  const films = product({ sku: 'BR-1', category: 'films', format: 'blu_ray', brand: 'Warner' });
  const games = product({ sku: 'G-1', category: 'video_games', format: 'ps5', brand: 'Sony' });

  test('only completed orders count', () => {
    for (const status of ['returned', 'cancelled'] as const) {
      expect(matches(orders({ type: 'ever' }), facts({ orders: [{ order: { status } }] }))).toBe(
        false,
      );
    }
    expect(matches(orders({ type: 'ever' }), facts({ orders: [{ order: {} }] }))).toBe(true);
  });

  test('line filters hold on one same line', () => {
    const f = facts({
      orders: [
        {
          order: {},
          lines: [
            { line: { sku: 'BR-1' }, product: films },
            { line: { sku: 'G-1', line_no: 2 }, product: games },
          ],
        },
      ],
    });
    const bluRayFilm = [
      { field: 'line.category', test: T.equals('films') },
      { field: 'line.format', test: T.equals('blu_ray') },
    ];
    const ps5Film = [
      { field: 'line.category', test: T.equals('films') },
      { field: 'line.format', test: T.equals('ps5') },
    ];
    expect(matches(orders({ type: 'ever' }, bluRayFilm), f)).toBe(true);
    expect(matches(orders({ type: 'ever' }, ps5Film), f)).toBe(false);
  });

  test('order and line filters together, with counts', () => {
    const f = facts({
      orders: [
        { order: { order_id: 'O1', channel: 'store' }, lines: [{ product: films }] },
        { order: { order_id: 'O2', channel: 'web' }, lines: [{ product: films }] },
        { order: { order_id: 'O3', channel: 'store' }, lines: [{ product: games }] },
      ],
    });
    const inStoreFilms = [
      { field: 'order.channel', test: T.equals('store') },
      { field: 'line.category', test: T.in('films') },
    ];
    expect(
      matches(orders({ type: 'ever' }, inStoreFilms, { operator: 'exactly', value: 1 }), f),
    ).toBe(true);
    expect(matches(orders({ type: 'ever' }, [], { operator: 'exactly', value: 3 }), f)).toBe(true);
    expect(matches(orders({ type: 'ever' }, [], { operator: 'at_most', value: 2 }), f)).toBe(false);
    expect(
      matches(
        orders({ type: 'ever' }, [{ field: 'order.total_cents', test: T.gte(1000) }], {
          operator: 'at_least',
          value: 3,
        }),
        f,
      ),
    ).toBe(true);
  });

  test('a line whose product is unknown has missing product fields', () => {
    const f = facts({ orders: [{ order: {}, lines: [{ line: { sku: 'GONE' }, product: null }] }] });
    expect(
      matches(orders({ type: 'ever' }, [{ field: 'line.category', test: T.is_empty }]), f),
    ).toBe(true);
    expect(
      matches(
        orders({ type: 'ever' }, [{ field: 'line.category', test: T.not_equals('films') }]),
        f,
      ),
    ).toBe(false);
    expect(
      matches(orders({ type: 'ever' }, [{ field: 'line.sku', test: T.equals('gone') }]), f),
    ).toBe(true);
  });

  test('without line filters an order needs no line; with them a line-less order never matches', () => {
    const f = facts({ orders: [{ order: {}, lines: [] }] });
    expect(matches(orders({ type: 'ever' }), f)).toBe(true);
    expect(matches(orders({ type: 'ever' }, [{ field: 'line.qty', test: T.is_empty }]), f)).toBe(
      false,
    );
  });

  test('did not: at most 0, or a negated did', () => {
    const none = facts();
    expect(matches(orders({ type: 'ever' }, [], { operator: 'at_most', value: 0 }), none)).toBe(
      true,
    );
    expect(matches({ ...orders({ type: 'ever' }), negate: true }, none)).toBe(true);
  });

  test('an order date filter uses the date rules', () => {
    const f = facts({ orders: [{ order: { placed_at: '2026-03-01T00:00:00.000Z' } }] });
    expect(
      matches(
        orders({ type: 'ever' }, [{ field: 'order.placed_at', test: T.before('2026-03-01') }]),
        f,
      ),
    ).toBe(false);
    expect(
      matches(
        orders({ type: 'ever' }, [
          { field: 'order.placed_at', test: T.between('2026-03-01', '2026-03-01') },
        ]),
        f,
      ),
    ).toBe(true);
  });

  test('promo code filters: null is missing', () => {
    const f = facts({ orders: [{ order: { promo_code: null } }] });
    expect(
      matches(orders({ type: 'ever' }, [{ field: 'order.promo_code', test: T.is_empty }]), f),
    ).toBe(true);
    expect(
      matches(
        orders({ type: 'ever' }, [{ field: 'order.promo_code', test: T.not_equals('NOEL10') }]),
        f,
      ),
    ).toBe(false);
  });
});

describe('event behaviour: properties typed by their JSON value', () => {
  const review = (properties: CustomerEvent['properties']) =>
    facts({ events: [{ type: 'review', properties }] });
  const with1 = (field: string, t: Comparison) => events('review', [{ field, test: t }]);
  test.each<[string, CustomerEvent['properties'], string, Comparison, boolean]>([
    ['number equals number', { rating: 5 }, 'property.rating', T.equals(5), true],
    ['number never equals its text', { rating: 5 }, 'property.rating', T.equals('5'), false],
    ['text never equals a number', { rating: '5' }, 'property.rating', T.equals(5), false],
    ['text equals text, ignoring case', { sku: 'br-1' }, 'property.sku', T.equals('BR-1'), true],
    ['gte on a number', { rating: 4.5 }, 'property.rating', T.gte(4.5), true],
    ['gt on a text is false', { rating: '5' }, 'property.rating', T.gt(1), false],
    ['between numbers', { rating: 3 }, 'property.rating', T.between(1, 3), true],
    ['contains on a number is false', { rating: 55 }, 'property.rating', T.contains('5'), false],
    ['contains on a text', { text: 'Super COFFRET' }, 'property.text', T.contains('coffret'), true],
    ['in mixes types element by element', { rating: 5 }, 'property.rating', T.in('5', 5), true],
    ['not_equals another type is true', { rating: 5 }, 'property.rating', T.not_equals('5'), true],
    ['not_equals on an absent key is false', {}, 'property.rating', T.not_equals(5), false],
    ['is_true on a boolean', { verified: true }, 'property.verified', T.is_true, true],
    ['is_false on a boolean', { verified: false }, 'property.verified', T.is_false, true],
    [
      'is_true on the text "true" is false',
      { verified: 'true' },
      'property.verified',
      T.is_true,
      false,
    ],
    ['equals a boolean', { verified: true }, 'property.verified', T.equals(true), true],
    ['is_empty on an absent key', {}, 'property.rating', T.is_empty, true],
    ['is_empty on an empty text', { text: '' }, 'property.text', T.is_empty, true],
    ['is_empty on 0 is false', { rating: 0 }, 'property.rating', T.is_empty, false],
    ['is_set on false', { verified: false }, 'property.verified', T.is_set, true],
    ['a dotted name is one key', { 'query.text': 'x' }, 'property.query.text', T.equals('x'), true],
    ['a name with a quote', { "it's": -1e-7 }, "property.it's", T.lt(0), true],
    ['__proto__ is an absent key', {}, 'property.__proto__', T.is_set, false],
    ['constructor is an absent key', {}, 'property.constructor', T.is_empty, true],
    [
      'date operators on a property are false',
      { day: '2026-01-01' },
      'property.day',
      T.before('2027-01-01'),
      false,
    ],
  ])('%s', (_, properties, field, t, expected) => {
    expect(matches(with1(field, t), review(properties))).toBe(expected);
  });

  test('an own __proto__ key is read as data', () => {
    const properties = JSON.parse('{"__proto__": "x"}') as CustomerEvent['properties'];
    expect(matches(with1('property.__proto__', T.equals('X')), review(properties))).toBe(true);
  });

  test('only events of the type count, and every filter must hold', () => {
    const f = facts({
      events: [
        { type: 'review', properties: { rating: 5, verified: false } },
        { type: 'review', properties: { rating: 2, verified: true } },
        { type: 'product_view', properties: { rating: 5, verified: true } },
      ],
    });
    const both = [
      { field: 'property.rating', test: T.gte(4) },
      { field: 'property.verified', test: T.is_true },
    ];
    expect(matches(events('review', both), f)).toBe(false);
    expect(
      matches(events('review', [], { type: 'ever' }, { operator: 'exactly', value: 2 }), f),
    ).toBe(true);
    expect(matches(events('email_open'), f)).toBe(false);
  });
});

describe('aggregates over completed orders in the window', () => {
  const history = facts({
    orders: [
      {
        order: {
          order_id: 'O1',
          total_cents: 1001,
          placed_at: daysAgo(10),
          channel: 'store',
          promo_code: 'NOEL10',
        },
        lines: [{ line: { qty: 2 }, product: product({ category: 'films' }) }],
      },
      {
        order: {
          order_id: 'O2',
          total_cents: 1002,
          placed_at: daysAgo(40),
          channel: 'web',
          promo_code: '',
          payment_method: 'paypal',
        },
        lines: [{ line: { qty: 2 }, product: product({ category: 'books' }) }],
      },
      {
        order: {
          order_id: 'O3',
          total_cents: 9999,
          placed_at: daysAgo(1),
          status: 'returned',
          channel: 'app',
        },
        lines: [{ line: { qty: 9 }, product: product({ category: 'music' }) }],
      },
    ],
  });
  const none = facts();
  test.each<[string, Condition, CustomerFacts, boolean]>([
    [
      'total spend sums completed orders',
      aggregate('total_spend_cents', T.equals(2003)),
      history,
      true,
    ],
    ['total spend is 0 without orders', aggregate('total_spend_cents', T.equals(0)), none, true],
    ['order count', aggregate('order_count', T.equals(2)), history, true],
    [
      'order count in the last 30 days',
      aggregate('order_count', T.equals(1), { type: 'last_days', days: 30 }),
      history,
      true,
    ],
    ['order count 0 is not empty', aggregate('order_count', T.is_empty), none, false],
    [
      'average is half-even: 1001.5 → 1002',
      aggregate('average_order_cents', T.equals(1002)),
      history,
      true,
    ],
    ['average is missing without orders', aggregate('average_order_cents', T.is_empty), none, true],
    [
      'average compared when missing is false',
      aggregate('average_order_cents', T.lt(1e9)),
      none,
      false,
    ],
    ['days since last order', aggregate('days_since_last_order', T.equals(10)), history, true],
    ['days since last order, missing', aggregate('days_since_last_order', T.gte(0)), none, false],
    [
      'promo share: an empty code is no promo',
      aggregate('promo_share', T.equals(0.5)),
      history,
      true,
    ],
    ['promo share missing without orders', aggregate('promo_share', T.is_empty), none, true],
    [
      'favourite category: tie → alphabetically first',
      aggregate('favourite_category', T.equals('books')),
      history,
      true,
    ],
    [
      'favourite category is an enum',
      aggregate('favourite_category', T.equals('Books')),
      history,
      false,
    ],
    ['favourite category missing', aggregate('favourite_category', T.is_empty), none, true],
    [
      'channels used: any of',
      aggregate('channels_used', T.in('web', 'call_centre')),
      history,
      true,
    ],
    [
      'channels used: returned orders do not count',
      aggregate('channels_used', T.in('app')),
      history,
      false,
    ],
    ['channels used: none of', aggregate('channels_used', T.not_in('app')), history, true],
    [
      'channels used: none of without orders is false',
      aggregate('channels_used', T.not_in('app')),
      none,
      false,
    ],
    ['channels used: all of', aggregate('channels_used', T.all_of('store', 'web')), history, true],
    [
      'channels used: all of, one missing',
      aggregate('channels_used', T.all_of('store', 'app')),
      history,
      false,
    ],
    ['channels used: is_empty = no order', aggregate('channels_used', T.is_empty), none, true],
    ['channels used: is_empty with orders', aggregate('channels_used', T.is_empty), history, false],
    [
      'payment methods used',
      aggregate('payment_methods_used', T.all_of('card', 'paypal')),
      history,
      true,
    ],
    [
      'channels used in a window',
      aggregate('channels_used', T.in('web'), { type: 'last_days', days: 30 }),
      history,
      false,
    ],
  ])('%s', (_, condition, f, expected) => {
    expect(matches(condition, f)).toBe(expected);
  });

  test('half-even rounding of the average goes to the even cent', () => {
    const avg = (totals: number[]) =>
      facts({
        orders: totals.map((total_cents, i) => ({ order: { order_id: `O${i}`, total_cents } })),
      });
    expect(matches(aggregate('average_order_cents', T.equals(2)), avg([1, 2]))).toBe(true); // 1.5
    expect(matches(aggregate('average_order_cents', T.equals(2)), avg([2, 3]))).toBe(true); // 2.5
    expect(matches(aggregate('average_order_cents', T.equals(4)), avg([3, 4]))).toBe(true); // 3.5
  });

  test('days since the last order floors, and a future order gives a negative number', () => {
    const last = (placed_at: string) => facts({ orders: [{ order: { placed_at } }] });
    expect(matches(aggregate('days_since_last_order', T.equals(0)), last(daysAgo(1, 1)))).toBe(
      true,
    );
    expect(matches(aggregate('days_since_last_order', T.equals(1)), last(daysAgo(1)))).toBe(true);
    expect(matches(aggregate('days_since_last_order', T.equals(-1)), last(daysAgo(0, 1)))).toBe(
      true,
    );
  });
});

describe('reachability', () => {
  const consentTo = (channel: 'email' | 'sms' | 'push' | 'phone'): Condition => ({
    id: 'r',
    kind: 'reachability',
    negate: false,
    check: { type: 'consent', channel },
  });
  test('the latest consent event on the channel wins', () => {
    const f = facts({
      consents: [
        { consent_id: 'K1', status: 'granted', at: '2025-01-01T00:00:00.000Z' },
        { consent_id: 'K2', status: 'withdrawn', at: '2026-01-01T00:00:00.000Z' },
        { consent_id: 'K3', channel: 'sms', status: 'granted', at: '2026-01-01T00:00:00.000Z' },
      ],
    });
    expect(matches(consentTo('email'), f)).toBe(false);
    expect(matches(consentTo('sms'), f)).toBe(true);
    expect(matches(consentTo('push'), f)).toBe(false);
  });
  test('a tie at the same instant goes to the greater consent id', () => {
    const when = '2026-01-01T00:00:00.000Z';
    const f = facts({
      consents: [
        { consent_id: 'K9', status: 'granted', at: when },
        { consent_id: 'K10', status: 'withdrawn', at: when },
      ],
    });
    expect(matches(consentTo('email'), f)).toBe(true); // 'K9' > 'K10'
  });
  test.each<[string | null, boolean]>([
    ['ana@example.fr', true],
    ['pas-un-email', false],
    ['ana\u00a0x@example.fr', false],
    ['', false],
    [null, false],
  ])('valid email %j → %s', (email, expected) => {
    expect(
      matches(
        { id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
        facts({ customer: { email } }),
      ),
    ).toBe(expected);
  });
  test.each<[string | null, boolean]>([
    ['+33 6 12 34 56 78', true],
    ['(06) 12.34-56 78', true],
    ['1234567', false],
    ['12345678', true],
    ['١٢٣٤٥٦٧٨', false],
    ['', false],
    [null, false],
  ])('valid phone %j → %s', (phone, expected) => {
    expect(
      matches(
        { id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_phone' } },
        facts({ customer: { phone } }),
      ),
    ).toBe(expected);
  });
  test.each<[string | null, string | null, boolean]>([
    ['Élodie', 'elodie.martin@example.fr', true],
    ['élodie', null, true],
    ['ELODIE', null, false],
    ['Jules', 'jules@example.fr', false],
    ['', 'a@b.fr', false],
    [null, 'a@b.fr', false],
    ['Client', null, false],
  ])('first name %j with e-mail %j usable → %s', (first_name, email, expected) => {
    expect(
      matches(
        { id: 'r', kind: 'reachability', negate: false, check: { type: 'usable_first_name' } },
        facts({ customer: { first_name, email } }),
      ),
    ).toBe(expected);
  });
  test.each(['shared_device', 'duplicate_email', 'duplicate_phone'] as const)(
    '%s: what the other profiles tell, supplied beside the history',
    (type) => {
      const condition: Condition = {
        id: 'r',
        kind: 'reachability',
        negate: false,
        check: { type },
      };
      expect(matches(condition, facts({ crossProfile: { [type]: true } }))).toBe(true);
      expect(matches(condition, facts())).toBe(false);
      // Each reads its own fact only.
      const others = { shared_device: true, duplicate_email: true, duplicate_phone: true };
      expect(matches(condition, facts({ crossProfile: { ...others, [type]: false } }))).toBe(false);
    },
  );
  test('a consent is known once the channel has a record, granted or withdrawn', () => {
    const known = (channel: 'email' | 'sms' | 'push' | 'phone'): Condition => ({
      id: 'r',
      kind: 'reachability',
      negate: false,
      check: { type: 'consent_known', channel },
    });
    const f = facts({
      consents: [
        { consent_id: 'K1', channel: 'email', status: 'withdrawn', at: '2025-06-01T00:00:00.000Z' },
        { consent_id: 'K2', channel: 'sms', status: 'granted', at: '2026-01-01T00:00:00.000Z' },
      ],
    });
    expect(matches(known('email'), f)).toBe(true);
    expect(matches(known('sms'), f)).toBe(true);
    expect(matches(known('push'), f)).toBe(false);
    expect(matches({ ...known('push'), negate: true }, f)).toBe(true);
    expect(matches(known('email'), facts({ consents: [] }))).toBe(false);
  });
});

describe('scores', () => {
  const score = (t: Comparison, negate = false): Condition => ({
    id: 's',
    kind: 'score',
    negate,
    score: 'clv',
    test: t,
  });
  test('numbers compare as numbers, texts as texts, absent is missing', () => {
    expect(matches(score(T.gt(100)), facts({ scores: [['clv', 150]] }))).toBe(true);
    expect(matches(score(T.equals('high')), facts({ scores: [['clv', 'HIGH']] }))).toBe(true);
    expect(matches(score(T.gt(100)), facts())).toBe(false);
    expect(matches(score(T.is_empty), facts({ scores: [['clv', null]] }))).toBe(true);
    expect(matches(score(T.gt(100), true), facts())).toBe(true);
  });
});

describe('groups, negation and membership', () => {
  const lyon = attr('customer.city', T.equals('Lyon'));
  const gold = attr('customer.loyalty_tier', T.equals('gold'));
  const f = facts({ customer: { city: 'Lyon', loyalty_tier: 'silver' } });
  const group = (
    combinator: 'and' | 'or',
    children: SegmentNode[],
    negate = false,
  ): SegmentNode => ({
    id: `g-${combinator}`,
    kind: 'group',
    negate,
    combinator,
    children,
  });

  test.each<[string, SegmentNode, boolean]>([
    ['and', group('and', [lyon, gold]), false],
    ['or', group('or', [lyon, gold]), true],
    ['not and', group('and', [lyon, gold], true), true],
    [
      'nested: or(and(lyon, not gold), gold)',
      group('or', [group('and', [lyon, { ...gold, negate: true }]), gold]),
      true,
    ],
    [
      'three deep with negations',
      group('and', [group('or', [group('and', [lyon], true), gold], true)]),
      true,
    ],
    ['an empty group is false', group('and', []), false],
    ['a negated empty group is true', group('or', [], true), true],
  ])('%s', (_, node, expected) => {
    expect(matches(node, f)).toBe(expected);
  });

  const member = (segment_id: string, negate = false): Condition => ({
    id: 'm',
    kind: 'segment',
    negate,
    segment_id,
  });
  test('membership evaluates the saved definition; unknown segments match no one', () => {
    const ctx: EvaluationContext = {
      asOf: AS_OF,
      segments: new Map([
        ['lyon', definition(lyon)],
        ['gold', definition(gold)],
      ]),
    };
    expect(matches(member('lyon'), f, ctx)).toBe(true);
    expect(matches(member('gold'), f, ctx)).toBe(false);
    expect(matches(member('gone'), f, ctx)).toBe(false);
    expect(matches(member('gone', true), f, ctx)).toBe(true);
  });

  test('a saved segment named a hundred times at two depths is worked out once per customer', () => {
    // top names mid ten times and base once; mid names base ten times: 101 references to base.
    const ten = (id: string) => Array.from({ length: 10 }, () => member(id));
    const segments = new Map<string, SegmentDefinition>([
      ['base', definition(lyon)],
      ['mid', definition(group('or', ten('base')))],
      ['top', definition(group('or', [...ten('mid'), member('base')]))],
    ]);
    const matchTop = compileEvaluator(definition(member('top')), { asOf: AS_OF, segments });
    let reads = 0;
    const counting = (city: string): CustomerFacts => {
      const g = facts({ customer: { city } });
      const customer = new Proxy(g.customer, {
        get(target, key, receiver) {
          if (key === 'city') reads += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      return { ...g, customer };
    };
    expect(matchTop(counting('Paris'))).toBe(false);
    expect(reads).toBe(1);
    expect(matchTop(counting('Lyon'))).toBe(true);
    expect(reads).toBe(2);
  });

  test('a cycle (refused by validation) ends at the depth limit instead of hanging', () => {
    const ctx: EvaluationContext = { asOf: AS_OF, segments: new Map() };
    const segments = new Map<string, SegmentDefinition>([
      ['a', definition(member('b'))],
      ['b', definition({ ...group('or', [member('a'), lyon]) })],
    ]);
    expect(matches(member('a'), f, { ...ctx, segments })).toBe(true);
    const selfish = new Map([['self', definition(member('self'))]]);
    expect(matches(member('self'), f, { ...ctx, segments: selfish })).toBe(false);
  });
});

describe('odd data never throws', () => {
  test('nulls, empty strings, unicode, missing products, non-scalar properties', () => {
    const odd = facts({
      customer: {
        first_name: null,
        last_name: '',
        email: null,
        phone: null,
        city: '🦆',
        birth_date: null,
      },
      orders: [{ order: { promo_code: '', store_id: null }, lines: [{ product: null }] }],
      events: [
        {
          properties: JSON.parse(
            '{"n": null, "o": {"a": 1}, "l": [1]}',
          ) as CustomerEvent['properties'],
        },
      ],
    });
    const everything: SegmentNode[] = [
      attr('customer.first_name', T.contains('a')),
      attr('customer.birth_date', T.in_last_days(3)),
      attr('customer.nope', T.is_empty),
      events('review', [
        { field: 'property.n', test: T.is_empty },
        { field: 'property.o', test: T.is_empty },
        { field: 'property.l', test: T.is_empty },
      ]),
      orders({ type: 'ever' }, [{ field: 'line.brand', test: T.is_empty }]),
      aggregate('favourite_category', T.is_empty),
    ];
    for (const node of everything) expect(() => matches(node, odd)).not.toThrow();
    expect(matches(everything[3] as SegmentNode, odd)).toBe(true);
    expect(matches(everything[4] as SegmentNode, odd)).toBe(true);
    expect(matches(everything[5] as SegmentNode, odd)).toBe(true);
  });
});

describe('selectMembers', () => {
  test('ids in id order, over facts built from a dataset', () => {
    const all = buildFacts({
      ...emptyDataset(),
      customers: [
        customer({ customer_id: 'C3', city: 'Lyon' }),
        customer({ customer_id: 'C1', city: 'lyon' }),
        customer({ customer_id: 'C2', city: null }),
      ],
    });
    const def = definition(attr('customer.city', T.equals('LYON')));
    expect(selectMembers(def, all, context)).toEqual(['C1', 'C3']);
    expect(
      selectMembers(definition(attr('customer.city', T.equals('LYON'), true)), all, context),
    ).toEqual(['C2']);
    const compiled = compileEvaluator(def, context);
    expect(all.map(compiled)).toEqual([true, true, false]);
  });
});
