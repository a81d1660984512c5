// What a test becomes when the marketer picks a field or an operator: the value carried over when
// it still fits, a default otherwise. A default is always what the box shows (0, today, 30 days):
// the screen never shows an empty box over a value the definition holds.
import type { Comparison, Operator } from '../../domain/segment/definition.ts';
import { OPERATORS_BY_TYPE, type ValueType } from '../../domain/segment/catalogue-view.ts';
import { isCalendarDate } from '../../domain/segment/validate.ts';

export const DEFAULT_DAYS = 30;

export function defaultOperator(type: ValueType): Operator {
  switch (type) {
    case 'number':
      return 'gte';
    case 'date':
      return 'in_last_days';
    case 'boolean':
      return 'is_true';
    case 'set':
      return 'in';
    case 'string':
    case 'enum':
      return 'equals';
  }
}

type Scalar = string | number | boolean;

function firstValue(previous: Comparison | undefined): Scalar | undefined {
  if (!previous) return undefined;
  if ('value' in previous) return previous.value;
  if ('values' in previous) return previous.values[0];
  if ('min' in previous) return previous.min;
  return undefined;
}

/** A calendar date `days` before `today` (both YYYY-MM-DD, UTC). */
export function daysBefore(today: string, days: number): string {
  const at = new Date(`${today}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - days);
  return at.toISOString().slice(0, 10);
}

export function makeTest(
  type: ValueType,
  operator: Operator,
  previous: Comparison | undefined,
  today: string,
): Comparison {
  const op = OPERATORS_BY_TYPE[type].includes(operator) ? operator : defaultOperator(type);
  const first = firstValue(previous);
  const number = typeof first === 'number' ? first : undefined;
  const text = typeof first === 'string' && type !== 'date' ? first : '';
  const date = typeof first === 'string' && isCalendarDate(first) ? first : today;
  switch (op) {
    case 'equals':
    case 'not_equals':
      return { operator: op, value: type === 'number' ? (number ?? '') : text };
    case 'in':
    case 'not_in':
    case 'all_of': {
      if (previous && 'values' in previous) return { operator: op, values: previous.values };
      const keep = type === 'number' ? number : text === '' ? undefined : text;
      return { operator: op, values: keep === undefined ? [] : [keep] };
    }
    case 'contains':
    case 'starts_with':
      return { operator: op, value: text };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { operator: op, value: number ?? 0 };
    case 'between': {
      if (type === 'date') {
        return { operator: op, min: daysBefore(date, DEFAULT_DAYS), max: date };
      }
      const max = previous?.operator === 'between' ? previous.max : undefined;
      const min = number ?? 0;
      return { operator: op, min, max: typeof max === 'number' ? Math.max(max, min) : min };
    }
    case 'before':
    case 'after':
      return { operator: op, value: date };
    case 'in_last_days':
    case 'not_in_last_days': {
      const days = previous && 'days' in previous ? previous.days : DEFAULT_DAYS;
      return { operator: op, days };
    }
    case 'is_empty':
    case 'is_set':
    case 'is_true':
    case 'is_false':
      return { operator: op };
  }
}
