// Whether one test (operator and values) fits the type of the field it applies to.
import { MAX_LIST_VALUES, type Comparison } from './definition.ts';
import {
  OPERATORS_BY_TYPE,
  TYPE_NOUNS,
  operatorAllowed,
  operatorLabel,
  type FieldInfo,
} from './catalogue-view.ts';

export type Path = (string | number)[];
export type IssueCode =
  | 'unknown_field'
  | 'unknown_score'
  | 'unknown_event_type'
  | 'unknown_filter'
  | 'unknown_segment'
  | 'segment_cycle'
  | 'operator_not_allowed'
  | 'wrong_value_type'
  | 'unknown_value'
  | 'empty_value'
  | 'invalid_date'
  | 'invalid_days'
  | 'min_above_max'
  | 'too_many_values'
  | 'too_deep'
  | 'empty_group'
  | 'duplicate_id'
  | 'too_many_nodes';
export interface PathIssue {
  path: Path;
  code: IssueCode;
  message: string;
}

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
function usableOperators(field: FieldInfo): string {
  const ops = OPERATORS_BY_TYPE[field.type].filter((op) => op !== 'is_empty' && op !== 'is_set');
  return list(ops.map((op) => operatorLabel(op, field.type)));
}

type Scalar = string | number | boolean;

function valueIssues(field: FieldInfo, value: Scalar, path: Path): PathIssue[] {
  const name = `'${field.label}'`;
  const wrong = (what: string): PathIssue[] => [
    { path, code: 'wrong_value_type', message: `${name} takes ${what}.` },
  ];
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : wrong('a number');
    case 'date':
      if (typeof value !== 'string') return wrong('a date');
      if (isCalendarDate(value)) return [];
      return [{ path, code: 'invalid_date', message: `Pick a calendar date for ${name}.` }];
    case 'boolean':
      return wrong('yes or no only through "is yes" and "is no"');
    case 'string':
    case 'enum':
    case 'set': {
      if (typeof value !== 'string') return wrong('a text');
      if (value.trim() === '') {
        return [{ path, code: 'empty_value', message: `Type or pick a value for ${name}.` }];
      }
      if (field.type === 'string' || field.suggestions.length === 0) return [];
      if (field.suggestions.includes(value)) return [];
      const message = `${name} has no value '${value}': pick one from the list.`;
      return [{ path, code: 'unknown_value', message }];
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
  return [{ path, code: 'min_above_max', message }];
}

/** Issues of one test against the field it applies to; `path` points at the test. */
export function checkTest(field: FieldInfo, test: Comparison, path: Path): PathIssue[] {
  if (!operatorAllowed(field.type, test.operator)) {
    const message = `'${field.label}' is ${TYPE_NOUNS[field.type]}: use ${usableOperators(field)}.`;
    return [{ path: [...path, 'operator'], code: 'operator_not_allowed', message }];
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
        return [{ path: at, code: 'empty_value', message }];
      }
      if (test.values.length > MAX_LIST_VALUES) {
        const message = `A list holds at most ${MAX_LIST_VALUES.toLocaleString('en')} values (this one has ${test.values.length.toLocaleString('en')}).`;
        return [{ path: at, code: 'too_many_values', message }];
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
      return Number.isInteger(test.days) && test.days >= 1 && test.days <= 36_500
        ? []
        : [
            {
              path: [...path, 'days'],
              code: 'invalid_days',
              message: 'Type a number of days from 1 to 36,500.',
            },
          ];
    case 'is_empty':
    case 'is_set':
    case 'is_true':
    case 'is_false':
      return [];
  }
}
