// How DuckDB spells the compiler's primitives: parameters found and renumbered whatever surrounds
// them, and each primitive's spelling (the statements' meaning is the differential suites' to
// check; this pins the words they run on).
import { describe, expect, test } from 'vitest';
import { CLICKHOUSE, DUCKDB, POSTGRES, postgresRegex, propertyPointer } from './sql-dialect.ts';

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

describe('PostgreSQL', () => {
  test('parameters are DuckDB’s, typed in PostgreSQL’s words; an instant is bound as epoch ms', () => {
    expect(POSTGRES.placeholder(1, 'VARCHAR')).toBe('$1::text');
    expect(POSTGRES.placeholder(2, 'DOUBLE')).toBe('$2::double precision');
    expect(POSTGRES.placeholder(3, 'BIGINT')).toBe('$3::bigint');
    expect(POSTGRES.placeholder(4, 'BOOLEAN')).toBe('$4::boolean');
    expect(POSTGRES.placeholder(5, 'TIMESTAMP')).toBe('to_timestamp($5::double precision / 1000)');
    const sql = `x = $2::text AND y > to_timestamp($10::double precision / 1000)`;
    expect(POSTGRES.placeholders(sql)).toEqual([2, 10]);
    expect(POSTGRES.renumber(sql, (n) => n - 1)).toBe(
      `x = $1::text AND y > to_timestamp($9::double precision / 1000)`,
    );
  });

  test('each primitive in PostgreSQL’s words', () => {
    expect(POSTGRES.engine).toBe('postgres');
    expect(POSTGRES.double('a - b')).toBe('(a - b)::double precision');
    expect(POSTGRES.integer('count(*)')).toBe('(count(*))::integer');
    expect(POSTGRES.timestamp('d')).toBe('CAST(d AS timestamptz)');
    expect(POSTGRES.epochMs('t')).toBe('(extract(epoch FROM t) * 1000)');
    expect(POSTGRES.lower('a')).toBe('lower(a)');
    expect(POSTGRES.contains('a', 'b')).toBe('(strpos(a, b) > 0)');
    expect(POSTGRES.startsWith('a', 'b')).toBe('starts_with(a, b)');
    // Standard strings: backslashes as they are, a quote doubled; RE2's \x{…} as ARE's \u….
    expect(POSTGRES.matches('e', "^[^\\x{A0}\\t]+\\.b'c$")).toBe("(e ~ '^[^\\u00A0\\t]+\\.b''c$')");
    expect(POSTGRES.digitCount('p')).toBe("length(regexp_replace(p, '[^0-9]', '', 'g'))");
    expect(() => POSTGRES.firstNameJunk('n', 'e')).toThrow(/layout/);
    expect(POSTGRES.oneOf('x', ['$1::text', '$2::text'])).toBe('x IN ($1::text, $2::text)');
    expect(POSTGRES.argMax('s', ['a', 'b'])).toBe(
      '(array_agg(s ORDER BY a DESC NULLS LAST, b DESC NULLS LAST) FILTER (WHERE s IS NOT NULL))[1]',
    );
    expect(POSTGRES.argMin('s', ['-q', 'c'])).toBe(
      '(array_agg(s ORDER BY -q, c) FILTER (WHERE s IS NOT NULL))[1]',
    );
    expect(POSTGRES.list(['$1::text', '$2::text'])).toBe('ARRAY[$1::text, $2::text]');
    expect(POSTGRES.listHasAny('l', 'ARRAY[a]')).toBe('(l && ARRAY[a])');
    expect(POSTGRES.listHasAll('l', 'ARRAY[a]')).toBe('(l @> ARRAY[a])');
  });

  test('RE2 code points become ARE escapes of four digits; nothing else changes', () => {
    expect(postgresRegex('[\\x{0B}\\x{2000}-\\x{200A}\\x{FEFF}]')).toBe(
      '[\\u000B\\u2000-\\u200A\\uFEFF]',
    );
    expect(postgresRegex('^[^@\\s]+@x\\.fr$')).toBe('^[^@\\s]+@x\\.fr$');
  });

  test('a JSON key is bound as itself and read by its jsonb type, never NULL when absent', () => {
    expect(POSTGRES.jsonKey('a/b')).toBe('a/b');
    expect(POSTGRES.json('p', '$1::text')).toEqual({
      isNumber: "coalesce(jsonb_typeof(p -> $1::text) = 'number', FALSE)",
      isBoolean: "coalesce(jsonb_typeof(p -> $1::text) = 'boolean', FALSE)",
      text: "(CASE WHEN jsonb_typeof(p -> $1::text) = 'string' THEN p ->> $1::text END)",
      number:
        "(CASE WHEN jsonb_typeof(p -> $1::text) = 'number' THEN (p ->> $1::text)::double precision END)",
      boolean:
        "(CASE WHEN jsonb_typeof(p -> $1::text) = 'boolean' THEN (p ->> $1::text)::boolean END)",
    });
  });
});
