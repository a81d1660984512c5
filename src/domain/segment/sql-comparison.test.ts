import { describe, expect, test } from 'vitest';
import { DUCKDB, type SqlDialect } from './sql-dialect.ts';
import type { Comparison } from './definition.ts';
import {
  all,
  any,
  not,
  propertySql,
  rangeSql,
  two,
  valueSql,
  type Bind,
} from './sql-comparison.ts';

// The very words DuckDB reads, not the module's constants: a changed constant must show.
const FALSE = 'FALSE';
const TRUE = 'TRUE';
import type { SqlParam } from './sql.ts';

/** A bind that numbers parameters from 1 and keeps them. */
function binder(): { params: SqlParam[]; bind: Bind; dialect: SqlDialect } {
  const params: SqlParam[] = [];
  return {
    params,
    dialect: DUCKDB,
    bind: (type, value) => {
      params.push({ type, value });
      return `$${params.length}::${type}`;
    },
  };
}

describe('constants fold away, so a constant branch leaves no parameter behind', () => {
  test.each<[string, string, string]>([
    ['two keeps FALSE', two('FALSE'), FALSE],
    ['two keeps TRUE', two('TRUE'), TRUE],
    ['two coalesces anything else', two('x'), 'coalesce(x, FALSE)'],
    ['any of nothing is FALSE', any([]), FALSE],
    ['any drops FALSE parts', any(['FALSE', 'a', 'FALSE']), 'a'],
    ['any of FALSE alone is FALSE', any(['FALSE']), FALSE],
    ['any joins the rest with OR', any(['a', 'b']), '(a OR b)'],
    ['all of nothing is TRUE', all([]), TRUE],
    ['all drops TRUE parts', all(['TRUE', 'a']), 'a'],
    ['all of TRUE alone is TRUE', all(['TRUE']), TRUE],
    [
      'all keeps FALSE parts (their neighbours may hold parameters)',
      all(['a', FALSE]),
      '(a AND FALSE)',
    ],
    ['not FALSE is TRUE', not('FALSE'), TRUE],
    ['not TRUE is FALSE', not('TRUE'), FALSE],
    ['not of anything else is NOT', not('a'), '(NOT a)'],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('time ranges compare instants with bound epoch milliseconds', () => {
  test.each<[string, { from: number; until: number } | null, string, unknown[]]>([
    ['no range', null, FALSE, []],
    ['an empty range', { from: 5, until: 5 }, FALSE, []],
    ['a reversed range', { from: 6, until: 5 }, FALSE, []],
    ['an unbounded range', { from: -Infinity, until: Infinity }, 't IS NOT NULL', []],
    ['from only', { from: 5, until: Infinity }, 't >= $1::TIMESTAMP', [5]],
    ['until only', { from: -Infinity, until: 9 }, 't < $1::TIMESTAMP', [9]],
    ['both', { from: 5, until: 9 }, '(t >= $1::TIMESTAMP AND t < $2::TIMESTAMP)', [5, 9]],
  ])('%s', (_, range, sql, values) => {
    const { params, bind } = binder();
    expect(rangeSql(range, 't', bind)).toBe(sql);
    expect(params.map((p) => p.value)).toEqual(values);
  });
});

describe('each kind binds its values with its own type', () => {
  const AS_OF_MS = Date.parse('2026-11-16T00:00:00.000Z');
  test.each<[string, 'string' | 'enum' | 'number' | 'boolean' | 'date', Comparison, string]>([
    [
      'one text, lower-cased',
      'string',
      { operator: 'equals', value: 'A' },
      'lower(x) = lower($1::VARCHAR)',
    ],
    [
      'two texts, one IN list',
      'string',
      { operator: 'in', values: ['a', 'b'] },
      'lower(x) IN (lower($1::VARCHAR), lower($2::VARCHAR))',
    ],
    [
      'an enum as it is',
      'enum',
      { operator: 'in', values: ['a', 'b'] },
      'x IN ($1::VARCHAR, $2::VARCHAR)',
    ],
    ['a number as a DOUBLE', 'number', { operator: 'equals', value: 5 }, 'x = $1::DOUBLE'],
    [
      'numbers in an IN list',
      'number',
      { operator: 'in', values: [5, 6] },
      'x IN ($1::DOUBLE, $2::DOUBLE)',
    ],
    ['a boolean as a BOOLEAN', 'boolean', { operator: 'in', values: [true] }, 'x = $1::BOOLEAN'],
    ['a number bound of a comparison', 'number', { operator: 'gte', value: 5 }, 'x >= $1::DOUBLE'],
    [
      'a date cast to TIMESTAMP',
      'date',
      { operator: 'before', value: '2026-01-01' },
      'CAST(x AS TIMESTAMP) < $1::TIMESTAMP',
    ],
    ['a missing date', 'date', { operator: 'is_empty' }, 'CAST(x AS TIMESTAMP) IS NULL'],
    ['an empty text', 'string', { operator: 'is_empty' }, "(x IS NULL OR x = '')"],
    ['a set text', 'enum', { operator: 'is_set' }, "(x IS NOT NULL AND x <> '')"],
    ['a set number', 'number', { operator: 'is_set' }, 'x IS NOT NULL'],
    [
      'a part of a text',
      'string',
      { operator: 'starts_with', value: 'a' },
      'starts_with(lower(x), lower($1::VARCHAR))',
    ],
    [
      'every one of one text',
      'enum',
      { operator: 'all_of', values: ['a'] },
      '(x IS NOT NULL AND x = $1::VARCHAR)',
    ],
    ['a test that cannot hold', 'boolean', { operator: 'gt', value: 1 }, FALSE],
  ])('%s', (_, kind, test, sql) => {
    expect(valueSql(test, kind, 'x', binder(), AS_OF_MS)).toBe(sql);
  });

  test('a string field with a lower-cased copy reads the copy instead of lower()', () => {
    const sql = valueSql({ operator: 'equals', value: 'A' }, 'string', 'x', binder(), 0, 'lx');
    expect(sql).toBe('lx = lower($1::VARCHAR)');
  });

  test('a property is read by type: number, boolean, else text (lower-cased)', () => {
    const writer = binder();
    const { params } = writer;
    const sql = propertySql({ operator: 'equals', value: 'A' }, 'p', 'k', writer);
    expect(sql).toBe(
      "(CASE WHEN json_type(json_extract(p, $1::VARCHAR)) IN ('BIGINT', 'UBIGINT', 'DOUBLE') " +
        "THEN FALSE WHEN json_type(json_extract(p, $1::VARCHAR)) = 'BOOLEAN' THEN FALSE ELSE " +
        "coalesce(lower((CASE WHEN json_type(json_extract(p, $1::VARCHAR)) = 'VARCHAR' THEN " +
        'json_extract_string(p, $1::VARCHAR) END)) = lower($2::VARCHAR), FALSE) END)',
    );
    expect(params).toEqual([
      { type: 'VARCHAR', value: '/k' },
      { type: 'VARCHAR', value: 'A' },
    ]);
  });
});
