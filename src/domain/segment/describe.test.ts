import { expect, test } from 'vitest';
import type { BehaviourCondition, Comparison, Group, SegmentNode } from './definition.ts';
import { testCatalogue } from './catalogue-view.fixture.ts';
import {
  attr,
  eq,
  group,
  not,
  last,
  ever,
  atLeast,
  event,
  orders,
  aggregate,
} from './describe.fixture.ts';
import { describeDefinition, describeNode, formatDate } from './describe.ts';

const line = (field: string, test: Comparison) => ({ field, test });
const names = new Map([['vip', 'Big spenders']]);
const summary = (node: SegmentNode) => describeNode(node, testCatalogue, names);

test.each<[string, SegmentNode, string]>([
  ['a city', attr('customer.city', eq('Paris')), 'City is “Paris”'],
  [
    'not a city',
    attr('customer.city', { operator: 'not_equals', value: 'Paris' }),
    'City is not “Paris”',
  ],
  [
    'one of two cities',
    attr('customer.city', { operator: 'in', values: ['Paris', 'Lyon'] }),
    'City is “Paris” or “Lyon”',
  ],
  [
    'one of three cities',
    attr('customer.city', { operator: 'in', values: ['Paris', 'Lyon', 'Lille'] }),
    'City is “Paris”, “Lyon” or “Lille”',
  ],
  [
    'none of one city',
    attr('customer.city', { operator: 'not_in', values: ['Paris'] }),
    'City is not “Paris”',
  ],
  [
    'none of two cities',
    attr('customer.city', { operator: 'not_in', values: ['Paris', 'Lyon'] }),
    'City is none of “Paris” or “Lyon”',
  ],
  [
    'a long list, cut short',
    attr('customer.city', { operator: 'in', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
    'City is “a”, “b”, “c”, “d”, “e” or 2 more',
  ],
  [
    'a part of a name',
    attr('customer.first_name', { operator: 'contains', value: 'ann' }),
    'First name contains “ann”',
  ],
  [
    'a start of a name',
    attr('customer.first_name', { operator: 'starts_with', value: 'Ol' }),
    'First name starts with “Ol”',
  ],
  [
    'a value with markup, kept as text',
    attr('customer.city', eq('<b>Paris</b> & co')),
    'City is “<b>Paris</b> & co”',
  ],
  [
    'more than',
    attr('customer.children', { operator: 'gt', value: 2 }),
    'Number of children is more than 2',
  ],
  [
    'at least',
    attr('customer.children', { operator: 'gte', value: 10000 }),
    'Number of children is at least 10,000',
  ],
  [
    'less than',
    attr('customer.children', { operator: 'lt', value: 0.25 }),
    'Number of children is less than 0.25',
  ],
  [
    'at most',
    attr('customer.children', { operator: 'lte', value: -3 }),
    'Number of children is at most -3',
  ],
  [
    'a number range',
    attr('customer.children', { operator: 'between', min: 1, max: 3 }),
    'Number of children is between 1 and 3',
  ],
  [
    'a date range',
    attr('customer.birth_date', { operator: 'between', min: '1990-01-01', max: '1999-12-31' }),
    'Birth date is between 1 Jan 1990 and 31 Dec 1999',
  ],
  [
    'before a date',
    attr('customer.birth_date', { operator: 'before', value: '2000-03-05' }),
    'Birth date is before 5 Mar 2000',
  ],
  [
    'after a date',
    attr('customer.birth_date', { operator: 'after', value: '2000-03-05' }),
    'Birth date is after 5 Mar 2000',
  ],
  [
    'in the last days',
    attr('customer.birth_date', { operator: 'in_last_days', days: 30 }),
    'Birth date is in the last 30 days',
  ],
  [
    'in the last day',
    attr('customer.birth_date', { operator: 'in_last_days', days: 1 }),
    'Birth date is in the last day',
  ],
  [
    'not in the last days',
    attr('customer.birth_date', { operator: 'not_in_last_days', days: 7 }),
    'Birth date is not in the last 7 days',
  ],
  ['missing', attr('customer.city', { operator: 'is_empty' }), 'City is empty'],
  ['present', attr('customer.city', { operator: 'is_set' }), 'City is set'],
  ['a yes', attr('customer.newsletter', { operator: 'is_true' }), 'Newsletter subscriber is yes'],
  ['a no', attr('customer.newsletter', { operator: 'is_false' }), 'Newsletter subscriber is no'],
  ['an unknown field, by its id', attr('customer.nope', eq('x')), '“customer.nope” is “x”'],
  ['a negated condition', not(attr('customer.city', eq('Paris'))), 'Not (city is “Paris”)'],
  [
    'a score',
    { id: 's', kind: 'score', negate: false, score: 'score.churn_band', test: eq('high') },
    'Churn risk is “high”',
  ],
  [
    'an unknown score, by its id',
    { id: 's', kind: 'score', negate: false, score: 'score.x', test: eq(1) },
    '“score.x” is 1',
  ],
  [
    'total spend over a year',
    aggregate('total_spend_cents', { operator: 'gt', value: 50000 }, last(365)),
    'Total spend (€) is more than €500.00 in the last 365 days',
  ],
  [
    'a favourite category ever',
    aggregate('favourite_category', eq('films')),
    'Favourite category is “films”',
  ],
  [
    'channels used, any of',
    aggregate('channels_used', { operator: 'in', values: ['web', 'store'] }),
    'Channels used includes any of “web” or “store”',
  ],
  [
    'channels used, none of',
    aggregate('channels_used', { operator: 'not_in', values: ['app'] }),
    'Channels used includes none of “app”',
  ],
  [
    'channels used, all of',
    aggregate('payment_methods_used', { operator: 'all_of', values: ['card', 'cash'] }),
    'Payment methods used includes all of “card” and “cash”',
  ],
  [
    'no channel used',
    aggregate('channels_used', { operator: 'is_empty' }),
    'Channels used is empty',
  ],
  [
    'email consent',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'consent', channel: 'email' } },
    'With email consent',
  ],
  [
    'SMS consent',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'consent', channel: 'sms' } },
    'With SMS consent',
  ],
  [
    'a valid email',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
    'With a valid email address',
  ],
  [
    'a valid phone',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_phone' } },
    'With a valid phone number',
  ],
  [
    'a usable first name',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'usable_first_name' } },
    'With a first name usable in a greeting',
  ],
  [
    'a shared device',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'shared_device' } },
    'With a device another profile uses too',
  ],
  [
    'a duplicate e-mail',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'duplicate_email' } },
    'With an e-mail address another profile has too',
  ],
  [
    'a duplicate phone',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'duplicate_phone' } },
    'With a phone number another profile has too',
  ],
  [
    'a push consent on record',
    {
      id: 'r',
      kind: 'reachability',
      negate: false,
      check: { type: 'consent_known', channel: 'push' },
    },
    'With push consent on record',
  ],
  [
    'a named segment',
    { id: 'm', kind: 'segment', negate: false, segment_id: 'vip' },
    'In segment “Big spenders”',
  ],
  [
    'a segment with no name known',
    { id: 'm', kind: 'segment', negate: false, segment_id: 's42' },
    'In segment “s42”',
  ],
])('one line for %s', (_, node, expected) => {
  expect(summary(node)).toBe(expected);
});

