// fast-check arbitraries of segment definitions for the differential tests: every condition kind
// and operator, groups nested up to five deep, values drawn from the data itself (so conditions
// select someone) plus edge values (empty and blank strings, case variants, unicode, dates and
// day counts on the windows' edges, numbers at half-even boundaries). A small share of tests use
// operators or values of another type, which validation refuses: both engines must agree on those
// too.
import fc from 'fast-check';
import { daysBetween, type CatalogueType } from '../../src/domain/profile/catalogue.ts';
import { roundHalfEven } from '../../src/domain/profile/figures.ts';
import {
  consentChannel,
  eventType,
  orderChannel,
  paymentMethod,
  type Dataset,
  type EventType,
} from '../../src/domain/profile/schema.ts';
import {
  aggregateMeasure,
  type AggregateMeasure,
  type Comparison,
  type Condition,
  type Group,
  type PropertyFilter,
  type SegmentDefinition,
  type SegmentNode,
  type TimeWindow,
} from '../../src/domain/segment/definition.ts';
import {
  customerFields,
  lineFields,
  orderFields,
  type Scalar,
} from '../../src/domain/segment/facts.ts';
import {
  EDGE_DATES,
  EDGE_DAYS,
  ODD_PROPERTY_NAMES,
  ODD_PROPERTY_VALUES,
  FIXTURE_SCORE_IDS,
  SCORE_VALUES,
} from './segments-fixture.ts';

type Value = string | number | boolean;

/**
 * Code points whose lower case differs between JavaScript and DuckDB (found by comparing both on
 * every code point): İ, U+FEFF and 55 letters added in Unicode 16; plus Σ, whose final form JS
 * lower-cases by context. Strings with them are not drawn: the two engines cannot agree on them.
 */
const LOWER_DIVERGES =
  /[\u0130\u03a3\ufeff\u1c89\ua7cb-\ua7dc\u{10d50}-\u{10d65}\u{16ea0}-\u{16eb8}]/u;

export const EDGE_TEXTS: readonly string[] = [
  '',
  ' ',
  'a',
  'É',
  'é',
  'Élodie',
  'élodie',
  'ÉLODIE',
  'ß',
  'STRASSE',
  'Straße',
  'straße',
  '🦆',
  'Zoë 🦆',
  "O'Brien",
  '%',
  '_',
  '\\',
  "'; DROP TABLE customers; --",
  '__proto__',
  'lyon',
  'LYON',
  ' Lyon ',
  'saint-étienne',
  'Œ',
  'null',
  'web',
  'films',
];

export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  2,
  3,
  4,
  4.5,
  5,
  0.5,
  1.5,
  2.5,
  0.25,
  1 / 3,
  2 / 3,
  1000,
  1000.5,
  1001,
  -1e-7,
  1e21,
  -5,
  10,
  30,
  90,
  365,
];

export interface Vocabulary {
  asOf: string;
  /** Values per field id (customer.*, order.*, line.*), from the data. */
  values: ReadonlyMap<string, readonly Value[]>;
  /** Property names and values per event type, from the data. */
  properties: ReadonlyMap<EventType, ReadonlyMap<string, readonly Value[]>>;
  /** Values each numeric aggregate takes over all time, with the halves around averages. */
  measures: ReadonlyMap<AggregateMeasure, readonly number[]>;
  /** Values tested against awkward property names. */
  oddPropertyValues: readonly Value[];
  eventTypes: readonly EventType[];
  dates: readonly string[];
  numbers: readonly number[];
  texts: readonly string[];
}

const enumValues: Readonly<Record<string, readonly string[]>> = {
  favourite_category: [
    'books',
    'music',
    'films',
    'video_games',
    'consoles',
    'gaming_accessories',
    'hifi',
    'phones',
  ],
};

/** Up to `max` distinct values, spread over the list. */
function sample<T>(values: Iterable<T>, max: number): T[] {
  const distinct = [...new Set(values)];
  if (distinct.length <= max) return distinct;
  const step = distinct.length / max;
  return Array.from({ length: max }, (_, i) => distinct[Math.floor(i * step)]).filter(
    (v): v is T => v !== undefined,
  );
}

function present(values: Iterable<Scalar>): Value[] {
  const out: Value[] = [];
  for (const v of values) if (v !== null) out.push(v);
  return out;
}

