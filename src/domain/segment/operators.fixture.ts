// What each operator must say on each kind of value, written by hand from operators.ts's table:
// the JS tests (operators.test.ts) and DuckDB (server/stores/segments-comparisons.test.ts) are both
// checked against these rows, so neither engine can drift from the table, nor the table from them.
// Values are of the kind's type or null (a DuckDB column holds nothing else); 'dynamic' is a value
// typed by its own JSON type (an event property, a score), where any JSON scalar may turn up.
import type { CatalogueType } from '../profile/catalogue.ts';
import type { Comparison } from './definition.ts';
import type { Scalar } from './facts.ts';

/** "Today" for the date rows. */
export const TRUTH_AS_OF = '2026-11-16T12:00:00.000Z';

export interface ValueTruth {
  kind: CatalogueType | 'dynamic';
  test: Comparison;
  holds: readonly Scalar[];
  fails: readonly Scalar[];
}

export interface SetTruth {
  test: Comparison;
  holds: readonly (readonly string[])[];
  fails: readonly (readonly string[])[];
}

const row = (
  kind: ValueTruth['kind'],
  test: Comparison,
  holds: readonly Scalar[],
  fails: readonly Scalar[],
): ValueTruth => ({ kind, test, holds, fails });

const DAY = 86_400_000;
const asOfMs = Date.parse(TRUTH_AS_OF);
const at = (ms: number) => new Date(ms).toISOString();

