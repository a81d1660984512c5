// The deterministic edge sweep every segment engine is held to: single conditions aimed at the
// adversarial customers (segments-fixture.ts) that random definitions rarely reach — every window
// on its edges, every operator of every type with the values those customers hold (and their case
// variants), aggregates compared with their exact values (half-even averages, promo shares with
// empty codes, days since an order at midnight), event properties and scores of every JSON type
// under awkward names. The engines' tests (segments-sweep*.test.ts) evaluate each condition on
// every customer and compare with the reference evaluator.
import { roundHalfEven } from '../../src/domain/profile/figures.ts';
import type {
  AggregateMeasure,
  Comparison,
  Condition,
  SegmentDefinition,
  TimeWindow,
} from '../../src/domain/segment/definition.ts';
import {
  customerFields,
  inRange,
  instantMs,
  lineFields,
  orderFields,
  windowRange,
  type CustomerFacts,
} from '../../src/domain/segment/facts.ts';
import {
  EDGE_DATES,
  EDGE_DAYS,
  FIXTURE_SCORE_IDS,
  ODD_PROPERTY_NAMES,
  SCORE_VALUES,
  adversarialRows,
} from './segments-fixture.ts';

type Value = string | number | boolean;

/** A one-condition definition. */
export function definition(condition: Condition): SegmentDefinition {
  return {
    version: 1,
    root: { id: 'r', kind: 'group', negate: false, combinator: 'and', children: [condition] },
  };
}

function windows(asOf: string): TimeWindow[] {
  const day = (offset: number) =>
    new Date(Date.parse(asOf) - offset * 86_400_000).toISOString().slice(0, 10);
  return [
    { type: 'ever' },
    ...EDGE_DAYS.map((days) => ({ type: 'last_days' as const, days })),
    ...EDGE_DATES.map((date) => ({ type: 'before' as const, date })),
    ...EDGE_DATES.map((date) => ({ type: 'after' as const, date })),
    ...EDGE_DATES.map((from, i) => ({
      type: 'between' as const,
      from,
      to: EDGE_DATES[Math.min(i + 1, EDGE_DATES.length - 1)] ?? from,
    })),
    { type: 'between', from: day(0), to: day(0) },
    { type: 'between', from: day(30), to: day(1) },
  ];
}

/** Fewer windows for aggregates: one of each kind, on the edges the fixture's orders sit on. */
function aggregateWindows(asOf: string): TimeWindow[] {
  const all = windows(asOf);
  return [0, 3, 5, 6, 11, 14, all.length - 2, all.length - 1].flatMap((i) => all[i] ?? []);
}

/** A value other than `v`, of its type, that no fixture row holds. */
function stranger(v: Value): Value {
  return typeof v === 'string' ? 'zz-nobody' : typeof v === 'number' ? -424242 : !v;
}

const PRESENCE: Comparison[] = [
  { operator: 'is_empty' },
  { operator: 'is_set' },
  { operator: 'is_true' },
  { operator: 'is_false' },
];

/** Every operator that takes a value, on `v` (numbers also as bounds, text also upper-cased). */
function testsOf(v: Value): Comparison[] {
  const lists: Comparison[] = [
    { operator: 'equals', value: v },
    { operator: 'not_equals', value: v },
    { operator: 'in', values: [v, stranger(v)] },
    { operator: 'not_in', values: [v] },
    { operator: 'all_of', values: [v] },
  ];
  if (typeof v === 'string') {
    return [
      ...lists,
      { operator: 'all_of', values: [v, v.toUpperCase()] },
      { operator: 'contains', value: v },
      { operator: 'starts_with', value: v },
    ];
  }
  if (typeof v === 'number') {
    return [
      ...lists,
      { operator: 'gt', value: v },
      { operator: 'gte', value: v },
      { operator: 'lt', value: v },
      { operator: 'lte', value: v },
      { operator: 'between', min: v, max: v },
    ];
  }
  return lists;
}

/** Every date operator on the calendar date `d`. */
function dateTestsOf(d: string): Comparison[] {
  return [
    { operator: 'before', value: d },
    { operator: 'after', value: d },
    { operator: 'equals', value: d },
    { operator: 'not_equals', value: d },
    { operator: 'in', values: [d, '1900-01-01'] },
    { operator: 'not_in', values: [d] },
    { operator: 'between', min: d, max: d },
  ];
}

