import { describe, expect, test } from 'vitest';
import {
  CHANNEL_BREAKDOWN_IDS,
  ORDER_CHANNEL_BREAKDOWN,
  PROPENSITY_BANDS,
  REACH_BREAKDOWN,
  SCORE_BREAKDOWN_IDS,
  breakdownColumn,
  breakdownReader,
  breakdownSource,
  isMultiValued,
  propensityBand,
  valueBand,
  VALUE_BANDS,
  rankBreakdown,
} from './breakdown.ts';
import type { CustomerFacts } from './facts.ts';
import { context, facts, type Rows } from './segment.fixture.ts';

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

describe('what a segment can be broken down by', () => {
  test('customer attributes, five scores and the two channel breakdowns; nothing else', () => {
    expect(breakdownSource('customer.city')).toEqual({ kind: 'column', column: 'city' });
    expect(breakdownSource('score.churn_band')).toEqual({
      kind: 'score',
      score: 'score.churn_band',
      bands: null,
    });
    expect(breakdownSource('score.rfm_cell')).toMatchObject({ kind: 'score', bands: null });
    expect(breakdownSource('score.propensity_30d')).toMatchObject({
      kind: 'score',
      bands: 'propensity',
    });
    expect(breakdownSource('score.propensity_90d')).toMatchObject({
      kind: 'score',
      bands: 'propensity',
    });
    expect(breakdownSource('score.clv_12m')).toMatchObject({ kind: 'score', bands: 'value' });
    expect(breakdownSource(REACH_BREAKDOWN)).toEqual({ kind: 'reach' });
    expect(breakdownSource(ORDER_CHANNEL_BREAKDOWN)).toEqual({ kind: 'order_channel' });
    for (const refused of [
      'score.clv_90d',
      'score.x',
      'order.channel',
      'customer.email',
      'reach',
    ]) {
      expect(breakdownSource(refused)).toBeNull();
    }
    expect(isMultiValued(REACH_BREAKDOWN)).toBe(true);
    expect(isMultiValued(ORDER_CHANNEL_BREAKDOWN)).toBe(true);
    expect(isMultiValued('score.churn_band')).toBe(false);
    expect(isMultiValued('customer.city')).toBe(false);
  });

  test('propensity bands are ten points wide, 100 in the last, no value none', () => {
    expect(PROPENSITY_BANDS).toHaveLength(10);
    expect(PROPENSITY_BANDS[0]).toBe('0-10');
    expect(PROPENSITY_BANDS[9]).toBe('90-100');
    expect(propensityBand(0)).toBe('0-10');
    expect(propensityBand(9.99)).toBe('0-10');
    expect(propensityBand(10)).toBe('10-20');
    expect(propensityBand(49.99)).toBe('40-50');
    expect(propensityBand(50)).toBe('50-60');
    expect(propensityBand(99.99)).toBe('90-100');
    expect(propensityBand(100)).toBe('90-100');
    expect(propensityBand(-1)).toBe('0-10');
    for (const none of [null, undefined, Number.NaN, Infinity, '40']) {
      expect(propensityBand(none)).toBeNull();
    }
  });
});

describe('what a member counts under', () => {
  const column = (f: CustomerFacts, name: string) =>
    name === 'city' ? f.customer.city : name === 'loyalty_tier' ? f.customer.loyalty_tier : null;
  const read = (id: string, rows: Rows) => {
    const source = breakdownSource(id);
    if (source === null) throw new Error(id);
    return breakdownReader(source, context, column)(facts(rows));
  };

  test('an attribute: its value as text, or missing', () => {
    expect(read('customer.city', { customer: { city: 'Lyon' } })).toEqual(['Lyon']);
    expect(read('customer.city', { customer: { city: null } })).toEqual([null]);
  });

  test('a score: its value, a propensity as its band, missing without one', () => {
    const scores: Rows['scores'] = [
      ['score.churn_band', 'high'],
      ['score.propensity_30d', 37.5],
      ['score.propensity_90d', null],
    ];
    expect(read('score.churn_band', { scores })).toEqual(['high']);
    expect(read('score.propensity_30d', { scores })).toEqual(['30-40']);
    expect(read('score.propensity_90d', { scores })).toEqual([null]);
    expect(read('score.rfm_cell', { scores })).toEqual([null]);
  });

  test('reach: each channel with consent (and a valid address where one is needed), else none', () => {
    const granted = (channel: 'email' | 'sms' | 'push', at = '2025-01-01T00:00:00.000Z') => ({
      consent_id: `K-${channel}-${at}`,
      channel,
      status: 'granted' as const,
      at,
    });
    const good = { email: 'a@b.fr', phone: '+33612345678' };
    expect(
      read(REACH_BREAKDOWN, {
        customer: good,
        consents: [granted('email'), granted('sms'), granted('push')],
      }),
    ).toEqual(['email', 'sms', 'push']);
    // Consent without a usable address does not reach; no consent does not either.
    expect(
      read(REACH_BREAKDOWN, {
        customer: { email: 'not an email', phone: '12' },
        consents: [granted('email'), granted('sms')],
      }),
    ).toEqual([null]);
    // The latest consent decides: a withdrawal after a grant.
    expect(
      read(REACH_BREAKDOWN, {
        customer: good,
        consents: [
          granted('email'),
          { ...granted('email', '2025-06-01T00:00:00.000Z'), status: 'withdrawn' },
          granted('push'),
        ],
      }),
    ).toEqual(['push']);
  });

  test('order channels: those of completed orders, each once, in order; none without one', () => {
    expect(
      read(ORDER_CHANNEL_BREAKDOWN, {
        orders: [
          { order: { order_id: 'O1', channel: 'web' } },
          { order: { order_id: 'O2', channel: 'store' } },
          { order: { order_id: 'O3', channel: 'web' } },
          { order: { order_id: 'O4', channel: 'app', status: 'cancelled' } },
        ],
      }),
    ).toEqual(['store', 'web']);
    expect(
      read(ORDER_CHANNEL_BREAKDOWN, {
        orders: [{ order: { order_id: 'O4', channel: 'app', status: 'cancelled' } }],
      }),
    ).toEqual([null]);
    expect(read(ORDER_CHANNEL_BREAKDOWN, {})).toEqual([null]);
  });
});