export const VALUE_TRUTHS: readonly ValueTruth[] = [
  // ---- string: compared lower-cased; '' is a value except for is_empty / is_set
  row(
    'string',
    { operator: 'equals', value: 'Lyon' },
    ['Lyon', 'lyon', 'LYON'],
    [' Lyon ', 'Lyons', '', null],
  ),
  row('string', { operator: 'equals', value: 'ÉLODIE' }, ['élodie', 'Élodie'], ['elodie']),
  row('string', { operator: 'equals', value: 'STRASSE' }, ['strasse'], ['Straße', 'STRAßE']),
  row('string', { operator: 'equals', value: '' }, [''], [' ', 'a', null]),
  row('string', { operator: 'equals', value: 5 }, [], ['5', '', null]),
  row('string', { operator: 'equals', value: true }, [], ['true', null]),
  row(
    'string',
    { operator: 'not_equals', value: 'Lyon' },
    ['Paris', '', ' Lyon '],
    ['LYON', 'lyon', null],
  ),
  row('string', { operator: 'not_equals', value: 5 }, ['5', ''], [null]),
  row(
    'string',
    { operator: 'in', values: ['Lyon', 'PARIS', 5] },
    ['paris', 'lyon'],
    ['5', 'Nice', '', null],
  ),
  row('string', { operator: 'in', values: ['Nice'] }, ['NICE'], ['Lyon', null]),
  row('string', { operator: 'in', values: [] }, [], ['x', '', null]),
  row('string', { operator: 'in', values: [5, true] }, [], ['5', 'true', null]),
  row(
    'string',
    { operator: 'not_in', values: ['Lyon', 'Paris'] },
    ['Nice', ''],
    ['LYON', 'paris', null],
  ),
  row('string', { operator: 'not_in', values: [5] }, ['5', ''], [null]),
  row('string', { operator: 'not_in', values: [] }, ['x'], [null]),
  row(
    'string',
    { operator: 'all_of', values: ['Lyon', 'LYON'] },
    ['lyon', 'Lyon'],
    ['Paris', '', null],
  ),
  row('string', { operator: 'all_of', values: ['Lyon', 'Paris'] }, [], ['Lyon', 'Paris', null]),
  row('string', { operator: 'all_of', values: [] }, ['x', ''], [null]),
  row('string', { operator: 'all_of', values: ['Lyon', 5] }, [], ['Lyon', '5', null]),
  row(
    'string',
    { operator: 'contains', value: 'YO' },
    ['Lyon', 'lyon', 'YO'],
    ['Paris', 'Y O', null],
  ),
  row('string', { operator: 'contains', value: '' }, ['', 'x'], [null]),
  row('string', { operator: 'starts_with', value: 'ly' }, ['Lyon', 'LY'], [' Lyon', 'Ilya', null]),
  row('string', { operator: 'gt', value: 1 }, [], ['2', null]),
  row('string', { operator: 'between', min: 1, max: 3 }, [], ['2', null]),
  row('string', { operator: 'before', value: '2026-01-01' }, [], ['2025-01-01', null]),
  row('string', { operator: 'in_last_days', days: 30 }, [], ['2026-11-16', null]),
  row('string', { operator: 'is_true' }, [], ['true', null]),
  row('string', { operator: 'is_empty' }, [null, ''], [' ', 'x']),
  row('string', { operator: 'is_set' }, [' ', 'x'], [null, '']),

  // ---- enum: compared exactly
  row('enum', { operator: 'equals', value: 'gold' }, ['gold'], ['Gold', 'GOLD', 'silver', null]),
  row(
    'enum',
    { operator: 'in', values: ['gold', 'silver'] },
    ['gold', 'silver'],
    ['Silver', '', null],
  ),
  row('enum', { operator: 'not_equals', value: 'gold' }, ['Gold', 'silver', ''], ['gold', null]),
  row('enum', { operator: 'not_in', values: ['gold', 'silver'] }, ['GOLD', ''], ['silver', null]),
  row('enum', { operator: 'all_of', values: ['gold', 'Gold'] }, [], ['gold', 'Gold']),
  row('enum', { operator: 'all_of', values: ['gold', 'gold'] }, ['gold'], ['Gold', null]),
  row('enum', { operator: 'contains', value: 'ol' }, ['gold'], ['GOLD', null]),
  row('enum', { operator: 'starts_with', value: 'go' }, ['gold'], ['Gold', 'ago', null]),
  row('enum', { operator: 'lt', value: 1 }, [], ['0', null]),
  row('enum', { operator: 'is_empty' }, [null, ''], ['gold']),
  row('enum', { operator: 'is_set' }, ['gold'], ['', null]),

  // ---- number: a number equals only a number
  row('number', { operator: 'equals', value: 5 }, [5], [5.000001, -5, 50, null]),
  row('number', { operator: 'equals', value: 0 }, [0, -0], [1e-9, null]),
  row('number', { operator: 'equals', value: '5' }, [], [5, null]),
  row('number', { operator: 'not_equals', value: 5 }, [4, 0, -5], [5, null]),
  row('number', { operator: 'not_equals', value: '5' }, [5, 0], [null]),
  row('number', { operator: 'in', values: [1, 2, '3'] }, [1, 2], [3, 0, null]),
  row('number', { operator: 'in', values: [7] }, [7], [8, null]),
  row('number', { operator: 'in', values: ['1', true] }, [], [1, null]),
  row('number', { operator: 'not_in', values: [1, 2] }, [3, 0], [1, 2, null]),
  row('number', { operator: 'all_of', values: [2, 2] }, [2], [3, null]),
  row('number', { operator: 'all_of', values: [2, 3] }, [], [2, 3, null]),
  row('number', { operator: 'all_of', values: [] }, [0, 7], [null]),
  row('number', { operator: 'all_of', values: [2, '2'] }, [], [2, null]),
  row('number', { operator: 'gt', value: 2 }, [2.5, 3], [2, 1, null]),
  row('number', { operator: 'gte', value: 2 }, [2, 3], [1.999, null]),
  row('number', { operator: 'lt', value: 2 }, [1.999, -1], [2, 3, null]),
  row('number', { operator: 'lte', value: 2 }, [2, 1], [2.001, null]),
  row('number', { operator: 'between', min: 1, max: 3 }, [1, 2, 3], [0.999, 3.001, null]),
  row('number', { operator: 'gt', value: -1 }, [0], [-1, null]),
  row('number', { operator: 'gte', value: -1 }, [-1, 0], [-2, null]),
  row('number', { operator: 'lt', value: 1 }, [0], [1, null]),
  row('number', { operator: 'lte', value: 1 }, [0, 1], [2, null]),
  row('number', { operator: 'between', min: -1, max: 1 }, [-1, 0, 1], [2, null]),
  row('number', { operator: 'between', min: 3, max: 1 }, [], [1, 2, 3]),
  row('number', { operator: 'between', min: 1, max: '2026-01-01' }, [], [1, 2]),
  row('number', { operator: 'between', min: '2026-01-01', max: 3 }, [], [2, 3]),
  row('number', { operator: 'contains', value: '5' }, [], [5, null]),
  row('number', { operator: 'starts_with', value: '5' }, [], [5, null]),
  row('number', { operator: 'after', value: '2026-01-01' }, [], [5, null]),
  row('number', { operator: 'not_in_last_days', days: 30 }, [], [5, null]),
  row('number', { operator: 'is_true' }, [], [1, null]),
  row('number', { operator: 'is_false' }, [], [0, null]),
  row('number', { operator: 'is_empty' }, [null], [0, -1]),
  row('number', { operator: 'is_set' }, [0, -1], [null]),

  // ---- boolean
  row('boolean', { operator: 'equals', value: true }, [true], [false, null]),
  row('boolean', { operator: 'equals', value: false }, [false], [true, null]),
  row('boolean', { operator: 'equals', value: 'true' }, [], [true, null]),
  row('boolean', { operator: 'equals', value: 1 }, [], [true, null]),
  row('boolean', { operator: 'not_equals', value: true }, [false], [true, null]),
  row('boolean', { operator: 'in', values: [true, false] }, [true, false], [null]),
  row('boolean', { operator: 'not_in', values: [false] }, [true], [false, null]),
  row('boolean', { operator: 'all_of', values: [true] }, [true], [false, null]),
  row('boolean', { operator: 'all_of', values: [true, false] }, [], [true, false]),
  row('boolean', { operator: 'all_of', values: [] }, [false, true], [null]),
  row('boolean', { operator: 'is_true' }, [true], [false, null]),
  row('boolean', { operator: 'is_false' }, [false], [true, null]),
  row('boolean', { operator: 'gt', value: 0 }, [], [true, null]),
  row('boolean', { operator: 'contains', value: 't' }, [], [true, null]),
  row('boolean', { operator: 'is_empty' }, [null], [false, true]),
  row('boolean', { operator: 'is_set' }, [false, true], [null]),

  // ---- date: UTC instants; a calendar date is its UTC day
  row(
    'date',
    { operator: 'equals', value: '2026-01-01' },
    ['2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T23:59:59.999Z'],
    ['2025-12-31T23:59:59.999Z', '2026-01-02T00:00:00.000Z', null],
  ),
  row('date', { operator: 'equals', value: 5 }, [], ['2026-01-01', null]),
  row(
    'date',
    { operator: 'not_equals', value: '2026-01-01' },
    ['2026-01-02', '2025-12-31T23:59:59.999Z'],
    ['2026-01-01T10:00:00.000Z', null],
  ),
  row('date', { operator: 'not_equals', value: 5 }, ['2026-01-01'], [null]),
  row(
    'date',
    { operator: 'in', values: ['2026-01-01', '2026-03-01', 5] },
    ['2026-03-01T05:00:00.000Z', '2026-01-01'],
    ['2026-02-01', null],
  ),
  row('date', { operator: 'in', values: ['2026-03-01'] }, ['2026-03-01'], ['2026-03-02', null]),
  row(
    'date',
    { operator: 'not_in', values: ['2026-01-01', '2026-03-01'] },
    ['2027-01-01'],
    ['2026-03-01T08:00:00.000Z', null],
  ),
  row(
    'date',
    { operator: 'all_of', values: ['2026-01-01', '2026-01-01'] },
    ['2026-01-01T12:00:00.000Z'],
    ['2026-01-02', null],
  ),
  row(
    'date',
    { operator: 'all_of', values: ['2026-01-01', '2026-01-02'] },
    [],
    ['2026-01-01', '2026-01-02', null],
  ),
  row('date', { operator: 'all_of', values: [] }, ['2026-01-01'], [null]),
  row('date', { operator: 'all_of', values: ['2026-01-01', 5] }, [], ['2026-01-01']),
  row(
    'date',
    { operator: 'before', value: '2026-01-01' },
    ['2025-12-31T23:59:59.999Z', '1900-01-01'],
    ['2026-01-01', null],
  ),
  row(
    'date',
    { operator: 'after', value: '2026-01-01' },
    ['2026-01-02T00:00:00.000Z'],
    ['2026-01-01T23:59:59.999Z', '2025-01-01', null],
  ),
  row(
    'date',
    { operator: 'between', min: '2026-01-01', max: '2026-01-31' },
    ['2026-01-01', '2026-01-31T23:59:59.999Z'],
    ['2025-12-31T23:59:59.999Z', '2026-02-01', null],
  ),
  row('date', { operator: 'between', min: 5, max: 6 }, [], ['2026-01-01', null]),
  row(
    'date',
    { operator: 'in_last_days', days: 30 },
    [TRUTH_AS_OF, at(asOfMs - 30 * DAY)],
    [at(asOfMs - 30 * DAY - 1), at(asOfMs + 1), null],
  ),
  row(
    'date',
    { operator: 'not_in_last_days', days: 30 },
    [at(asOfMs - 30 * DAY - 1), at(asOfMs + 1)],
    [TRUTH_AS_OF, at(asOfMs - DAY), null],
  ),
  row('date', { operator: 'gt', value: 0 }, [], ['2026-01-01', null]),
  row('date', { operator: 'contains', value: '2026' }, [], ['2026-01-01', null]),
  row('date', { operator: 'is_false' }, [], ['2026-01-01', null]),
  row('date', { operator: 'is_empty' }, [null], ['2026-01-01']),
  row('date', { operator: 'is_set' }, ['2026-01-01'], [null]),

  // ---- dynamic: each value compared as its own JSON type; strings lower-cased
  row('dynamic', { operator: 'equals', value: 5 }, [5], ['5', true, null]),
  row('dynamic', { operator: 'equals', value: '5' }, ['5'], [5, null]),
  row('dynamic', { operator: 'equals', value: 'ÉLAN' }, ['élan', 'Élan'], ['elan', null]),
  row('dynamic', { operator: 'equals', value: true }, [true], ['true', 1, false, null]),
  row('dynamic', { operator: 'not_equals', value: 5 }, [4, '5', true], [5, null]),
  row('dynamic', { operator: 'in', values: [5, 'x', true] }, [5, 'X', true], ['5', false, 4, null]),
  row('dynamic', { operator: 'not_in', values: [5, 'x'] }, [4, 'y', false], [5, 'X', null]),
  row('dynamic', { operator: 'all_of', values: [5] }, [5], ['5', null]),
  row('dynamic', { operator: 'all_of', values: ['x', 'X'] }, ['x'], [5, null]),
  row('dynamic', { operator: 'gt', value: 4 }, [4.5], [4, '5', true, null]),
  row('dynamic', { operator: 'between', min: 1, max: 3 }, [2], ['2', null]),
  row('dynamic', { operator: 'contains', value: 'a' }, ['A', 'bar'], [1, true, null]),
  row('dynamic', { operator: 'starts_with', value: 'É' }, ['élan'], ['elan', 1, null]),
  row('dynamic', { operator: 'before', value: '2026-01-01' }, [], ['2025-01-01', null]),
  row('dynamic', { operator: 'is_true' }, [true], ['true', 1, false, null]),
  row('dynamic', { operator: 'is_false' }, [false], ['false', 0, true, null]),
  row('dynamic', { operator: 'is_empty' }, [null, ''], [0, false, ' ', 'x']),
  row('dynamic', { operator: 'is_set' }, [0, false, ' '], [null, '']),
];