test.each<[string, BehaviourCondition, string]>([
  ['an event ever', event('email_open'), 'Ever opened an email'],
  [
    'an event in a window',
    event('email_open', atLeast(1), last(60)),
    'Opened an email in the last 60 days',
  ],
  [
    'an event never',
    event('email_open', { operator: 'exactly', value: 0 }),
    'Never opened an email',
  ],
  [
    'an event never in a window',
    event('email_open', { operator: 'at_most', value: 0 }, last(60)),
    'Never opened an email in the last 60 days',
  ],
  [
    'an event exactly once',
    event('search', { operator: 'exactly', value: 1 }),
    'Searched exactly once',
  ],
  [
    'an event at least twice',
    event('search', atLeast(2), last(7)),
    'Searched at least twice in the last 7 days',
  ],
  [
    'an event exactly 3 times',
    event('search', { operator: 'exactly', value: 3 }),
    'Searched exactly 3 times',
  ],
  [
    'an event at most 5 times',
    event('search', { operator: 'at_most', value: 5 }),
    'Searched at most 5 times',
  ],
  ['an event any number of times', event('search', atLeast(0)), 'Searched any number of times'],
  [
    'an event between two dates',
    event('search', atLeast(1), { type: 'between', from: '2026-01-01', to: '2026-03-31' }),
    'Searched between 1 Jan 2026 and 31 Mar 2026',
  ],
  [
    'an event before a date',
    event('search', atLeast(1), { type: 'before', date: '2026-01-01' }),
    'Searched before 1 Jan 2026',
  ],
  [
    'an event after a date',
    event('search', atLeast(1), { type: 'after', date: '2026-01-01' }),
    'Searched after 1 Jan 2026',
  ],
  [
    'an event with property filters',
    event('product_view', atLeast(1), last(30), [
      line('property.category', eq('films')),
      line('property.price_cents', { operator: 'gte', value: 2000 }),
    ]),
    'Viewed a product where category is “films” and price_cents is at least €20.00 in the last 30 days',
  ],
  ['an unknown event', event('teleported'), 'Ever did “teleported”'],
  ['one order', orders(atLeast(1), ever), 'Placed at least 1 order'],
  [
    'orders in a window',
    orders(atLeast(3), last(90)),
    'Placed at least 3 orders in the last 90 days',
  ],
  [
    'no order',
    orders({ operator: 'exactly', value: 0 }, last(90)),
    'Placed no order in the last 90 days',
  ],
  ['exactly one order', orders({ operator: 'exactly', value: 1 }, ever), 'Placed exactly 1 order'],
  [
    'at most two orders',
    orders({ operator: 'at_most', value: 2 }, ever),
    'Placed at most 2 orders',
  ],
  ['any number of orders', orders(atLeast(0), ever), 'Placed any number of orders'],
  [
    'a Blu-ray bought in store',
    orders(atLeast(1), last(90), [
      line('order.channel', eq('store')),
      line('line.format', eq('blu_ray')),
    ]),
    'Placed at least 1 order whose order channel is “store” with a line whose product format is “blu_ray” in the last 90 days',
  ],
  [
    'two filters on one line',
    orders(atLeast(1), ever, [
      line('line.category', eq('films')),
      line('line.unit_price_cents', { operator: 'lt', value: 1000 }),
    ]),
    'Placed at least 1 order with a line whose product category is “films” and unit price (€) is less than €10.00',
  ],
  [
    'an unknown filter, by its id',
    orders(atLeast(1), ever, [line('order.status', eq('returned'))]),
    'Placed at least 1 order whose “order.status” is “returned”',
  ],
])('one line for a behaviour: %s', (_, node, expected) => {
  expect(summary(node)).toBe(expected);
});