export function vocabulary(dataset: Dataset, asOf: string): Vocabulary {
  const values = new Map<string, Value[]>();
  for (const [id, field] of customerFields) {
    values.set(id, sample(present(dataset.customers.map(field.read)), 40));
  }
  for (const [id, field] of orderFields) {
    values.set(id, sample(present(dataset.orders.map(field.read)), 40));
  }
  const products = new Map(dataset.products.map((p) => [p.sku, p]));
  const lines = dataset.order_lines.map((line) => ({
    line,
    product: products.get(line.sku) ?? null,
  }));
  for (const [id, field] of lineFields) values.set(id, sample(present(lines.map(field.read)), 40));

  const seen = new Map<EventType, Map<string, Value[]>>();
  for (const e of dataset.events) {
    let byName = seen.get(e.type);
    if (!byName) seen.set(e.type, (byName = new Map()));
    for (const [name, value] of Object.entries(e.properties)) {
      const list = byName.get(name);
      if (list) list.push(value);
      else byName.set(name, [value]);
    }
  }
  const properties = new Map<EventType, ReadonlyMap<string, readonly Value[]>>();
  for (const [type, byName] of seen) {
    properties.set(type, new Map([...byName].map(([name, list]) => [name, sample(list, 30)])));
  }

  const now = Date.parse(asOf);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const dates = sample(
    [
      ...EDGE_DATES,
      day(now),
      day(now - 86_400_000),
      ...EDGE_DAYS.map((d) => day(now - d * 86_400_000)),
      ...dataset.orders.map((o) => o.placed_at.slice(0, 10)),
      '1900-01-01',
      '2999-12-31',
    ].filter((v): v is string => typeof v === 'string'),
    60,
  );
  const numbers = sample(
    [
      ...EDGE_NUMBERS,
      ...dataset.orders.map((o) => o.total_cents),
      ...dataset.order_lines.map((l) => l.unit_price_cents),
    ],
    60,
  );
  const texts = sample(
    [...values.values()].flat().filter((v): v is string => typeof v === 'string'),
    80,
  );
  const measures = measureNumbers(dataset, asOf);
  const oddPropertyValues: Value[] = [
    ...ODD_PROPERTY_VALUES,
    ...sample(
      dataset.events.flatMap((e) => Object.values(e.properties)),
      20,
    ),
  ];
  return {
    asOf,
    values,
    measures,
    properties,
    oddPropertyValues,
    eventTypes: eventType.options,
    dates,
    numbers,
    texts,
  };
}

/** Each numeric aggregate's values over all time, so that tests sit right on them. */
function measureNumbers(dataset: Dataset, asOf: string): Map<AggregateMeasure, number[]> {
  const per = new Map<string, { sum: number; n: number; promos: number; last: string }>();
  for (const o of dataset.orders) {
    if (o.status !== 'completed') continue;
    const acc = per.get(o.customer_id) ?? { sum: 0, n: 0, promos: 0, last: o.placed_at };
    acc.sum += o.total_cents;
    acc.n += 1;
    if (o.promo_code) acc.promos += 1;
    if (o.placed_at > acc.last) acc.last = o.placed_at;
    per.set(o.customer_id, acc);
  }
  const all = [...per.values()];
  const averages = all.flatMap(({ sum, n }) => {
    const x = sum / n;
    return [x, Math.floor(x), Math.ceil(x), roundHalfEven(x)];
  });
  return new Map<AggregateMeasure, number[]>([
    ['total_spend_cents', sample([0, ...all.map((a) => a.sum)], 40)],
    ['order_count', sample([0, ...all.map((a) => a.n)], 40)],
    // The averages with a half first: they tell half-even rounding from any other.
    ['average_order_cents', [...averages.filter((x) => x % 1 === 0.5), ...sample(averages, 40)]],
    [
      'days_since_last_order',
      sample(
        all.map((a) => daysBetween(a.last, asOf)),
        40,
      ),
    ],
    ['promo_share', sample([0, 1, ...all.map((a) => a.promos / a.n)], 40)],
  ]);
}

// ---------------------------------------------------------------- values

function nonEmpty<T>(values: readonly T[], fallback: T): T[] {
  return values.length > 0 ? [...values] : [fallback];
}

const unicodeText = fc
  .string({ unit: 'grapheme', maxLength: 6 })
  .filter((s) => !LOWER_DIVERGES.test(s) && !s.includes('\u0000'));

/** A piece of a value, cut on code points (never half a surrogate pair). */
function pieceOf(values: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...nonEmpty(values, 'a')).chain((v) => {
    const points = Array.from(v);
    return fc
      .tuple(fc.nat(points.length), fc.nat(points.length))
      .map(([a, b]) => points.slice(Math.min(a, b), Math.max(a, b)).join(''));
  });
}

function recase(s: string, upper: boolean): string {
  return upper ? s.toUpperCase() : s.toLowerCase();
}

