import { describe, expect, test } from 'vitest';
import type { Comparison, Condition, SegmentDefinition, SegmentNode } from './definition.ts';
import { countPlan } from './count-plan.ts';
import {
  UnknownFieldError,
  compileColumns,
  compileDefinition,
  compilePlan,
  countQuery,
  countsQuery,
  membersQuery,
  planQuery,
  propertyPointer,
  type SqlContext,
} from './sql.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const context: SqlContext = { asOf: AS_OF, segments: new Map(), dialect: 'duckdb' };

function definition(...children: SegmentNode[]): SegmentDefinition {
  return {
    version: 1,
    root: { id: 'root', kind: 'group', negate: false, combinator: 'and', children },
  };
}

const attr = (field: string, test: Comparison): Condition => ({
  id: 'a',
  kind: 'attribute',
  negate: false,
  field,
  test,
});

const HOSTILE = [
  "'; DROP TABLE customers; --",
  '__proto__',
  'constructor',
  "O'Brien",
  '"quoted"',
  '$1 OR TRUE',
  '?',
  '%_\\',
  'Élodie',
  '🦆',
];

/** Every kind of condition, each carrying `value` (or a number/date of its own) somewhere. */
function everywhere(value: string): SegmentDefinition {
  return definition(
    attr('customer.city', { operator: 'equals', value }),
    attr('customer.first_name', { operator: 'in', values: [value, `${value}2`] }),
    attr('customer.last_name', { operator: 'contains', value }),
    attr('customer.email', { operator: 'starts_with', value }),
    attr('customer.gender', { operator: 'not_in', values: [value] }),
    attr('customer.birth_date', { operator: 'between', min: '1903-03-17', max: '1904-04-18' }),
    {
      id: 'b',
      kind: 'behaviour',
      negate: true,
      action: { type: 'event', event_type: value },
      count: { operator: 'at_least', value: 424242 },
      window: { type: 'between', from: '1905-05-19', to: '1906-06-20' },
      filters: [
        { field: `property.${value}`, test: { operator: 'equals', value } },
        { field: 'property.rating', test: { operator: 'gte', value: 31337.5 } },
      ],
    },
    {
      id: 'o',
      kind: 'behaviour',
      negate: false,
      action: { type: 'order' },
      count: { operator: 'exactly', value: 777 },
      window: { type: 'last_days', days: 4321 },
      filters: [
        { field: 'order.promo_code', test: { operator: 'equals', value } },
        { field: 'line.brand', test: { operator: 'all_of', values: [value] } },
      ],
    },
    {
      id: 'g',
      kind: 'aggregate',
      negate: false,
      measure: 'channels_used',
      window: { type: 'after', date: '1907-07-21' },
      test: { operator: 'all_of', values: [value, 'web'] },
    },
    {
      id: 'f',
      kind: 'aggregate',
      negate: false,
      measure: 'favourite_category',
      window: { type: 'before', date: '1908-08-22' },
      test: { operator: 'equals', value },
    },
    { id: 'k', kind: 'reachability', negate: false, check: { type: 'consent', channel: 'sms' } },
  );
}