test.each<[string, Group, string]>([
  [
    'an AND group',
    group('g', [attr('customer.city', eq('x')), attr('customer.city', eq('y'))]),
    'All of 2 conditions',
  ],
  ['an OR group', group('g', [attr('customer.city', eq('x'))], 'or'), 'Any of 1 condition'],
  [
    'a negated AND group',
    group('g', [attr('customer.city', eq('x'))], 'and', true),
    'Not all of 1 condition',
  ],
  [
    'a negated OR group',
    group('g', [attr('customer.city', eq('x')), attr('customer.city', eq('y'))], 'or', true),
    'None of 2 conditions',
  ],
  ['an empty group', group('g', []), 'An empty group'],
])('one line for %s', (_, node, expected) => {
  expect(summary(node)).toBe(expected);
});

const city = attr('customer.city', eq('Paris'), 'city');
const gold = attr('customer.loyalty_tier', eq('gold'), 'gold');
const opened = event('email_open', atLeast(1), last(60));
const describe = (...children: SegmentNode[]) =>
  describeDefinition({ version: 1, root: group('root', children) }, testCatalogue, names);

test('reads the issue’s example as a marketer would say it', () => {
  const bluRay = orders(atLeast(1), last(90), [line('line.format', eq('blu_ray'))]);
  expect(describe(city, bluRay, not(group('g', [opened])))).toBe(
    'Customers whose city is “Paris” and who placed at least 1 order with a line whose product format is “blu_ray” in the last 90 days, and not (who opened an email in the last 60 days)',
  );
});