function textArb(pool: readonly string[]): fc.Arbitrary<string> {
  const own = nonEmpty(pool, 'a');
  return fc
    .oneof(
      { weight: 10, arbitrary: fc.constantFrom(...own) },
      { weight: 2, arbitrary: fc.constantFrom(...EDGE_TEXTS) },
      { weight: 2, arbitrary: pieceOf(own) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom(...own), fc.boolean()).map(([s, u]) => recase(s, u)),
      },
      { weight: 1, arbitrary: unicodeText },
    )
    .filter((s) => !LOWER_DIVERGES.test(s));
}

function numberArb(pool: readonly number[]): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...nonEmpty(pool, 0)) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
    { weight: 1, arbitrary: fc.integer({ min: -10, max: 100_000 }) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  );
}

const daysArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_DAYS) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 36_500 }) },
);

function list<T>(arb: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<T[]> {
  return fc.array(arb, { minLength: 1, maxLength });
}

// ---------------------------------------------------------------- comparisons

/** Two bounds, mostly in order (a reversed range is empty in both engines). */
function ordered<T extends string | number>(arb: fc.Arbitrary<T>): fc.Arbitrary<[T, T]> {
  return fc
    .tuple(arb, arb, fc.integer({ min: 0, max: 4 }))
    .map(([a, b, flip]) => (a <= b === flip > 0 ? [a, b] : [b, a]));
}

interface Pools {
  /** The JSON types of the values the pools come from. */
  has: { string: boolean; number: boolean; boolean: boolean };
  texts: fc.Arbitrary<string>;
  numbers: fc.Arbitrary<number>;
  dates: fc.Arbitrary<string>;
}

function op<O extends Comparison['operator']>(operator: O): O {
  return operator;
}

function equalityTests(value: fc.Arbitrary<Value>): fc.Arbitrary<Comparison>[] {
  return [
    value.map((v) => ({ operator: op('equals'), value: v })),
    value.map((v) => ({ operator: op('not_equals'), value: v })),
    list(value).map((values) => ({ operator: op('in'), values })),
    list(value).map((values) => ({ operator: op('not_in'), values })),
    list(value, 2).map((values) => ({ operator: op('all_of'), values })),
  ];
}

const emptiness: fc.Arbitrary<Comparison>[] = [
  fc.constant({ operator: op('is_empty') }),
  fc.constant({ operator: op('is_set') }),
];

function textTests(texts: fc.Arbitrary<string>): fc.Arbitrary<Comparison> {
  return fc.oneof(
    ...equalityTests(texts),
    texts.map((value) => ({ operator: op('contains'), value })),
    texts.map((value) => ({ operator: op('starts_with'), value })),
    ...emptiness,
  );
}

function numberTests(numbers: fc.Arbitrary<number>): fc.Arbitrary<Comparison> {
  const order = fc.constantFrom(op('gt'), op('gte'), op('lt'), op('lte'));
  return fc.oneof(
    ...equalityTests(numbers),
    fc.tuple(order, numbers).map(([operator, value]) => ({ operator, value })),
    ordered(numbers).map(([min, max]) => ({ operator: op('between'), min, max })),
    ...emptiness,
  );
}

function dateTests(dates: fc.Arbitrary<string>): fc.Arbitrary<Comparison> {
  return fc.oneof(
    ...equalityTests(dates),
    fc
      .tuple(fc.constantFrom(op('before'), op('after')), dates)
      .map(([operator, value]) => ({ operator, value })),
    ordered(dates).map(([min, max]) => ({ operator: op('between'), min, max })),
    fc
      .tuple(fc.constantFrom(op('in_last_days'), op('not_in_last_days')), daysArb)
      .map(([operator, days]) => ({ operator, days })),
    ...emptiness,
  );
}

const booleanTests: fc.Arbitrary<Comparison> = fc.oneof(
  fc.constant({ operator: op('is_true') }),
  fc.constant({ operator: op('is_false') }),
  ...equalityTests(fc.boolean()),
  ...emptiness,
);

/** Any operator with any value: what validation refuses must still mean the same in both engines. */
function oddTests(pools: Pools): fc.Arbitrary<Comparison> {
  const anyValue = fc.oneof(pools.texts, pools.numbers, pools.dates, fc.boolean());
  const anyBound = fc.oneof(pools.numbers, pools.dates);
  return fc.oneof(
    textTests(pools.texts),
    numberTests(pools.numbers),
    dateTests(pools.dates),
    booleanTests,
    ...equalityTests(anyValue),
    fc.tuple(anyBound, anyBound).map(([min, max]) => ({ operator: op('between'), min, max })),
    fc.array(anyValue, { maxLength: 3 }).map((values) => ({ operator: op('in'), values })),
    fc.array(anyValue, { maxLength: 3 }).map((values) => ({ operator: op('all_of'), values })),
  );
}

function typedTests(
  type: CatalogueType | 'set' | 'dynamic',
  pools: Pools,
): fc.Arbitrary<Comparison> {
  const valid = (() => {
    switch (type) {
      case 'string':
      case 'enum':
        return textTests(pools.texts);
      case 'number':
        return numberTests(pools.numbers);
      case 'date':
        return dateTests(pools.dates);
      case 'boolean':
        return booleanTests;
      case 'set':
        return fc.oneof(...equalityTests(pools.texts), ...emptiness);
      case 'dynamic':
        // Mostly tests of the JSON types the property holds in the data.
        return fc.oneof(
          { weight: pools.has.string ? 8 : 1, arbitrary: textTests(pools.texts) },
          { weight: pools.has.number ? 8 : 1, arbitrary: numberTests(pools.numbers) },
          { weight: pools.has.boolean ? 8 : 1, arbitrary: booleanTests },
        );
    }
  })();
  return fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: oddTests(pools) });
}

