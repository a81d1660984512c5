// How one SQL engine spells what the segment compiler writes (decision 042): parameters, casts,
// text tests, regular expressions, JSON keys and lists. What a condition means is decided once, in
// sql-tree.ts and sql-comparison.ts; a dialect only says how its engine writes each primitive, so
// DuckDB, ClickHouse and PostgreSQL run the same walk. Every spelling here must mean, in its engine, exactly
// what the DuckDB one means in DuckDB — the differential suites hold each engine to the reference.
import { JS_SPACE_RE2 } from '../profile/catalogue.ts';
import { FIRST_NAME_JUNK_SQL } from '../template/salutation.ts';
import { MIN_PHONE_DIGITS } from './facts.ts';

export type SqlType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'TIMESTAMP';

/** A key of a JSON object read by its JSON type (an event's properties, a customer's scores). */
export interface SqlJsonKey {
  /** Whether the key holds a number, a boolean (never NULL when the key is absent: FALSE). */
  isNumber: string;
  isBoolean: string;
  /** The key's value: a string (NULL unless it holds one), a number, a boolean. */
  text: string;
  number: string;
  boolean: string;
}

export interface SqlDialect {
  readonly engine: 'duckdb' | 'clickhouse' | 'postgres';
  /** The `n`-th parameter (from 1), of `type`. */
  placeholder(n: number, type: SqlType): string;
  /** Every placeholder in `sql`, renumbered by `renumber` (statements made of several parts). */
  renumber(sql: string, renumber: (n: number) => number): string;
  /** The parameters' numbers in `sql`, in order of appearance. */
  placeholders(sql: string): number[];
  /** A number as a double (IEEE division follows). */
  double(e: string): string;
  /** A count as a 32-bit integer. */
  integer(e: string): string;
  /** A date or an instant as a timestamp. */
  timestamp(e: string): string;
  /** Milliseconds since the epoch of a timestamp. */
  epochMs(e: string): string;
  lower(e: string): string;
  contains(text: string, part: string): string;
  startsWith(text: string, part: string): string;
  /** Whether `text` matches the RE2 expression `re` (our own constant, never a user's). */
  matches(text: string, re: string): string;
  /** How many digits `text` holds. */
  digitCount(text: string): string;
  /** `text` with every match of the RE2 expression `re` (our own constant) replaced by `by`. */
  replaceAll(text: string, re: string, by: string): string;
  /** Why a first name cannot greet its customer (the domain's firstNameJunk), NULL when it can. */
  firstNameJunk(name: string, email: string): string;
  /** What a JSON key is bound as (DuckDB: a JSON pointer; the others: the key itself). */
  jsonKey(name: string): string;
  /** The key bound as `key` of the JSON object `object`. */
  json(object: string, key: string): SqlJsonKey;
  /** Whether `x` equals one of `values` (NULL when `x` is NULL and none equals). */
  oneOf(x: string, values: readonly string[]): string;
  /** The value of `value` on the row where the tuple `key` is largest / smallest (NULL if none). */
  argMax(value: string, key: readonly string[]): string;
  argMin(value: string, key: readonly string[]): string;
  /** A list literal of bound values. */
  list(values: readonly string[]): string;
  /** Whether the list `list` holds one of / each of `values` (NULL when `list` is). */
  listHasAny(list: string, values: string): string;
  listHasAll(list: string, values: string): string;
}

/** A JSON pointer to a top-level key: any name, even empty or with `/`, `~`, quotes or dots. */
export function propertyPointer(name: string): string {
  return `/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

const DUCKDB_PLACEHOLDER = /\$(\d+)::/g;

export const DUCKDB: SqlDialect = {
  engine: 'duckdb',
  placeholder: (n, type) => `$${n}::${type}`,
  renumber: (sql, renumber) =>
    sql.replace(DUCKDB_PLACEHOLDER, (_, n: string) => `$${renumber(Number(n))}::`),
  placeholders: (sql) => [...sql.matchAll(DUCKDB_PLACEHOLDER)].map((m) => Number(m[1])),
  double: (e) => `${e}::DOUBLE`,
  integer: (e) => `${e}::INTEGER`,
  timestamp: (e) => `CAST(${e} AS TIMESTAMP)`,
  epochMs: (e) => `epoch_ms(${e})`,
  lower: (e) => `lower(${e})`,
  contains: (text, part) => `contains(${text}, ${part})`,
  startsWith: (text, part) => `starts_with(${text}, ${part})`,
  matches: (text, re) => `regexp_matches(${text}, '${re}')`,
  digitCount: (text) => `length(regexp_replace(${text}, '[^0-9]', '', 'g'))`,
  replaceAll: (text, re, by) => `regexp_replace(${text}, '${re}', '${by}', 'g')`,
  // The domain's own judgement, registered by the DuckDB store as a SQL function.
  firstNameJunk: (name, email) => `${FIRST_NAME_JUNK_SQL}(${name}, ${email})`,
  jsonKey: propertyPointer,
  json: (object, key) => {
    const value = `json_extract(${object}, ${key})`;
    const type = `json_type(${value})`;
    return {
      isNumber: `${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE')`,
      isBoolean: `${type} = 'BOOLEAN'`,
      text: `(CASE WHEN ${type} = 'VARCHAR' THEN json_extract_string(${object}, ${key}) END)`,
      number: `TRY_CAST(${value} AS DOUBLE)`,
      boolean: `TRY_CAST(${value} AS BOOLEAN)`,
    };
  },
  oneOf: (x, values) => `${x} IN (${values.join(', ')})`,
  argMax: (value, key) => `arg_max(${value}, row(${key.join(', ')}))`,
  argMin: (value, key) => `arg_min(${value}, row(${key.join(', ')}))`,
  list: (values) => `[${values.join(', ')}]`,
  listHasAny: (list, values) => `list_has_any(${list}, ${values})`,
  listHasAll: (list, values) => `list_has_all(${list}, ${values})`,
};