test('ordinal values read in their order, the missing one last; values without members are dropped', () => {
  const rows = [
    { value: null, count: 9 },
    { value: 'high', count: 1 },
    { value: 'low', count: 5 },
    { value: 'medium', count: 0 },
  ];
  expect(rankBreakdown(rows, 'score.churn_band')).toEqual([
    { value: 'low', count: 5 },
    { value: 'high', count: 1 },
    { value: null, count: 9 },
  ]);
  expect(
    rankBreakdown(
      [
        { value: '90-100', count: 1 },
        { value: '0-10', count: 2 },
        { value: '10-20', count: 7 },
      ],
      'score.propensity_30d',
    ).map((r) => r.value),
  ).toEqual(['0-10', '10-20', '90-100']);
  // Not ordinal: largest first.
  expect(rankBreakdown(rows, 'score.rfm_cell').map((r) => r.value)).toEqual([null, 'low', 'high']);
});

test('the ids the API and the picker use are these', () => {
  expect(REACH_BREAKDOWN).toBe('reach.channel');
  expect(ORDER_CHANNEL_BREAKDOWN).toBe('order.channels_used');
  expect(SCORE_BREAKDOWN_IDS).toEqual([
    'score.churn_band',
    'score.rfm_cell',
    'score.propensity_30d',
    'score.propensity_90d',
    'score.clv_12m',
  ]);
  expect(CHANNEL_BREAKDOWN_IDS).toEqual(['reach.channel', 'order.channels_used']);
  expect(breakdownSource('reach.channel')).toEqual({ kind: 'reach' });
  expect(breakdownSource('order.channels_used')).toEqual({ kind: 'order_channel' });
});

test('equal counts read by value, the missing one last, whatever order they come in', () => {
  const rows = [
    { value: 'b', count: 1 },
    { value: null, count: 1 },
    { value: 'a', count: 1 },
    { value: 'c', count: 1 },
  ];
  for (const order of [rows, [...rows].reverse(), [rows[1], rows[3], rows[0], rows[2]]]) {
    const given = order.flatMap((r) => (r === undefined ? [] : [r]));
    expect(rankBreakdown(given, 'customer.city').map((r) => r.value)).toEqual([
      'a',
      'b',
      'c',
      null,
    ]);
    expect(rankBreakdown(given).map((r) => r.value)).toEqual(['a', 'b', 'c', null]);
  }
});

test('predicted value bands in euros: lower end in, upper end out, 1,000 and more last', () => {
  expect(VALUE_BANDS).toEqual([
    '0-25',
    '25-50',
    '50-100',
    '100-250',
    '250-500',
    '500-1000',
    '1000+',
  ]);
  expect(valueBand(0)).toBe('0-25');
  expect(valueBand(-3)).toBe('0-25');
  expect(valueBand(24.99)).toBe('0-25');
  expect(valueBand(25)).toBe('25-50');
  expect(valueBand(99.99)).toBe('50-100');
  expect(valueBand(100)).toBe('100-250');
  expect(valueBand(499.99)).toBe('250-500');
  expect(valueBand(500)).toBe('500-1000');
  expect(valueBand(999.99)).toBe('500-1000');
  expect(valueBand(1000)).toBe('1000+');
  expect(valueBand(1e9)).toBe('1000+');
  for (const none of [null, undefined, Number.NaN, -Infinity, Infinity, '40']) {
    expect(valueBand(none)).toBeNull();
  }
});
