// Whether one test (operator and values) fits the type of the field it applies to.
import type { IssueParams } from '../zod-issue.ts';
import { MAX_LIST_VALUES, type Comparison, type Operator } from './definition.ts';
import {
  OPERATORS_BY_TYPE,
  TYPE_NOUNS,
  operatorAllowed,
  operatorLabel,
  type FieldInfo,
} from './catalogue-view.ts';

export type Path = (string | number)[];
/** Every rule a definition can break; the builder and the API's clients word each one. */
export const issueCodes = [
  'unknown_field',
  'unknown_score',
  'unknown_event_type',
  'unknown_filter',
  'unknown_segment',
  'segment_cycle',
  'operator_not_allowed',
  'wrong_value_type',
  'unknown_value',
  'empty_value',
  'invalid_date',
  'invalid_days',
  'min_above_max',
  'too_many_values',
  'too_deep',
  'empty_group',
  'duplicate_id',
  'too_many_nodes',
  'too_large_expanded',
] as const;
export type IssueCode = (typeof issueCodes)[number];
/**
 * One problem: where, its code and the figures its wording needs (the builder words it in the
 * user's language from these), and an English message for the API's developers and logs.
 */
export interface PathIssue {
  path: Path;
  code: IssueCode;
  message: string;
  params: IssueParams;
}

/** The days a window or a relative date test accepts. */
export const DAYS = { min: 1, max: 36_500 } as const;

/** A field as an issue names it: its catalogue id and label (the builder words the id). */
const named = (field: FieldInfo) => ({ field: field.id, label: field.label });

/** A real calendar date written YYYY-MM-DD (no 30 February). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function list(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The operators worth suggesting when one does not fit (is empty / is set always do). */
function usable(field: FieldInfo): Operator[] {
  return OPERATORS_BY_TYPE[field.type].filter((op) => op !== 'is_empty' && op !== 'is_set');
}

/** A number of days, whole, from 1 to 36,500 (a window, a relative date test). */
export function daysIssues(days: number, path: Path): PathIssue[] {
  if (Number.isInteger(days) && days >= DAYS.min && days <= DAYS.max) return [];
  return [
    {
      path,
      code: 'invalid_days',
      message: 'Type a number of days from 1 to 36,500.',
      params: { ...DAYS },
    },
  ];
}

type Scalar = string | number | boolean;

const TAKES = {
  number: 'a number',
  date: 'a date',
  boolean: 'yes or no only through "is yes" and "is no"',
  text: 'a text',
} as const;

function valueIssues(field: FieldInfo, value: Scalar, path: Path): PathIssue[] {
  const name = `'${field.label}'`;
  const wrong = (expected: keyof typeof TAKES): PathIssue[] => [
    {
      path,
      code: 'wrong_value_type',
      message: `${name} takes ${TAKES[expected]}.`,
      params: { ...named(field), expected },
    },
  ];
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : wrong('number');
    case 'date':
      if (typeof value !== 'string') return wrong('date');
      if (isCalendarDate(value)) return [];
      return [
        {
          path,
          code: 'invalid_date',
          message: `Pick a calendar date for ${name}.`,
          params: { of: 'value', ...named(field) },
        },
      ];
    case 'boolean':
      return wrong('boolean');
    case 'string':
    case 'enum':
    case 'set': {
      if (typeof value !== 'string') return wrong('text');
      if (value.trim() === '') {
        return [
          {
            path,
            code: 'empty_value',
            message: `Type or pick a value for ${name}.`,
            params: { of: 'value', ...named(field) },
          },
        ];
      }
      if (field.type === 'string' || field.suggestions.length === 0) return [];
      if (field.suggestions.includes(value)) return [];
      const message = `${name} has no value '${value}': pick one from the list.`;
      return [{ path, code: 'unknown_value', message, params: { ...named(field), value } }];
    }
  }
}

function boundIssues(field: FieldInfo, min: Scalar, max: Scalar, path: Path): PathIssue[] {
  const issues = [
    ...valueIssues(field, min, [...path, 'min']),
    ...valueIssues(field, max, [...path, 'max']),
  ];
  if (issues.length > 0 || min <= max) return issues;
  const message = `The lower bound is above the upper bound: swap them.`;
  return [{ path, code: 'min_above_max', message, params: { of: 'bounds' } }];
}

/** Issues of one test against the field it applies to; `path` points at the test. */
export function checkTest(field: FieldInfo, test: Comparison, path: Path): PathIssue[] {
  if (!operatorAllowed(field.type, test.operator)) {
    const message = `'${field.label}' is ${TYPE_NOUNS[field.type]}: use ${list(usable(field).map((op) => operatorLabel(op, field.type)))}.`;
    const params = {
      ...named(field),
      type: field.type,
      operator: test.operator,
      operators: usable(field),
    };
    return [{ path: [...path, 'operator'], code: 'operator_not_allowed', message, params }];
  }
  switch (test.operator) {
    case 'equals':
    case 'not_equals':
      return valueIssues(field, test.value, [...path, 'value']);
    case 'in':
    case 'not_in':
    case 'all_of': {
      const at = [...path, 'values'];
      if (test.values.length === 0) {
        const message = `Pick at least one value for '${field.label}'.`;
        return [
          { path: at, code: 'empty_value', message, params: { of: 'list', ...named(field) } },
        ];
      }
      if (test.values.length > MAX_LIST_VALUES) {
        const message = `A list holds at most ${MAX_LIST_VALUES.toLocaleString('en')} values (this one has ${test.values.length.toLocaleString('en')}).`;
        const params = { max: MAX_LIST_VALUES, count: test.values.length };
        return [{ path: at, code: 'too_many_values', message, params }];
      }
      return test.values.flatMap((v, i) => valueIssues(field, v, [...at, i]));
    }
    case 'contains':
    case 'starts_with':
      return valueIssues(field, test.value, [...path, 'value']);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return valueIssues(field, test.value, [...path, 'value']);
    case 'between':
      return boundIssues(field, test.min, test.max, path);
    case 'before':
    case 'after':
      return valueIssues(field, test.value, [...path, 'value']);
    case 'in_last_days':
    case 'not_in_last_days':
      return daysIssues(test.days, [...path, 'days']);
    case 'is_empty':
    case 'is_set':
    case 'is_true':
    case 'is_false':
      return [];
  }
}
