// What the field picker offers, read from the catalogue (never a list of our own), and the new
// condition each choice starts as.
import {
  aggregateMeasure,
  reachabilityCondition,
  type BehaviourCondition,
  type Condition,
  type ReachabilityCondition,
} from '../../domain/segment/definition.ts';
import {
  aggregateField,
  attributeField,
  eventTypeOf,
  scoreField,
  type FieldCatalogue,
  type FieldInfo,
} from '../../domain/segment/catalogue-view.ts';
import { DEFAULT_DAYS, defaultOperator, makeTest } from './test-defaults.ts';

export type PickerKind = 'attribute' | 'behaviour' | 'aggregate' | 'score' | 'reachability';
export const PICKER_KINDS: readonly { kind: PickerKind; label: string }[] = [
  { kind: 'attribute', label: 'Attributes' },
  { kind: 'behaviour', label: 'Behaviour' },
  { kind: 'aggregate', label: 'Aggregates' },
  { kind: 'score', label: 'Scores' },
  { kind: 'reachability', label: 'Reachability' },
];

export type PickerTarget =
  | { kind: 'attribute' | 'score' | 'aggregate'; field: FieldInfo }
  | { kind: 'behaviour'; action: BehaviourCondition['action'] }
  | { kind: 'reachability'; check: ReachabilityCondition['check'] };

export interface PickerItem {
  /** Unique among the items: also what a node is matched back to. */
  key: string;
  kind: PickerKind;
  label: string;
  target: PickerTarget;
}

export const ORDER_LABEL = 'Placed an order';
const checkSchema = reachabilityCondition.shape.check;

/** The reachability check a catalogue field stands for, by its id. */
function reachabilityCheck(id: string): ReachabilityCondition['check'] | undefined {
  const consent = /^reachability\.consent_(.+)$/.exec(id);
  const candidate = consent
    ? { type: 'consent', channel: consent[1] }
    : id === 'reachability.valid_email'
      ? { type: 'valid_email' }
      : id === 'reachability.has_phone' || id === 'reachability.valid_phone'
        ? { type: 'valid_phone' }
        : null;
  const parsed = checkSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export function checkKey(check: ReachabilityCondition['check']): string {
  return check.type === 'consent'
    ? `reachability:consent:${check.channel}`
    : `reachability:${check.type}`;
}

export function actionKey(action: BehaviourCondition['action']): string {
  return action.type === 'order' ? 'behaviour:order' : `behaviour:event:${action.event_type}`;
}

export function pickerItems(catalogue: FieldCatalogue): PickerItem[] {
  const items: PickerItem[] = [];
  for (const f of catalogue.fields) {
    if (f.group === 'attribute') {
      const field = attributeField(catalogue, f.id);
      if (field)
        items.push({
          key: `attribute:${f.id}`,
          kind: 'attribute',
          label: f.label,
          target: { kind: 'attribute', field },
        });
    } else if (f.group === 'score') {
      const field = scoreField(catalogue, f.id);
      if (field)
        items.push({
          key: `score:${f.id}`,
          kind: 'score',
          label: f.label,
          target: { kind: 'score', field },
        });
    } else if (f.group === 'aggregate') {
      const measure = aggregateMeasure.safeParse(f.id.replace(/^aggregate\./, ''));
      if (!measure.success) continue;
      const field = aggregateField(catalogue, measure.data);
      items.push({
        key: `aggregate:${f.id}`,
        kind: 'aggregate',
        label: field.label,
        target: { kind: 'aggregate', field },
      });
    } else if (f.group === 'reachability') {
      const check = reachabilityCheck(f.id);
      if (check)
        items.push({
          key: checkKey(check),
          kind: 'reachability',
          label: f.label,
          target: { kind: 'reachability', check },
        });
    }
  }
  const order = { type: 'order' } as const;
  items.push({
    key: actionKey(order),
    kind: 'behaviour',
    label: ORDER_LABEL,
    target: { kind: 'behaviour', action: order },
  });
  for (const e of catalogue.event_types) {
    const action = { type: 'event' as const, event_type: e.type };
    items.push({
      key: actionKey(action),
      kind: 'behaviour',
      label: e.label,
      target: { kind: 'behaviour', action },
    });
  }
  return items;
}

/** The picker key a condition was made from, to show it as the current choice. */
export function keyOfCondition(node: Condition): string | undefined {
  switch (node.kind) {
    case 'attribute':
      return `attribute:${node.field}`;
    case 'score':
      return `score:${node.score}`;
    case 'aggregate':
      return `aggregate:aggregate.${node.measure}`;
    case 'behaviour':
      return actionKey(node.action);
    case 'reachability':
      return checkKey(node.check);
    case 'segment':
      return undefined;
  }
}

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
        filters: sameAction ? kept.filters : [],
      };
    }
    case 'reachability':
      return { id, negate, kind: 'reachability', check: target.check };
  }
}

/** How a condition is named in labels ("Operator for City"). */
export function conditionName(node: Condition, catalogue: FieldCatalogue): string {
  switch (node.kind) {
    case 'attribute':
      return attributeField(catalogue, node.field)?.label ?? node.field;
    case 'score':
      return scoreField(catalogue, node.score)?.label ?? node.score;
    case 'aggregate':
      return aggregateField(catalogue, node.measure).label;
    case 'behaviour':
      return node.action.type === 'order'
        ? ORDER_LABEL
        : (eventTypeOf(catalogue, node.action.event_type)?.label ?? node.action.event_type);
    case 'reachability': {
      const key = checkKey(node.check);
      return pickerItems(catalogue).find((i) => i.key === key)?.label ?? key;
    }
    case 'segment':
      return `Segment ${node.segment_id}`;
  }
}
