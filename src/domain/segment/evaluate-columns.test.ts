import { NO_CROSS_PROFILE } from '../profile/cross-profile.ts';
import { describe, expect, test } from 'vitest';
import type { Customer, CustomerEvent, Order, OrderLine, Product } from '../profile/schema.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Condition,
  SegmentDefinition,
  SegmentNode,
} from './definition.ts';
import { CustomerColumns, countSelected, selectAll } from './evaluate-columns.ts';
import { evaluateDefinition, selectMembers } from './evaluate.ts';
import {
  MAX_MEMBERSHIP_DEPTH,
  eventFacts,
  instantMs,
  type CustomerFacts,
  type EvaluationContext,
} from './facts.ts';

const AS_OF = '2026-11-16T12:00:00.000Z';
const DAY = 86_400_000;
const asOfMs = Date.parse(AS_OF);
const daysAgo = (days: number, extraMs = 0) =>
  new Date(asOfMs - days * DAY + extraMs).toISOString();
const UNREADABLE = 'some day';

const film: Product = {
  sku: 'FILM',
  title: 'Film',
  category: 'films',
  subcategory: 'drama',
  brand: 'Warner',
  format: 'dvd',
  price_cents: 1000,
  currency: 'EUR',
  launched_at: '2020-01-01T00:00:00.000Z',
  requires: null,
  work_id: null,
  online_stock: 1,
  discontinued: false,
};
const book: Product = { ...film, sku: 'BOOK', category: 'books', format: 'blu_ray' };

interface Draft {
  id: string;
  customer?: Partial<Customer>;
  orders?: (Partial<Order> & { lines?: { product: Product | null; qty?: number }[] })[];
  events?: Partial<CustomerEvent>[];
}

function facts({ id, customer, orders = [], events = [] }: Draft): CustomerFacts {
  return {
    customer: {
      customer_id: id,
      first_name: null,
      last_name: null,
      email: `${id}@example.fr`,
      phone: null,
      gender: 'female',
      birth_date: null,
      city: null,
      postcode: null,
      country: 'FR',
      loyalty_tier: 'none',
      created_at: '2024-01-01T00:00:00.000Z',
      language: 'fr',
      ...customer,
    },
    orders: orders.map(({ lines = [], ...over }, n) => {
      const order: Order = {
        order_id: `${id}-O${n}`,
        customer_id: id,
        channel: 'web',
        store_id: null,
        placed_at: daysAgo(10),
        status: 'completed',
        promo_code: null,
        payment_method: 'card',
        currency: 'EUR',
        total_cents: 1000,
        ...over,
      };
      return {
        order,
        lines: lines.map(
          ({ product, qty = 1 }, k): { line: OrderLine; product: Product | null } => ({
            line: {
              order_id: order.order_id,
              line_no: k + 1,
              sku: product?.sku ?? 'GONE',
              qty,
              unit_price_cents: 1000,
              discount_cents: 0,
            },
            product,
          }),
        ),
        store: null,
        placedMs: instantMs(order.placed_at),
      };
    }),
    ...eventFacts(
      events.map((e, n) => ({
        event_id: `${id}-E${n}`,
        customer_id: id,
        type: 'review',
        channel: 'web',
        at: daysAgo(5),
        properties: {},
        ...e,
      })),
    ),
    consents: [],
    scores: new Map(),
    crossProfile: NO_CROSS_PROFILE,
  };
}

function definition(...children: SegmentNode[]): SegmentDefinition {
  return {
    version: 1,
    root: { id: 'root', kind: 'group', negate: false, combinator: 'and', children },
  };
}

/** Whom each engine selects: the column evaluator and the reference, by id. */
function selected(
  customers: readonly CustomerFacts[],
  definitions: readonly SegmentDefinition[],
  segments: EvaluationContext['segments'] = new Map(),
): { columns: string[][]; reference: string[][] } {
  const context = { asOf: AS_OF, segments };
  const selections = selectAll(new CustomerColumns(customers, AS_OF), definitions, context);
  return {
    columns: selections.map((s) =>
      customers
        .filter((_, i) => s[i] === 1)
        .map((f) => f.customer.customer_id)
        .sort(),
    ),
    reference: definitions.map((d) => selectMembers(d, customers, context)),
  };
}

function expectBoth(
  customers: readonly CustomerFacts[],
  node: SegmentNode,
  expected: string[],
  segments?: EvaluationContext['segments'],
) {
  const { columns, reference } = selected(customers, [definition(node)], segments);
  expect(columns).toEqual([expected]);
  expect(reference).toEqual([expected]);
}

