// Definitions the SQL compiler's tests share: sql.test.ts compiles them over the loaded tables,
// server/stores/duckdb-segment-layout.test.ts over the DuckDB store's segment tables.
import type { Comparison, Condition, SegmentDefinition, SegmentNode } from './definition.ts';

/** "Today" for the SQL tests. */
export const SQL_AS_OF = '2026-11-16T00:00:00.000Z';

/** A definition whose root ANDs `children`. */
export function definition(...children: SegmentNode[]): SegmentDefinition {
  return {
    version: 1,
    root: { id: 'root', kind: 'group', negate: false, combinator: 'and', children },
  };
}

/** An attribute condition. */
export const attr = (field: string, test: Comparison): Condition => ({
  id: 'a',
  kind: 'attribute',
  negate: false,
  field,
  test,
});

/** Values that would break or widen a statement if they reached its text. */
export const HOSTILE = [
  "'; DROP TABLE customers; --",
  '__proto__',
  'constructor',
  "O'Brien",
  '"quoted"',
  '$1 OR TRUE',
  '?',
  '%_\\',
  'Élodie',
  '🦆',
];

/** Every kind of condition, each carrying `value` (or a number/date of its own) somewhere. */
export function everywhere(value: string): SegmentDefinition {
  return definition(
    attr('customer.city', { operator: 'equals', value }),
    attr('customer.first_name', { operator: 'in', values: [value, `${value}2`] }),
    attr('customer.last_name', { operator: 'contains', value }),
    attr('customer.email', { operator: 'starts_with', value }),
    attr('customer.gender', { operator: 'not_in', values: [value] }),
    attr('customer.birth_date', { operator: 'between', min: '1903-03-17', max: '1904-04-18' }),
    {
      id: 'b',
      kind: 'behaviour',
      negate: true,
      action: { type: 'event', event_type: value },
      count: { operator: 'at_least', value: 424242 },
      window: { type: 'between', from: '1905-05-19', to: '1906-06-20' },
      filters: [
        { field: `property.${value}`, test: { operator: 'equals', value } },
        { field: 'property.rating', test: { operator: 'gte', value: 31337.5 } },
      ],
    },
    {
      id: 'o',
      kind: 'behaviour',
      negate: false,
      action: { type: 'order' },
      count: { operator: 'exactly', value: 777 },
      window: { type: 'last_days', days: 4321 },
      filters: [
        { field: 'order.promo_code', test: { operator: 'equals', value } },
        { field: 'line.brand', test: { operator: 'all_of', values: [value] } },
      ],
    },
    {
      id: 'g',
      kind: 'aggregate',
      negate: false,
      measure: 'channels_used',
      window: { type: 'after', date: '1907-07-21' },
      test: { operator: 'all_of', values: [value, 'web'] },
    },
    {
      id: 'f',
      kind: 'aggregate',
      negate: false,
      measure: 'favourite_category',
      window: { type: 'before', date: '1908-08-22' },
      test: { operator: 'equals', value },
    },
    { id: 'k', kind: 'reachability', negate: false, check: { type: 'consent', channel: 'sms' } },
  );
}