// ---------------------------------------------------------------- conditions

function windowArb(dates: fc.Arbitrary<string>): fc.Arbitrary<TimeWindow> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ type: 'ever' as const }) },
    daysArb.map((days) => ({ type: 'last_days' as const, days })),
    ordered(dates).map(([from, to]) => ({ type: 'between' as const, from, to })),
    dates.map((date) => ({ type: 'before' as const, date })),
    dates.map((date) => ({ type: 'after' as const, date })),
  );
}

const countArb = fc.record({
  operator: fc.oneof(
    { weight: 3, arbitrary: fc.constant('at_least' as const) },
    { weight: 1, arbitrary: fc.constantFrom('at_most' as const, 'exactly' as const) },
  ),
  value: fc.oneof(
    { weight: 4, arbitrary: fc.constant(1) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) },
  ),
});

export function conditionArb(
  vocab: Vocabulary,
  segmentIds: readonly string[],
): fc.Arbitrary<Condition> {
  const dates = fc.constantFrom(...nonEmpty(vocab.dates, '2026-01-01'));
  const pools = (values: readonly Value[] = []): Pools => ({
    has: {
      string: values.some((v) => typeof v === 'string'),
      number: values.some((v) => typeof v === 'number'),
      boolean: values.some((v) => typeof v === 'boolean'),
    },
    texts: textArb(
      values.some((v) => typeof v === 'string')
        ? values.filter((v): v is string => typeof v === 'string')
        : vocab.texts,
    ),
    numbers: numberArb(
      values.some((v) => typeof v === 'number')
        ? values.filter((v): v is number => typeof v === 'number')
        : vocab.numbers,
    ),
    dates: values.some((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
      ? fc.oneof(
          dates,
          fc.constantFrom(
            ...values.filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, 10)),
          ),
        )
      : dates,
  });
  const base = { id: fc.constant('n'), negate: fc.boolean() };

  const fieldTest = (field: { id: string; type: CatalogueType }) =>
    typedTests(field.type, pools(vocab.values.get(field.id)));

  const attribute = fc.constantFrom(...customerFields.values()).chain((field) =>
    fc.record({
      ...base,
      kind: fc.constant('attribute' as const),
      field: fc.constant(field.id),
      test: fieldTest(field),
    }),
  );

  const orderFilter: fc.Arbitrary<PropertyFilter> = fc
    .constantFrom<{ id: string; type: CatalogueType }>(
      ...orderFields.values(),
      ...lineFields.values(),
    )
    .chain((field) => fieldTest(field).map((test) => ({ field: field.id, test })));
  const orderBehaviour = fc.record({
    ...base,
    kind: fc.constant('behaviour' as const),
    action: fc.constant({ type: 'order' as const }),
    count: countArb,
    window: windowArb(dates),
    filters: fc.array(orderFilter, { maxLength: 2 }),
  });

  const eventBehaviour = fc.constantFrom(...vocab.eventTypes).chain((type) => {
    const props = vocab.properties.get(type) ?? new Map<string, readonly Value[]>();
    // Mostly a name this event type has, tested with its own values; sometimes an odd name.
    const known = [...props].map(([name, values]) =>
      typedTests('dynamic', pools(values)).map((test) => ({ field: `property.${name}`, test })),
    );
    const odd = fc
      .tuple(
        fc.constantFrom(...ODD_PROPERTY_NAMES, 'missing'),
        typedTests('dynamic', pools(vocab.oddPropertyValues)),
      )
      .map(([name, test]) => ({ field: `property.${name}`, test }));
    const filter: fc.Arbitrary<PropertyFilter> =
      known.length > 0
        ? fc.oneof({ weight: 4, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: odd })
        : odd;
    return fc.record({
      ...base,
      kind: fc.constant('behaviour' as const),
      action: fc.constant({ type: 'event' as const, event_type: type }),
      count: countArb,
      window: windowArb(dates),
      filters: fc.array(filter, { maxLength: 2 }),
    });
  });

  const measureType = (m: AggregateMeasure): CatalogueType | 'set' =>
    m === 'channels_used' || m === 'payment_methods_used'
      ? 'set'
      : m === 'favourite_category'
        ? 'enum'
        : 'number';
  const measureValues = (m: AggregateMeasure): readonly Value[] =>
    vocab.measures.get(m) ??
    (m === 'channels_used'
      ? orderChannel.options
      : m === 'payment_methods_used'
        ? paymentMethod.options
        : (enumValues[m] ?? []));
  const aggregate = fc.constantFrom(...aggregateMeasure.options).chain((measure) =>
    fc.record({
      ...base,
      kind: fc.constant('aggregate' as const),
      measure: fc.constant(measure),
      window: windowArb(dates),
      test: typedTests(measureType(measure), pools(measureValues(measure))),
    }),
  );

  const score = fc.record({
    ...base,
    kind: fc.constant('score' as const),
    score: fc.constantFrom(...FIXTURE_SCORE_IDS),
    // Tests of the values the fixture customers hold (fixtureScores), numbers and text alike.
    test: typedTests(
      'dynamic',
      pools(SCORE_VALUES.filter((v): v is string | number => v !== null)),
    ),
  });

  const reachability = fc.record({
    ...base,
    kind: fc.constant('reachability' as const),
    check: fc.oneof(
      fc
        .constantFrom(...consentChannel.options)
        .map((channel) => ({ type: 'consent' as const, channel })),
      fc
        .constantFrom(...consentChannel.options)
        .map((channel) => ({ type: 'consent_known' as const, channel })),
      fc.constant({ type: 'valid_email' as const }),
      fc.constant({ type: 'valid_phone' as const }),
      fc.constant({ type: 'usable_first_name' as const }),
      fc.constant({ type: 'shared_device' as const }),
      fc.constant({ type: 'duplicate_email' as const }),
      fc.constant({ type: 'duplicate_phone' as const }),
    ),
  });

  const membership = fc.record({
    ...base,
    kind: fc.constant('segment' as const),
    segment_id: fc.constantFrom(...nonEmpty(segmentIds, 'none')),
  });
  return fc.oneof(
    { weight: 4, arbitrary: attribute },
    { weight: 3, arbitrary: orderBehaviour },
    { weight: 3, arbitrary: eventBehaviour },
    { weight: 3, arbitrary: aggregate },
    { weight: 1, arbitrary: score },
    { weight: 2, arbitrary: reachability },
    { weight: segmentIds.length > 0 ? 2 : 0, arbitrary: membership },
  );
}

