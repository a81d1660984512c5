import { describe, expect, test } from 'vitest';
import type { Comparison } from './definition.ts';
import type { Scalar } from './facts.ts';
import { SET_TRUTHS, TRUTH_AS_OF, VALUE_TRUTHS, type ValueTruth } from './operators.fixture.ts';
import { dynamicTest, setTest, valueTest } from './value-tests.ts';

const asOfMs = Date.parse(TRUTH_AS_OF);
const shown = (values: readonly unknown[]) =>
  values.length === 0 ? 'nothing' : values.map((v) => JSON.stringify(v)).join(', ');
const named = (
  kind: string,
  test: Comparison,
  holds: readonly unknown[],
  fails: readonly unknown[],
) => `${kind} ${JSON.stringify(test)} holds for ${shown(holds)}; not for ${shown(fails)}`;

function jsTest(row: Pick<ValueTruth, 'kind' | 'test'>): (v: Scalar) => boolean {
  return row.kind === 'dynamic' ? dynamicTest(row.test) : valueTest(row.test, row.kind, asOfMs);
}

describe('what each operator means in JS (the table in operators.fixture.ts)', () => {
  test.each(
    VALUE_TRUTHS.map((row) => [named(row.kind, row.test, row.holds, row.fails), row] as const),
  )('%s', (_, row) => {
    const check = jsTest(row);
    expect(row.holds.filter((v) => !check(v))).toEqual([]);
    expect(row.fails.filter((v) => check(v))).toEqual([]);
  });

  test.each(SET_TRUTHS.map((row) => [named('set', row.test, row.holds, row.fails), row] as const))(
    '%s',
    (_, row) => {
      const check = setTest(row.test);
      expect(row.holds.map((v) => [v, check(new Set(v))])).toEqual(row.holds.map((v) => [v, true]));
      expect(row.fails.map((v) => [v, check(new Set(v))])).toEqual(
        row.fails.map((v) => [v, false]),
      );
    },
  );
});

describe('laws every kind keeps', () => {
  const kinds = ['string', 'enum', 'number', 'boolean', 'date', 'dynamic'] as const;
  const samples = (kind: ValueTruth['kind']) => [
    ...new Set(
      VALUE_TRUTHS.filter((r) => r.kind === kind).flatMap((r) => [...r.holds, ...r.fails]),
    ),
  ];

  test.each(kinds)('is_set is exactly not is_empty on every %s value', (kind) => {
    const empty = jsTest({ kind, test: { operator: 'is_empty' } });
    const set = jsTest({ kind, test: { operator: 'is_set' } });
    expect(samples(kind).filter((v) => empty(v) === set(v))).toEqual([]);
  });

  test.each(kinds)('not_in is "present and not in" on every %s value', (kind) => {
    const values = samples(kind).filter((v) => v !== null);
    const present = jsTest({ kind, test: { operator: 'all_of', values: [] } });
    for (const listed of values) {
      const isIn = jsTest({ kind, test: { operator: 'in', values: [listed] } });
      const notIn = jsTest({ kind, test: { operator: 'not_in', values: [listed] } });
      const wrong = samples(kind).filter((v) => notIn(v) !== (present(v) && !isIn(v)));
      expect(wrong).toEqual([]);
    }
  });
});

describe('an unreadable date is a missing one', () => {
  test.each<[Comparison, boolean]>([
    [{ operator: 'is_empty' }, true],
    [{ operator: 'is_set' }, false],
    [{ operator: 'not_equals', value: '2026-01-01' }, false],
    [{ operator: 'not_in_last_days', days: 30 }, false],
    [{ operator: 'before', value: '2999-01-01' }, false],
    [{ operator: 'all_of', values: [] }, false],
  ])('%j on "soon" is %s', (test, expected) => {
    expect(valueTest(test, 'date', asOfMs)('soon')).toBe(expected);
  });
});
