// The SQL form of operators.ts's primitives: a comparison on a value's SQL expression becomes a
// boolean expression, every value bound as a parameter. What an operator means is operators.ts's
// decision (value-tests.ts gives the same primitives in JS); this file only says how SQL checks
// each one, in the words of the statement's engine (sql-dialect.ts). An expression may be NULL where its value is missing: the compiler coalesces each
// condition (`two`), and a NOT here coalesces what it negates, so NULL never reaches NOT.
import type { CatalogueType } from '../profile/catalogue.ts';
import type { Comparison } from './definition.ts';
import type { TimeRange } from './facts.ts';
import { DYNAMIC_KINDS, comparisonMeaning, type Listed, type Meaning } from './operators.ts';
import type { SqlDialect, SqlType } from './sql-dialect.ts';

export { propertyPointer, type SqlType } from './sql-dialect.ts';

/** Binds a value as the statement's next parameter and answers its placeholder. */
export type Bind = (type: SqlType, value: string | number | boolean) => string;

/** What writes a statement's SQL: its parameters, in its engine's spelling. */
export interface SqlWriter {
  bind: Bind;
  dialect: SqlDialect;
}

export const FALSE = 'FALSE';
export const TRUE = 'TRUE';

/** Two-valued: NULL becomes FALSE. */
export function two(expr: string): string {
  return expr === FALSE || expr === TRUE ? expr : `coalesce(${expr}, FALSE)`;
}

export function any(parts: readonly string[]): string {
  const live = parts.filter((p) => p !== FALSE);
  return live.length === 0
    ? FALSE
    : live.length === 1
      ? (live[0] ?? FALSE)
      : `(${live.join(' OR ')})`;
}

/** Keeps FALSE parts: another part may hold parameters, and every parameter must appear. */
export function all(parts: readonly string[]): string {
  const live = parts.filter((p) => p !== TRUE);
  return live.length === 0
    ? TRUE
    : live.length === 1
      ? (live[0] ?? TRUE)
      : `(${live.join(' AND ')})`;
}

export function not(expr: string): string {
  return expr === FALSE ? TRUE : expr === TRUE ? FALSE : `(NOT ${expr})`;
}

/** `instant` (a TIMESTAMP expression) in `r`, its bounds bound as epoch milliseconds. */
export function rangeSql(r: TimeRange | null, instant: string, bind: Bind): string {
  if (r === null || !(r.from < r.until)) return FALSE;
  const parts: string[] = [];
  if (r.from !== -Infinity) parts.push(`${instant} >= ${bind('TIMESTAMP', r.from)}`);
  if (r.until !== Infinity) parts.push(`${instant} < ${bind('TIMESTAMP', r.until)}`);
  return parts.length === 0 ? `${instant} IS NOT NULL` : all(parts);
}

/** How one value reads in SQL: its expression, how it is lower-cased, how a listed value binds. */
interface SqlValue<V extends Listed> {
  /** NULL when missing; a TIMESTAMP for dates. */
  x: string;
  /** Text: '' is not filled. */
  text: boolean;
  /** `e` lower-cased (the value's own expression may have a lower-cased copy). */
  lower: (e: string) => string;
  param: (value: V) => string;
  bind: Bind;
  dialect: SqlDialect;
}

function meaningSql<V extends Listed>(m: Meaning<V>, v: SqlValue<V>): string {
  const { x, text, bind } = v;
  const fold = (caseless: boolean) => (caseless ? v.lower : (e: string) => e);
  const equals = (value: V, f: (e: string) => string) => `${f(x)} = ${f(v.param(value))}`;
  switch (m.is) {
    case 'never':
      return FALSE;
    case 'present':
      return `${x} IS NOT NULL`;
    case 'filled':
      return text ? `(${x} IS NOT NULL AND ${x} <> '')` : `${x} IS NOT NULL`;
    case 'blank':
      return text ? `(${x} IS NULL OR ${x} = '')` : `${x} IS NULL`;
    case 'one_of': {
      const f = fold(m.caseless);
      if (m.values.length > 1) {
        return v.dialect.oneOf(
          f(x),
          m.values.map((value) => f(v.param(value))),
        );
      }
      return any(m.values.map((value) => equals(value, f)));
    }
    case 'each_of': {
      const f = fold(m.caseless);
      return all([`${x} IS NOT NULL`, ...m.values.map((value) => equals(value, f))]);
    }
    case 'contains':
    case 'starts_with': {
      const f = fold(m.caseless);
      const part = f(bind('VARCHAR', m.part));
      return m.is === 'contains'
        ? v.dialect.contains(f(x), part)
        : v.dialect.startsWith(f(x), part);
    }
    case 'compare': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[m.op];
      return `${x} ${op} ${bind('DOUBLE', m.value)}`;
    }
    case 'between':
      return `${x} BETWEEN ${bind('DOUBLE', m.min)} AND ${bind('DOUBLE', m.max)}`;
    case 'within':
      return rangeSql(m.range, x, bind);
    case 'boolean':
      return `${x} IS ${m.value ? 'TRUE' : 'FALSE'}`;
    case 'and':
      return all(m.parts.map((p) => meaningSql(p, v)));
    case 'or':
      return any(m.parts.map((p) => meaningSql(p, v)));
    case 'not':
      return not(two(meaningSql(m.part, v)));
  }
}