/** Sets of enum values (channels used…): exact, and an empty set is missing. */
export const SET_TRUTHS: readonly SetTruth[] = [
  {
    test: { operator: 'equals', value: 'web' },
    holds: [['web'], ['store', 'web']],
    fails: [['store'], ['WEB'], []],
  },
  { test: { operator: 'equals', value: 5 }, holds: [], fails: [['web'], []] },
  {
    test: { operator: 'in', values: ['web', 5] },
    holds: [['web'], ['web', 'app']],
    fails: [['app'], []],
  },
  {
    test: { operator: 'in', values: ['web', 'app'] },
    holds: [['app'], ['web', 'store']],
    fails: [['store'], []],
  },
  { test: { operator: 'in', values: [5] }, holds: [], fails: [['web'], []] },
  {
    test: { operator: 'not_equals', value: 'web' },
    holds: [['store']],
    fails: [['web', 'store'], []],
  },
  {
    test: { operator: 'not_in', values: ['web', 'store'] },
    holds: [['app']],
    fails: [['store', 'app'], []],
  },
  { test: { operator: 'not_in', values: [5] }, holds: [['web']], fails: [[]] },
  {
    test: { operator: 'all_of', values: ['web', 'store'] },
    holds: [['web', 'store', 'app']],
    fails: [['web'], ['store'], []],
  },
  {
    test: { operator: 'all_of', values: ['web', 'web'] },
    holds: [['web']],
    fails: [['store'], []],
  },
  { test: { operator: 'all_of', values: [] }, holds: [['web']], fails: [[]] },
  { test: { operator: 'all_of', values: ['web', 5] }, holds: [], fails: [['web'], []] },
  { test: { operator: 'contains', value: 'we' }, holds: [], fails: [['web'], []] },
  { test: { operator: 'gt', value: 0 }, holds: [], fails: [['web'], []] },
  { test: { operator: 'is_true' }, holds: [], fails: [['web'], []] },
  { test: { operator: 'is_empty' }, holds: [[]], fails: [['web']] },
  { test: { operator: 'is_set' }, holds: [['web']], fails: [[]] },
];