describe('values never reach the SQL text', () => {
  test.each(HOSTILE)('%j goes in parameters only', (value) => {
    const compiled = compileDefinition(everywhere(value), context);
    expect(compiled.where).not.toContain(value);
    for (const number of ['424242', '31337', '777', '4321']) {
      expect(compiled.where).not.toContain(number);
    }
    for (const year of ['1903', '1904', '1905', '1906', '1907', '1908']) {
      expect(compiled.where).not.toContain(year);
    }
    expect(compiled.where).not.toContain('sms');
    const texts = compiled.params.filter((p) => p.type === 'VARCHAR').map((p) => p.value);
    expect(texts).toContain(value);
    expect(texts).toContain(propertyPointer(value));
  });

  test('every parameter is used, in order, with an explicit type', () => {
    const compiled = compileDefinition(everywhere('x'), context);
    const used = [...compiled.where.matchAll(/\$(\d+)::(\w+)/g)];
    const numbers = new Set(used.map((m) => Number(m[1])));
    expect([...numbers].sort((a, b) => a - b)).toEqual(compiled.params.map((_, i) => i + 1));
    for (const m of used) expect(m[2]).toBe(compiled.params[Number(m[1]) - 1]?.type);
  });

  test('parameters are still all used when a branch is constant (an impossible date)', () => {
    const compiled = compileDefinition(
      definition({
        id: 'b',
        kind: 'behaviour',
        negate: false,
        action: { type: 'event', event_type: 'review' },
        count: { operator: 'at_least', value: 1 },
        window: { type: 'between', from: '2026-02-30', to: 'not-a-date' },
        filters: [{ field: 'property.rating', test: { operator: 'equals', value: 5 } }],
      }),
      context,
    );
    const numbers = new Set([...compiled.where.matchAll(/\$(\d+)::/g)].map((m) => Number(m[1])));
    expect(numbers.size).toBe(compiled.params.length);
  });

  test('a constant value test drops the parameters of the subquery it replaced', () => {
    // Found by the differential test: DuckDB refuses values for parameters a statement lacks.
    const compiled = compileDefinition(
      definition(
        attr('customer.city', { operator: 'equals', value: 'Lyon' }),
        {
          id: 'g',
          kind: 'aggregate',
          negate: false,
          measure: 'average_order_cents',
          window: { type: 'before', date: '2025-11-16' },
          test: { operator: 'in', values: [] },
        },
        attr('customer.country', { operator: 'equals', value: 'FR' }),
      ),
      context,
    );
    expect(compiled.where).toBe(
      '(coalesce(lower(c."city") = lower($1::VARCHAR), FALSE) AND FALSE AND ' +
        'coalesce(lower(c."country") = lower($2::VARCHAR), FALSE))',
    );
    expect(compiled.params).toEqual([
      { type: 'VARCHAR', value: 'Lyon' },
      { type: 'VARCHAR', value: 'FR' },
    ]);
  });

  test('instants are bound as epoch milliseconds', () => {
    const compiled = compileDefinition(
      definition(attr('customer.created_at', { operator: 'in_last_days', days: 30 })),
      context,
    );
    expect(compiled.params).toEqual([
      { type: 'TIMESTAMP', value: Date.parse(AS_OF) - 30 * 86_400_000 },
      { type: 'TIMESTAMP', value: Date.parse(AS_OF) + 1 },
    ]);
  });
});