/** A definition whose groups nest at most `maxDepth` deep (the root is depth 1). */
export function definitionArb(
  vocab: Vocabulary,
  segmentIds: readonly string[] = [],
  maxDepth = 5,
): fc.Arbitrary<SegmentDefinition> {
  const condition = conditionArb(vocab, segmentIds);
  const group = (child: fc.Arbitrary<SegmentNode>, depth: number): fc.Arbitrary<Group> =>
    fc.record({
      id: fc.constant(`g${depth}`),
      kind: fc.constant('group' as const),
      negate: fc.boolean(),
      combinator: fc.constantFrom('and' as const, 'or' as const),
      children: fc.array(child, { minLength: 1, maxLength: 3 }),
    });
  // Built from the deepest level up: a group at `maxDepth` holds only conditions.
  let level = group(condition, maxDepth);
  for (let depth = maxDepth - 1; depth >= 1; depth -= 1) {
    const deeper: fc.Arbitrary<SegmentNode> = level;
    level = group(
      fc.oneof({ weight: 3, arbitrary: condition }, { weight: 1, arbitrary: deeper }),
      depth,
    );
  }
  return level.map((root) => ({ version: 1 as const, root }));
}

/** How deep the groups of a definition nest. */
export function groupDepth(node: SegmentNode): number {
  return node.kind === 'group' ? 1 + Math.max(0, ...node.children.map(groupDepth)) : 0;
}
