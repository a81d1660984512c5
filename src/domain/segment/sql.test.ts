import { describe, expect, test } from 'vitest';
import { DUCKDB } from './sql-dialect.ts';
import type { Condition } from './definition.ts';
import { HOSTILE, SQL_AS_OF as AS_OF, attr, definition, everywhere } from './sql.fixture.ts';
import {
  UnknownFieldError,
  compileDefinition,
  countQuery,
  membersQuery,
  propertyPointer,
  type SqlContext,
} from './sql.ts';
import type { SqlLayout } from './sql-layout.ts';

const context: SqlContext = { asOf: AS_OF, segments: new Map(), dialect: DUCKDB };

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

  test('a saved segment named a hundred times at two depths is one member set', () => {
    const member = (segment_id: string): Condition => ({
      id: `m-${segment_id}`,
      kind: 'segment',
      negate: false,
      segment_id,
    });
    const ten = (id: string) => Array.from({ length: 10 }, () => member(id));
    const or = (...children: Condition[]) =>
      definition({ id: 'or', kind: 'group', negate: false, combinator: 'or', children });
    const segments = new Map([
      ['base', definition(attr('customer.city', { operator: 'equals', value: 'Lyon' }))],
      ['mid', or(...ten('base'))],
      ['top', or(...ten('mid'), member('base'))],
    ]);
    const compiled = compileDefinition(definition(member('top')), { ...context, segments });
    const statement = countQuery(compiled).sql;
    expect(statement.match(/AS MATERIALIZED/g)).toHaveLength(3);
    expect(statement.match(/lower\(c\."city"\)/g)).toHaveLength(1);
    expect(compiled.params).toEqual([{ type: 'VARCHAR', value: 'Lyon' }]);
    expect(statement.startsWith(compiled.with)).toBe(true);
    expect(statement.length).toBeLessThan(2_000);
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

describe("a store's layout (SqlLayout)", () => {
  const behaviour = (operator: 'at_least' | 'at_most' | 'exactly', value: number): Condition => ({
    id: 'b',
    kind: 'behaviour',
    negate: false,
    action: { type: 'event', event_type: 'email_open' },
    count: { operator, value },
    window: { type: 'ever' },
    filters: [],
  });
  /** Copies of its own for some values; none for consent on sms, nor for aggregates. */
  const copies: SqlLayout = {
    from: () => 'copies c',
    lowered: (column) => `c.lc_${column}`,
    reach: (check) => (check.type === 'valid_email' ? 'c.email_ok' : undefined),
    has: () => 'c.opened',
    count: () => 'c.opens',
  };
  const layout = () => copies;

  test('its answers replace the loaded tables; where it has none, they are read', () => {
    const compiled = compileDefinition(
      definition(
        attr('customer.city', { operator: 'equals', value: 'Lyon' }),
        { id: 'e', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
        {
          id: 'k',
          kind: 'reachability',
          negate: false,
          check: { type: 'consent', channel: 'sms' },
        },
        behaviour('at_least', 1),
        behaviour('exactly', 0),
        behaviour('at_least', 2),
        {
          id: 'g',
          kind: 'aggregate',
          negate: false,
          measure: 'order_count',
          window: { type: 'ever' },
          test: { operator: 'gt', value: 3 },
        },
      ),
      { ...context, layout },
    );
    expect(compiled.from).toBe('copies c');
    // Answers said never NULL (reach, "has one") are not coalesced; the rest is, as ever.
    expect(compiled.where).toBe(
      '(coalesce(c.lc_city = lower($1::VARCHAR), FALSE) AND c.email_ok AND ' +
        'coalesce((SELECT arg_max(k1.status, row(k1."at", k1.consent_id)) FROM consents k1 ' +
        'WHERE k1.customer_id = c.customer_id AND k1.channel = $2::VARCHAR) = ' +
        "'granted', FALSE) AND c.opened AND (NOT c.opened) AND " +
        'coalesce((c.opens) >= $3::BIGINT, FALSE) AND ' +
        "coalesce(coalesce((SELECT count(*) FROM orders o2 WHERE (o2.customer_id = c.customer_id AND o2.status = 'completed')), 0) > $4::DOUBLE, FALSE))",
    );
  });

  test('"has one / has none" is asked only of a count of at least 1 or of 0', () => {
    const asked: string[] = [];
    const spy = (): SqlLayout => ({
      from: () => 'copies c',
      has: (b) => {
        asked.push(`${b.count.operator} ${b.count.value}`);
        return 'c.opened';
      },
    });
    for (const [operator, value] of [
      ['at_least', 1],
      ['at_least', 0],
      ['at_least', 2],
      ['exactly', 0],
      ['exactly', 1],
      ['at_most', 0],
      ['at_most', 1],
    ] as const) {
      compileDefinition(definition(behaviour(operator, value)), { ...context, layout: spy });
    }
    expect(asked).toEqual(['at_least 1', 'exactly 0', 'at_most 0']);
  });
});