const aggregate = (
  measure: AggregateCondition['measure'],
  window: AggregateCondition['window'],
  test: AggregateCondition['test'],
): Condition => ({ id: 'g', kind: 'aggregate', negate: false, measure, window, test });

const ordered = (
  count: BehaviourCondition['count'],
  window: BehaviourCondition['window'],
  filters: BehaviourCondition['filters'] = [],
): Condition => ({
  id: 'b',
  kind: 'behaviour',
  negate: false,
  action: { type: 'order' },
  count,
  window,
  filters,
});

const reviewed = (
  count: BehaviourCondition['count'],
  window: BehaviourCondition['window'],
  filters: BehaviourCondition['filters'] = [],
): Condition => ({
  id: 'e',
  kind: 'behaviour',
  negate: false,
  action: { type: 'event', event_type: 'review' },
  count,
  window,
  filters,
});

const last30 = { type: 'last_days', days: 30 } as const;
const ever = { type: 'ever' } as const;
const atLeast = (value: number) => ({ operator: 'at_least', value }) as const;

describe('order measures in a window, as the reference tallies them', () => {
  const customers = [
    facts({
      id: 'A',
      orders: [
        { promo_code: 'NOEL10', total_cents: 1 },
        { promo_code: '', total_cents: 2 },
        { promo_code: null, total_cents: 4 },
        { promo_code: 'NOEL10', status: 'returned' },
        { promo_code: 'NOEL10', placed_at: daysAgo(40) },
      ],
    }),
    facts({ id: 'B', orders: [{ promo_code: '', total_cents: 5 }] }),
    facts({ id: 'C', orders: [{ placed_at: daysAgo(100) }] }),
    facts({
      id: 'D',
      orders: [
        { total_cents: 2, placed_at: daysAgo(3) },
        { total_cents: 3, placed_at: daysAgo(3, 1) },
      ],
    }),
  ];

  test.each<[string, Condition, string[]]>([
    [
      'an empty promo code is no promo code',
      aggregate('promo_share', last30, { operator: 'equals', value: 1 / 3 }),
      ['A'],
    ],
    [
      'orders with only an empty promo code have a promo share of 0',
      aggregate('promo_share', last30, { operator: 'equals', value: 0 }),
      ['B', 'D'],
    ],
    [
      'without orders in the window the promo share is missing',
      aggregate('promo_share', last30, { operator: 'is_empty' }),
      ['C'],
    ],
    [
      'spend counts completed orders in the window only',
      aggregate('total_spend_cents', last30, { operator: 'equals', value: 7 }),
      ['A'],
    ],
    [
      'spend without orders in the window is 0',
      aggregate('total_spend_cents', last30, { operator: 'equals', value: 0 }),
      ['C'],
    ],
    [
      'order count without orders in the window is 0',
      aggregate('order_count', last30, { operator: 'lt', value: 1 }),
      ['C'],
    ],
    [
      'order count in the window',
      aggregate('order_count', last30, { operator: 'equals', value: 3 }),
      ['A'],
    ],
    [
      'the average rounds half to even (2.5 → 2)',
      aggregate('average_order_cents', last30, { operator: 'equals', value: 2 }),
      ['A', 'D'],
    ],
    [
      'the average is missing without orders',
      aggregate('average_order_cents', last30, { operator: 'is_empty' }),
      ['C'],
    ],
    [
      'days since the latest order in the window',
      aggregate('days_since_last_order', last30, { operator: 'equals', value: 2 }),
      ['D'],
    ],
    [
      'days since the latest order, ever',
      aggregate('days_since_last_order', ever, { operator: 'equals', value: 100 }),
      ['C'],
    ],
    [
      'promo share over every order, ever',
      aggregate('promo_share', ever, { operator: 'equals', value: 0.5 }),
      ['A'],
    ],
  ])('%s', (_, condition, expected) => {
    expectBoth(customers, condition, expected);
  });
});

