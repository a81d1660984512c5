// The SQL form of operators.ts's primitives: a comparison on a value's SQL expression becomes a
// boolean expression, every value bound as a parameter. What an operator means is operators.ts's
// decision (value-tests.ts gives the same primitives in JS); this file only says how DuckDB checks
// each one. An expression may be NULL where its value is missing: the compiler coalesces each
// condition (`two`), and a NOT here coalesces what it negates, so NULL never reaches NOT.
import type { CatalogueType } from '../profile/catalogue.ts';
import type { Comparison } from './definition.ts';
import type { TimeRange } from './facts.ts';
import { DYNAMIC_KINDS, comparisonMeaning, type Listed, type Meaning } from './operators.ts';

export type SqlType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'TIMESTAMP';

/** Binds a value as the statement's next parameter and answers its placeholder (`$n::TYPE`). */
export type Bind = (type: SqlType, value: string | number | boolean) => string;

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

/** A JSON pointer to a top-level key: any name, even empty or with `/`, `~`, quotes or dots. */
export function propertyPointer(name: string): string {
  return `/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
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
        return `${f(x)} IN (${m.values.map((value) => f(v.param(value))).join(', ')})`;
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
      return `${m.is}(${f(x)}, ${f(bind('VARCHAR', m.part))})`;
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
function scalar<V extends number | boolean>(x: string, type: SqlType, bind: Bind): SqlValue<V> {
  // Never caseless (operators.ts), so never lower-cased.
  return { x, text: false, lower: lowered, param: (value) => bind(type, value), bind };
}

const lowered = (e: string): string => `lower(${e})`;

/**
 * A test on a value of a fixed catalogue type; `x` is its SQL expression (NULL when missing) and
 * `lowerX`, when given, the same value already lower-cased by the same lower().
 */
export function valueSql(
  test: Comparison,
  type: CatalogueType,
  x: string,
  bind: Bind,
  asOfMs: number,
  lowerX?: string,
): string {
  const text = (at: string, isText: boolean): SqlValue<string> => ({
    x: at,
    text: isText,
    lower: (e) => (e === x && lowerX !== undefined ? lowerX : `lower(${e})`),
    param: (value) => bind('VARCHAR', value),
    bind,
  });
  switch (type) {
    case 'string':
    case 'enum':
      return meaningSql(comparisonMeaning(test, type, asOfMs), text(x, true));
    case 'date':
      return meaningSql(
        comparisonMeaning(test, type, asOfMs),
        text(`CAST(${x} AS TIMESTAMP)`, false),
      );
    case 'number':
      return meaningSql(comparisonMeaning(test, type, asOfMs), scalar(x, 'DOUBLE', bind));
    case 'boolean':
      return meaningSql(comparisonMeaning(test, type, asOfMs), scalar(x, 'BOOLEAN', bind));
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
  bind: Bind,
): string {
  const pointer = bind('VARCHAR', propertyPointer(name));
  const json = `json_extract(${properties}, ${pointer})`;
  const type = `json_type(${json})`;
  // Dates never apply here, so "today" plays no part.
  const asText = two(
    meaningSql(comparisonMeaning(test, DYNAMIC_KINDS.other, NaN), {
      x: `(CASE WHEN ${type} = 'VARCHAR' THEN json_extract_string(${properties}, ${pointer}) END)`,
      text: true,
      lower: lowered,
      param: (value) => bind('VARCHAR', value),
      bind,
    }),
  );
  const asNumber = two(
    meaningSql(
      comparisonMeaning(test, DYNAMIC_KINDS.number, NaN),
      scalar(`TRY_CAST(${json} AS DOUBLE)`, 'DOUBLE', bind),
    ),
  );
  const asBoolean = two(
    meaningSql(
      comparisonMeaning(test, DYNAMIC_KINDS.boolean, NaN),
      scalar(`TRY_CAST(${json} AS BOOLEAN)`, 'BOOLEAN', bind),
    ),
  );
  return (
    `(CASE WHEN ${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN ${asNumber} ` +
    `WHEN ${type} = 'BOOLEAN' THEN ${asBoolean} ELSE ${asText} END)`
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
export function listedSet(list: string, bind: Bind): SqlSet {
  const values = (xs: readonly string[]) => `[${xs.map((x) => bind('VARCHAR', x)).join(', ')}]`;
  return {
    hasOrder: `${list} IS NOT NULL`,
    holdsAny: (xs) => `coalesce(list_has_any(${list}, ${values(xs)}), FALSE)`,
    holdsAll: (xs) => `coalesce(list_has_all(${list}, ${values(xs)}), FALSE)`,
  };
}

/** A set as `column` over the rows `from` (`FROM … WHERE …`) selects (the loaded orders). */
export function rowsSet(column: string, from: string, bind: Bind): SqlSet {
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