describe('identifiers come only from the allowlist', () => {
  test.each([
    'customer.__proto__',
    'customer.constructor',
    'customer.customer_id',
    'customer.city; DROP TABLE customers',
    'customer."city"',
    'city',
    '__proto__',
    'order.channel',
  ])('attribute %j throws UnknownFieldError', (field) => {
    const compile = () =>
      compileDefinition(definition(attr(field, { operator: 'is_set' })), context);
    expect(compile).toThrow(UnknownFieldError);
    try {
      compile();
    } catch (error) {
      expect(error).toMatchObject({ name: 'UnknownFieldError', field, kind: 'attribute' });
    }
  });

  const behaviour = (type: 'order' | 'event', field: string): Condition => ({
    id: 'b',
    kind: 'behaviour',
    negate: false,
    action: type === 'order' ? { type: 'order' } : { type: 'event', event_type: 'review' },
    count: { operator: 'at_least', value: 1 },
    window: { type: 'ever' },
    filters: [{ field, test: { operator: 'is_set' } }],
  });

  test.each([
    ['order', 'order.__proto__'],
    ['order', 'line.title'],
    ['order', 'property.rating'],
    ['order', 'customer.city'],
    ['event', 'order.channel'],
    ['event', 'rating'],
  ] as const)('a %s filter on %j throws', (type, field) => {
    expect(() => compileDefinition(definition(behaviour(type, field)), context)).toThrow(
      UnknownFieldError,
    );
  });

  test('a score the store does not expose throws; a known one reads customer_scores', () => {
    const score = (operator: 'is_empty' | 'is_set'): Condition => ({
      id: 's',
      kind: 'score',
      negate: false,
      score: 'clv',
      test: { operator },
    });
    expect(() => compileDefinition(definition(score('is_set')), context)).toThrow(
      UnknownFieldError,
    );
    const known = { ...context, scores: new Set(['clv']) };
    const base = compileDefinition(definition(score('is_set')), known);
    expect(base.from).toBe('customers c');
    expect(base.where).toContain('FROM customer_scores');
    expect(base.params).toContainEqual({ type: 'VARCHAR', value: '/clv' });
    const derived = compileDefinition(definition(score('is_empty')), {
      ...known,
      tables: 'derived',
    });
    expect(derived.from).toMatch(/^segment_customers c LEFT JOIN \(SELECT .* FROM customer_scores/);
  });

  test('property names of any shape are pointers bound as parameters', () => {
    expect(propertyPointer('rating')).toBe('/rating');
    expect(propertyPointer('a/b~c')).toBe('/a~1b~0c');
    expect(propertyPointer('')).toBe('/');
    expect(propertyPointer('query.text')).toBe('/query.text');
  });
});

describe('shape of the predicate', () => {
  test('every condition is two-valued before NOT', () => {
    const compiled = compileDefinition(
      definition({
        ...attr('customer.city', { operator: 'equals', value: 'Paris' }),
        negate: true,
      }),
      context,
    );
    expect(compiled.where).toBe('(NOT coalesce(lower(c."city") = lower($1::VARCHAR), FALSE))');
  });

  test('unknown segments compile to FALSE, cycles stop at the depth limit', () => {
    const member = (segment_id: string): Condition => ({
      id: 'm',
      kind: 'segment',
      negate: false,
      segment_id,
    });
    expect(compileDefinition(definition(member('gone')), context).where).toBe('FALSE');
    const segments = new Map([['self', definition(member('self'))]]);
    expect(compileDefinition(definition(member('self')), { ...context, segments }).where).toBe(
      'FALSE',
    );
  });

  test('count and members queries wrap the predicate', () => {
    const compiled = compileDefinition(
      definition(attr('customer.city', { operator: 'is_set' })),
      context,
    );
    expect(countQuery(compiled).sql).toBe(
      `SELECT count(*)::INTEGER AS n FROM customers c WHERE (${compiled.where})`,
    );
    const page = membersQuery(compiled, 50, "C'1");
    expect(page.sql).toBe(
      `SELECT c.customer_id FROM customers c WHERE (${compiled.where}) AND c.customer_id > $1::VARCHAR ORDER BY c.customer_id LIMIT $2::BIGINT`,
    );
    expect(page.params).toEqual([
      { type: 'VARCHAR', value: "C'1" },
      { type: 'BIGINT', value: 50 },
    ]);
    expect(membersQuery(compiled, -3).params).toEqual([{ type: 'BIGINT', value: 0 }]);
    expect(compiled.params).toEqual([]);
  });

  test('an invalid as-of instant is a programming error', () => {
    expect(() =>
      compileDefinition(definition(attr('customer.city', { operator: 'is_set' })), {
        ...context,
        asOf: 'yesterday',
      }),
    ).toThrow(RangeError);
  });
});

describe('derived mode (the segment tables)', () => {
  const derived: SqlContext = { ...context, tables: 'derived' };
  const text = (c: { from: string; where: string }) => `${c.from} WHERE ${c.where}`;

  test.each(HOSTILE)('%j goes in parameters only, joins included', (value) => {
    const compiled = compileDefinition(everywhere(value), derived);
    expect(compiled.from).toContain('LEFT JOIN');
    expect(text(compiled)).not.toContain(value);
    for (const literal of ['424242', '31337', '777', '4321', '1905', '1906', '1907', '1908']) {
      expect(text(compiled)).not.toContain(literal);
    }
    const texts = compiled.params.filter((p) => p.type === 'VARCHAR').map((p) => p.value);
    expect(texts).toContain(value);
    expect(texts).toContain(propertyPointer(value));
  });

  test('every parameter of the joins and the predicate is used, in order, typed', () => {
    const compiled = compileDefinition(everywhere('x'), derived);
    const used = [...text(compiled).matchAll(/\$(\d+)::(\w+)/g)];
    const numbers = new Set(used.map((m) => Number(m[1])));
    expect([...numbers].sort((a, b) => a - b)).toEqual(compiled.params.map((_, i) => i + 1));
    for (const m of used) expect(m[2]).toBe(compiled.params[Number(m[1]) - 1]?.type);
  });

  test('reach checks and ever-window order measures read segment_customers columns', () => {
    const compiled = compileDefinition(
      definition(
        {
          id: 'k',
          kind: 'reachability',
          negate: false,
          check: { type: 'consent', channel: 'sms' },
        },
        { id: 'e', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
        {
          id: 's',
          kind: 'aggregate',
          negate: false,
          measure: 'total_spend_cents',
          window: { type: 'ever' },
          test: { operator: 'gt', value: 1 },
        },
      ),
      derived,
    );
    expect(compiled.from).toBe('segment_customers c');
    expect(compiled.where).toContain('c.sms_granted');
    expect(compiled.where).toContain('c.valid_email');
    expect(compiled.where).toContain('c.completed_spend_cents');
  });

  test('consent on a channel without a column stays a subquery, its channel bound', () => {
    const compiled = compileDefinition(
      definition({
        id: 'k',
        kind: 'reachability',
        negate: false,
        check: { type: 'consent', channel: 'phone' },
      }),
      derived,
    );
    expect(compiled.where).toContain('FROM consents');
    expect(compiled.params).toEqual([{ type: 'VARCHAR', value: 'phone' }]);
  });

  test('one join per distinct subquery, however often it is named', () => {
    const bought = (id: string, operator: 'at_least' | 'exactly', value: number): Condition => ({
      id,
      kind: 'behaviour',
      negate: false,
      action: { type: 'order' },
      count: { operator, value },
      window: { type: 'last_days', days: 90 },
      filters: [{ field: 'line.format', test: { operator: 'equals', value: 'blu_ray' } }],
    });
    const compiled = compileDefinition(
      definition(bought('a', 'at_least', 1), bought('b', 'exactly', 2)),
      derived,
    );
    expect(compiled.from.match(/LEFT JOIN/g)).toHaveLength(1);
    expect(compiled.from).toContain('segment_lines');
  });

  test('a count plan: each condition one inner column, the root compiled once', () => {
    const root = definition(
      attr('customer.city', { operator: 'equals', value: 'Lyon' }),
      attr('customer.country', { operator: 'equals', value: 'FR' }),
    );
    const compiled = compileColumns(countPlan(root).definitions, derived);
    // city, country, then email consent + valid email, sms consent + valid phone, push consent.
    expect(compiled.conditions).toHaveLength(7);
    expect(compiled.columns[0]).toBe('(k0 AND k1)');
    expect(compiled.columns[1]).toBe('((k0 AND k1) AND k2 AND k3)');
    expect(compiled.columns.slice(4)).toEqual(['k0', 'k1']);
    const query = countsQuery(compiled, 20);
    expect(query.sql).toContain('min(customer_no, $3::BIGINT) FILTER (WHERE (k0 AND k1)) AS first');
    expect(query.params).toEqual([
      { type: 'VARCHAR', value: 'Lyon' },
      { type: 'VARCHAR', value: 'FR' },
      { type: 'BIGINT', value: 20 },
    ]);
    expect(countsQuery(compiled, 0).sql).not.toContain('first');
    expect(query.countColumns).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    const single = compileColumns(
      countPlan(definition(attr('customer.city', { operator: 'is_set' }))).definitions,
      derived,
    );
    // The one part is the segment itself: counted once, answered twice.
    expect(countsQuery(single, 0).countColumns).toEqual(['n0', 'n1', 'n2', 'n3', 'n0']);
  });
});

describe('count plans members first (compilePlan)', () => {
  const derived: SqlContext = { ...context, tables: 'derived', customers: 1000 };
  const opened: Condition = {
    id: 'e',
    kind: 'behaviour',
    negate: false,
    action: { type: 'event', event_type: 'email_open' },
    count: { operator: 'at_least', value: 1 },
    window: { type: 'last_days', days: 60 },
    filters: [],
  };

  test('the segment is a WHERE clause, reach a filter among its members, a lone behaviour part a bit count', () => {
    const city = attr('customer.city', { operator: 'equals', value: 'Lyon' });
    const notOpened: SegmentNode = {
      id: 'n',
      kind: 'group',
      negate: true,
      combinator: 'and',
      children: [opened],
    };
    const plan = compilePlan(countPlan(definition(city, notOpened)).definitions, derived);
    expect(plan.from).toBe('segment_customers c');
    // No coalesce around the city test: DuckDB may filter it in the scan.
    expect(plan.members).toMatch(/^\(c\."lc_city" = lower\(\$1::VARCHAR\) AND \(NOT coalesce/);
    expect(plan.counts.map((c) => c.among)).toEqual([
      'members',
      'members',
      'members',
      'members',
      'all',
      'bits',
    ]);
    expect(plan.counts[1]).toEqual({
      among: 'members',
      also: '(c.email_granted AND c.valid_email)',
    });
    expect(plan.counts[5]).toMatchObject({ among: 'bits', negate: true });
    const query = planQuery(plan, 20);
    expect(query.countColumns).toEqual(['m0', 'm1', 'm2', 'm3', 'a0', 'a1']);
    expect(query.sql).toContain('bit_count((SELECT bitstring_agg(');
  });

  test('a one-condition segment counts its part as the segment', () => {
    const plan = compilePlan(countPlan(definition(opened)).definitions, derived);
    expect(plan.counts.at(-1)).toEqual({ among: 'members', also: null });
    expect(planQuery(plan, 0).countColumns).toEqual(['m0', 'm1', 'm2', 'm3', 'm0']);
  });
});
