// Small builders of definition nodes for the description tests (English and French).
import type {
  AggregateCondition,
  BehaviourCondition,
  Comparison,
  Group,
  SegmentNode,
  TimeWindow,
} from './definition.ts';

export const attr = (field: string, test: Comparison, id = 'c'): SegmentNode => ({
  id,
  kind: 'attribute',
  negate: false,
  field,
  test,
});
export const eq = (value: string | number | boolean): Comparison => ({ operator: 'equals', value });
export const group = (
  id: string,
  children: SegmentNode[],
  combinator: 'and' | 'or' = 'and',
  negate = false,
): Group => ({ id, kind: 'group', negate, combinator, children });
export const not = <N extends SegmentNode>(node: N): N => ({ ...node, negate: true });
export const last = (d: number): TimeWindow => ({ type: 'last_days', days: d });
export const ever: TimeWindow = { type: 'ever' };
export type Count = BehaviourCondition['count'];
export const atLeast = (value: number): Count => ({ operator: 'at_least', value });
export const exactly = (value: number): Count => ({ operator: 'exactly', value });
export const atMost = (value: number): Count => ({ operator: 'at_most', value });
export const event = (
  event_type: string,
  count: Count = atLeast(1),
  window: TimeWindow = ever,
  filters: BehaviourCondition['filters'] = [],
): BehaviourCondition => ({
  id: 'b',
  kind: 'behaviour',
  negate: false,
  action: { type: 'event', event_type },
  count,
  window,
  filters,
});
export const orders = (
  count: Count,
  window: TimeWindow = ever,
  filters: BehaviourCondition['filters'] = [],
): BehaviourCondition => ({ ...event('x', count, window, filters), action: { type: 'order' } });
export const aggregate = (
  measure: AggregateCondition['measure'],
  test: Comparison,
  window: TimeWindow = ever,
): SegmentNode => ({ id: 'a', kind: 'aggregate', negate: false, measure, test, window });