describe('windows on their edges, for orders, events and measures', () => {
  const edge = asOfMs - 30 * DAY;
  const at = (ms: number) => new Date(ms).toISOString();
  const customers = [
    facts({ id: 'first', orders: [{ placed_at: at(edge) }], events: [{ at: at(edge) }] }),
    facts({ id: 'before', orders: [{ placed_at: at(edge - 1) }], events: [{ at: at(edge - 1) }] }),
    facts({ id: 'now', orders: [{ placed_at: AS_OF }], events: [{ at: AS_OF }] }),
    facts({
      id: 'future',
      orders: [{ placed_at: at(asOfMs + 1) }],
      events: [{ at: at(asOfMs + 1) }],
    }),
    facts({
      id: 'undated',
      orders: [{ placed_at: UNREADABLE, lines: [{ product: film }] }],
      events: [{ at: UNREADABLE }],
    }),
  ];

  test.each<[string, Condition, string[]]>([
    [
      'an order at the window’s first instant counts',
      ordered(atLeast(1), last30),
      ['first', 'now'],
    ],
    [
      'an event at the window’s first instant counts',
      reviewed(atLeast(1), last30),
      ['first', 'now'],
    ],
    [
      'orders between two dates, both included',
      ordered(atLeast(1), { type: 'between', from: at(edge).slice(0, 10), to: AS_OF.slice(0, 10) }),
      ['before', 'first', 'future', 'now'],
    ],
    [
      'orders before a date exclude it',
      ordered(atLeast(1), { type: 'before', date: at(edge).slice(0, 10) }),
      [],
    ],
    [
      'orders after a date exclude it',
      ordered(atLeast(1), { type: 'after', date: AS_OF.slice(0, 10) }),
      [],
    ],
    [
      'an undated order counts once in an ever window',
      ordered({ operator: 'exactly', value: 1 }, ever),
      ['before', 'first', 'future', 'now', 'undated'],
    ],
    [
      'an undated order passes line filters in an ever window',
      ordered(atLeast(1), ever, [
        { field: 'line.category', test: { operator: 'equals', value: 'films' } },
      ]),
      ['undated'],
    ],
    [
      'an undated event counts once in an ever window',
      reviewed({ operator: 'exactly', value: 1 }, ever),
      ['before', 'first', 'future', 'now', 'undated'],
    ],
    [
      'a window naming an impossible date covers no order',
      ordered({ operator: 'at_most', value: 0 }, { type: 'before', date: 'not-a-date' }),
      ['before', 'first', 'future', 'now', 'undated'],
    ],
    [
      'a window naming an impossible date covers no event',
      reviewed(atLeast(1), { type: 'after', date: 'not-a-date' }),
      [],
    ],
    [
      'a window naming an impossible date has no orders to measure',
      aggregate(
        'order_count',
        { type: 'between', from: 'x', to: 'y' },
        { operator: 'equals', value: 0 },
      ),
      ['before', 'first', 'future', 'now', 'undated'],
    ],
    [
      'an undated order joins ever-window measures only',
      aggregate(
        'order_count',
        { type: 'after', date: '1900-01-01' },
        { operator: 'equals', value: 0 },
      ),
      ['undated'],
    ],
    [
      'events of a type no one has',
      {
        id: 'e',
        kind: 'behaviour',
        negate: false,
        action: { type: 'event', event_type: 'email_click' },
        count: { operator: 'at_most', value: 0 },
        window: ever,
        filters: [],
      },
      ['before', 'first', 'future', 'now', 'undated'],
    ],
  ])('%s', (_, condition, expected) => {
    expectBoth(customers, condition, expected);
  });
});

describe('counts and filters of behaviours', () => {
  const customers = [
    facts({ id: 'none' }),
    facts({ id: 'one', orders: [{ lines: [{ product: film }] }] }),
    facts({
      id: 'two',
      orders: [{ lines: [{ product: film }, { product: book }] }, { placed_at: daysAgo(11) }],
      events: [{ properties: { rating: 5 } }, { properties: { rating: 2 } }],
    }),
    // The latest order of all, so the last one of the time-sorted columns.
    facts({ id: 'latest', orders: [{ placed_at: daysAgo(1), lines: [{ product: book }] }] }),
  ];
  const category = (value: string) => ({
    field: 'line.category',
    test: { operator: 'equals', value } as const,
  });

  test.each<[string, Condition, string[]]>([
    [
      'exactly counts no more and no less',
      ordered({ operator: 'exactly', value: 1 }, ever),
      ['latest', 'one'],
    ],
    [
      'at most includes none',
      ordered({ operator: 'at_most', value: 1 }, ever),
      ['latest', 'none', 'one'],
    ],
    ['at least', ordered(atLeast(2), ever), ['two']],
    [
      'line filters hold on one same line',
      ordered(atLeast(1), ever, [
        category('films'),
        { field: 'line.format', test: { operator: 'equals', value: 'blu_ray' } },
      ]),
      [],
    ],
    [
      'a line filter on the latest order',
      ordered(atLeast(1), ever, [category('books')]),
      ['latest', 'two'],
    ],
    [
      'an order filter and a line filter',
      ordered(atLeast(1), last30, [
        { field: 'order.channel', test: { operator: 'equals', value: 'web' } },
        category('films'),
      ]),
      ['one', 'two'],
    ],
    [
      'an unknown order filter matches no order',
      ordered({ operator: 'at_most', value: 0 }, ever, [
        { field: 'order.nothing', test: { operator: 'is_empty' } },
      ]),
      ['latest', 'none', 'one', 'two'],
    ],
    [
      'event property filters',
      reviewed(atLeast(1), ever, [
        { field: 'property.rating', test: { operator: 'gte', value: 4 } },
      ]),
      ['two'],
    ],
    [
      'an event filter naming no property matches no event, even is_empty',
      reviewed(atLeast(1), ever, [{ field: 'rating', test: { operator: 'is_empty' } }]),
      [],
    ],
  ])('%s', (_, condition, expected) => {
    expectBoth(customers, condition, expected);
  });
});