const CLICKHOUSE_TYPES: Readonly<Record<SqlType, string>> = {
  VARCHAR: 'String',
  DOUBLE: 'Float64',
  BIGINT: 'Int64',
  BOOLEAN: 'Bool',
  TIMESTAMP: 'Int64',
};
const CLICKHOUSE_PLACEHOLDER = /\{p(\d+):/g;

/**
 * ClickHouse (a server, or chDB in-process): parameters named `{pN:Type}` and bound by name; a
 * TIMESTAMP parameter is the epoch milliseconds the walk binds, made an instant in SQL. A first
 * name's usability is not computed here: the store computes it at load and its layout answers the
 * reach check (decision 042).
 */
/** A ClickHouse string literal: it reads backslash escapes, so backslashes are doubled. */
const clickhouseText = (text: string) =>
  `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export const CLICKHOUSE: SqlDialect = {
  engine: 'clickhouse',
  placeholder: (n, type) =>
    type === 'TIMESTAMP'
      ? `fromUnixTimestamp64Milli({p${n}:Int64}, 'UTC')`
      : `{p${n}:${CLICKHOUSE_TYPES[type]}}`,
  renumber: (sql, renumber) =>
    sql.replace(CLICKHOUSE_PLACEHOLDER, (_, n: string) => `{p${renumber(Number(n))}:`),
  placeholders: (sql) => [...sql.matchAll(CLICKHOUSE_PLACEHOLDER)].map((m) => Number(m[1])),
  double: (e) => `toFloat64(${e})`,
  integer: (e) => `toInt32(${e})`,
  timestamp: (e) => `toDateTime64(${e}, 3, 'UTC')`,
  epochMs: (e) => `toUnixTimestamp64Milli(${e})`,
  lower: (e) => `lowerUTF8(${e})`,
  contains: (text, part) => `(position(${text}, ${part}) > 0)`,
  startsWith: (text, part) => `startsWith(${text}, ${part})`,
  matches: (text, re) => `match(${text}, ${clickhouseText(re)})`,
  digitCount: (text) => `length(replaceRegexpAll(${text}, '[^0-9]', ''))`,
  replaceAll: (text, re, by) =>
    `replaceRegexpAll(${text}, ${clickhouseText(re)}, ${clickhouseText(by)})`,
  firstNameJunk: () => {
    throw new Error('ClickHouse reads a first name’s usability from its store’s layout.');
  },
  jsonKey: (name) => name,
  json: (object, key) => {
    const type = `JSONType(${object}, ${key})`;
    return {
      isNumber: `${type} IN ('Int64', 'UInt64', 'Double')`,
      isBoolean: `${type} = 'Bool'`,
      text: `if(${type} = 'String', JSONExtractString(${object}, ${key}), NULL)`,
      number: `JSONExtractFloat(${object}, ${key})`,
      boolean: `JSONExtractBool(${object}, ${key})`,
    };
  },
  // ClickHouse refuses a correlated subquery as IN's argument: one equality each.
  oneOf: (x, values) => `(${values.map((value) => `${x} = ${value}`).join(' OR ')})`,
  argMax: (value, key) => `argMax(${value}, (${key.join(', ')}))`,
  argMin: (value, key) => `argMin(${value}, (${key.join(', ')}))`,
  list: (values) => `[${values.join(', ')}]`,
  listHasAny: (list, values) => `hasAny(${list}, ${values})`,
  listHasAll: (list, values) => `hasAll(${list}, ${values})`,
};

const POSTGRES_TYPES: Readonly<Record<Exclude<SqlType, 'TIMESTAMP'>, string>> = {
  VARCHAR: 'text',
  DOUBLE: 'double precision',
  BIGINT: 'bigint',
  BOOLEAN: 'boolean',
};

/**
 * An RE2 expression of ours in PostgreSQL's (ARE) words: RE2's `\x{HHHH}` is ARE's `\uHHHH`; the
 * other escapes we write (`\t`, `\n`, `\f`, `\r`, `\.`) read the same, inside brackets too.
 */
export function postgresRegex(re: string): string {
  return re.replace(/\\x\{([0-9A-Fa-f]{1,4})\}/g, (_, hex: string) => `\\u${hex.padStart(4, '0')}`);
}

/**
 * PostgreSQL (a server, or PGlite in-process): DuckDB's `$n::type` parameters, bound positionally;
 * a TIMESTAMP parameter is the epoch milliseconds the walk binds, made an instant in SQL. Instants
 * are `timestamptz` in a session on UTC; text compares byte-wise (the database's collation is C)
 * and lower-cases by the UTF-8 character type (decision 043). A first name's usability comes from
 * the store's layout, as in ClickHouse.
 */
export const POSTGRES: SqlDialect = {
  engine: 'postgres',
  placeholder: (n, type) =>
    type === 'TIMESTAMP'
      ? `to_timestamp($${n}::double precision / 1000)`
      : `$${n}::${POSTGRES_TYPES[type]}`,
  renumber: DUCKDB.renumber,
  placeholders: DUCKDB.placeholders,
  double: (e) => `(${e})::double precision`,
  integer: (e) => `(${e})::integer`,
  timestamp: (e) => `CAST(${e} AS timestamptz)`,
  epochMs: (e) => `(extract(epoch FROM ${e}) * 1000)`,
  lower: (e) => `lower(${e})`,
  contains: (text, part) => `(strpos(${text}, ${part}) > 0)`,
  startsWith: (text, part) => `starts_with(${text}, ${part})`,
  // Standard strings: a backslash is itself; a quote doubled.
  matches: (text, re) => `(${text} ~ '${postgresRegex(re).replaceAll("'", "''")}')`,
  digitCount: (text) => `length(regexp_replace(${text}, '[^0-9]', '', 'g'))`,
  replaceAll: (text, re, by) =>
    `regexp_replace(${text}, '${postgresRegex(re).replaceAll("'", "''")}', '${by}', 'g')`,
  firstNameJunk: () => {
    throw new Error('PostgreSQL reads a first name’s usability from its store’s layout.');
  },
  jsonKey: (name) => name,
  json: (object, key) => {
    const type = `jsonb_typeof(${object} -> ${key})`;
    return {
      isNumber: `coalesce(${type} = 'number', FALSE)`,
      isBoolean: `coalesce(${type} = 'boolean', FALSE)`,
      text: `(CASE WHEN ${type} = 'string' THEN ${object} ->> ${key} END)`,
      number: `(CASE WHEN ${type} = 'number' THEN (${object} ->> ${key})::double precision END)`,
      boolean: `(CASE WHEN ${type} = 'boolean' THEN (${object} ->> ${key})::boolean END)`,
    };
  },
  oneOf: DUCKDB.oneOf,
  // The value on the row of the largest / smallest key, rows without a value left out (as DuckDB's
  // arg_max and ClickHouse's argMax leave them).
  argMax: (value, key) =>
    `(array_agg(${value} ORDER BY ${key.map((k) => `${k} DESC NULLS LAST`).join(', ')}) FILTER (WHERE ${value} IS NOT NULL))[1]`,
  argMin: (value, key) =>
    `(array_agg(${value} ORDER BY ${key.join(', ')}) FILTER (WHERE ${value} IS NOT NULL))[1]`,
  list: (values) => `ARRAY[${values.join(', ')}]`,
  listHasAny: (list, values) => `(${list} && ${values})`,
  listHasAll: (list, values) => `(${list} @> ${values})`,
};

/** profile/cross-profile.ts emailKey in SQL: trimmed (JavaScript's spaces), lower-cased, NULL if ''. */
export function emailKeySql(dialect: SqlDialect, column: string): string {
  const space = `[${JS_SPACE_RE2}]`;
  const trimmed = dialect.replaceAll(`coalesce(${column}, '')`, `^${space}+|${space}+$`, '');
  return `nullif(${dialect.lower(trimmed)}, '')`;
}

/** profile/cross-profile.ts phoneKey in SQL: the digits, +33 read as 0; NULL under the minimum. */
export function phoneKeySql(dialect: SqlDialect, column: string): string {
  const d = dialect.replaceAll(`coalesce(${column}, '')`, '[^0-9]', '');
  return (
    `CASE WHEN length(${d}) < ${MIN_PHONE_DIGITS} THEN NULL ` +
    `WHEN length(${d}) = 11 AND substr(${d}, 1, 2) = '33' THEN '0' || substr(${d}, 3) ELSE ${d} END`
  );
}
