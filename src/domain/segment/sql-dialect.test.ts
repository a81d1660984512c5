// How DuckDB spells the compiler's primitives: parameters found and renumbered whatever surrounds
// them, and each primitive's spelling (the statements' meaning is the differential suites' to
// check; this pins the words they run on).
import { describe, expect, test } from 'vitest';
import { CLICKHOUSE, DUCKDB, propertyPointer } from './sql-dialect.ts';

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
  expect(DUCKDB.oneOf('x', ['$1::VARCHAR', '$2::VARCHAR'])).toBe('x IN ($1::VARCHAR, $2::VARCHAR)');
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

describe('ClickHouse', () => {
  test('parameters are named and typed; an instant is bound as epoch milliseconds', () => {
    expect(CLICKHOUSE.placeholder(2, 'VARCHAR')).toBe('{p2:String}');
    expect(CLICKHOUSE.placeholder(3, 'DOUBLE')).toBe('{p3:Float64}');
    expect(CLICKHOUSE.placeholder(4, 'BIGINT')).toBe('{p4:Int64}');
    expect(CLICKHOUSE.placeholder(5, 'BOOLEAN')).toBe('{p5:Bool}');
    expect(CLICKHOUSE.placeholder(6, 'TIMESTAMP')).toBe(
      "fromUnixTimestamp64Milli({p6:Int64}, 'UTC')",
    );
    const sql = "x = {p2:String} AND y IN ({p10:Int64}) AND '{p9' = z";
    expect(CLICKHOUSE.placeholders(sql)).toEqual([2, 10]);
    expect(CLICKHOUSE.renumber('a = {p2:String} OR b = {p10:Int64}', (n) => n - 1)).toBe(
      'a = {p1:String} OR b = {p9:Int64}',
    );
  });

  test('each primitive in ClickHouse’s words', () => {
    expect(CLICKHOUSE.engine).toBe('clickhouse');
    expect(CLICKHOUSE.double('sum(x)')).toBe('toFloat64(sum(x))');
    expect(CLICKHOUSE.integer('count(*)')).toBe('toInt32(count(*))');
    expect(CLICKHOUSE.timestamp('d')).toBe("toDateTime64(d, 3, 'UTC')");
    expect(CLICKHOUSE.epochMs('t')).toBe('toUnixTimestamp64Milli(t)');
    expect(CLICKHOUSE.lower('a')).toBe('lowerUTF8(a)');
    expect(CLICKHOUSE.contains('a', 'b')).toBe('(position(a, b) > 0)');
    expect(CLICKHOUSE.startsWith('a', 'b')).toBe('startsWith(a, b)');
    // A ClickHouse literal reads escapes: the expression's backslashes and quotes escaped.
    expect(CLICKHOUSE.matches('e', "^a\\.b'c$")).toBe("match(e, '^a\\\\.b\\'c$')");
    expect(CLICKHOUSE.digitCount('p')).toBe("length(replaceRegexpAll(p, '[^0-9]', ''))");
    expect(() => CLICKHOUSE.firstNameJunk('n', 'e')).toThrow(/layout/);
    // A correlated subquery cannot be IN's argument: one equality each.
    expect(CLICKHOUSE.oneOf('x', ['{p1:String}', '{p2:String}'])).toBe(
      '(x = {p1:String} OR x = {p2:String})',
    );
    expect(CLICKHOUSE.argMax('s', ['a', 'b'])).toBe('argMax(s, (a, b))');
    expect(CLICKHOUSE.argMin('s', ['-q', 'c'])).toBe('argMin(s, (-q, c))');
    expect(CLICKHOUSE.listHasAny('l', '[a]')).toBe('hasAny(l, [a])');
    expect(CLICKHOUSE.listHasAll('l', '[a]')).toBe('hasAll(l, [a])');
  });

  test('a JSON key is bound as itself and read by ClickHouse’s JSON type', () => {
    expect(CLICKHOUSE.jsonKey('a/b')).toBe('a/b');
    expect(CLICKHOUSE.json('p', '{p1:String}')).toEqual({
      isNumber: "JSONType(p, {p1:String}) IN ('Int64', 'UInt64', 'Double')",
      isBoolean: "JSONType(p, {p1:String}) = 'Bool'",
      text: "if(JSONType(p, {p1:String}) = 'String', JSONExtractString(p, {p1:String}), NULL)",
      number: 'JSONExtractFloat(p, {p1:String})',
      boolean: 'JSONExtractBool(p, {p1:String})',
    });
  });
});
