// The SQL the segment compiler writes over the DuckDB store's segment tables: its layout
// (duckdb-segment-layout.ts) and its count plans (duckdb-segment-plan.ts). What each statement
// selects is held to the reference by the sweep, differential and plan suites; these pin the
// shapes those rely on: values only in parameters, joins once, columns instead of subqueries.
import { describe, expect, test } from 'vitest';
import { countPlan } from '../../src/domain/segment/count-plan.ts';
import type { Condition, SegmentNode } from '../../src/domain/segment/definition.ts';
import {
  HOSTILE,
  SQL_AS_OF,
  attr,
  definition,
  everywhere,
} from '../../src/domain/segment/sql.fixture.ts';
import {
  compileColumns,
  compileDefinition,
  propertyPointer,
} from '../../src/domain/segment/sql.ts';
import { overSegmentTables, type SegmentTablesContext } from './duckdb-segment-layout.ts';
import { compileCountPlan, compilePlan, countsQuery, planQuery } from './duckdb-segment-plan.ts';

const tables: SegmentTablesContext = { asOf: SQL_AS_OF, segments: new Map() };

describe('over the segment tables', () => {
  const derived = overSegmentTables(tables);
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

  test('scores are joined once on customer_no', () => {
    const score: Condition = {
      id: 's',
      kind: 'score',
      negate: false,
      score: 'clv',
      test: { operator: 'is_empty' },
    };
    const compiled = compileDefinition(
      definition(score),
      overSegmentTables({ ...tables, scores: new Set(['clv']) }),
    );
    expect(compiled.from).toMatch(
      /^segment_customers c LEFT JOIN \(SELECT .* FROM customer_scores/,
    );
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
  const derived = { ...tables, customers: 1000 };
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

  test('one walk: members first when nothing is joined, else the columns compileColumns writes', () => {
    const city = attr('customer.city', { operator: 'equals', value: 'Lyon' });
    const plain = countPlan(definition(city, opened)).definitions;
    expect(compileCountPlan(plain, derived)).toEqual({
      shape: 'members',
      plan: compilePlan(plain, derived),
    });
    const bought: Condition = {
      ...opened,
      id: 'b',
      action: { type: 'order' },
      count: { operator: 'at_least', value: 2 },
    };
    const joined = countPlan(definition(city, opened, bought)).definitions;
    expect(compilePlan(joined, derived).from).toContain('LEFT JOIN');
    expect(compileCountPlan(joined, derived)).toEqual({
      shape: 'columns',
      columns: compileColumns(joined, overSegmentTables(derived)),
    });
  });
});