const LAST_DAYS: Comparison[] = EDGE_DAYS.flatMap((days): Comparison[] => [
  { operator: 'in_last_days', days },
  { operator: 'not_in_last_days', days },
]);

/** Values of the numeric aggregates the adversarial customers have in a window. */
function measureValues(
  facts: readonly CustomerFacts[],
  window: TimeWindow,
  asOf: string,
): Map<AggregateMeasure, Set<number>> {
  const r = windowRange(window, Date.parse(asOf));
  const within = (iso: string) => r !== null && inRange(instantMs(iso), r);
  const out = new Map<AggregateMeasure, Set<number>>(
    (
      [
        'total_spend_cents',
        'order_count',
        'average_order_cents',
        'days_since_last_order',
        'promo_share',
      ] as const
    ).map((m) => [m, new Set<number>()]),
  );
  for (const f of facts) {
    const orders = f.orders
      .map((o) => o.order)
      .filter((o) => o.status === 'completed' && within(o.placed_at));
    const sum = orders.reduce((s, o) => s + o.total_cents, 0);
    out.get('total_spend_cents')?.add(sum);
    out.get('order_count')?.add(orders.length);
    if (orders.length === 0) continue;
    const avg = sum / orders.length;
    for (const x of [avg, roundHalfEven(avg), Math.floor(avg), Math.ceil(avg)])
      out.get('average_order_cents')?.add(x);
    const last = orders.reduce((m, o) => (o.placed_at > m ? o.placed_at : m), '');
    const days = (Date.parse(asOf) - Date.parse(last)) / 86_400_000;
    for (const x of [Math.floor(days), Math.ceil(days)]) out.get('days_since_last_order')?.add(x);
    const promos = orders.filter((o) => o.promo_code !== null).length;
    const real = orders.filter((o) => o.promo_code !== null && o.promo_code !== '').length;
    out
      .get('promo_share')
      ?.add(promos / orders.length)
      .add(real / orders.length);
  }
  return out;
}

