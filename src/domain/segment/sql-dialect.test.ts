// How DuckDB spells the compiler's primitives: parameters found and renumbered whatever surrounds
// them, and each primitive's spelling (the statements' meaning is the differential suites' to
// check; this pins the words they run on).
import { describe, expect, test } from 'vitest';
import { DUCKDB, propertyPointer } from './sql-dialect.ts';

describe('DuckDB parameters', () => {
  test('are numbered and typed, found in order, and renumbered in place', () => {
    expect(DUCKDB.placeholder(3, 'TIMESTAMP')).toBe('$3::TIMESTAMP');
    const sql = `x = $2::VARCHAR AND y IN ($10::BIGINT, $2::VARCHAR) AND '$9' = z`;
    expect(DUCKDB.placeholders(sql)).toEqual([2, 10, 2]);
    expect(DUCKDB.renumber(sql, (n) => n + 100)).toBe(
      `x = $102::VARCHAR AND y IN ($110::BIGINT, $102::VARCHAR) AND '$9' = z`,
    );
    expect(DUCKDB.placeholders('no parameter')).toEqual([]);
  });
});

test('each primitive in DuckDB’s words', () => {
  expect(DUCKDB.engine).toBe('duckdb');
  expect(DUCKDB.double('sum(x)')).toBe('sum(x)::DOUBLE');
  expect(DUCKDB.integer('count(*)')).toBe('count(*)::INTEGER');
  expect(DUCKDB.timestamp('d')).toBe('CAST(d AS TIMESTAMP)');
  expect(DUCKDB.epochMs('t')).toBe('epoch_ms(t)');
  expect(DUCKDB.lower('a')).toBe('lower(a)');
  expect(DUCKDB.contains('a', 'b')).toBe('contains(a, b)');
  expect(DUCKDB.startsWith('a', 'b')).toBe('starts_with(a, b)');
  expect(DUCKDB.matches('c.email', '^x$')).toBe(`regexp_matches(c.email, '^x$')`);
  expect(DUCKDB.digitCount('c.phone')).toBe(`length(regexp_replace(c.phone, '[^0-9]', '', 'g'))`);
  expect(DUCKDB.firstNameJunk('n', 'e')).toBe('tact_first_name_junk(n, e)');
  expect(DUCKDB.argMax('s', ['a', 'b'])).toBe('arg_max(s, row(a, b))');
  expect(DUCKDB.argMin('s', ['-q', 'c'])).toBe('arg_min(s, row(-q, c))');
  expect(DUCKDB.list(['$1::VARCHAR', '$2::VARCHAR'])).toBe('[$1::VARCHAR, $2::VARCHAR]');
  expect(DUCKDB.listHasAny('l', '[a]')).toBe('list_has_any(l, [a])');
  expect(DUCKDB.listHasAll('l', '[a]')).toBe('list_has_all(l, [a])');
});

test('a JSON key is bound as a pointer and read by its JSON type', () => {
  expect(DUCKDB.jsonKey('a/b~c')).toBe(propertyPointer('a/b~c'));
  expect(propertyPointer('a/b~c')).toBe('/a~1b~0c');
  expect(DUCKDB.json('p', '$1::VARCHAR')).toEqual({
    isNumber: `json_type(json_extract(p, $1::VARCHAR)) IN ('BIGINT', 'UBIGINT', 'DOUBLE')`,
    isBoolean: `json_type(json_extract(p, $1::VARCHAR)) = 'BOOLEAN'`,
    text: `(CASE WHEN json_type(json_extract(p, $1::VARCHAR)) = 'VARCHAR' THEN json_extract_string(p, $1::VARCHAR) END)`,
    number: 'TRY_CAST(json_extract(p, $1::VARCHAR) AS DOUBLE)',
    boolean: 'TRY_CAST(json_extract(p, $1::VARCHAR) AS BOOLEAN)',
  });
});