describe('undated orders (an unreadable placed_at)', () => {
  // The undated customer first, so its orders are the first rows the columns hold.
  const customers = [
    facts({
      id: 'undated',
      orders: [
        { placed_at: UNREADABLE, lines: [{ product: film }] },
        { placed_at: UNREADABLE, lines: [{ product: film }] },
      ],
    }),
    facts({ id: 'dated', orders: [{ lines: [{ product: book }] }] }),
  ];

  test.each<[string, Condition, string[]]>([
    [
      'count once each in an ever window',
      ordered({ operator: 'exactly', value: 2 }, ever),
      ['undated'],
    ],
    ['count in no dated window', ordered(atLeast(1), last30), ['dated']],
    [
      'pass the filters they pass, and only those',
      ordered(atLeast(1), ever, [
        { field: 'line.category', test: { operator: 'equals', value: 'books' } },
      ]),
      ['dated'],
    ],
    [
      'are measured in an ever window',
      aggregate('order_count', ever, { operator: 'equals', value: 2 }),
      ['undated'],
    ],
  ])('%s', (_, condition, expected) => {
    expectBoth(customers, condition, expected);
  });
});

describe('favourite category', () => {
  const customers = [
    facts({
      id: 'films',
      orders: [
        {
          lines: [
            { product: film, qty: 1 },
            { product: film, qty: 2 },
            { product: book, qty: 2 },
          ],
        },
      ],
    }),
    facts({
      id: 'books',
      orders: [
        {
          lines: [
            { product: film, qty: 1 },
            { product: book, qty: 2 },
          ],
        },
      ],
    }),
    facts({
      id: 'tie',
      orders: [
        {
          lines: [
            { product: film, qty: 2 },
            { product: book, qty: 2 },
          ],
        },
      ],
    }),
    facts({
      id: 'unknown',
      orders: [
        {
          lines: [
            { product: null, qty: 9 },
            { product: film, qty: 1 },
          ],
        },
      ],
    }),
    facts({ id: 'returned', orders: [{ status: 'returned', lines: [{ product: book }] }] }),
    facts({ id: 'tie-books-first', orders: [{ lines: [{ product: book }, { product: film }] }] }),
  ];
  const favourite = (value: string) =>
    aggregate('favourite_category', ever, { operator: 'equals', value });

  test.each<[string, Condition, string[]]>([
    [
      'the category with the most items, summed over lines',
      favourite('films'),
      ['films', 'unknown'],
    ],
    [
      'a tie goes to the alphabetically first, whichever was bought first',
      favourite('books'),
      ['books', 'tie', 'tie-books-first'],
    ],
    [
      'not_equals needs a favourite',
      aggregate('favourite_category', ever, { operator: 'not_equals', value: 'books' }),
      ['films', 'unknown'],
    ],
    [
      'missing without a completed order',
      aggregate('favourite_category', ever, { operator: 'is_empty' }),
      ['returned'],
    ],
  ])('%s', (_, condition, expected) => {
    expectBoth(customers, condition, expected);
  });
});