test.each<[string, SegmentNode[], string]>([
  ['one condition', [city], 'Customers whose city is “Paris”'],
  ['a negated condition', [not(city)], 'Customers not (whose city is “Paris”)'],
  [
    'three conditions',
    [city, gold, opened],
    'Customers whose city is “Paris” and whose loyalty tier is “gold” and who opened an email in the last 60 days',
  ],
  [
    'a nested OR',
    [city, group('g', [gold, opened], 'or')],
    'Customers whose city is “Paris” and (either whose loyalty tier is “gold” or who opened an email in the last 60 days)',
  ],
  [
    'a negated nested OR',
    [city, group('g', [gold, opened], 'or', true)],
    'Customers whose city is “Paris”, and not (either whose loyalty tier is “gold” or who opened an email in the last 60 days)',
  ],
  [
    'a nested group of one, without parentheses',
    [city, group('g', [gold])],
    'Customers whose city is “Paris” and whose loyalty tier is “gold”',
  ],
  [
    'groups in groups',
    [group('g1', [city, group('g2', [gold, opened], 'or')])],
    'Customers whose city is “Paris” and (either whose loyalty tier is “gold” or who opened an email in the last 60 days)',
  ],
  [
    'an AND inside an OR, the only child of the top group',
    [group('or', [group('g1', [city, gold]), opened], 'or')],
    'Customers either (whose city is “Paris” and whose loyalty tier is “gold”) or who opened an email in the last 60 days',
  ],
  [
    'a negated group of one',
    [city, group('g', [group('h', [gold, opened])], 'and', true)],
    'Customers whose city is “Paris”, and not (whose loyalty tier is “gold” and who opened an email in the last 60 days)',
  ],
  [
    'a label starting with an acronym',
    [{ id: 's', kind: 'score', negate: false, score: 'score.rfm_cell', test: eq('555') }],
    'Customers whose RFM cell is “555”',
  ],
  [
    'a segment and consent',
    [
      { id: 'm', kind: 'segment', negate: false, segment_id: 'vip' },
      {
        id: 'r',
        kind: 'reachability',
        negate: false,
        check: { type: 'consent', channel: 'email' },
      },
    ],
    'Customers who are in segment “Big spenders” and with email consent',
  ],
  [
    'an empty nested group',
    [city, group('g', [])],
    'Customers whose city is “Paris” and (no condition)',
  ],
])('describes %s', (_, children, expected) => {
  expect(describe(...children)).toBe(expected);
});

test('a top OR group reads "either … or …", a negated top group "not (…)"', () => {
  const or = { version: 1 as const, root: group('root', [city, gold, opened], 'or') };
  expect(describeDefinition(or, testCatalogue)).toBe(
    'Customers either whose city is “Paris” or whose loyalty tier is “gold” or who opened an email in the last 60 days',
  );
  const negated = { version: 1 as const, root: group('root', [city, gold], 'and', true) };
  expect(describeDefinition(negated, testCatalogue)).toBe(
    'Customers not (whose city is “Paris” and whose loyalty tier is “gold”)',
  );
});

test('an empty definition says there is no condition yet', () => {
  expect(describe()).toBe('No condition yet');
});

test('a segment without a names map is named by its id', () => {
  const def = {
    version: 1 as const,
    root: group('root', [{ id: 'm', kind: 'segment' as const, negate: false, segment_id: 'vip' }]),
  };
  expect(describeDefinition(def, testCatalogue)).toBe('Customers who are in segment “vip”');
});

test.each([
  ['2026-01-01', '1 Jan 2026'],
  ['1999-12-31', '31 Dec 1999'],
  ['2026-02-30', '“2026-02-30”'],
  ['yesterday', '“yesterday”'],
])('the date %s reads %s', (iso, text) => {
  expect(formatDate(iso)).toBe(text);
});

test('known values read in the catalogue’s words; free text and unknown codes stay as typed', () => {
  const known = new Map([
    ['gold', 'Gold'],
    ['card', 'Bank card'],
    ['Paris', 'not for free text'],
    ['video_games', 'Video games'],
    ['blu_ray', 'Blu-ray'],
  ]);
  const words = (code: string) => known.get(code) ?? code;
  const withWords = (...children: SegmentNode[]) =>
    describeDefinition(
      { version: 1, root: group('root', children) },
      testCatalogue,
      names,
      'en',
      words,
    );
  const paid = orders(atLeast(1), last(30), [
    line('order.payment_method', { operator: 'in', values: ['card', 'cash'] }),
  ]);
  expect(withWords(gold, city)).toBe(
    'Customers whose loyalty tier is “Gold” and whose city is “Paris”',
  );
  expect(withWords(paid)).toContain('payment method is “Bank card” or “cash”');
  expect(describeNode(gold, testCatalogue, names, 'en', words)).toBe('Loyalty tier is “Gold”');
  // An event's product category is a code though its field is text; so is a line's format.
  const viewed = event('product_view', atLeast(1), last(30), [
    line('property.category', eq('video_games')),
  ]);
  expect(withWords(viewed)).toContain('category is “Video games”');
  const format = orders(atLeast(1), last(30), [line('line.format', eq('blu_ray'))]);
  expect(withWords(format)).toContain('is “Blu-ray”');
});
