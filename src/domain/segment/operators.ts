// What each comparison operator means on each kind of value, written once. The JS evaluators
// (value-tests.ts) and the SQL compiler (sql-comparison.ts) read a comparison only through
// comparisonMeaning(), and each writes just the primitives of Meaning in its own form.
//
//   operator            meaning (any operator not listed for a kind is false)
//   equals v, in vs     one of the listed values of the kind's JSON type (5 never equals "5");
//                       none of that type: false. Dates: on the UTC day of one of them.
//   not_equals, not_in  present, and not one of them: false on a missing value (NOT is `negate`).
//   all_of vs           every listed value of the kind's type? present and equal to each (a set:
//                       holding each; the empty list: present) : false.
//   contains, starts_with   text (string, enum) only.
//   gt gte lt lte       numbers only; between: numbers with number bounds, dates with date bounds
//                       (both dates included).
//   before, after, in_last_days   dates only, as the windows of facts.ts (instants in UTC).
//   not_in_last_days    present, and not in the last N days (so a future date is in it).
//   is_true, is_false   booleans only.
//   is_empty / is_set   missing, or the empty string (text) or the empty set / the opposite.
//
// Case: `string` compares lower-cased (caseless), `enum` and `set` exactly. Missing is null, an
// absent key, JSON null or an unreadable date: every primitive but `blank` is false on it.
// A value typed by itself (event properties, scores) takes the kind of its JSON type: a number
// 'number', a boolean 'boolean', anything else (a string or missing) 'string'.
import type { CatalogueType } from '../profile/catalogue.ts';
import type { Comparison } from './definition.ts';
import { comparisonRange, dayRange, type TimeRange } from './facts.ts';

/** A field's catalogue type, or a set of enum values (channels used, payment methods used). */
export type ValueKind = CatalogueType | 'set';

export type Listed = string | number | boolean;

/**
 * The primitives an engine writes, for a kind whose listed values are of type V (strings for
 * text, dates and sets); every one but `blank` is false on a missing value.
 */
export type Meaning<V extends Listed = Listed> =
  | { is: 'never' }
  /** A value of the kind is there (a set: not empty). */
  | { is: 'present' }
  /** Present, and (text) not the empty string. */
  | { is: 'filled' }
  /** Not filled. */
  | { is: 'blank' }
  /** Equals one of `values` (at least one); a set holds one of them. */
  | { is: 'one_of'; values: readonly V[]; caseless: boolean }
  /** Present and equal to each of `values`; a set holds each. */
  | { is: 'each_of'; values: readonly V[]; caseless: boolean }
  | { is: 'contains' | 'starts_with'; part: string; caseless: boolean }
  | { is: 'compare'; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  /** min ≤ value ≤ max. */
  | { is: 'between'; min: number; max: number }
  /** An instant in `range` (from ≤ t < until). */
  | { is: 'within'; range: TimeRange }
  | { is: 'boolean'; value: boolean }
  | { is: 'and'; parts: readonly Meaning<V>[] }
  | { is: 'or'; parts: readonly Meaning<V>[] }
  | { is: 'not'; part: Meaning<V> };

/** The kind a value typed by its own JSON type takes (see the header). */
export const DYNAMIC_KINDS = { number: 'number', boolean: 'boolean', other: 'string' } as const;

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';

/** What `test` means on a value of `kind`, with "today" at `asOfMs` (epoch ms). */
export function comparisonMeaning(
  test: Comparison,
  kind: 'number',
  asOfMs: number,
): Meaning<number>;
export function comparisonMeaning(
  test: Comparison,
  kind: 'boolean',
  asOfMs: number,
): Meaning<boolean>;
export function comparisonMeaning(
  test: Comparison,
  kind: 'string' | 'enum' | 'date' | 'set',
  asOfMs: number,
): Meaning<string>;
export function comparisonMeaning(test: Comparison, kind: ValueKind, asOfMs: number): Meaning {
  // A value only equals a value of its own JSON type; a calendar date, the instants of its day.
  switch (kind) {
    case 'number':
      return meaningOf(test, kind, isNumber, null, asOfMs);
    case 'boolean':
      return meaningOf(test, kind, isBoolean, null, asOfMs);
    case 'date':
      return meaningOf(test, kind, isString, onDay, asOfMs);
    case 'string':
    case 'enum':
    case 'set':
      return meaningOf(test, kind, isString, null, asOfMs);
  }
}

/**
 * The table itself, for a kind whose listed values pass `accepts`; `day`, for dates, is what
 * equal to a listed value means (else plain equality, one_of / each_of).
 */
function meaningOf<V extends Listed>(
  test: Comparison,
  kind: ValueKind,
  accepts: (x: unknown) => x is V,
  day: ((x: V) => Meaning<V>) | null,
  asOfMs: number,
): Meaning<V> {
  const never: Meaning<V> = { is: 'never' };
  const present: Meaning<V> = { is: 'present' };
  const text = kind === 'string' || kind === 'enum';
  const caseless = kind === 'string';
  const within = (range: TimeRange | null): Meaning<V> =>
    range === null ? never : { is: 'within', range };
  const oneOf = (values: readonly Listed[]): Meaning<V> => {
    const xs = values.filter(accepts);
    if (day !== null) return { is: 'or', parts: xs.map(day) };
    return xs.length === 0 ? never : { is: 'one_of', values: xs, caseless };
  };
  const noneOf = (values: readonly Listed[]): Meaning<V> => ({
    is: 'and',
    parts: [present, { is: 'not', part: oneOf(values) }],
  });
  switch (test.operator) {
    case 'equals':
      return oneOf([test.value]);
    case 'in':
      return oneOf(test.values);
    case 'not_equals':
      return noneOf([test.value]);
    case 'not_in':
      return noneOf(test.values);
    case 'all_of': {
      const { values } = test;
      if (!values.every(accepts)) return never;
      if (day !== null) return { is: 'and', parts: [present, ...values.map(day)] };
      return { is: 'each_of', values, caseless };
    }
    case 'contains':
    case 'starts_with':
      return text ? { is: test.operator, part: test.value, caseless } : never;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return kind === 'number' ? { is: 'compare', op: test.operator, value: test.value } : never;
    case 'between':
      if (kind === 'date') return within(comparisonRange(test, asOfMs));
      if (kind !== 'number' || !isNumber(test.min) || !isNumber(test.max)) return never;
      return { is: 'between', min: test.min, max: test.max };
    case 'before':
    case 'after':
    case 'in_last_days':
      return kind === 'date' ? within(comparisonRange(test, asOfMs)) : never;
    case 'not_in_last_days':
      if (kind !== 'date') return never;
      return {
        is: 'and',
        parts: [present, { is: 'not', part: within(comparisonRange(test, asOfMs)) }],
      };
    case 'is_true':
    case 'is_false':
      return kind === 'boolean' ? { is: 'boolean', value: test.operator === 'is_true' } : never;
    case 'is_empty':
      return { is: 'blank' };
    case 'is_set':
      return { is: 'filled' };
  }
}

/** A calendar date equals the instants of its UTC day. */
function onDay(date: string): Meaning<string> {
  const range = dayRange(date);
  return range === null ? { is: 'never' } : { is: 'within', range };
}
