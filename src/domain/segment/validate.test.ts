import { describe, expect, test } from 'vitest';
import type {
  BehaviourCondition,
  Comparison,
  Group,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import { testCatalogue } from './catalogue-view.fixture.ts';
import { MAX_EXPANDED_NODES } from './definition.ts';
import {
  expandedSize,
  selectionKey,
  isCalendarDate,
  validateDefinition,
  type ValidationContext,
} from './validate.ts';

const context = (over: Partial<ValidationContext> = {}): ValidationContext => ({
  catalogue: testCatalogue,
  segments: new Map(),
  ...over,
});
const group = (id: string, children: SegmentNode[], combinator: 'and' | 'or' = 'and'): Group => ({
  id,
  kind: 'group',
  negate: false,
  combinator,
  children,
});
const definition = (...children: SegmentNode[]): SegmentDefinition => ({
  version: 1,
  root: group('root', children),
});
const attr = (field: string, test: Comparison, id = 'c1'): SegmentNode => ({
  id,
  kind: 'attribute',
  negate: false,
  field,
  test,
});
const member = (segment_id: string, id = 'm1'): SegmentNode => ({
  id,
  kind: 'segment',
  negate: false,
  segment_id,
});
const codes = (node: SegmentNode, over?: Partial<ValidationContext>) =>
  validateDefinition(definition(node), context(over)).issues.map((i) => i.code);
const messages = (node: SegmentNode, over?: Partial<ValidationContext>) =>
  validateDefinition(definition(node), context(over)).issues.map((i) => i.message);

const eq = (value: string | number | boolean): Comparison => ({ operator: 'equals', value });
const anyOf = (...values: (string | number | boolean)[]): Comparison => ({
  operator: 'in',
  values,
});
const between = (min: number | string, max: number | string): Comparison => ({
  operator: 'between',
  min,
  max,
});

test.each<[string, string, Comparison]>([
  ['a known city', 'customer.city', eq('Paris')],
  ['a city not among the suggestions', 'customer.city', eq('Marseille')],
  ['a part of a city', 'customer.city', { operator: 'contains', value: 'Par' }],
  ['a list of cities', 'customer.city', anyOf('Paris', 'Lyon')],
  ['a missing city', 'customer.city', { operator: 'is_empty' }],
  ['a suggested gender', 'customer.gender', eq('f')],
  ['any language when the enum has no suggestions', 'customer.language', eq('fr')],
  ['a birth date before a day', 'customer.birth_date', { operator: 'before', value: '2000-01-01' }],
  ['a birth date between two days', 'customer.birth_date', between('1990-01-01', '1999-12-31')],
  ['a birth date in the last days', 'customer.birth_date', { operator: 'in_last_days', days: 30 }],
  ['a number above', 'customer.children', { operator: 'gt', value: 2 }],
  ['a number between equal bounds', 'customer.children', between(2, 2)],
  ['a list of numbers', 'customer.children', anyOf(1, 2)],
  ['a yes/no that is yes', 'customer.newsletter', { operator: 'is_true' }],
  ['a yes/no that is set', 'customer.newsletter', { operator: 'is_set' }],
  ['a list of 1,000 values', 'customer.city', anyOf(...Array.from({ length: 1000 }, String))],
])('accepts %s', (_, field, t) => {
  expect(validateDefinition(definition(attr(field, t)), context())).toEqual({
    valid: true,
    issues: [],
  });
});

test.each<[string, string, Comparison, string, string]>([
  [
    'an unknown field',
    'customer.nope',
    eq('x'),
    'unknown_field',
    "Unknown field 'customer.nope': pick a field from the list.",
  ],
  [
    '__proto__ as a field',
    '__proto__',
    eq('x'),
    'unknown_field',
    "Unknown field '__proto__': pick a field from the list.",
  ],
  [
    'constructor as a field',
    'constructor',
    eq('x'),
    'unknown_field',
    "Unknown field 'constructor': pick a field from the list.",
  ],
  [
    'toString as a field',
    'toString',
    eq('x'),
    'unknown_field',
    "Unknown field 'toString': pick a field from the list.",
  ],
  [
    'an order field as an attribute',
    'order.channel',
    eq('web'),
    'unknown_field',
    "'Order channel' is not a customer attribute: pick it in its own kind of condition.",
  ],
  [
    'equals on a date',
    'customer.birth_date',
    { operator: 'equals', value: '2000-01-01' },
    'operator_not_allowed',
    "'Birth date' is a date: use is before, is after, is between, in the last … days or not in the last … days.",
  ],
  [
    'contains on an enum',
    'customer.gender',
    { operator: 'contains', value: 'f' },
    'operator_not_allowed',
    "'Gender' is a choice: use is, is not, is any of or is none of.",
  ],
  [
    'equals true on a yes/no',
    'customer.newsletter',
    eq(true),
    'operator_not_allowed',
    "'Newsletter subscriber' is a yes/no: use is yes or is no.",
  ],
  [
    'more than on a text',
    'customer.city',
    { operator: 'gt', value: 3 },
    'operator_not_allowed',
    "'City' is a text: use is, is not, is any of, is none of, contains or starts with.",
  ],
  [
    'all of on a text',
    'customer.city',
    { operator: 'all_of', values: ['Paris'] },
    'operator_not_allowed',
    "'City' is a text: use is, is not, is any of, is none of, contains or starts with.",
  ],
  [
    'is yes on a number',
    'customer.children',
    { operator: 'is_true' },
    'operator_not_allowed',
    "'Number of children' is a number: use is, is not, is more than, is at least, is less than, is at most, is between, is any of or is none of.",
  ],
  ['an empty city', 'customer.city', eq(''), 'empty_value', "Type or pick a value for 'City'."],
  ['a blank city', 'customer.city', eq('   '), 'empty_value', "Type or pick a value for 'City'."],
  [
    'an empty contains',
    'customer.city',
    { operator: 'contains', value: '' },
    'empty_value',
    "Type or pick a value for 'City'.",
  ],
  [
    'an empty starts with',
    'customer.city',
    { operator: 'starts_with', value: '' },
    'empty_value',
    "Type or pick a value for 'City'.",
  ],
  ['an empty list', 'customer.city', anyOf(), 'empty_value', "Pick at least one value for 'City'."],
  [
    'an empty exclusion list',
    'customer.gender',
    { operator: 'not_in', values: [] },
    'empty_value',
    "Pick at least one value for 'Gender'.",
  ],
  [
    'an empty value in a list',
    'customer.city',
    anyOf('Paris', ''),
    'empty_value',
    "Type or pick a value for 'City'.",
  ],
  ['a number for a text', 'customer.city', eq(3), 'wrong_value_type', "'City' takes a text."],
  ['a yes/no for a text', 'customer.city', eq(true), 'wrong_value_type', "'City' takes a text."],
  [
    'a text for a number',
    'customer.children',
    eq('3'),
    'wrong_value_type',
    "'Number of children' takes a number.",
  ],
  [
    'a text in a list of numbers',
    'customer.children',
    anyOf(1, 'two'),
    'wrong_value_type',
    "'Number of children' takes a number.",
  ],
  [
    'a date bound for a number',
    'customer.children',
    between('2020-01-01', 3),
    'wrong_value_type',
    "'Number of children' takes a number.",
  ],
  [
    'number bounds for a date',
    'customer.birth_date',
    between(1, '2000-01-01'),
    'wrong_value_type',
    "'Birth date' takes a date.",
  ],
  [
    '30 February',
    'customer.birth_date',
    { operator: 'before', value: '2000-02-30' },
    'invalid_date',
    "Pick a calendar date for 'Birth date'.",
  ],
  [
    'a date in another format',
    'customer.birth_date',
    { operator: 'after', value: '01/02/2000' },
    'invalid_date',
    "Pick a calendar date for 'Birth date'.",
  ],
  [
    'number bounds the wrong way round',
    'customer.children',
    between(5, 1),
    'min_above_max',
    'The lower bound is above the upper bound: swap them.',
  ],
  [
    'date bounds the wrong way round',
    'customer.birth_date',
    between('2000-12-31', '2000-01-01'),
    'min_above_max',
    'The lower bound is above the upper bound: swap them.',
  ],
  [
    'a gender not in the list',
    'customer.gender',
    eq('q'),
    'unknown_value',
    "'Gender' has no value 'q': pick one from the list.",
  ],
  [
    '__proto__ as an enum value',
    'customer.gender',
    anyOf('f', '__proto__'),
    'unknown_value',
    "'Gender' has no value '__proto__': pick one from the list.",
  ],
  [
    'zero days',
    'customer.birth_date',
    { operator: 'in_last_days', days: 0 },
    'invalid_days',
    'Type a number of days from 1 to 36,500.',
  ],
  [
    'a fraction of a day',
    'customer.birth_date',
    { operator: 'not_in_last_days', days: 1.5 },
    'invalid_days',
    'Type a number of days from 1 to 36,500.',
  ],
  [
    'a list of 1,001 values',
    'customer.city',
    anyOf(...Array.from({ length: 1001 }, String)),
    'too_many_values',
    'A list holds at most 1,000 values (this one has 1,001).',
  ],
])('refuses %s', (_, field, t, code, message) => {
  const result = validateDefinition(definition(attr(field, t)), context());
  expect(result.valid).toBe(false);
  expect(result.issues.map((i) => [i.code, i.message])).toEqual([[code, message]]);
});

test.each<[string, Comparison, (string | number)[]]>([
  ['customer.children', eq('Paris'), ['root', 'children', 0, 'test', 'value']],
  ['customer.city', { operator: 'gt', value: 3 }, ['root', 'children', 0, 'test', 'operator']],
  ['customer.city', anyOf('Paris', 3), ['root', 'children', 0, 'test', 'values', 1]],
  ['customer.city', anyOf(), ['root', 'children', 0, 'test', 'values']],
  ['customer.birth_date', between('2001-01-01', '2000-01-01'), ['root', 'children', 0, 'test']],
  ['customer.children', between(1, 'a'), ['root', 'children', 0, 'test', 'max']],
  ['customer.nope', eq('x'), ['root', 'children', 0, 'field']],
])('an issue on %s with %j points at the part to fix', (field, t, path) => {
  const [issue] = validateDefinition(definition(attr(field, t, 'cond')), context()).issues;
  expect(issue?.nodeId).toBe('cond');
  expect(issue?.path).toEqual(path);
});

const score = (id: string, t: Comparison): SegmentNode => ({
  id: 's1',
  kind: 'score',
  negate: false,
  score: id,
  test: t,
});
const aggregate = (
  measure: Extract<SegmentNode, { kind: 'aggregate' }>['measure'],
  t: Comparison,
  window: TimeWindow = { type: 'ever' },
): SegmentNode => ({ id: 'a1', kind: 'aggregate', negate: false, measure, window, test: t });

test.each<[string, SegmentNode, string[]]>([
  ['a known score', score('score.churn_band', eq('high')), []],
  ['a score range', score('score.clv_cents', between(100, 5000)), []],
  [
    'an unknown score',
    score('score.nope', eq('high')),
    ["Unknown score 'score.nope': pick a score from the list."],
  ],
  [
    'an attribute as a score',
    score('customer.city', eq('Paris')),
    ["Unknown score 'customer.city': pick a score from the list."],
  ],
  [
    'a score value not in the list',
    score('score.churn_band', eq('extreme')),
    ["'Churn risk' has no value 'extreme': pick one from the list."],
  ],
  ['a total spend above', aggregate('total_spend_cents', { operator: 'gt', value: 10_000 }), []],
  [
    'a favourite category among product categories',
    aggregate('favourite_category', eq('films')),
    [],
  ],
  [
    'a favourite category that is none',
    aggregate('favourite_category', eq('games')),
    ["'Favourite category' has no value 'games': pick one from the list."],
  ],
  [
    'channels used including all of two',
    aggregate('channels_used', { operator: 'all_of', values: ['web', 'store'] }),
    [],
  ],
  ['channels used with no channel', aggregate('channels_used', { operator: 'is_empty' }), []],
  [
    'a channel that does not exist',
    aggregate('channels_used', anyOf('moon')),
    ["'Channels used' has no value 'moon': pick one from the list."],
  ],
  [
    'equals on a set',
    aggregate('channels_used', eq('web')),
    [
      "'Channels used' is a list of values: use includes any of, includes none of or includes all of.",
    ],
  ],
  [
    'an empty set of payment methods',
    aggregate('payment_methods_used', { operator: 'all_of', values: [] }),
    ["Pick at least one value for 'Payment methods used'."],
  ],
  [
    'contains on an order count',
    aggregate('order_count', { operator: 'contains', value: '1' }),
    [
      "'Number of orders' is a number: use is, is not, is more than, is at least, is less than, is at most, is between, is any of or is none of.",
    ],
  ],
  [
    'a period that ends before it starts',
    aggregate('order_count', eq(1), { type: 'between', from: '2026-03-01', to: '2026-01-01' }),
    ['The period starts after it ends: swap the two dates.'],
  ],
  [
    'a period of one day',
    aggregate('order_count', eq(1), { type: 'between', from: '2026-03-01', to: '2026-03-01' }),
    [],
  ],
  [
    'a window of zero days',
    aggregate('order_count', eq(1), { type: 'last_days', days: 0 }),
    ['Type a number of days from 1 to 36,500.'],
  ],
  [
    'a window before month 13',
    aggregate('order_count', eq(1), { type: 'before', date: '2026-13-01' }),
    ['Pick a calendar date.'],
  ],
  [
    'a window after a bad day',
    aggregate('order_count', eq(1), { type: 'after', date: '2026-04-31' }),
    ['Pick a calendar date.'],
  ],
  [
    'two bad dates in a period',
    aggregate('order_count', eq(1), { type: 'between', from: 'x', to: 'y' }),
    ['Pick a calendar date.', 'Pick a calendar date.'],
  ],
  [
    'email consent',
    { id: 'r1', kind: 'reachability', negate: false, check: { type: 'consent', channel: 'email' } },
    [],
  ],
  [
    'a valid phone',
    { id: 'r1', kind: 'reachability', negate: true, check: { type: 'valid_phone' } },
    [],
  ],
])('scores, aggregates and reachability: %s', (_, node, expected) => {
  expect(messages(node)).toEqual(expected);
});

type Filters = BehaviourCondition['filters'];
const event = (event_type: string, filters: Filters = []): BehaviourCondition => ({
  id: 'b1',
  kind: 'behaviour',
  negate: false,
  action: { type: 'event', event_type },
  count: { operator: 'at_least', value: 1 },
  window: { type: 'last_days', days: 60 },
  filters,
});
const orders = (filters: Filters, window: TimeWindow = { type: 'ever' }): BehaviourCondition => ({
  id: 'b1',
  kind: 'behaviour',
  negate: false,
  action: { type: 'order' },
  count: { operator: 'at_least', value: 1 },
  window,
  filters,
});

test.each<[string, SegmentNode, string[]]>([
  ['an email opened', event('email_open'), []],
  ['an unknown event', event('nope'), ["Unknown event type 'nope': pick an event from the list."]],
  [
    '__proto__ as an event',
    event('__proto__'),
    ["Unknown event type '__proto__': pick an event from the list."],
  ],
  [
    'filters on an unknown event (only the event is reported)',
    event('nope', [{ field: 'property.x', test: eq('y') }]),
    ["Unknown event type 'nope': pick an event from the list."],
  ],
  [
    'a product view in a category',
    event('product_view', [{ field: 'property.category', test: eq('films') }]),
    [],
  ],
  [
    'a product view above a price',
    event('product_view', [
      { field: 'property.price_cents', test: { operator: 'gte', value: 1000 } },
    ]),
    [],
  ],
  [
    'a property of another event',
    event('product_view', [{ field: 'property.query', test: eq('zelda') }]),
    ["'Viewed a product' cannot be filtered on 'property.query': pick a filter from the list."],
  ],
  [
    'a property named __proto__',
    event('search', [{ field: 'property.__proto__', test: eq('x') }]),
    ["'Searched' cannot be filtered on 'property.__proto__': pick a filter from the list."],
  ],
  [
    'a yes/no property compared with equals',
    event('product_view', [{ field: 'property.in_stock', test: eq(true) }]),
    ["'in_stock' is a yes/no: use is yes or is no."],
  ],
  ['a Blu-ray line', orders([{ field: 'line.format', test: eq('blu_ray') }]), []],
  [
    'an order in store with a promo code',
    orders([
      { field: 'order.channel', test: eq('store') },
      { field: 'order.promo_code', test: { operator: 'is_set' } },
    ]),
    [],
  ],
  [
    'an order status filter (orders count only when completed)',
    orders([{ field: 'order.status', test: eq('returned') }]),
    ["An order cannot be filtered on 'order.status': pick a filter from the list."],
  ],
  [
    'an attribute as an order filter',
    orders([{ field: 'customer.city', test: eq('Paris') }]),
    ["An order cannot be filtered on 'customer.city': pick a filter from the list."],
  ],
  [
    'a quantity in words',
    orders([{ field: 'line.qty', test: eq('two') }]),
    ["'Quantity' takes a number."],
  ],
  [
    'a channel that does not exist',
    orders([{ field: 'order.channel', test: eq('moon') }]),
    ["'Order channel' has no value 'moon': pick one from the list."],
  ],
  [
    'a filter and a window both wrong',
    orders([{ field: 'line.qty', test: eq('two') }], { type: 'last_days', days: -1 }),
    ["'Quantity' takes a number.", 'Type a number of days from 1 to 36,500.'],
  ],
])('behaviours: %s', (_, node, expected) => {
  expect(messages(node)).toEqual(expected);
});

test('a behaviour filter issue points at the filter', () => {
  const node = orders([
    { field: 'line.format', test: eq('dvd') },
    { field: 'line.qty', test: eq('two') },
  ]);
  const [issue] = validateDefinition(definition(node), context()).issues;
  expect(issue?.path).toEqual(['root', 'children', 0, 'filters', 1, 'test', 'value']);
});

const refersTo = (...ids: string[]): SegmentDefinition =>
  definition(...ids.map((id, i) => member(id, `m${i}`)));

test.each<[string, SegmentNode, Partial<ValidationContext>, string[]]>([
  ['a known segment', member('vip'), { segments: new Map([['vip', refersTo()]]) }, []],
  [
    'a known segment whose definition is not loaded',
    member('vip'),
    { segments: new Map([['vip', null]]) },
    [],
  ],
  ['an unknown segment', member('gone'), {}, ["Unknown segment 'gone': it may have been deleted."]],
  [
    '__proto__ as a segment',
    member('__proto__'),
    {},
    ["Unknown segment '__proto__': it may have been deleted."],
  ],
  [
    'the segment itself',
    member('me'),
    { selfId: 'me' },
    ['This segment would include itself: me → me.'],
  ],
  [
    'the segment itself through two others',
    member('a'),
    {
      selfId: 'me',
      segments: new Map([
        ['a', refersTo('b')],
        ['b', refersTo('me')],
        ['me', refersTo('a')],
      ]),
    },
    ['This segment would include itself: me → a → b → me.'],
  ],
  [
    'a loop among other segments',
    member('a'),
    {
      segments: new Map([
        ['a', refersTo('b')],
        ['b', refersTo('c')],
        ['c', refersTo('b')],
      ]),
    },
    ["Segment 'a' leads to a loop: b → c → b."],
  ],
  [
    'two references to one segment (a diamond, no loop)',
    member('a'),
    {
      selfId: 'me',
      segments: new Map([
        ['a', refersTo('b', 'c')],
        ['b', refersTo('d')],
        ['c', refersTo('d')],
        ['d', refersTo()],
      ]),
    },
    [],
  ],
  [
    'a reference on to a deleted segment (not this segment’s problem)',
    member('a'),
    { segments: new Map([['a', refersTo('gone')]]) },
    [],
  ],
])('segment membership: %s', (_, node, over, expected) => {
  expect(messages(node, over)).toEqual(expected);
});

test('every reference into a loop is reported, on its own condition', () => {
  const segments = new Map([['a', refersTo('me')]]);
  const result = validateDefinition(refersTo('a', 'a'), context({ selfId: 'me', segments }));
  expect(result.issues.map((i) => [i.nodeId, i.code])).toEqual([
    ['m0', 'segment_cycle'],
    ['m1', 'segment_cycle'],
  ]);
});

test('a chain of 5,000 segments is followed without overflowing the stack', () => {
  const segments = new Map<string, SegmentDefinition>();
  for (let i = 0; i < 5000; i += 1)
    segments.set(`s${i}`, refersTo(...(i < 4999 ? [`s${i + 1}`] : [])));
  // Without a loop it is too large once written out (each segment's own group adds one), said as
  // such: the expansion is measured without recursion too.
  expect(codes(member('s0'), { selfId: 'me', segments })).toEqual(['too_large_expanded']);
  segments.set('s4999', refersTo('me'));
  expect(codes(member('s0'), { selfId: 'me', segments })).toEqual(['segment_cycle']);
});

const city = (id: string) => attr('customer.city', eq('Paris'), id);

test('an empty definition is invalid, never everyone', () => {
  expect(validateDefinition(definition(), context())).toEqual({
    valid: false,
    issues: [
      {
        nodeId: 'root',
        path: ['root', 'children'],
        code: 'empty_group',
        message: 'This group has no condition.',
        params: {},
      },
    ],
  });
});

test('an empty nested group is reported on that group', () => {
  const result = validateDefinition(definition(city('c1'), group('g1', [])), context());
  expect(result.issues.map((i) => [i.nodeId, i.path, i.message])).toEqual([
    ['g1', ['root', 'children', 1, 'children'], 'This group has no condition.'],
  ]);
});

test('a second node with the same id is reported, the first is not', () => {
  const result = validateDefinition(definition(city('c1'), group('g1', [city('c1')])), context());
  expect(result.issues.map((i) => [i.nodeId, i.path, i.code])).toEqual([
    ['c1', ['root', 'children', 1, 'children', 0, 'id'], 'duplicate_id'],
  ]);
});

test('a group may not reuse the root id', () => {
  expect(codes(group('root', [city('c1')]))).toEqual(['duplicate_id']);
});

function nested(depth: number): SegmentDefinition {
  let node: Group = group(`g${depth}`, [city('leaf')]);
  for (let d = depth - 1; d >= 2; d -= 1) node = group(`g${d}`, [node]);
  return { version: 1, root: group('root', [node]) };
}

test.each([
  [20, []],
  [21, [['g21', 'too_deep']]],
  [10_000, [['g21', 'too_deep']]],
])('groups %i deep give %j', (depth, expected) => {
  const result = validateDefinition(nested(depth), context());
  expect(result.issues.map((i) => [i.nodeId, i.code])).toEqual(expected);
});

test.each([
  [499, true],
  [500, false],
])('a root and %i conditions: valid is %s', (n, valid) => {
  const children = Array.from({ length: n }, (_, i) => city(`c${i}`));
  const result = validateDefinition(definition(...children), context());
  expect(result.valid).toBe(valid);
  if (!valid) {
    expect(result.issues).toEqual([
      {
        nodeId: null,
        path: [],
        code: 'too_many_nodes',
        message: 'A segment holds at most 500 conditions and groups (this one has 501).',
        params: { max: 500, count: 501 },
      },
    ]);
  }
});

test('issues come in reading order with the node they belong to', () => {
  const def = definition(
    attr('customer.nope', eq('x'), 'first'),
    group('g1', [attr('customer.city', eq(''), 'second'), group('g2', [])], 'or'),
    attr('customer.gender', eq('q'), 'third'),
  );
  expect(validateDefinition(def, context()).issues.map((i) => [i.nodeId, i.code])).toEqual([
    ['first', 'unknown_field'],
    ['second', 'empty_value'],
    ['g2', 'empty_group'],
    ['third', 'unknown_value'],
  ]);
});

test('the issue’s example segment is valid', () => {
  const def = definition(
    attr('customer.city', anyOf('Paris', 'Versailles'), 'city'),
    {
      ...orders(
        [
          { field: 'line.format', test: eq('blu_ray') },
          { field: 'order.channel', test: eq('store') },
        ],
        { type: 'last_days', days: 90 },
      ),
      id: 'bluray',
    },
    {
      ...orders([{ field: 'line.format', test: eq('4k') }]),
      id: 'no4k',
      count: { operator: 'exactly', value: 0 },
    },
    { ...event('email_open'), id: 'noemail', negate: true },
    {
      id: 'consent',
      kind: 'reachability',
      negate: false,
      check: { type: 'consent', channel: 'email' },
    },
  );
  expect(validateDefinition(def, context())).toEqual({ valid: true, issues: [] });
});

test.each([
  ['2026-01-31', true],
  ['2024-02-29', true],
  ['2023-02-29', false],
  ['2026-00-10', false],
  ['2026-1-10', false],
  ['0001-01-01', true],
  ['2026-01-01T00:00:00Z', false],
])('%s is a calendar date: %s', (text, expected) => {
  expect(isCalendarDate(text)).toBe(expected);
});

// What the builder words an issue from, in the user's language: the code and these figures.
test.each<[string, SegmentNode, Partial<ValidationContext>, string, Record<string, unknown>]>([
  [
    'an unknown field',
    attr('customer.nope', eq('x')),
    {},
    'unknown_field',
    { field: 'customer.nope' },
  ],
  [
    'a field of another kind',
    attr('aggregate.order_count', eq(1)),
    {},
    'unknown_field',
    { field: 'aggregate.order_count', label: 'Number of orders' },
  ],
  ['an unknown score', score('score.nope', eq('x')), {}, 'unknown_score', { score: 'score.nope' }],
  [
    'an operator the type refuses',
    attr('customer.newsletter', { operator: 'gt', value: 1 }),
    {},
    'operator_not_allowed',
    {
      field: 'customer.newsletter',
      label: 'Newsletter subscriber',
      type: 'boolean',
      operator: 'gt',
      operators: ['is_true', 'is_false'],
    },
  ],
  [
    'a text for a number',
    attr('customer.children', eq('two')),
    {},
    'wrong_value_type',
    { field: 'customer.children', label: 'Number of children', expected: 'number' },
  ],
  [
    'a value not in the list',
    attr('customer.gender', eq('q')),
    {},
    'unknown_value',
    { field: 'customer.gender', label: 'Gender', value: 'q' },
  ],
  [
    'an empty value',
    attr('customer.city', eq(' ')),
    {},
    'empty_value',
    { of: 'value', field: 'customer.city', label: 'City' },
  ],
  [
    'an empty list',
    attr('customer.city', anyOf()),
    {},
    'empty_value',
    { of: 'list', field: 'customer.city', label: 'City' },
  ],
  [
    'a date that is not one',
    attr('customer.birth_date', { operator: 'before', value: '2026-02-30' }),
    {},
    'invalid_date',
    { of: 'value', field: 'customer.birth_date', label: 'Birth date' },
  ],
  [
    'a window date that is not one',
    orders([], { type: 'after', date: '2026-02-30' }),
    {},
    'invalid_date',
    { of: 'window' },
  ],
  [
    'a window of no days',
    orders([], { type: 'last_days', days: 0 }),
    {},
    'invalid_days',
    { min: 1, max: 36_500 },
  ],
  [
    'swapped bounds',
    attr('customer.children', between(3, 1)),
    {},
    'min_above_max',
    { of: 'bounds' },
  ],
  [
    'a period that ends before it starts',
    orders([], { type: 'between', from: '2026-02-01', to: '2026-01-01' }),
    {},
    'min_above_max',
    { of: 'period' },
  ],
  [
    'a list too long',
    attr('customer.city', anyOf(...Array.from({ length: 1001 }, String))),
    {},
    'too_many_values',
    { max: 1000, count: 1001 },
  ],
  ['an unknown event', event('nope'), {}, 'unknown_event_type', { event_type: 'nope' }],
  [
    'an order filter that does not exist',
    orders([{ field: 'order.nope', test: eq('x') }]),
    {},
    'unknown_filter',
    { on: 'order', field: 'order.nope' },
  ],
  [
    'an event filter that does not exist',
    event('search', [{ field: 'property.nope', test: eq('x') }]),
    {},
    'unknown_filter',
    { on: 'event', event_type: 'search', event_label: 'Searched', field: 'property.nope' },
  ],
  ['an unknown segment', member('gone'), {}, 'unknown_segment', { segment_id: 'gone' }],
  [
    'the segment itself',
    member('me'),
    { selfId: 'me' },
    'segment_cycle',
    { segment_id: 'me', chain: ['me', 'me'], loop: 'self' },
  ],
  [
    'a loop among others',
    member('a'),
    {
      segments: new Map([
        ['a', refersTo('b')],
        ['b', refersTo('a')],
      ]),
    },
    'segment_cycle',
    { segment_id: 'a', chain: ['a', 'b', 'a'], loop: 'others' },
  ],
])('%s carries its figures', (_, node, over, code, params) => {
  const [issue] = validateDefinition(definition(node), context(over)).issues;
  expect(issue?.code).toBe(code);
  expect(issue?.params).toEqual(params);
});

test('a node id used twice names the id', () => {
  const [issue] = validateDefinition(definition(city('c1'), city('c1')), context()).issues;
  expect(issue?.params).toEqual({ id: 'c1' });
});

describe('the expanded size: every segment named written out in its place', () => {
  /** s1 is one condition; s(k+1) names s(k) ten times. */
  const chain = (length: number) => {
    const segments = new Map<string, SegmentDefinition | null>();
    segments.set('s1', definition(attr('customer.city', { operator: 'equals', value: 'Lyon' })));
    for (let k = 2; k <= length; k += 1)
      segments.set(
        `s${k}`,
        definition(...Array.from({ length: 10 }, (_, i) => member(`s${k - 1}`, `m${i}`))),
      );
    return segments;
  };

  test('is worked out once per segment, however often each is named', () => {
    const segments = chain(30);
    // Over 10^29 conditions written out: counted (a walk of the expansion would never end).
    const size = expandedSize(definition(member('s30')), segments).size;
    // s1 is 2; s(k) is 1 + 10 × s(k-1); the definition adds its own group.
    let expected = 2;
    for (let k = 2; k <= 30; k += 1) expected = 1 + 10 * expected;
    expect(size / (1 + expected)).toBeCloseTo(1, 12);
  });

  test('sizes: a segment’s own conditions and groups, and each named segment’s in full', () => {
    const segments = chain(4);
    // s1: its group and condition (2); s2: its group and 10 × s1 (21); s3: 211; s4: 2,111.
    expect(expandedSize(definition(member('s1')), segments).size).toBe(1 + 2);
    expect(expandedSize(definition(member('s4')), segments).size).toBe(1 + 2_111);
    expect(expandedSize(definition(member('s4'), member('s2', 'm2')), segments)).toEqual({
      size: 1 + 2_111 + 21,
      chain: ['s4', 's3', 's2', 's1'],
      nodeId: 'm1',
      path: ['root', 'children', 0, 'segment_id'],
    });
  });

  test(`a definition past ${MAX_EXPANDED_NODES.toLocaleString('en')} is refused at its heaviest reference, with the chain`, () => {
    const segments = chain(4);
    const two = definition(member('s4', 'a'), member('s4', 'b'));
    expect(validateDefinition(two, context({ segments })).valid).toBe(true);
    const three = definition(
      member('s3', 'x'),
      member('s4', 'a'),
      member('s4', 'b'),
      member('s4', 'c'),
    );
    const result = validateDefinition(three, context({ segments }));
    expect(result.issues).toEqual([
      {
        nodeId: 'a',
        path: ['root', 'children', 1, 'segment_id'],
        code: 'too_large_expanded',
        message: expect.stringContaining('s4 → s3 → s2 → s1'),
        params: {
          max: MAX_EXPANDED_NODES,
          count: 1 + 211 + 3 * 2_111,
          chain: ['s4', 's3', 's2', 's1'],
        },
      },
    ]);
  });

  test('a loop is said as a loop, not as a size', () => {
    const segments = chain(3);
    segments.set('s1', definition(member('s3')));
    const result = validateDefinition(definition(member('s3')), context({ segments }));
    expect(result.issues.map((i) => i.code)).toEqual(['segment_cycle']);
  });
});

describe('the selection key: a definition with every saved segment it reaches', () => {
  const lyon = definition(attr('customer.city', { operator: 'equals', value: 'Lyon' }));
  const paris = definition(attr('customer.city', { operator: 'equals', value: 'Paris' }));
  const saved = (entries: [string, SegmentDefinition | null][]) => new Map(entries);
  const base = saved([
    ['a', lyon],
    ['b', definition(member('a'))],
    ['c', definition(member('b'), member('a', 'm2'))],
    ['z', paris],
  ]);

  test('changes with a segment it reaches, through references of references', () => {
    const asked = definition(member('c'));
    const key = selectionKey(asked, base);
    expect(selectionKey(asked, new Map([...base, ['a', paris]]))).not.toBe(key);
    expect(
      selectionKey(asked, new Map([...base, ['b', definition(member('a', 'other'))]])),
    ).not.toBe(key);
    expect(selectionKey(asked, new Map([...base, ['a', null]]))).not.toBe(key);
    const without = new Map(base);
    without.delete('a');
    // A segment gone and a segment never saved select the same (nothing): one key.
    expect(selectionKey(asked, without)).toBe(selectionKey(asked, new Map([...base, ['a', null]])));
  });

  test('stays when a segment it does not reach changes, or when segments are listed in another order', () => {
    const asked = definition(member('c'));
    const key = selectionKey(asked, base);
    expect(selectionKey(asked, new Map([...base, ['z', lyon], ['y', paris]]))).toBe(key);
    expect(selectionKey(asked, new Map([...base].reverse()))).toBe(key);
    expect(selectionKey(lyon, base)).toBe(selectionKey(lyon, new Map()));
  });

  test('differs between definitions, and ends on a loop', () => {
    expect(selectionKey(lyon, base)).not.toBe(selectionKey(paris, base));
    const loop = saved([
      ['p', definition(member('q'))],
      ['q', definition(member('p'))],
    ]);
    expect(
      JSON.parse(selectionKey(definition(member('p')), loop))[1].map(([id]: [string]) => id),
    ).toEqual(['p', 'q']);
  });
});