/** The sweep's conditions for data holding the adversarial customers, as of `asOf`. */
export function sweepConditions(allFacts: readonly CustomerFacts[], asOf: string): Condition[] {
  const adversarial = adversarialRows(asOf);
  const ids = new Set(adversarial.customers.map((c) => c.customer_id));
  const facts = allFacts.filter((f) => ids.has(f.customer.customer_id));
  const out: Condition[] = [];
  const base = { id: 'c', negate: false };

  // Attributes: every field, the adversarial customers' own values and their case variants.
  for (const [id, field] of customerFields) {
    const values = new Set<string>();
    for (const c of adversarial.customers) {
      const v = field.read(c);
      if (typeof v === 'string') values.add(v).add(v.toUpperCase());
    }
    const comparisons: Comparison[] =
      field.type === 'date'
        ? [
            ...[...EDGE_DATES, ...[...values].map((v) => v.slice(0, 10))].flatMap(dateTestsOf),
            ...LAST_DAYS,
          ]
        : [
            ...[...values].flatMap(testsOf),
            { operator: 'in', values: [...values].slice(0, 3) },
            { operator: 'not_in', values: [...values].slice(0, 3) },
            { operator: 'equals', value: 5 },
          ];
    for (const test of [...comparisons, ...PRESENCE]) {
      out.push({ ...base, kind: 'attribute', field: id, test });
    }
  }

  // Behaviour windows on their edges, with counts either side of the edge rows.
  for (const window of windows(asOf)) {
    for (const count of [
      { operator: 'at_least', value: 1 },
      { operator: 'exactly', value: 2 },
      { operator: 'at_most', value: 1 },
    ] as const) {
      out.push({
        ...base,
        kind: 'behaviour',
        action: { type: 'order' },
        count,
        window,
        filters: [],
      });
      for (const event_type of ['review', 'search'] as const) {
        out.push({
          ...base,
          kind: 'behaviour',
          action: { type: 'event', event_type },
          count,
          window,
          filters: [],
        });
      }
    }
  }

  // Order and line filters with the adversarial orders' own values.
  const orderRows = adversarial.orders;
  const lineRows = facts.flatMap((f) => f.orders.flatMap((o) => o.lines));
  for (const field of [...orderFields.values(), ...lineFields.values()]) {
    const values = new Set<Value>();
    if (field.table === 'orders') {
      for (const o of orderRows) {
        const v = orderFields.get(field.id)?.read(o);
        if (v !== null && v !== undefined)
          values.add(typeof v === 'string' && field.type === 'date' ? v.slice(0, 10) : v);
      }
    } else {
      for (const l of lineRows) {
        const v = lineFields.get(field.id)?.read(l);
        if (v !== null && v !== undefined) values.add(v);
      }
    }
    const comparisons = [...values]
      .slice(0, 6)
      .flatMap((v): Comparison[] =>
        field.type === 'date' && typeof v === 'string' ? dateTestsOf(v) : testsOf(v),
      );
    if (field.type === 'date') comparisons.push(...LAST_DAYS);
    for (const test of [...comparisons, ...PRESENCE]) {
      out.push({
        ...base,
        kind: 'behaviour',
        action: { type: 'order' },
        count: { operator: 'at_least', value: 1 },
        window: { type: 'ever' },
        filters: [{ field: field.id, test }],
      });
    }
  }

  // Event properties: awkward names, every JSON type, values of one type tested as another.
  const propertyValues: Value[] = [
    '5',
    5,
    4.5,
    0,
    -1e-7,
    1e21,
    '',
    'élodie',
    'zz-film',
    true,
    false,
    'x',
  ];
  for (const name of [...ODD_PROPERTY_NAMES, 'rating', 'text', 'verified', 'missing']) {
    for (const test of [...propertyValues.flatMap(testsOf), ...PRESENCE]) {
      out.push({
        ...base,
        kind: 'behaviour',
        action: { type: 'event', event_type: 'review' },
        count: { operator: 'at_least', value: 1 },
        window: { type: 'ever' },
        filters: [{ field: `property.${name}`, test }],
      });
    }
  }

  // Scores, typed by their values like event properties (fixtureScores gives the values).
  const scoreValues = SCORE_VALUES.filter((v): v is number | string => v !== null);
  for (const score of FIXTURE_SCORE_IDS) {
    for (const test of [...scoreValues.flatMap(testsOf), ...PRESENCE]) {
      out.push({ ...base, kind: 'score', score, test });
    }
  }

  // Aggregates against the values the adversarial customers have in each window.
  for (const window of aggregateWindows(asOf)) {
    for (const [measure, values] of measureValues(facts, window, asOf)) {
      for (const v of values) {
        const tests: Comparison[] = [
          { operator: 'equals', value: v },
          { operator: 'not_equals', value: v },
        ];
        if (!Number.isInteger(v)) tests.push({ operator: 'gte', value: v });
        for (const test of tests) out.push({ ...base, kind: 'aggregate', measure, window, test });
      }
      for (const test of PRESENCE.slice(0, 2)) {
        out.push({ ...base, kind: 'aggregate', measure, window, test });
      }
    }
    for (const measure of [
      'favourite_category',
      'channels_used',
      'payment_methods_used',
    ] as const) {
      const values =
        measure === 'favourite_category'
          ? ['films', 'books']
          : measure === 'channels_used'
            ? ['web', 'store']
            : ['card', 'gift_card'];
      const [first = ''] = values;
      const comparisons: Comparison[] = [
        { operator: 'equals', value: first },
        { operator: 'not_equals', value: first },
        { operator: 'in', values: [first, 5] },
        { operator: 'not_in', values },
        { operator: 'all_of', values },
        { operator: 'all_of', values: [first, first] },
        { operator: 'all_of', values: [first, 5] },
        { operator: 'all_of', values: [] },
        { operator: 'contains', value: first.slice(1, 3) },
        { operator: 'is_empty' },
        { operator: 'is_set' },
      ];
      for (const test of comparisons)
        out.push({ ...base, kind: 'aggregate', measure, window, test });
    }
  }

  // Reachability on the tied and re-granted consents, odd emails, phones and first names.
  for (const channel of ['email', 'sms', 'push', 'phone'] as const) {
    out.push({ ...base, kind: 'reachability', check: { type: 'consent', channel } });
    out.push({ ...base, kind: 'reachability', check: { type: 'consent_known', channel } });
  }
  out.push({ ...base, kind: 'reachability', check: { type: 'valid_email' } });
  out.push({ ...base, kind: 'reachability', check: { type: 'valid_phone' } });
  out.push({ ...base, kind: 'reachability', check: { type: 'usable_first_name' } });
  for (const type of ['shared_device', 'duplicate_email', 'duplicate_phone'] as const)
    out.push({ ...base, kind: 'reachability', check: { type } });
  return out;
}
