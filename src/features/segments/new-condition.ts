// The condition a picked field starts as; a condition of the same kind that is being changed keeps
// its NOT, its window and whatever of its test still fits.
import { aggregateMeasure, type Condition } from '../../domain/segment/definition.ts';
import type { FieldInfo } from '../../domain/segment/catalogue-view.ts';
import { actionKey, type PickerTarget } from './catalogue-options.ts';
import { DEFAULT_DAYS, defaultOperator, makeTest } from './test-defaults.ts';

/** A condition for a picked item; an existing condition of the same kind keeps what still fits. */
export function makeCondition(
  target: PickerTarget,
  id: string,
  today: string,
  previous?: Condition,
): Condition {
  const negate = previous?.negate ?? false;
  const withTest = (field: FieldInfo) => {
    const prevTest = previous && 'test' in previous ? previous.test : undefined;
    const operator = prevTest?.operator ?? defaultOperator(field.type);
    return makeTest(field.type, operator, prevTest, today);
  };
  switch (target.kind) {
    case 'attribute':
      return {
        id,
        negate,
        kind: 'attribute',
        field: target.field.id,
        test: withTest(target.field),
      };
    case 'score':
      return { id, negate, kind: 'score', score: target.field.id, test: withTest(target.field) };
    case 'aggregate': {
      const measure = aggregateMeasure.parse(target.field.id.replace(/^aggregate\./, ''));
      const window = previous?.kind === 'aggregate' ? previous.window : { type: 'ever' as const };
      return { id, negate, kind: 'aggregate', measure, window, test: withTest(target.field) };
    }
    case 'behaviour': {
      const kept = previous?.kind === 'behaviour' ? previous : undefined;
      const sameAction = kept && actionKey(kept.action) === actionKey(target.action);
      return {
        id,
        negate,
        kind: 'behaviour',
        action: target.action,
        count: kept?.count ?? { operator: 'at_least', value: 1 },
        window: kept?.window ?? { type: 'last_days', days: DEFAULT_DAYS },
        filters: target.filter
          ? [
              {
                field: target.filter.field.id,
                test: { operator: 'equals', value: target.filter.value },
              },
            ]
          : sameAction
            ? kept.filters
            : [],
      };
    }
    case 'reachability':
      return { id, negate, kind: 'reachability', check: target.check };
    case 'segment':
      return { id, negate, kind: 'segment', segment_id: target.segmentId };
  }
}