describe('groups, negation, memberships and reach', () => {
  const customers = [
    facts({ id: 'lyon', customer: { city: 'Lyon', email: 'a@example.fr', phone: null } }),
    facts({ id: 'LYON', customer: { city: 'LYON', email: 'not an email', phone: '0612345678' } }),
    facts({ id: 'paris', customer: { city: 'Paris', email: 'b@example.fr', phone: '0612345678' } }),
  ];
  const city = (value: string, negate = false): Condition => ({
    id: `c-${value}`,
    kind: 'attribute',
    negate,
    field: 'customer.city',
    test: { operator: 'equals', value },
  });
  const group = (
    combinator: 'and' | 'or',
    children: SegmentNode[],
    negate = false,
  ): SegmentNode => ({ id: 'g', kind: 'group', negate, combinator, children });
  const member = (segment_id: string): Condition => ({
    id: `m-${segment_id}`,
    kind: 'segment',
    negate: false,
    segment_id,
  });

  test.each<[string, SegmentNode, string[]]>([
    ['text compares lower-cased, each distinct value once', city('lyon'), ['LYON', 'lyon']],
    ['OR selects either', group('or', [city('lyon'), city('paris')]), ['LYON', 'lyon', 'paris']],
    ['AND selects both', group('and', [city('lyon'), city('paris')]), []],
    ['an empty AND group selects no one', group('and', []), []],
    ['an empty OR group selects no one', group('or', []), []],
    ['a negated empty group selects everyone', group('and', [], true), ['LYON', 'lyon', 'paris']],
    ['NOT keeps the others', city('lyon', true), ['paris']],
    ['a negated group', group('or', [city('lyon'), city('nice')], true), ['paris']],
    [
      'an unknown attribute matches no one',
      {
        id: 'x',
        kind: 'attribute',
        negate: false,
        field: 'customer.nothing',
        test: { operator: 'is_empty' },
      },
      [],
    ],
    [
      'valid email and valid phone are different flags',
      group('or', [
        { id: 'e', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
        { id: 'p', kind: 'reachability', negate: true, check: { type: 'valid_phone' } },
      ]),
      ['lyon', 'paris'],
    ],
    [
      'two saved segments are two',
      group('or', [member('lyon'), member('paris')]),
      ['LYON', 'lyon', 'paris'],
    ],
    ['a saved segment and its negation', group('and', [member('lyon'), city('lyon', true)]), []],
    ['an unknown segment matches no one', member('gone'), []],
    ['a cycle matches no one', member('self'), []],
  ])('%s', (_, node, expected) => {
    const segments = new Map([
      ['lyon', definition(city('lyon'))],
      ['paris', definition(city('paris'))],
      ['self', definition(member('self'))],
    ]);
    expectBoth(customers, node, expected, segments);
  });

  test('a negated root selects exactly the others', () => {
    const root: SegmentDefinition = {
      version: 1,
      root: { id: 'r', kind: 'group', negate: true, combinator: 'and', children: [city('lyon')] },
    };
    const { columns, reference } = selected(customers, [root]);
    expect(columns).toEqual([['paris']]);
    expect(reference).toEqual([['paris']]);
    const [selection] = selectAll(new CustomerColumns(customers, AS_OF), [root], {
      asOf: AS_OF,
      segments: new Map(),
    });
    expect(selection && countSelected(selection)).toBe(1);
  });

  test(`memberships are followed ${MAX_MEMBERSHIP_DEPTH} deep, no deeper`, () => {
    // s1 names s2 … names s<n>, which holds the condition; the root names s1.
    const chain = (n: number) =>
      new Map(
        Array.from({ length: n }, (_, i) => [
          `s${i + 1}`,
          definition(i + 1 === n ? city('paris') : member(`s${i + 2}`)),
        ]),
      );
    expectBoth(customers, member('s1'), ['paris'], chain(MAX_MEMBERSHIP_DEPTH));
    expectBoth(customers, member('s1'), [], chain(MAX_MEMBERSHIP_DEPTH + 1));
  });

  test('a node named by several definitions is the same in each', () => {
    const shared = city('lyon');
    const { columns } = selected(customers, [
      definition(shared),
      definition(shared, city('paris')),
      definition(group('or', [shared, city('paris')])),
    ]);
    expect(columns).toEqual([['LYON', 'lyon'], [], ['LYON', 'lyon', 'paris']]);
  });

  test('the reference answers false, never a falsy stand-in, where nothing can hold', () => {
    const context = { asOf: AS_OF, segments: new Map<string, SegmentDefinition>() };
    const someone = customers[0] ?? facts({ id: 'x' });
    for (const d of [definition(), definition(member('gone')), definition(city('nice'))]) {
      expect(evaluateDefinition(d, someone, context)).toBe(false);
    }
  });

  test('counting a selection counts its ones', () => {
    expect(countSelected(Uint8Array.from([1, 0, 1, 1]))).toBe(3);
    expect(countSelected(new Uint8Array(0))).toBe(0);
  });
});
