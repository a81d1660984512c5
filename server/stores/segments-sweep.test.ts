// A systematic sweep that random definitions rarely reach: single conditions aimed at the
// adversarial customers (segments-fixture.ts) — every window on its edges, aggregates compared with
// the exact values those customers have (half-even averages, promo shares with empty codes, days
// since an order at midnight), event properties of every JSON type under awkward names, text
// fields with case and unicode variants. Each condition is evaluated on every customer by the JS
// evaluator and by DuckDB (many conditions per statement, one column each), and must agree.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import { roundHalfEven } from '../../src/domain/profile/figures.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type {
  AggregateMeasure,
  Comparison,
  Condition,
  SegmentDefinition,
  TimeWindow,
} from '../../src/domain/segment/definition.ts';
import { compileEvaluator } from '../../src/domain/segment/evaluate.ts';
import {
  buildFacts,
  customerFields,
  inRange,
  instantMs,
  lineFields,
  orderFields,
  windowRange,
  type CustomerFacts,
} from '../../src/domain/segment/facts.ts';
import { compileColumns, compileDefinition, type SqlParam } from '../../src/domain/segment/sql.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { runSegmentStatement } from './duckdb-segments.ts';
import {
  EDGE_DATES,
  EDGE_DAYS,
  ODD_PROPERTY_NAMES,
  adversarialRows,
  withAdversarialRows,
} from './segments-fixture.ts';

const BATCH = 25;
type Value = string | number | boolean;

function definition(condition: Condition): SegmentDefinition {
  return {
    version: 1,
    root: { id: 'r', kind: 'group', negate: false, combinator: 'and', children: [condition] },
  };
}

const windows = (asOf: string): TimeWindow[] => {
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
};

/** Fewer windows for aggregates: one of each kind, on the edges the fixture's orders sit on. */
function aggregateWindows(asOf: string): TimeWindow[] {
  const all = windows(asOf);
  return [0, 3, 5, 6, 11, 14, all.length - 2, all.length - 1].flatMap((i) => all[i] ?? []);
}

const tests = {
  text: (v: string): Comparison[] => [
    { operator: 'equals', value: v },
    { operator: 'not_equals', value: v },
    { operator: 'contains', value: v },
    { operator: 'starts_with', value: v },
  ],
  number: (v: number): Comparison[] => [
    { operator: 'equals', value: v },
    { operator: 'gte', value: v },
  ],
  boolean: (v: boolean): Comparison[] => [{ operator: 'equals', value: v }],
  presence: [
    { operator: 'is_empty' },
    { operator: 'is_set' },
    { operator: 'is_true' },
    { operator: 'is_false' },
  ] satisfies Comparison[],
};

function testsOf(v: Value): Comparison[] {
  return typeof v === 'string'
    ? tests.text(v)
    : typeof v === 'number'
      ? tests.number(v)
      : tests.boolean(v);
}

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