/** A number or a boolean: never lower-cased, listed values bound as `type`. */
function scalar<V extends number | boolean>(x: string, type: SqlType, w: SqlWriter): SqlValue<V> {
  // Never caseless (operators.ts), so never lower-cased.
  return {
    x,
    text: false,
    lower: w.dialect.lower,
    param: (value) => w.bind(type, value),
    bind: w.bind,
    dialect: w.dialect,
  };
}

/**
 * A test on a value of a fixed catalogue type; `x` is its SQL expression (NULL when missing) and
 * `lowerX`, when given, the same value already lower-cased by the same lower().
 */
export function valueSql(
  test: Comparison,
  type: CatalogueType,
  x: string,
  w: SqlWriter,
  asOfMs: number,
  lowerX?: string,
): string {
  const text = (at: string, isText: boolean): SqlValue<string> => ({
    x: at,
    text: isText,
    lower: (e) => (e === x && lowerX !== undefined ? lowerX : w.dialect.lower(e)),
    param: (value) => w.bind('VARCHAR', value),
    bind: w.bind,
    dialect: w.dialect,
  });
  switch (type) {
    case 'string':
    case 'enum':
      return meaningSql(comparisonMeaning(test, type, asOfMs), text(x, true));
    case 'date':
      return meaningSql(comparisonMeaning(test, type, asOfMs), text(w.dialect.timestamp(x), false));
    case 'number':
      return meaningSql(comparisonMeaning(test, type, asOfMs), scalar(x, 'DOUBLE', w));
    case 'boolean':
      return meaningSql(comparisonMeaning(test, type, asOfMs), scalar(x, 'BOOLEAN', w));
  }
}

/**
 * A test on a key of a JSON object (an event's properties, a customer's scores) typed by its own
 * JSON value, as operators.ts's DYNAMIC_KINDS says; an absent key or a JSON null is missing.
 */
export function propertySql(
  test: Comparison,
  properties: string,
  name: string,
  w: SqlWriter,
): string {
  const key = w.dialect.json(properties, w.bind('VARCHAR', w.dialect.jsonKey(name)));
  // Dates never apply here, so "today" plays no part.
  const asText = two(
    meaningSql(comparisonMeaning(test, DYNAMIC_KINDS.other, NaN), {
      x: key.text,
      text: true,
      lower: w.dialect.lower,
      param: (value) => w.bind('VARCHAR', value),
      bind: w.bind,
      dialect: w.dialect,
    }),
  );
  const asNumber = two(
    meaningSql(comparisonMeaning(test, DYNAMIC_KINDS.number, NaN), scalar(key.number, 'DOUBLE', w)),
  );
  const asBoolean = two(
    meaningSql(
      comparisonMeaning(test, DYNAMIC_KINDS.boolean, NaN),
      scalar(key.boolean, 'BOOLEAN', w),
    ),
  );
  return (
    `(CASE WHEN ${key.isNumber} THEN ${asNumber} ` +
    `WHEN ${key.isBoolean} THEN ${asBoolean} ELSE ${asText} END)`
  );
}

/** How a set of enum values (channels used…) reads where it is kept; never NULL. */
export interface SqlSet {
  /** The set is not empty (an order in the window). */
  hasOrder: string;
  /** Holds one of `xs` (at least one). */
  holdsAny: (xs: readonly string[]) => string;
  /** Holds each of `xs` (at least one, distinct). */
  holdsAll: (xs: readonly string[]) => string;
}

/** A set as a list of its values, NULL when empty (a store layout's `list(DISTINCT …)`). */
export function listedSet(list: string, w: SqlWriter): SqlSet {
  const values = (xs: readonly string[]) => w.dialect.list(xs.map((x) => w.bind('VARCHAR', x)));
  return {
    hasOrder: `${list} IS NOT NULL`,
    holdsAny: (xs) => `coalesce(${w.dialect.listHasAny(list, values(xs))}, FALSE)`,
    holdsAll: (xs) => `coalesce(${w.dialect.listHasAll(list, values(xs))}, FALSE)`,
  };
}

/** A set as `column` over the rows `from` (`FROM … WHERE …`) selects (the loaded orders). */
export function rowsSet(column: string, from: string, w: SqlWriter): SqlSet {
  const bind = w.bind;
  const listed = (xs: readonly string[]) => xs.map((x) => bind('VARCHAR', x)).join(', ');
  return {
    hasOrder: `EXISTS (SELECT 1 ${from})`,
    holdsAny: (xs) => `EXISTS (SELECT 1 ${from} AND ${column} IN (${listed(xs)}))`,
    holdsAll: (xs) =>
      `(SELECT count(DISTINCT ${column}) ${from} AND ${column} IN (${listed(xs)})) = ` +
      bind('BIGINT', xs.length),
  };
}

/** A test on a set of enum values; an empty set is missing. */
export function setSql(test: Comparison, set: SqlSet): string {
  return setMeaningSql(comparisonMeaning(test, 'set', NaN), set);
}

function setMeaningSql(m: Meaning<string>, set: SqlSet): string {
  switch (m.is) {
    case 'present':
    case 'filled':
      return set.hasOrder;
    case 'blank':
      return not(set.hasOrder);
    case 'one_of':
      return set.holdsAny(m.values);
    case 'each_of': {
      const xs = [...new Set(m.values)];
      return xs.length === 0 ? set.hasOrder : set.holdsAll(xs);
    }
    case 'and':
      return all(m.parts.map((p) => setMeaningSql(p, set)));
    case 'not':
      return not(setMeaningSql(m.part, set));
    default:
      return FALSE; // no other primitive applies to a set (operators.ts gives none)
  }
}
