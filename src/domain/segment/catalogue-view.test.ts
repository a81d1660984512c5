import { expect, test } from 'vitest';
import {
  OPERATORS_BY_TYPE,
  ORDER_FILTER_FIELDS,
  aggregateField,
  attributeField,
  behaviourFilterField,
  behaviourFilterFields,
  eventTypeOf,
  operatorAllowed,
  operatorLabel,
  scoreField,
  type FieldCatalogue,
} from './catalogue-view.ts';
import { testCatalogue } from './catalogue-view.fixture.ts';

const order = { type: 'order' } as const;
const productView = { type: 'event', event_type: 'product_view' } as const;

test.each([
  ['string', 'equals not_equals in not_in contains starts_with is_empty is_set'],
  ['enum', 'equals not_equals in not_in is_empty is_set'],
  ['number', 'equals not_equals gt gte lt lte between in not_in is_empty is_set'],
  ['date', 'before after between in_last_days not_in_last_days is_empty is_set'],
  ['boolean', 'is_true is_false is_empty is_set'],
  ['set', 'in not_in all_of is_empty'],
] as const)('a %s field offers exactly: %s', (type, operators) => {
  expect(OPERATORS_BY_TYPE[type]).toEqual(operators.split(' '));
});

test.each([
  ['string', 'contains', true],
  ['enum', 'contains', false],
  ['date', 'equals', false],
  ['boolean', 'equals', false],
  ['number', 'all_of', false],
  ['set', 'all_of', true],
  ['set', 'is_set', false],
] as const)('on a %s field, %s allowed is %s', (type, operator, allowed) => {
  expect(operatorAllowed(type, operator)).toBe(allowed);
});

test.each([
  ['equals', undefined, 'is'],
  ['not_equals', undefined, 'is not'],
  ['in', 'enum', 'is any of'],
  ['not_in', 'string', 'is none of'],
  ['in', 'set', 'includes any of'],
  ['not_in', 'set', 'includes none of'],
  ['all_of', 'set', 'includes all of'],
  ['contains', 'string', 'contains'],
  ['starts_with', 'string', 'starts with'],
  ['gt', 'number', 'is more than'],
  ['lte', 'number', 'is at most'],
  ['in_last_days', 'date', 'in the last … days'],
  ['not_in_last_days', 'date', 'not in the last … days'],
  ['is_true', 'boolean', 'is yes'],
  ['is_empty', 'set', 'is empty'],
] as const)('operator %s on a %s field reads "%s"', (operator, type, label) => {
  expect(operatorLabel(operator, type)).toBe(label);
});

test('an attribute comes from the catalogue with its type, label and suggestions', () => {
  expect(attributeField(testCatalogue, 'customer.gender')).toEqual({
    id: 'customer.gender',
    label: 'Gender',
    type: 'enum',
    suggestions: ['f', 'm', 'x'],
  });
});

test.each([
  'customer.nope',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'order.channel',
  'score.churn_band',
])('%s is not a known attribute', (id) => {
  expect(attributeField(testCatalogue, id)).toBeUndefined();
});

test('a score is a catalogue field of group score, and only that', () => {
  expect(scoreField(testCatalogue, 'score.churn_band')?.type).toBe('enum');
  expect(scoreField(testCatalogue, 'customer.city')).toBeUndefined();
  expect(scoreField(testCatalogue, '__proto__')).toBeUndefined();
});

test('the first of two catalogue fields with one id wins', () => {
  const twice: FieldCatalogue = {
    fields: [
      { id: 'customer.x', group: 'attribute', label: 'First', type: 'string', suggestions: [] },
      { id: 'customer.x', group: 'attribute', label: 'Second', type: 'number', suggestions: [] },
    ],
    event_types: [],
  };
  expect(attributeField(twice, 'customer.x')?.label).toBe('First');
});

test.each([
  ['total_spend_cents', 'number', 'Total spend (€)', []],
  ['order_count', 'number', 'Number of orders', []],
  ['average_order_cents', 'number', 'Average order value (€)', []],
  ['days_since_last_order', 'number', 'Days since last order', []],
  ['promo_share', 'number', 'Share of orders with a promotion', []],
  ['favourite_category', 'enum', 'Favourite category', ['books', 'films', 'music']],
  ['channels_used', 'set', 'Channels used', ['web', 'app', 'store', 'call_centre']],
  ['payment_methods_used', 'set', 'Payment methods used', ['card', 'paypal', 'cash']],
] as const)('aggregate %s is a %s labelled %s', (measure, type, label, values) => {
  expect(aggregateField(testCatalogue, measure)).toEqual({
    id: `aggregate.${measure}`,
    label,
    type,
    suggestions: values,
  });
});

test('an aggregate is known even when the catalogue does not list it, with no value suggestions', () => {
  const empty: FieldCatalogue = { fields: [], event_types: [] };
  expect(aggregateField(empty, 'favourite_category')).toEqual({
    id: 'aggregate.favourite_category',
    label: 'Favourite category',
    type: 'enum',
    suggestions: [],
  });
});

test('event types are looked up by type, never through the prototype', () => {
  expect(eventTypeOf(testCatalogue, 'search')?.label).toBe('Searched');
  for (const type of ['nope', '__proto__', 'constructor', 'toString']) {
    expect(eventTypeOf(testCatalogue, type)).toBeUndefined();
  }
});

test('an order behaviour filters on the order and its lines, in a fixed order, as the catalogue types them', () => {
  const fields = behaviourFilterFields(testCatalogue, order);
  expect(fields.map((f) => f.id)).toEqual(ORDER_FILTER_FIELDS);
  expect(fields.find((f) => f.id === 'line.qty')?.type).toBe('number');
});

test('an order filter the catalogue does not list is not offered', () => {
  const partial: FieldCatalogue = {
    fields: testCatalogue.fields.filter((f) => f.id !== 'line.brand'),
    event_types: [],
  };
  expect(behaviourFilterFields(partial, order).map((f) => f.id)).not.toContain('line.brand');
});

test('an event behaviour filters on the properties of its event type', () => {
  expect(behaviourFilterFields(testCatalogue, productView)).toEqual([
    { id: 'property.category', label: 'category', type: 'string', suggestions: ['films'] },
    { id: 'property.price_cents', label: 'price_cents', type: 'number', suggestions: [] },
    { id: 'property.in_stock', label: 'in_stock', type: 'boolean', suggestions: [] },
  ]);
  expect(behaviourFilterFields(testCatalogue, { type: 'event', event_type: 'nope' })).toEqual([]);
});

test.each([
  [order, 'order.channel', 'enum'],
  [order, 'line.format', 'string'],
  [order, 'order.status', undefined],
  [order, 'order.placed_at', undefined],
  [order, 'customer.city', undefined],
  [order, 'property.category', undefined],
  [productView, 'property.price_cents', 'number'],
  [productView, 'property.query', undefined],
  [productView, 'property.__proto__', undefined],
  [productView, 'property.constructor', undefined],
  [productView, 'category', undefined],
  [productView, 'line.category', undefined],
  [{ type: 'event', event_type: '__proto__' } as const, 'property.category', undefined],
] as const)('a behaviour on %j filtering on %s finds type %s', (action, field, type) => {
  expect(behaviourFilterField(testCatalogue, action, field)?.type).toBe(type);
});