function sweep(allFacts: readonly CustomerFacts[], asOf: string): Condition[] {
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
            ...[...EDGE_DATES, ...[...values].map((v) => v.slice(0, 10))].flatMap(
              (d): Comparison[] => [
                { operator: 'before', value: d },
                { operator: 'after', value: d },
                { operator: 'equals', value: d },
                { operator: 'between', min: d, max: d },
              ],
            ),
            ...EDGE_DAYS.flatMap((days): Comparison[] => [
              { operator: 'in_last_days', days },
              { operator: 'not_in_last_days', days },
            ]),
          ]
        : [
            ...[...values].flatMap(tests.text),
            { operator: 'in', values: [...values].slice(0, 3) },
            { operator: 'not_in', values: [...values].slice(0, 3) },
          ];
    for (const test of [...comparisons, ...tests.presence]) {
      out.push({ ...base, kind: 'attribute', field: id, test });
    }
  }

  // Behaviour windows on their edges, with counts either side of the edge rows.
  for (const window of windows(asOf)) {
    for (const count of [
      { operator: 'at_least', value: 1 },
      { operator: 'exactly', value: 2 },
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
    const comparisons = [...values].slice(0, 6).flatMap((v): Comparison[] =>
      field.type === 'date' && typeof v === 'string'
        ? [
            { operator: 'before', value: v },
            { operator: 'after', value: v },
          ]
        : testsOf(v),
    );
    for (const test of [...comparisons, ...tests.presence]) {
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
    for (const test of [...propertyValues.flatMap(testsOf), ...tests.presence]) {
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

  // Aggregates against the values the adversarial customers have in each window.
  for (const window of aggregateWindows(asOf)) {
    for (const [measure, values] of measureValues(facts, window, asOf)) {
      for (const v of values) {
        out.push({
          ...base,
          kind: 'aggregate',
          measure,
          window,
          test: { operator: 'equals', value: v },
        });
        if (!Number.isInteger(v)) {
          out.push({
            ...base,
            kind: 'aggregate',
            measure,
            window,
            test: { operator: 'gte', value: v },
          });
        }
      }
      out.push({ ...base, kind: 'aggregate', measure, window, test: { operator: 'is_empty' } });
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
      const comparisons: Comparison[] = [
        { operator: 'equals', value: values[0] ?? '' },
        { operator: 'not_in', values },
        { operator: 'all_of', values },
        { operator: 'is_empty' },
      ];
      for (const test of comparisons)
        out.push({ ...base, kind: 'aggregate', measure, window, test });
    }
  }

  // Reachability on the tied and re-granted consents, odd emails and phones.
  for (const channel of ['email', 'sms', 'push', 'phone'] as const) {
    out.push({ ...base, kind: 'reachability', check: { type: 'consent', channel } });
  }
  out.push({ ...base, kind: 'reachability', check: { type: 'valid_email' } });
  out.push({ ...base, kind: 'reachability', check: { type: 'valid_phone' } });
  return out;
}

describe('every edge condition means the same in JS and in DuckDB', () => {
  let data: Dataset;
  let asOf: string;
  let duck: DuckDbStore;
  let facts: CustomerFacts[];

  beforeAll(async () => {
    const generated = generateDataset({ seed: 11, customers: 60 });
    asOf = generated.manifest.as_of;
    data = withAdversarialRows(generated.dataset, asOf);
    facts = buildFacts(data);
    duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
    await loadDataset(duck, data, { asOf });
    await duck.connection.run('SET threads = 1');
  });
  afterAll(() => duck.close());

  test('single conditions', async () => {
    // Negation needs no sweep: every SQL condition is coalesced to TRUE or FALSE before NOT, and a
    // NULL here would show as a mismatch.
    const conditions = sweep(facts, asOf);
    expect(conditions.length).toBeGreaterThan(1_000);
    const segments = new Map<string, SegmentDefinition>();
    const ids = facts.map((f) => f.customer.customer_id);
    const mismatches: string[] = [];
    for (let start = 0; start < conditions.length; start += BATCH) {
      const batch = conditions.slice(start, start + BATCH);
      const params: SqlParam[] = [];
      const columns = batch.map((condition, i) => {
        const compiled = compileDefinition(definition(condition), {
          asOf,
          segments,
          dialect: 'duckdb',
        });
        const offset = params.length;
        params.push(...compiled.params);
        const where = compiled.where.replace(
          /\$(\d+)::/g,
          (_, n: string) => `$${Number(n) + offset}::`,
        );
        return `${where} AS p${i}`;
      });
      const rows = await runSegmentStatement(duck.connection, {
        sql: `SELECT c.customer_id, ${columns.join(', ')} FROM customers c`,
        params,
      });
      const sql = new Map(rows.map((row) => [String(row.customer_id), row]));
      batch.forEach((condition, i) => {
        const matches = compileEvaluator(definition(condition), { asOf, segments });
        for (const [k, f] of facts.entries()) {
          const js = matches(f);
          const db = sql.get(ids[k] ?? '')?.[`p${i}`];
          if (db !== js)
            mismatches.push(
              `${ids[k]}: JS ${js}, SQL ${String(db)} for ${JSON.stringify(condition)}`,
            );
        }
      });
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  test('single conditions over the segment tables (one count-plan statement per batch)', async () => {
    const conditions = sweep(facts, asOf);
    const segments = new Map<string, SegmentDefinition>();
    const ids = facts.map((f) => f.customer.customer_id);
    const mismatches: string[] = [];
    for (let start = 0; start < conditions.length; start += BATCH) {
      const batch = conditions.slice(start, start + BATCH);
      const compiled = compileColumns(batch.map(definition), {
        asOf,
        segments,
        dialect: 'duckdb',
        tables: 'derived',
        customers: facts.length,
      });
      const inner = compiled.conditions.map((where, i) => `, ${where} AS k${i}`).join('');
      const rows = await runSegmentStatement(duck.connection, {
        sql:
          `SELECT customer_id, ${compiled.columns.map((w, i) => `${w} AS p${i}`).join(', ')} ` +
          `FROM (SELECT c.customer_id${inner} FROM ${compiled.from})`,
        params: compiled.params,
      });
      const sql = new Map(rows.map((row) => [String(row.customer_id), row]));
      batch.forEach((condition, i) => {
        const matches = compileEvaluator(definition(condition), { asOf, segments });
        for (const [k, f] of facts.entries()) {
          const js = matches(f);
          const db = sql.get(ids[k] ?? '')?.[`p${i}`];
          if (db !== js)
            mismatches.push(
              `${ids[k]}: JS ${js}, SQL ${String(db)} for ${JSON.stringify(condition)}`,
            );
        }
      });
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
